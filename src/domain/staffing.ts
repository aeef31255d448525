/**
 * The staffing engine end to end: plan → chain → curve → demand per interval per queue →
 * required agents per interval (DESIGN.md §1–3). Pure: the built-in curves are passed in.
 */
import { DateTime } from "luxon";
import { type ChainResult, runChain, saturationFromMessages } from "./chain.ts";
import { buildGrid, type CurveTemplate, curveShares, type Grid, localTime } from "./curve.ts";
import { aftersalesDemand, presalesDemand } from "./demand.ts";
import { InputError, issue } from "./errors.ts";
import { checkPlanLoad } from "./plan-load.ts";
import { type QueueModel, queueModelOf, type RequirementRow, resolveConcurrency, type ServiceTarget, saturationRequirement, serviceLevelRequirement } from "./requirement.ts";
import { type Plan, type QueueCapacity, type QueueName, QUEUES } from "./plan.ts";

export { DEFAULT_SHIFTS, type Plan, type QueueCapacity, type QueueName, QUEUES, type QueueSettings, type ShiftSettings } from "./plan.ts";

/** The built-in curves, and the one whose after-sales shapes are the defaults. */
export type Catalog = { templates: ReadonlyMap<string, CurveTemplate>; defaultTemplate: CurveTemplate };

export type QueueSummary = {
  receptions: number;
  humanReceptions: number;
  saturationPerAgentDay: number;
  /** Agent-hours the saturation rate implies: humanReceptions ÷ (saturation ÷ workdayHours). */
  workloadAgentHours: number;
  peak: { start: string; scheduledAgents: number; productiveAgents: number };
  /** Σ scheduled agents × interval hours: the paid hours if staffing followed the curve exactly. */
  scheduledAgentHours: number;
};

export type IntervalRow = {
  start: string;
  presales: QueueInterval;
  aftersales: QueueInterval;
};

export type QueueInterval = { receptions: number; humanReceptions: number } & RequirementRow;

export type StaffingResult = {
  method: Plan["requirement"]["method"];
  zone: string;
  intervalMin: number;
  window: { start: string; end: string };
  chain: ChainResult;
  aftersales: { orders: number; contactsTotal: number; contactsInWindow: number };
  /** The effective concurrency each queue's Erlang model used (service-level method only). */
  concurrency?: Record<QueueName, number>;
  /** Which model each queue ran (service-level method only): the factor's concurrency, or the chat model's K and AHT_k. */
  models?: Record<QueueName, QueueModel>;
  summary: Record<QueueName, QueueSummary>;
  /** The promotion peak on the grid: intervals [fromIndex, toIndex). */
  peakBand: PeakBand;
  intervals: IntervalRow[];
};

export type PeakBand = {
  /** ISO with offset: the first peak interval's start and the last one's end. */
  start: string;
  end: string;
  fromIndex: number;
  toIndex: number;
  /** "plan" when the plan sets it; "derived": the run around the pre-sales peak at ≥ half of it. */
  source: "plan" | "derived";
};

/**
 * Plans staffing for `plan`. Throws InputError (with field paths) for input the schema
 * cannot catch: a window outside the built-in curve, a curve of the wrong length, a
 * service-level plan without a queue's target.
 */
export function planStaffing(plan: Plan, catalog: Catalog): StaffingResult {
  const grid = buildGrid({ ...plan.window, zone: plan.zone }, plan.intervalMin);
  const saturation = {
    presales: saturationOf(plan.presales.capacity, plan.workdayHours),
    aftersales: saturationOf(plan.aftersales.capacity, plan.workdayHours),
  };

  const chain = runChain(plan.chain, saturation.presales, plan.presales.botResolutionRate);
  const shares = curveShares(plan.presales.curve, grid, catalog.templates, "presales.curve");
  const demand = {
    presales: presalesDemand({ receptions: chain.presalesReceptions, shares, botResolutionRate: plan.presales.botResolutionRate }),
    aftersales: aftersalesDemand(
      {
        orders: plan.chain.salesTargetYuan / plan.aftersales.shopAvgOrderValueYuan,
        contactRate: plan.aftersales.contactRate,
        lagDayShares: plan.aftersales.lagDayShares ?? catalog.defaultTemplate.aftersalesLagDayShares,
        intradayHourly: plan.aftersales.intradayHourly ?? catalog.defaultTemplate.aftersalesIntradayHourly,
        botResolutionRate: plan.aftersales.botResolutionRate,
      },
      shares,
      grid,
    ),
  };

  checkPlanLoad(
    QUEUES.map((queue) => ({
      name: queue,
      humanReceptions: demand[queue].humanReceptions,
      method: plan.requirement.method === "saturation" ? { saturationPerInterval: (saturation[queue] / plan.workdayHours) * (plan.intervalMin / 60) } : { service: serviceTargetOf(plan, queue) },
    })),
    plan.intervalMin,
    grid.starts,
  );
  const requirement = {
    presales: queueRequirement(plan, "presales", demand.presales.humanReceptions),
    aftersales: queueRequirement(plan, "aftersales", demand.aftersales.humanReceptions),
  };

  const intervals = grid.starts.map((start, i): IntervalRow => {
    const row = (queue: QueueName): QueueInterval => ({
      receptions: demand[queue].receptions[i] as number,
      humanReceptions: demand[queue].humanReceptions[i] as number,
      ...(requirement[queue][i] as RequirementRow),
    });
    return { start, presales: row("presales"), aftersales: row("aftersales") };
  });

  const summarise = (queue: QueueName): QueueSummary => {
    const rows = intervals.map((r) => r[queue]);
    const peakIndex = peakIndexOf(rows);
    const peakRow = rows[peakIndex] as QueueInterval;
    const humanReceptions = sum(rows.map((r) => r.humanReceptions));
    return {
      receptions: sum(rows.map((r) => r.receptions)),
      humanReceptions,
      saturationPerAgentDay: saturation[queue],
      workloadAgentHours: humanReceptions / (saturation[queue] / plan.workdayHours),
      peak: { start: grid.starts[peakIndex] as string, scheduledAgents: peakRow.scheduledAgents, productiveAgents: peakRow.productiveAgents },
      scheduledAgentHours: (sum(rows.map((r) => r.scheduledAgents)) * plan.intervalMin) / 60,
    };
  };

  return {
    method: plan.requirement.method,
    zone: plan.zone,
    intervalMin: plan.intervalMin,
    window: plan.window,
    chain,
    aftersales: {
      orders: demand.aftersales.orders,
      contactsTotal: demand.aftersales.contactsTotal,
      contactsInWindow: demand.aftersales.contactsInWindow,
    },
    ...(plan.requirement.method === "service-level"
      ? {
          concurrency: {
            presales: resolveConcurrency(serviceTargetOf(plan, "presales").concurrency),
            aftersales: resolveConcurrency(serviceTargetOf(plan, "aftersales").concurrency),
          },
          models: { presales: queueModelOf(serviceTargetOf(plan, "presales")), aftersales: queueModelOf(serviceTargetOf(plan, "aftersales")) },
        }
      : {}),
    summary: { presales: summarise("presales"), aftersales: summarise("aftersales") },
    peakBand: peakBandOf(plan, grid, requirement.presales),
    intervals,
  };
}

/**
 * Required agents per interval for one queue's human receptions, by the plan's method
 * (saturation, or service level with its Erlang model): what planStaffing uses, and what the
 * night's re-forecast recomputes the requirement with.
 */
export function queueRequirement(plan: Plan, queue: QueueName, humanReceptions: readonly number[]): RequirementRow[] {
  return plan.requirement.method === "saturation"
    ? saturationRequirement(humanReceptions, saturationOf(plan[queue].capacity, plan.workdayHours), plan.workdayHours, plan.intervalMin)
    : serviceLevelRequirement(humanReceptions, serviceTargetOf(plan, queue), plan.intervalMin);
}

/** The first interval needing the most scheduled agents. */
function peakIndexOf(rows: readonly { scheduledAgents: number }[]): number {
  let peak = 0;
  rows.forEach((row, i) => {
    if (row.scheduledAgents > (rows[peak] as { scheduledAgents: number }).scheduledAgents) peak = i;
  });
  return peak;
}

/** Share of the pre-sales peak requirement above which an interval belongs to a derived peak band. */
const PEAK_BAND_SHARE = 0.5;

/**
 * The plan's peak band snapped outwards to the grid, or, when the plan gives none, the
 * contiguous run of intervals around the pre-sales peak needing at least half of its agents.
 */
function peakBandOf(plan: Plan, grid: Grid, presales: RequirementRow[]): PeakBand {
  const intervalMs = grid.intervalMin * 60_000;
  const endOf = (index: number) => DateTime.fromMillis(grid.startMs + index * intervalMs, { zone: grid.zone }).toISO() as string;
  const band = (fromIndex: number, toIndex: number, source: PeakBand["source"]): PeakBand => ({
    start: grid.starts[fromIndex] as string,
    end: endOf(toIndex),
    fromIndex,
    toIndex,
    source,
  });
  if (plan.peakBand) {
    const startMs = localTime(plan.peakBand.start, grid.zone, "peakBand.start").toMillis();
    const endMs = localTime(plan.peakBand.end, grid.zone, "peakBand.end").toMillis();
    if (endMs <= startMs) throw new InputError([{ path: "peakBand.end", ...issue("end_after_start", { start: "peakBand.start" }, "must be after peakBand.start") }]);
    const fromIndex = Math.max(0, Math.floor((startMs - grid.startMs) / intervalMs));
    const toIndex = Math.min(grid.starts.length, Math.ceil((endMs - grid.startMs) / intervalMs));
    if (toIndex <= fromIndex) throw new InputError([{ path: "peakBand", ...issue("peak_band_outside", {}, "must overlap the plan's window") }]);
    return band(fromIndex, toIndex, "plan");
  }
  const peak = peakIndexOf(presales);
  const threshold = PEAK_BAND_SHARE * (presales[peak]?.scheduledAgents ?? 0);
  const inBand = (i: number) => i >= 0 && i < presales.length && (presales[i] as RequirementRow).scheduledAgents >= threshold;
  let fromIndex = peak;
  let toIndex = peak + 1;
  while (inBand(fromIndex - 1)) fromIndex--;
  while (inBand(toIndex)) toIndex++;
  return band(fromIndex, toIndex, "derived");
}

/** 客服饱和接待量 for a queue's capacity settings. */
export function saturationOf(capacity: QueueCapacity, workdayHours: number): number {
  return capacity.basis === "perAgentDay" ? capacity.saturationPerAgentDay : saturationFromMessages(capacity, workdayHours);
}

function serviceTargetOf(plan: Plan, queue: QueueName): ServiceTarget {
  const service = plan[queue].service;
  if (!service) {
    throw new InputError([{ path: `${queue}.service`, ...issue("service_required", {}, 'required when requirement.method is "service-level"') }]);
  }
  return service;
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
