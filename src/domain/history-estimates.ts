/**
 * Parameters for this year's plan estimated from last year's hours (DESIGN.md §5), each with
 * the figures it rests on, and the plan with them applied. Estimates use the hours of the
 * plan's window last year's data has (`alignWindow`); those that need every hour say so.
 */
import { InputError, issue } from "./errors.ts";
import { type Aligned, type Alignment, alignWindow, type MissingRun } from "./history.ts";
import type { HistoryColumns, HistoryRow } from "./history-parse.ts";
import type { Plan } from "./staffing.ts";
import { plusHours, spoken } from "./wall-clock.ts";
import { basisFigure, round } from "./figures.ts";

/** Why an estimate is what it is, with the figures used, in English and Chinese. */
export type Basis = { en: string; zh: string };

/**
 * One parameter estimated from last year, with how it was reached (`basis`) and the plan
 * fields applying it sets (`paths`; none for figures shown only for information). `value` is
 * null when the dataset cannot give it; `basis` then says why.
 */
type EstimateOf<K extends string, V> = { key: K; value: V | null; paths: string[]; basis: Basis };

/** The estimates, one kind per `key`; `value` is a number or a list as the key says. */
export type Estimate =
  /** Last year's pre-sales receptions per hour of the window (only the shape counts). */
  | EstimateOf<"presalesCurve", number[]>
  | EstimateOf<"salesTargetYuan", number>
  | EstimateOf<"inquiryConversionRate", number>
  | EstimateOf<"csAvgOrderValueYuan", number>
  /** Receptions per agent-day, for both queues. */
  | EstimateOf<"saturationPerAgentDay", number>
  | EstimateOf<"contactRate", number>
  | EstimateOf<"lagDayShares", number[]>
  | EstimateOf<"intradayHourly", number[]>
  /** For information; applying sets nothing. */
  | EstimateOf<"firstResponseSec", number>;

/** The plan fields an estimate may set, and what the estimate means. */
export type EstimateKey = Estimate["key"];

export type HistoryDerivation = { alignment: Alignment; growthRate: number; estimates: Estimate[] };

/** What the derivation needs from the plan: its window and the shares it keeps. */
export type DerivationPlan = Pick<Plan, "zone" | "window" | "workdayHours"> & {
  chain: Pick<Plan["chain"], "csSalesShare">;
  aftersales: Pick<Plan["aftersales"], "shopAvgOrderValueYuan">;
};

const BUSY_SHARE = 0.25;
const MAX_LAG_DAYS = 15;
/** Fewer of the window's hours than this (or than the window has, if shorter) give no estimates: a day at least. */
export const MIN_ESTIMATE_HOURS = 24;

/**
 * Parameter estimates for this year's plan from last year's hours aligned with its window
 * (DESIGN.md §5), over the window's hours the file has (at least `MIN_ESTIMATE_HOURS`, else an
 * InputError on `history`). The curve, the sales target and the contact rate are totals over
 * the window and need every hour of it; with hours missing they are null, saying so, and the
 * ratios' basis says how many hours they rest on. The file is read as a customer-service
 * tool's export: receptions are chats customers opened (the plan's receptions, before the
 * bot), 销售额 and 订单数 are the sales and orders that came through pre-sales chats. Then:
 * - curve: last year's pre-sales receptions per hour of the window (only its shape is used);
 * - 询单转化率 = Σ orders ÷ Σ pre-sales receptions; 客服客单价 = Σ sales ÷ Σ orders;
 * - sales target = last year's CS sales ÷ the plan's 客服销售占比 × (1 + growthRate), so the
 *   chain forecasts last year's receptions × (1 + growthRate);
 * - receptions per agent-hour in the busiest quarter of the window's hours (when agents were
 *   fully busy), × the plan's workday hours = 客服饱和接待量 for both queues;
 * - after-sales contact rate = after-sales receptions from the window start to the end of
 *   the data, less the pre-event daily level, ÷ last year's shop orders (CS sales ÷ 客服销售占比
 *   ÷ the plan's shop order value);
 * - lag: after-sales per day from the day with most orders, less the pre-event daily level,
 *   as shares (at most 15 days); intraday shape: mean after-sales per clock hour over all days;
 * - first response: mean over the busy hours, for information (not applied).
 *
 * @param growthRate this year's receptions over last year's, less 1 (0.2 = 20 % more)
 */
export function deriveFromHistory(rows: readonly HistoryRow[], columns: HistoryColumns, plan: DerivationPlan, growthRate: number): HistoryDerivation {
  const { alignment, rows: window } = enoughHours(alignWindow({ ...plan.window, zone: plan.zone }, rows));
  const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
  // From the first hour used to the end of the last (the whole window's when the file covers it).
  const span = `${spoken((window[0] as HistoryRow).hour)} – ${spoken(plusHours((window.at(-1) as HistoryRow).hour, 1))}`;
  const unavailable = (key: EstimateKey, paths: string[], column: string, zhColumn: string): Estimate => ({
    key,
    value: null,
    paths,
    basis: { en: `the file has no ${column} column`, zh: `文件没有「${zhColumn}」列` },
  });
  const gaps = missingText(alignment.missing);
  /** Null for a total over the window when the file lacks some of its hours. */
  const incomplete = (key: EstimateKey, paths: string[]): Estimate | null =>
    gaps === null
      ? null
      : {
          key,
          value: null,
          paths,
          basis: {
            en: `needs every hour of the window; last year's data lacks ${alignment.hours - alignment.hoursUsed} of its ${alignment.hours} hours (${gaps.en})`,
            zh: `需要窗口内每个小时的数据；去年数据缺 ${alignment.hours - alignment.hoursUsed} / ${alignment.hours} 小时（${gaps.zh}）`,
          },
        };
  /** The ratios' note on resting on part of the window. */
  const partial: Basis =
    gaps === null
      ? { en: "", zh: "" }
      : {
          en: `; only the ${alignment.hoursUsed} of ${alignment.hours} hours last year's data has (it lacks ${gaps.en})`,
          zh: `；仅用去年数据有的 ${alignment.hoursUsed} / ${alignment.hours} 小时（缺 ${gaps.zh}）`,
        };
  const estimates: Estimate[] = [];

  const presales = sum(window.map((r) => r.presales));
  estimates.push(
    incomplete("presalesCurve", ["presales.curve"]) ?? {
      key: "presalesCurve",
      value: window.map((r) => r.presales),
      paths: ["presales.curve"],
      basis: { en: `pre-sales receptions per hour, ${span} (${basisFigure(presales)} in all)`, zh: `${span} 每小时售前接待量（共 ${basisFigure(presales)}）` },
    },
  );

  const orders = columns.orders ? sum(window.map((r) => r.orders ?? 0)) : null;
  const sales = columns.salesYuan ? sum(window.map((r) => r.salesYuan ?? 0)) : null;
  const partialTarget = incomplete("salesTargetYuan", ["chain.salesTargetYuan"]);
  if (sales === null) {
    estimates.push(unavailable("salesTargetYuan", ["chain.salesTargetYuan"], "sales", "销售额"));
  } else if (partialTarget) {
    estimates.push(partialTarget);
  } else {
    const target = (sales / plan.chain.csSalesShare) * (1 + growthRate);
    estimates.push({
      key: "salesTargetYuan",
      value: round(target, 0),
      paths: ["chain.salesTargetYuan"],
      basis: {
        en: `last year's CS sales ${basisFigure(sales)} ÷ CS sales share ${basisFigure(plan.chain.csSalesShare)} × (1 + growth ${basisFigure(growthRate)})`,
        zh: `去年客服销售额 ${basisFigure(sales)} ÷ 客服销售占比 ${basisFigure(plan.chain.csSalesShare)} × (1 + 增长率 ${basisFigure(growthRate)})`,
      },
    });
  }
  if (orders === null) {
    estimates.push(unavailable("inquiryConversionRate", ["chain.inquiryConversionRate"], "orders", "订单数"));
  } else if (!(presales > 0) || orders > presales || orders === 0) {
    estimates.push({
      key: "inquiryConversionRate",
      value: null,
      paths: ["chain.inquiryConversionRate"],
      basis: {
        en: `orders ${basisFigure(orders)} ÷ pre-sales receptions ${basisFigure(presales)} is not a rate in (0, 1]`,
        zh: `订单数 ${basisFigure(orders)} ÷ 售前接待量 ${basisFigure(presales)} 不在 (0, 1] 内`,
      },
    });
  } else {
    estimates.push({
      key: "inquiryConversionRate",
      value: round(orders / presales, 4),
      paths: ["chain.inquiryConversionRate"],
      basis: {
        en: `orders ${basisFigure(orders)} ÷ pre-sales receptions ${basisFigure(presales)}, ${span}${partial.en}`,
        zh: `订单数 ${basisFigure(orders)} ÷ 售前接待量 ${basisFigure(presales)}，${span}${partial.zh}`,
      },
    });
  }
  if (orders !== null && sales !== null && orders > 0) {
    estimates.push({
      key: "csAvgOrderValueYuan",
      value: round(sales / orders, 2),
      paths: ["chain.csAvgOrderValueYuan"],
      basis: { en: `sales ${basisFigure(sales)} ÷ orders ${basisFigure(orders)}${partial.en}`, zh: `销售额 ${basisFigure(sales)} ÷ 订单数 ${basisFigure(orders)}${partial.zh}` },
    });
  } else {
    estimates.push(unavailable("csAvgOrderValueYuan", ["chain.csAvgOrderValueYuan"], "sales and orders", "销售额、订单数"));
  }

  const staffed = columns.agents ? window.filter((r) => (r.agents ?? 0) > 0) : [];
  const busy = [...staffed].sort((a, b) => b.presales + b.aftersales - (a.presales + a.aftersales)).slice(0, Math.max(1, Math.ceil(staffed.length * BUSY_SHARE)));
  if (staffed.length === 0) {
    estimates.push(unavailable("saturationPerAgentDay", ["presales.capacity", "aftersales.capacity"], "agents-on-duty", "在线客服数"));
  } else {
    const receptions = sum(busy.map((r) => r.presales + r.aftersales));
    const agentHours = sum(busy.map((r) => r.agents ?? 0));
    const perHour = receptions / agentHours;
    estimates.push({
      key: "saturationPerAgentDay",
      value: round(perHour * plan.workdayHours, 1),
      paths: ["presales.capacity", "aftersales.capacity"],
      basis: {
        en: `${basisFigure(receptions)} receptions ÷ ${basisFigure(agentHours)} agent-hours in the busiest ${busy.length} hours = ${basisFigure(perHour)} per agent-hour, × ${basisFigure(plan.workdayHours)} h workday${partial.en}`,
        zh: `最忙 ${busy.length} 小时接待 ${basisFigure(receptions)} ÷ ${basisFigure(agentHours)} 人·时 = 每人每小时 ${basisFigure(perHour)}，× 工作日 ${basisFigure(plan.workdayHours)} 小时${partial.zh}`,
      },
    });
  }

  const background = aftersalesBackground(rows, columns);
  const fromWindow = rows.filter((r) => r.hour >= alignment.lastYearStart);
  const days = new Set(fromWindow.map((r) => r.hour.slice(0, 10))).size;
  const eventContacts = Math.max(0, sum(fromWindow.map((r) => r.aftersales)) - background.perDay * days);
  const partialContacts = incomplete("contactRate", ["aftersales.contactRate"]);
  if (sales === null) {
    estimates.push(unavailable("contactRate", ["aftersales.contactRate"], "sales", "销售额"));
  } else if (partialContacts) {
    estimates.push(partialContacts);
  } else {
    const shopOrders = sales / plan.chain.csSalesShare / plan.aftersales.shopAvgOrderValueYuan;
    const from = spoken(alignment.lastYearStart);
    estimates.push({
      key: "contactRate",
      value: round(eventContacts / shopOrders, 4),
      paths: ["aftersales.contactRate"],
      basis: {
        en: `after-sales receptions from ${from} to the end of the file, less the pre-event level ${basisFigure(background.perDay)} a day over ${days} days = ${basisFigure(eventContacts)}, ÷ last year's shop orders ${basisFigure(shopOrders)} (CS sales ÷ CS share ÷ shop order value ${basisFigure(plan.aftersales.shopAvgOrderValueYuan)})`,
        zh: `${from} 起到文件结束的售后接待量，减去活动前日均 ${basisFigure(background.perDay)} × ${days} 天 = ${basisFigure(eventContacts)}，÷ 去年店铺订单 ${basisFigure(shopOrders)}（客服销售额 ÷ 客服销售占比 ÷ 店铺客单价 ${basisFigure(plan.aftersales.shopAvgOrderValueYuan)}）`,
      },
    });
  }

  estimates.push(lagEstimate(rows, background));
  estimates.push(intradayEstimate(rows));

  const responded = busy.filter((r) => r.firstResponseSec !== null);
  estimates.push(
    responded.length === 0
      ? unavailable("firstResponseSec", [], "first-response", "平均首响(秒)")
      : {
          key: "firstResponseSec",
          value: round(sum(responded.map((r) => r.firstResponseSec ?? 0)) / responded.length, 1),
          paths: [],
          basis: { en: `mean over the same ${responded.length} busiest hours (for information)${partial.en}`, zh: `同样最忙 ${responded.length} 小时的平均值（仅供参考）${partial.zh}` },
        },
  );
  return { alignment, growthRate, estimates };
}

/** The alignment when it has enough of the window's hours for estimates; else an InputError on `history`. */
function enoughHours(aligned: Aligned): Aligned {
  const { hours, hoursUsed, missing } = aligned.alignment;
  const needed = Math.min(MIN_ESTIMATE_HOURS, hours);
  if (hoursUsed < needed) {
    const gaps = missingText(missing) as Basis;
    throw new InputError([
      {
        path: "history",
        ...issue(
          "history_too_few_hours",
          { used: hoursUsed, hours, minimum: needed },
          `the dataset has only ${hoursUsed} of the window's ${hours} hours (it lacks ${gaps.en}); estimates need at least ${needed}`,
        ),
      },
    ]);
  }
  return aligned;
}

/** Last year's missing runs in words ("2025-11-13 00:00 – 2025-11-15 00:00 (48 h)"); null when none. */
export function missingText(missing: readonly MissingRun[]): Basis | null {
  if (missing.length === 0) return null;
  const runs = missing.map((m) => ({ range: `${spoken(m.lastYear.from)} – ${spoken(m.lastYear.to)}`, hours: m.hours }));
  return { en: runs.map((r) => `${r.range} (${r.hours} h)`).join(", "), zh: runs.map((r) => `${r.range}（${r.hours} 小时）`).join("、") };
}

/** Daily sums by local date. */
function byDay(rows: readonly HistoryRow[], value: (r: HistoryRow) => number): Map<string, number> {
  const days = new Map<string, number>();
  for (const r of rows) days.set(r.hour.slice(0, 10), (days.get(r.hour.slice(0, 10)) ?? 0) + value(r));
  return days;
}

/**
 * After-sales that is not the event's: the mean daily after-sales before the day with most
 * orders (or pre-sales receptions without an orders column), leaving out the day just before
 * it (itself part of the event). Zero when the file starts too late to tell.
 */
function aftersalesBackground(rows: readonly HistoryRow[], columns: HistoryColumns) {
  const drivers = byDay(rows, (r) => (columns.orders ? (r.orders ?? 0) : r.presales));
  const aftersales = byDay(rows, (r) => r.aftersales);
  const dates = [...drivers.keys()];
  const peakDay = dates.reduce((best, d) => ((drivers.get(d) ?? 0) > (drivers.get(best) ?? 0) ? d : best), dates[0] as string);
  const before = dates
    .filter((d) => d < peakDay)
    .slice(0, -1)
    .map((d) => aftersales.get(d) ?? 0);
  const perDay = before.length > 0 ? before.reduce((s, v) => s + v, 0) / before.length : 0;
  const driver = columns.orders ? { en: "orders", zh: "订单" } : { en: "pre-sales receptions", zh: "售前接待" };
  return { peakDay, perDay, driver, dates, aftersales };
}

function lagEstimate(rows: readonly HistoryRow[], background: ReturnType<typeof aftersalesBackground>): Estimate {
  const { peakDay, perDay, driver, dates, aftersales } = background;
  const after = dates.filter((d) => d >= peakDay).slice(0, MAX_LAG_DAYS);
  const excess = after.map((d) => Math.max(0, (aftersales.get(d) ?? 0) - perDay));
  const total = excess.reduce((s, v) => s + v, 0);
  const paths = ["aftersales.lagDayShares"];
  if (rows.length === 0 || after.length < 3 || !(total > 0)) {
    return { key: "lagDayShares", value: null, paths, basis: { en: `fewer than 3 days of after-sales after the day with most ${driver.en}`, zh: `${driver.zh}最多的那天之后售后数据不足 3 天` } };
  }
  const shares = excess.map((v) => round(v / total, 4));
  shares[0] = round(1 - shares.slice(1).reduce((s, v) => s + v, 0), 4);
  return {
    key: "lagDayShares",
    value: shares,
    paths,
    basis: {
      en: `after-sales per day from ${peakDay} (the day with most ${driver.en}) over ${after.length} days, less the pre-event level ${basisFigure(perDay)} a day, as shares`,
      zh: `${peakDay}（${driver.zh}最多的一天）起 ${after.length} 天的每日售后量，减去活动前日均 ${basisFigure(perDay)}，换算为占比`,
    },
  };
}

function intradayEstimate(rows: readonly HistoryRow[]): Estimate {
  const totals = new Array<number>(24).fill(0);
  const counts = new Array<number>(24).fill(0);
  for (const r of rows) {
    const h = Number(r.hour.slice(11, 13));
    totals[h] = (totals[h] as number) + r.aftersales;
    counts[h] = (counts[h] as number) + 1;
  }
  const means = totals.map((t, h) => ((counts[h] as number) > 0 ? round(t / (counts[h] as number), 2) : 0));
  const paths = ["aftersales.intradayHourly"];
  if (!means.some((m) => m > 0)) return { key: "intradayHourly", value: null, paths, basis: { en: "no after-sales receptions in the file", zh: "文件中没有售后接待" } };
  const days = Math.max(...counts);
  return { key: "intradayHourly", value: means, paths, basis: { en: `mean after-sales receptions at each clock hour over ${days} days`, zh: `${days} 天中每个整点的平均售后接待量` } };
}

/**
 * The plan with every available estimate applied: the curve becomes last year's hourly
 * counts; capacities become receptions per agent-day; the rest are set as estimated.
 * Fields without an estimate keep the plan's values.
 */
export function applyHistory<P extends Plan>(plan: P, derivation: HistoryDerivation): P {
  const next = structuredClone(plan);
  for (const estimate of derivation.estimates) {
    if (estimate.value === null) continue;
    switch (estimate.key) {
      case "presalesCurve":
        next.presales.curve = { kind: "counts", intervalMin: 60, values: estimate.value };
        break;
      case "salesTargetYuan":
        next.chain.salesTargetYuan = estimate.value;
        break;
      case "inquiryConversionRate":
        next.chain.inquiryConversionRate = estimate.value;
        break;
      case "csAvgOrderValueYuan":
        next.chain.csAvgOrderValueYuan = estimate.value;
        break;
      case "saturationPerAgentDay":
        next.presales.capacity = { basis: "perAgentDay", saturationPerAgentDay: estimate.value };
        next.aftersales.capacity = { basis: "perAgentDay", saturationPerAgentDay: estimate.value };
        break;
      case "contactRate":
        next.aftersales.contactRate = estimate.value;
        break;
      case "lagDayShares":
        next.aftersales.lagDayShares = estimate.value;
        break;
      case "intradayHourly":
        next.aftersales.intradayHourly = estimate.value;
        break;
      case "firstResponseSec":
        break;
    }
  }
  return next;
}
