/**
 * This year's plan against last year's event, hour by hour and in totals (DESIGN.md §5):
 * receptions then and now, agents then and now, each agent's load then and now, and the
 * hours where this year's plan is thinner than last year's (the risk list).
 */
import { type Alignment, alignWindow } from "./history.ts";
import type { HistoryRow } from "./history-parse.ts";
import type { RosterResult } from "./roster.ts";
import type { StaffingResult } from "./staffing.ts";

export type CompareHour = {
  /** This year's hour start, ISO with the plan zone's offset. */
  start: string;
  /** The aligned hour last year, local "YYYY-MM-DDTHH:00". */
  lastYearHour: string;
  lastYear: {
    presales: number;
    aftersales: number;
    receptions: number;
    agents: number | null;
    firstResponseSec: number | null;
    /** receptions ÷ agents on duty. */
    perAgentHour: number | null;
  };
  thisYear: {
    presales: number;
    aftersales: number;
    receptions: number;
    /** Scheduled agents the plan requires, both queues, averaged over the hour. */
    requiredAgents: number;
    /** Agents the roster puts on duty (breaks excluded), both queues, averaged over the hour. */
    rosteredAgents: number | null;
    /** receptions ÷ (rostered agents, or required ones without a roster). */
    perAgentHour: number | null;
  };
  /** Each agent would take more receptions than last year, beyond the tolerance. */
  thinner: boolean;
};

export type CompareRisk = {
  start: string;
  lastYearHour: string;
  receptions: { lastYear: number; thisYear: number };
  agents: { lastYear: number; thisYear: number };
  perAgentHour: { lastYear: number; thisYear: number };
  /** Agents to add for this year's load per agent to match last year's. */
  extraAgents: number;
};

type Side = { presales: number; aftersales: number; receptions: number; peak: { hour: string; receptions: number; agents: number | null } };

export type Comparison = {
  /** Includes the hours compared (`hoursUsed`) and those last year's data lacks (`missing`). */
  alignment: Alignment;
  /** Whose agents this year's side counts: the roster's when there is one, else the requirement. */
  agentsBasis: "roster" | "requirement";
  /** An hour is thinner when this year's receptions per agent exceed last year's by more than this share. */
  tolerance: number;
  hours: CompareHour[];
  totals: {
    lastYear: Side & { agentHours: number | null; perAgentHour: number | null };
    thisYear: Side & { requiredAgentHours: number; rosteredAgentHours: number | null; perAgentHour: number | null };
    /** thisYear.receptions ÷ lastYear.receptions − 1. */
    receptionsGrowth: number | null;
  };
  risks: CompareRisk[];
};

/**
 * Compares the plan's staffing (and its roster, when given and on the same grid) with the
 * dataset's hours aligned to the plan's window (`alignWindow`), over the hours both years
 * have: `hours` and the totals leave out the window's hours the dataset lacks (listed in
 * `alignment.missing`), so the totals compare like with like. Receptions are the plan's
 * (before the bot) against the file's; agents are averaged over each hour's intervals, so a
 * half-hour with 10 and one with 20 make 15 agent-hours. Hours without last year's agents
 * are compared on receptions only and are never a risk.
 *
 * @param tolerance a share ≥ 0: 0.1 flags hours where each agent takes > 110 % of last year's load
 */
export function compareWithHistory(staffing: StaffingResult, roster: RosterResult | null, rows: readonly HistoryRow[], tolerance = 0.1): Comparison {
  const { alignment, rows: lastYear, positions } = alignWindow({ ...staffing.window, zone: staffing.zone }, rows);
  const perHour = 60 / staffing.intervalMin;
  const coverage = roster && roster.coverage.length === staffing.intervals.length ? roster.coverage : null;

  const hours = lastYear.map((last, i): CompareHour => {
    const h = positions[i] as number;
    const slice = staffing.intervals.slice(h * perHour, (h + 1) * perHour);
    const presales = sum(slice.map((r) => r.presales.receptions));
    const aftersales = sum(slice.map((r) => r.aftersales.receptions));
    const requiredAgents = sum(slice.map((r) => r.presales.scheduledAgents + r.aftersales.scheduledAgents)) / perHour;
    const rosteredAgents = coverage ? sum(coverage.slice(h * perHour, (h + 1) * perHour).map((c) => c.presales.rostered + c.aftersales.rostered)) / perHour : null;
    const agents = rosteredAgents ?? requiredAgents;
    const receptions = presales + aftersales;
    const lastReceptions = last.presales + last.aftersales;
    const lastPerAgentHour = last.agents ? lastReceptions / last.agents : null;
    const perAgentHour = agents > 0 ? receptions / agents : null;
    return {
      start: (slice[0] as StaffingResult["intervals"][number]).start,
      lastYearHour: last.hour,
      lastYear: {
        presales: last.presales,
        aftersales: last.aftersales,
        receptions: lastReceptions,
        agents: last.agents,
        firstResponseSec: last.firstResponseSec,
        perAgentHour: lastPerAgentHour,
      },
      thisYear: { presales, aftersales, receptions, requiredAgents, rosteredAgents, perAgentHour },
      thinner: lastPerAgentHour !== null && receptions > 0 && (perAgentHour === null || perAgentHour > lastPerAgentHour * (1 + tolerance)),
    };
  });

  const risks = hours.flatMap((hour): CompareRisk[] => {
    if (!hour.thinner) return [];
    const lastRate = hour.lastYear.perAgentHour as number;
    const agents = hour.thisYear.rosteredAgents ?? hour.thisYear.requiredAgents;
    return [
      {
        start: hour.start,
        lastYearHour: hour.lastYearHour,
        receptions: { lastYear: hour.lastYear.receptions, thisYear: hour.thisYear.receptions },
        agents: { lastYear: hour.lastYear.agents as number, thisYear: agents },
        perAgentHour: { lastYear: lastRate, thisYear: hour.thisYear.perAgentHour ?? Number.POSITIVE_INFINITY },
        extraAgents: Math.max(1, Math.ceil(hour.thisYear.receptions / lastRate - agents - 1e-9)),
      },
    ];
  });

  const hasAgents = hours.some((h) => h.lastYear.agents !== null);
  const lastAgentHours = hasAgents ? sum(hours.map((h) => h.lastYear.agents ?? 0)) : null;
  const lastReceptions = sum(hours.map((h) => h.lastYear.receptions));
  const requiredAgentHours = sum(hours.map((h) => h.thisYear.requiredAgents));
  const rosteredAgentHours = coverage ? sum(hours.map((h) => h.thisYear.rosteredAgents ?? 0)) : null;
  const thisReceptions = sum(hours.map((h) => h.thisYear.receptions));
  const thisAgentHours = rosteredAgentHours ?? requiredAgentHours;
  const peakOf = <T>(items: T[], receptions: (t: T) => number) => items.reduce((best, t) => (receptions(t) > receptions(best) ? t : best), items[0] as T);
  const lastPeak = peakOf(hours, (h) => h.lastYear.receptions);
  const thisPeak = peakOf(hours, (h) => h.thisYear.receptions);

  return {
    alignment,
    agentsBasis: coverage ? "roster" : "requirement",
    tolerance,
    hours,
    totals: {
      lastYear: {
        presales: sum(hours.map((h) => h.lastYear.presales)),
        aftersales: sum(hours.map((h) => h.lastYear.aftersales)),
        receptions: lastReceptions,
        agentHours: lastAgentHours,
        perAgentHour: lastAgentHours ? lastReceptions / lastAgentHours : null,
        peak: { hour: lastPeak.lastYearHour, receptions: lastPeak.lastYear.receptions, agents: lastPeak.lastYear.agents },
      },
      thisYear: {
        presales: sum(hours.map((h) => h.thisYear.presales)),
        aftersales: sum(hours.map((h) => h.thisYear.aftersales)),
        receptions: thisReceptions,
        requiredAgentHours,
        rosteredAgentHours,
        perAgentHour: thisAgentHours > 0 ? thisReceptions / thisAgentHours : null,
        peak: { hour: thisPeak.start, receptions: thisPeak.thisYear.receptions, agents: thisPeak.thisYear.rosteredAgents ?? thisPeak.thisYear.requiredAgents },
      },
      receptionsGrowth: lastReceptions > 0 ? thisReceptions / lastReceptions - 1 : null,
    },
    risks,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
