/**
 * A plan: everything the pipeline takes from the user (DESIGN.md §1–4), and its defaults. The
 * stages read their inputs from here (chain → curve → demand → requirement → shifts → roster),
 * so an early stage imports nothing from a later one. The schemas (src/schemas.ts) check a plan
 * against these types.
 */
import type { ChainInput, ConcurrencyRule, MessageCapacity } from "./chain.ts";
import type { CurveSpec, IntervalMin } from "./curve.ts";

export type QueueName = "presales" | "aftersales";
export const QUEUES: readonly QueueName[] = ["presales", "aftersales"];

/** 客服饱和接待量, given directly or derived from how agents work. */
export type QueueCapacity = { basis: "perAgentDay"; saturationPerAgentDay: number } | ({ basis: "messages" } & MessageCapacity);

export type QueueSettings = {
  botResolutionRate: number;
  capacity: QueueCapacity;
  /** Required when the plan's method is "service-level". */
  service?: ServiceTarget | undefined;
};

export type Plan = {
  name: string;
  zone: string;
  window: { start: string; end: string };
  intervalMin: IntervalMin;
  workdayHours: number;
  chain: ChainInput;
  presales: QueueSettings & { curve: CurveSpec };
  aftersales: QueueSettings & {
    /** Average value of all the shop's orders (not only CS-assisted), yuan: orders = target ÷ this. */
    shopAvgOrderValueYuan: number;
    contactRate: number;
    /** Defaults to the built-in Double-11 template's lag profile. */
    lagDayShares?: number[] | undefined;
    /** Defaults to the built-in Double-11 template's after-sales day shape. */
    intradayHourly?: number[] | undefined;
    /** 售后稍后: after-sales work arriving in the peak band may wait this many hours (0 = served on arrival). */
    maxDeferHours: number;
  };
  /** The promotion peak, local date-times; derived from the pre-sales requirement when absent. */
  peakBand?: { start: string; end: string } | undefined;
  requirement: { method: "saturation" | "service-level" };
  /** Who the shop could hire when the team is short; defaults around the peak band (hiring.ts). */
  hiring?: { profiles: HireProfile[] } | undefined;
  /** How shifts may be cut (DESIGN.md §4 "Shift templates"). */
  shifts: ShiftSettings;
  /** The roster's hard rules. */
  rules: RosterRules;
};

export type ShiftSettings = {
  lengthsHours: number[];
  /** Shift starts every this many minutes from the window start (a multiple of the interval); default the interval. */
  startStepMinutes?: number | undefined;
  /** One meal break for long shifts, placed inside a window of the shift; null for none. */
  breakRule: BreakRule | null;
  /** Paid cost of one agent-hour (the design minimises Σ cost). */
  costPerHour: number;
};

/** The plan's shift settings when it gives none: 4–12 h shifts, a 60-minute break in [40 %, 60 %] of shifts ≥ 8 h. */
export const DEFAULT_SHIFTS = {
  lengthsHours: [4, 6, 8, 10, 12],
  breakRule: { minShiftHours: 8, breakMinutes: 60, window: [0.4, 0.6] },
  costPerHour: 1,
} satisfies ShiftSettings;

/** What a queue promises its customers, for the service-level method. */
export type ServiceTarget = {
  /** Handle time of the factor method, seconds; the chat model reads `chat` instead (the schema asks for one of them). */
  ahtSec?: number | undefined;
  /** Target answer time T: "P % of first responses within T seconds" (≥ 0). */
  targetSec: number;
  /** Target service level P, a fraction in (0, 1). */
  serviceLevel: number;
  /** Highest acceptable occupancy, a fraction in (0, 1]; 1 means no cap. */
  maxOccupancy: number;
  /** Share of paid time agents are not available (breaks, meetings, training), [0, 1). */
  shrinkage: number;
  /** Mean patience in seconds; given → Erlang A (or the chat model's abandonment), absent → nobody leaves. */
  patienceSec?: number | undefined;
  /** Effective concurrent chats per agent, or the Qianniu rule to derive it. */
  concurrency: number | ConcurrencyRule;
  /** Handle time by chats held (the Erlang Chat model); absent → the factor method above. */
  chat?: ChatSpec | undefined;
  /** The service-level convention of the chat model; absent → "answeredWithin". */
  slConvention?: SlConvention | undefined;
  /** Most chats in the system for the chat model (waiting and in service); absent → no limit. */
  lines?: number | undefined;
};

/**
 * How handle time grows with the chats an agent holds: the list AHT_1 … AHT_K (seconds), or
 * AHT_k = ahtSecAtOneChat × (1 + slowdownPerExtraChat × (k − 1)) for k = 1 … K, K from
 * `maxParallel` or else the Qianniu rule rounded down.
 */
export type ChatSpec = { maxParallel: number; ahtSecByParallel: number[] } | { ahtSecAtOneChat: number; slowdownPerExtraChat: number; maxParallel?: number | undefined };

/** Which service level a chat-model target means (chat.ts): P(patient chat waits ≤ T), or answered within T ÷ offered. */
export type SlConvention = "virtual" | "answeredWithin";

export type BreakRule = {
  /** Shifts at least this long get one break. */
  minShiftHours: number;
  breakMinutes: number;
  /** Where the break may start, as fractions of the shift length, e.g. [0.4, 0.6]. */
  window: [number, number];
};

/** The roster's hard rules (DESIGN.md §4 "Rules"). */
export type RosterRules = {
  /** No continuous stretch of duty may exceed this (default 12 h). */
  maxContinuousDutyHours: number;
  /** Duty periods separated by less than this form one continuous stretch (default 6 h). */
  restResetHours: number;
  /** Least rest between two shifts of the same person (default 6 h). */
  minRestHours: number;
};

export const DEFAULT_RULES: RosterRules = { maxContinuousDutyHours: 12, restResetHours: 6, minRestHours: 6 };

/** The kinds of people on a staff list. */
export type StaffKind = "fulltime" | "temp" | "support";

/** A kind of person the shop could hire: skills, when they could work (local date-times), most hours. */
export type HireProfile = {
  id: string;
  name: string;
  kind: StaffKind;
  skills: QueueName[];
  windows: { start: string; end: string }[];
  maxHours: number;
};
