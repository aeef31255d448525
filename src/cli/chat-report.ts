/**
 * `peakcrew chat-report FILE [--plan ID|PLAN.json] [--queue presales|aftersales] [--apply] [--out PLAN.json]`:
 * the chat model's K, AHT and slowdown estimated from the shop's per-agent 赤兔 / 千牛 service
 * report (CSV in GBK or UTF-8, or xlsx), each with its basis. With a stored plan (--plan ID),
 * --apply writes them into the queue's `service.chat` (the plan's version goes up); with a plan
 * file, --out writes the plan with them applied.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadCatalog } from "../catalog.ts";
import { type ChatReportAnswer, calibrateFromFile } from "../chat-report-file.ts";
import type { TextEncoding } from "../csv.ts";
import { applyChatCalibration, currentSlowdown } from "../domain/chat-estimate.ts";
import { InputError, withIssuePaths } from "../domain/errors.ts";
import type { Lang } from "../domain/export.ts";
import { type Plan, planStaffing, type QueueName } from "../domain/staffing.ts";
import { HistoryImportSchema, parse, parsePlan } from "../schemas.ts";
import { dbFileOf } from "../config.ts";
import { openDb } from "../store/db.ts";
import { plansRepo } from "../store/plans.ts";
import { args, EXIT, type Io, langOf, readJsonFile } from "./common.ts";
import { fmt, table } from "./format.ts";

const QUEUE_ZH: Record<QueueName, string> = { presales: "售前", aftersales: "售后" };
const KEY_TEXT: Record<string, { zh: string; en: string }> = {
  maxParallel: { zh: "最多同时接待 K", en: "most chats at once K" },
  typicalConcurrency: { zh: "典型同时接待数", en: "typical concurrency" },
  ahtSecAtTypical: { zh: "典型并发下会话时长（秒）", en: "AHT at typical concurrency (s)" },
  slowdownPerExtraChat: { zh: "每多一个会话的放慢系数", en: "slowdown per extra chat" },
  ahtSecAtOneChat: { zh: "单会话时长（秒）", en: "AHT at one chat (s)" },
  firstResponseSec: { zh: "平均首次响应（秒）", en: "first response (s)" },
};

export async function chatReportCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(
    argv,
    { plan: { type: "string" }, queue: { type: "string" }, apply: { type: "boolean" }, out: { type: "string" }, encoding: { type: "string" }, lang: { type: "string" }, db: { type: "string" }, json: { type: "boolean" } },
    1,
  );
  const file = positionals[0] as string;
  const lang = langOf(values.lang);
  const queue = values.queue ?? "presales";
  if (queue !== "presales" && queue !== "aftersales") throw new InputError([{ path: "--queue", message: 'must be "presales" (default) or "aftersales"' }]);
  const encoding = withIssuePaths(() => "--encoding", () => parse(HistoryImportSchema.shape.encoding, values.encoding)) as TextEncoding | undefined;
  const planRef = values.plan as string | undefined;
  const storedId = planRef !== undefined && /^\d+$/.test(planRef) && !existsSync(planRef) ? Number(planRef) : null;
  if (values.apply && storedId === null) throw new InputError([{ path: "--apply", message: "updates a stored plan: give --plan ID (for a plan file, --out FILE.json writes it with the estimates)" }]);
  if (values.out !== undefined && (planRef === undefined || storedId !== null)) throw new InputError([{ path: "--out", message: "goes with --plan PLAN.json: the plan file with the estimates applied" }]);

  const db = storedId === null ? null : openDb(dbFileOf(typeof values.db === "string" ? values.db : undefined));
  try {
    const plans = db && plansRepo(db);
    const record = plans && storedId !== null ? plans.get(storedId) : undefined;
    if (plans && !record) throw new InputError([{ path: "--plan", message: `no plan ${storedId} in ${dbFileOf(typeof values.db === "string" ? values.db : undefined)}` }]);
    const plan: Plan | null = record ? record.input : planRef !== undefined ? parsePlan(readJsonFile(planRef)) : null;
    const slowdown = plan && currentSlowdown(plan, queue);
    const fallbackSlowdown = slowdown === null || slowdown === undefined ? undefined : { value: slowdown, en: `the plan's current ${queue} slowdown ${slowdown}`, zh: `方案当前${QUEUE_ZH[queue]}的放慢系数 ${slowdown}` };
    const answer = await calibrateFromFile(readBytes(file), { encoding, fileName: file, fallbackSlowdown }).catch((error: unknown) => {
      throw error instanceof InputError ? new InputError(error.issues.map((i) => ({ ...i, path: `${file}: ${i.path}` }))) : error;
    });
    let done = "";
    if (plan && (values.apply || values.out !== undefined)) {
      const input = parsePlan(applyChatCalibration(plan, queue, answer));
      if (plans && record) {
        const updated = plans.update(record.id, input, planStaffing(input, loadCatalog()), new Date().toISOString());
        done = lang === "zh" ? `已应用到方案 ${record.id} 的${QUEUE_ZH[queue]}队列（版本 ${updated?.version}）。\n` : `Applied to plan ${record.id}'s ${queue} queue (version ${updated?.version}).\n`;
      } else if (values.out !== undefined) {
        writeFileSync(values.out as string, `${JSON.stringify(input, null, 2)}\n`);
        done = lang === "zh" ? `已写入：${values.out}（${QUEUE_ZH[queue]}队列已应用这些估算）\n` : `Written: ${values.out} (the ${queue} queue with these estimates)\n`;
      }
    }
    io.stdout(values.json ? `${JSON.stringify({ queue, ...answer })}\n` : `${chatReportText(answer, lang)}${done}`);
    return EXIT.ok;
  } finally {
    db?.close();
  }
}

export function chatReportText(a: ChatReportAnswer, lang: Lang): string {
  const zh = lang === "zh";
  const format = `${a.format.toUpperCase()}${a.encoding ? `, ${a.encoding.toUpperCase()}` : ""}`;
  const rows = a.estimates.map((e) => [
    KEY_TEXT[e.key]?.[lang] ?? e.key,
    fmt(e.value),
    e.sets ? `service.chat.${e.sets}${e.fallback ? (zh ? "（默认）" : " (fallback)") : ""}` : zh ? "仅供参考" : "(information)",
    e.basis[lang],
  ]);
  const { chat } = a;
  const list = a.ahtSecByParallel.map((x) => fmt(x)).join("/");
  return [
    zh ? `赤兔/千牛接待报表：${a.agents} 位客服（${format}）` : `赤兔/千牛 service report: ${a.agents} agents (${format})`,
    table(zh ? ["估算", "值", "设置到", "依据"] : ["estimate", "value", "sets", "basis"], rows),
    "",
    zh
      ? `聊天模型：K = ${chat.maxParallel}，单会话时长 ${fmt(chat.ahtSecAtOneChat)} 秒，每多一个会话放慢 ${fmt(chat.slowdownPerExtraChat)} → 同时 1…${chat.maxParallel} 个时每会话 ${list} 秒`
      : `Chat model: K = ${chat.maxParallel}, AHT at one chat ${fmt(chat.ahtSecAtOneChat)} s, slowdown ${fmt(chat.slowdownPerExtraChat)} per extra chat → AHT at 1…${chat.maxParallel} chats ${list} s`,
    ...(a.notes.length > 0 ? [`${zh ? "说明" : "Notes"}:`, ...a.notes.map((n) => `  · ${n}`)] : []),
    "",
  ].join("\n");
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new InputError([{ path: file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
}
