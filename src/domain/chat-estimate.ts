/**
 * The chat model's inputs estimated from the shop's per-agent service report (chat-report.ts):
 * K, the handle time at the concurrency agents actually worked at, that concurrency, and how
 * much a chat slows down per extra chat held; then the `service.chat` they give. Each estimate
 * carries its basis (English and Chinese), the way last year's estimates do (history.ts).
 *
 * The reading of the report (docs/staffing.md "Calibrating the chat model"):
 * - 平均接待时长 D_i is a chat's wall-clock duration while agent i held several chats at once, so
 *   it is AHT at that agent's concurrency, not AHT_1.
 * - Agent i's concurrency is c_i = 接待人数 × 平均接待时长 ÷ 在线总时长 (Little's law: chats served
 *   × time each ÷ time online = chats held on average while online, idle time included).
 * - The chat model's linear slowdown: AHT_k = AHT_1 × (1 + s × (k − 1)), so D_i ≈ AHT_1 × (1 + s ×
 *   (c_i − 1)): a straight line in c_i with intercept-at-1 AHT_1 and slope AHT_1 × s.
 */
import type { AgentServiceRow } from "./chat-report.ts";
import { InputError, issue } from "./errors.ts";
import type { Plan, QueueName } from "./staffing.ts";
import { basisFigure, round } from "./figures.ts";

export type ChatEstimateKey = "maxParallel" | "typicalConcurrency" | "ahtSecAtTypical" | "slowdownPerExtraChat" | "ahtSecAtOneChat" | "firstResponseSec";

/** One figure from the report, how it was reached, and the `service.chat` field it sets (null: for information). */
export type ChatEstimate = { key: ChatEstimateKey; value: number; sets: string | null; fallback: boolean; basis: { en: string; zh: string } };

/** The derived chat spec (requirement.ts `ChatSpec`, derived form) and the AHT list it gives. */
export type ChatCalibration = {
  /** Agents whose rows were used. */
  agents: number;
  estimates: ChatEstimate[];
  chat: { ahtSecAtOneChat: number; slowdownPerExtraChat: number; maxParallel: number };
  ahtSecByParallel: number[];
};

export type ChatEstimateOptions = {
  /** The slowdown to fall back on when the report cannot give one (e.g. the plan's current one), with where it comes from. */
  fallbackSlowdown?: { value: number; en: string; zh: string } | undefined;
};

/** At least this many agents, and this spread of concurrency between them, before a slope is fitted. */
export const MIN_AGENTS_FOR_SLOPE = 5;
export const MIN_CONCURRENCY_SPREAD = 0.5;
/**
 * The slowdown when the report cannot give one and no other is known: +1/6 of AHT_1 per extra
 * chat, the slope of the ErlangCCmath demo's Erlang Chat example (AHT 3, 3.5, 4 min). An example
 * figure, not a measurement: the basis says so and the user may change it.
 */
export const DEFAULT_SLOWDOWN = 0.1667;
/** A fitted slowdown is kept in [0, 1]: below 0 a chat would speed up as agents take on more; at 1 an extra chat adds no throughput at all. */
const SLOWDOWN_RANGE = [0, 1] as const;
/** The schema's bounds on K and on a handle time. */
const K_RANGE = [1, 10] as const;
const MAX_AHT_SEC = 7200;

/**
 * Estimates from the report's agents (those who served chats; see the module comment):
 * - K: the median over agents of 最大同时接待, rounded down, within 1–10. The median, not the
 *   maximum: one agent who once held 9 chats does not set the team's cap, while half the team
 *   reaching a count means the shop works to it (often its 千牛 接待上限). Without the column: the
 *   highest agent concurrency c_i, rounded up.
 * - typical concurrency c̄ = Σ R_i·c_i ÷ Σ R_i and AHT at it D̄ = Σ R_i·D_i ÷ Σ R_i, both weighted
 *   by 接待人数 R_i: the concurrency and duration the typical chat was served at. The same weights
 *   make (c̄, D̄) a point on the fitted line below.
 * - slowdown s: least squares of D_i on c_i weighted by R_i (slope b, intercept a), AHT_1 = a + b
 *   (the line at one chat), s = b ÷ AHT_1, kept in [0, 1]. Fewer than 5 agents, or concurrencies
 *   spread by less than 0.5 chat, cannot show a slope: then the fallback (the caller's, else
 *   `DEFAULT_SLOWDOWN`) with the reason in its basis.
 * - AHT_1 = D̄ ÷ (1 + s·(c̄ − 1)): the line through (c̄, D̄) with slowdown s, back at one chat
 *   (equal to a + b when s is the unclamped fit).
 * - first response (首次响应), weighted by 接待人数, for information.
 * Caveat, in the docs too: an agent slow for other reasons (new, harder products) shows both a
 * longer D_i and a higher c_i, which steepens the slope; the clamp bounds it.
 */
export function estimateChat(rows: readonly AgentServiceRow[], options: ChatEstimateOptions = {}): ChatCalibration {
  if (rows.length === 0) throw new InputError([{ path: "file", ...issue("chat_no_agents", {}, "no agent who served chats") }]);
  const agents = rows.map((r) => ({ ...r, concurrency: (r.receptions * r.handleSec) / r.onlineSec }));
  const weight = sum(agents.map((a) => a.receptions));
  const typical = sum(agents.map((a) => a.receptions * a.concurrency)) / weight;
  const ahtTypical = sum(agents.map((a) => a.receptions * a.handleSec)) / weight;
  const estimates: ChatEstimate[] = [];

  const maxima = agents.flatMap((a) => (a.maxConcurrent === null ? [] : [a.maxConcurrent]));
  if (maxima.length > 0) {
    const median = medianOf(maxima);
    const k = clamp(Math.floor(median), K_RANGE);
    estimates.push({
      key: "maxParallel",
      value: k,
      sets: "maxParallel",
      fallback: false,
      basis: {
        en: `median of ${maxima.length} agents' most chats at once (最大同时接待) ${basisFigure(median)}, rounded down${k !== Math.floor(median) ? `, kept within ${K_RANGE[0]}–${K_RANGE[1]}` : ""}`,
        zh: `${maxima.length} 位客服「最大同时接待」的中位数 ${basisFigure(median)}，向下取整${k !== Math.floor(median) ? `，限定在 ${K_RANGE[0]}–${K_RANGE[1]}` : ""}`,
      },
    });
  } else {
    const highest = Math.max(...agents.map((a) => a.concurrency));
    const k = clamp(Math.ceil(highest), K_RANGE);
    estimates.push({
      key: "maxParallel",
      value: k,
      sets: "maxParallel",
      fallback: true,
      basis: {
        en: `the file has no 最大同时接待 column: the highest agent concurrency ${basisFigure(highest)}, rounded up`,
        zh: `文件没有「最大同时接待」列：按客服中最高的平均同时接待 ${basisFigure(highest)} 向上取整`,
      },
    });
  }

  estimates.push({
    key: "typicalConcurrency",
    value: round(typical, 2),
    sets: null,
    fallback: false,
    basis: {
      en: `each agent's 接待人数 × 平均接待时长 ÷ 在线总时长 (chats held on average while online), averaged over ${agents.length} agents weighted by 接待人数`,
      zh: `每位客服 接待人数 × 平均接待时长 ÷ 在线总时长（在线时平均同时接待数），按接待人数加权平均（${agents.length} 位客服）`,
    },
  });
  estimates.push({
    key: "ahtSecAtTypical",
    value: round(ahtTypical, 1),
    sets: null,
    fallback: false,
    basis: {
      en: `平均接待时长 averaged over ${agents.length} agents weighted by 接待人数 (${basisFigure(weight)} chats): a chat's duration at ${basisFigure(typical)} chats at once`,
      zh: `平均接待时长按接待人数加权平均（${agents.length} 位客服，共 ${basisFigure(weight)} 个会话）：同时接待约 ${basisFigure(typical)} 个时每个会话的时长`,
    },
  });

  const slope = fitSlowdown(agents, typical, ahtTypical);
  let slowdown: number;
  if (slope.kind === "fit") {
    slowdown = round(clamp(slope.slowdown, SLOWDOWN_RANGE), 4);
    const clamped = slowdown !== round(slope.slowdown, 4);
    estimates.push({
      key: "slowdownPerExtraChat",
      value: slowdown,
      sets: "slowdownPerExtraChat",
      fallback: false,
      basis: {
        en: `least squares of 平均接待时长 on concurrency over ${agents.length} agents (weighted by 接待人数; concurrency ${basisFigure(slope.min)}–${basisFigure(slope.max)}, R² ${basisFigure(slope.r2)}): +${basisFigure(slope.slopeSec)} s per extra chat ÷ AHT at one chat ${basisFigure(slope.ahtAtOne)} s = ${basisFigure(slope.slowdown)}${clamped ? `, kept within ${SLOWDOWN_RANGE[0]}–${SLOWDOWN_RANGE[1]}` : ""}`,
        zh: `${agents.length} 位客服的平均接待时长对同时接待数做最小二乘（按接待人数加权；同时接待 ${basisFigure(slope.min)}–${basisFigure(slope.max)}，R² ${basisFigure(slope.r2)}）：每多一个会话 +${basisFigure(slope.slopeSec)} 秒 ÷ 单会话时长 ${basisFigure(slope.ahtAtOne)} 秒 = ${basisFigure(slope.slowdown)}${clamped ? `，限定在 ${SLOWDOWN_RANGE[0]}–${SLOWDOWN_RANGE[1]}` : ""}`,
      },
    });
  } else {
    const fallback = options.fallbackSlowdown ?? {
      value: DEFAULT_SLOWDOWN,
      en: "the default (the ErlangCCmath Erlang Chat example's 3, 3.5, 4 min; not a measurement)",
      zh: "默认值（ErlangCCmath 聊天模型示例 3、3.5、4 分钟的斜率，并非实测）",
    };
    slowdown = fallback.value;
    estimates.push({
      key: "slowdownPerExtraChat",
      value: slowdown,
      sets: "slowdownPerExtraChat",
      fallback: true,
      basis: { en: `${slope.en}; used ${fallback.en}`, zh: `${slope.zh}；采用${fallback.zh}` },
    });
  }

  const ahtAtOne = round(ahtTypical / (1 + slowdown * (typical - 1)), 1);
  if (!(ahtAtOne > 0 && ahtAtOne <= MAX_AHT_SEC)) {
    throw new InputError([
      {
        path: "file",
        ...issue(
          "chat_aht_out_of_range",
          { aht: ahtAtOne, maximum: MAX_AHT_SEC },
          `the report gives a handle time at one chat of ${basisFigure(ahtAtOne)} s, outside 0–${MAX_AHT_SEC} s; check 平均接待时长's unit`,
        ),
      },
    ]);
  }
  estimates.push({
    key: "ahtSecAtOneChat",
    value: ahtAtOne,
    sets: "ahtSecAtOneChat",
    fallback: false,
    basis: {
      en: `AHT at ${basisFigure(typical)} chats ${basisFigure(ahtTypical)} s ÷ (1 + slowdown ${basisFigure(slowdown, 4)} × (${basisFigure(typical)} − 1))`,
      zh: `同时 ${basisFigure(typical)} 个时的时长 ${basisFigure(ahtTypical)} 秒 ÷ (1 + 放慢系数 ${basisFigure(slowdown, 4)} × (${basisFigure(typical)} − 1))`,
    },
  });

  const responded = agents.filter((a) => a.firstResponseSec !== null);
  if (responded.length > 0) {
    const w = sum(responded.map((a) => a.receptions));
    estimates.push({
      key: "firstResponseSec",
      value: round(sum(responded.map((a) => a.receptions * (a.firstResponseSec ?? 0))) / w, 1),
      sets: null,
      fallback: false,
      basis: { en: `首次响应 weighted by 接待人数 over ${responded.length} agents (for information)`, zh: `${responded.length} 位客服的首次响应按接待人数加权（仅供参考）` },
    });
  }

  const maxParallel = (estimates[0] as ChatEstimate).value;
  const chat = { ahtSecAtOneChat: ahtAtOne, slowdownPerExtraChat: slowdown, maxParallel };
  const ahtSecByParallel = Array.from({ length: maxParallel }, (_, i) => round(ahtAtOne * (1 + slowdown * i), 1));
  return { agents: agents.length, estimates, chat, ahtSecByParallel };
}

type SlopeFit = { kind: "fit"; slowdown: number; slopeSec: number; ahtAtOne: number; r2: number; min: number; max: number } | { kind: "none"; en: string; zh: string };

/** Weighted least squares of D_i on c_i through (c̄, D̄); the slowdown it gives, or why it cannot. */
function fitSlowdown(agents: readonly (AgentServiceRow & { concurrency: number })[], typical: number, ahtTypical: number): SlopeFit {
  const cs = agents.map((a) => a.concurrency);
  const [min, max] = [Math.min(...cs), Math.max(...cs)];
  if (agents.length < MIN_AGENTS_FOR_SLOPE) {
    return {
      kind: "none",
      en: `only ${agents.length} agents, fewer than ${MIN_AGENTS_FOR_SLOPE}, cannot show a slope`,
      zh: `只有 ${agents.length} 位客服，少于 ${MIN_AGENTS_FOR_SLOPE} 位，看不出放慢程度`,
    };
  }
  if (max - min < MIN_CONCURRENCY_SPREAD) {
    return {
      kind: "none",
      en: `agents' concurrency spans only ${basisFigure(min)}–${basisFigure(max)}, less than ${MIN_CONCURRENCY_SPREAD} chat apart, so it cannot show a slope`,
      zh: `客服的同时接待数只在 ${basisFigure(min)}–${basisFigure(max)} 之间（相差不到 ${MIN_CONCURRENCY_SPREAD}），看不出放慢程度`,
    };
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const a of agents) {
    sxy += a.receptions * (a.concurrency - typical) * (a.handleSec - ahtTypical);
    sxx += a.receptions * (a.concurrency - typical) ** 2;
    syy += a.receptions * (a.handleSec - ahtTypical) ** 2;
  }
  const slopeSec = sxy / sxx;
  const ahtAtOne = ahtTypical - slopeSec * (typical - 1);
  if (!(ahtAtOne > 0)) {
    return { kind: "none", en: `the fitted line reaches ${basisFigure(ahtAtOne)} s at one chat, not a handle time`, zh: `拟合直线在单会话处为 ${basisFigure(ahtAtOne)} 秒，不是有效时长` };
  }
  const r2 = syy > 0 ? (sxy * sxy) / (sxx * syy) : 0;
  return { kind: "fit", slowdown: slopeSec / ahtAtOne, slopeSec, ahtAtOne, r2, min, max };
}

/**
 * The plan with the calibration written into `queue`'s `service.chat` (the derived form: AHT at
 * one chat, slowdown, K). The queue must have a service target already: the report says how
 * agents handle chats, not what the shop promises its customers. Pure; the caller re-validates.
 */
export function applyChatCalibration<P extends Plan>(plan: P, queue: QueueName, calibration: ChatCalibration): P {
  if (!plan[queue].service) {
    throw new InputError([
      {
        path: `${queue}.service`,
        ...issue("chat_no_service_target", { queue }, `the ${queue} queue has no service target; set the service-level method and its target (first-response seconds, service level) first`),
      },
    ]);
  }
  const next = structuredClone(plan);
  (next[queue].service as NonNullable<Plan[QueueName]["service"]>).chat = { ...calibration.chat };
  return next;
}

/** The slowdown a plan's queue already has (derived form, or from its AHT list's ends), for the fallback. */
export function currentSlowdown(plan: Plan, queue: QueueName): number | null {
  const chat = plan[queue].service?.chat;
  if (!chat) return null;
  if ("slowdownPerExtraChat" in chat) return chat.slowdownPerExtraChat;
  const list = chat.ahtSecByParallel;
  if (list.length < 2) return null;
  return round(((list.at(-1) as number) / (list[0] as number) - 1) / (list.length - 1), 4);
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
const clamp = (x: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, x));
