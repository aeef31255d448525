/**
 * zod schemas for every external input, shared by the API, the CLI and the files in data/.
 * Each schema's output type is checked against the domain type it feeds (`satisfies`), so
 * the edge and the core cannot drift apart.
 */
import { IANAZone } from "luxon";
import { z } from "zod";
import { type ActualRow, placeStart, windowFrame } from "./domain/actuals.ts";
import type { CurveTemplate } from "./domain/curve.ts";
import type { DesignInstance } from "./domain/shifts.ts";
import { InputError, type InputIssue } from "./domain/errors.ts";
import type { ChatParams } from "./domain/chat.ts";
import type { ErlangParams } from "./domain/erlang.ts";
import { type ChatSpec, resolveConcurrency } from "./domain/requirement.ts";
import { searchStartAgents } from "./domain/erlang.ts";
import * as L from "./domain/limits.ts";
import { DEFAULT_SHIFTS, type Plan } from "./domain/staffing.ts";
import { DEFAULT_RULES } from "./domain/validate.ts";

const positive = () => z.number().positive();
/** Handle time or patience, seconds: 1 s – 2 h. */
const seconds = () =>
  z
    .number()
    .min(L.MIN_SECONDS, { message: `at least ${L.MIN_SECONDS} s` })
    .max(L.MAX_HANDLE_SEC, { message: `at most ${L.MAX_HANDLE_SEC} s (2 h)` });
const targetSec = () =>
  z
    .number()
    .min(0)
    .max(L.MAX_TARGET_SEC, { message: `at most ${L.MAX_TARGET_SEC} s` });
const occupancyCap = (fallback: number) =>
  z
    .number()
    .min(L.MIN_OCCUPANCY, { message: `an occupancy cap in [${L.MIN_OCCUPANCY}, 1]` })
    .max(1, { message: `an occupancy cap in [${L.MIN_OCCUPANCY}, 1]` })
    .default(fallback);
const concurrency = () =>
  z
    .number()
    .min(1)
    .max(L.MAX_CONCURRENCY, { message: `at most ${L.MAX_CONCURRENCY} chats at once` });
const arrivals = () =>
  z
    .number()
    .min(0)
    .max(L.MAX_ARRIVALS_PER_INTERVAL, { message: `at most ${L.MAX_ARRIVALS_PER_INTERVAL.toLocaleString("en")} arrivals per interval` });
/** A curve's or a design's per-interval array: at most 31 days of 5-minute intervals. */
const intervalArray = <T extends z.ZodType>(item: T) =>
  z.array(item).max(L.MAX_DESIGN_INTERVALS, { message: `at most ${L.MAX_DESIGN_INTERVALS} values (${L.MAX_WINDOW_DAYS} days of ${L.MIN_INTERVAL_MIN}-minute intervals)` });
const shiftHours = () =>
  z
    .number()
    .min(L.MIN_SHIFT_HOURS, { message: `at least ${L.MIN_SHIFT_HOURS} h` })
    .max(L.MAX_SHIFT_HOURS, { message: `at most ${L.MAX_SHIFT_HOURS} h` });
const yuan = () =>
  z
    .number()
    .min(1, { message: "at least 1 yuan" })
    .max(L.MAX_ORDER_VALUE_YUAN, { message: `at most ${L.MAX_ORDER_VALUE_YUAN.toLocaleString("en")} yuan` });
const fraction = () => z.number().min(0).max(1);
const openFraction = () => z.number().gt(0, { message: "a fraction in (0, 1), e.g. 0.8 for 80 %" }).lt(1, { message: "a fraction in (0, 1), e.g. 0.8 for 80 %" });

const zone = z.string().refine((name) => IANAZone.isValidZone(name), { message: "not an IANA time zone, e.g. Asia/Shanghai" });
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const localDateTime = z.string().regex(LOCAL_DATE_TIME, { message: "expected a local date-time like 2026-11-10T00:00 (no offset: the plan's zone applies)" });
/** At most 31 days from start to end (the zone's daylight saving is within the slack of a day). */
function withinMonth(window: { start: string; end: string }): boolean {
  const ms = (local: string) => (LOCAL_DATE_TIME.test(local) ? Date.parse(`${local}Z`) : Number.NaN);
  const spanMs = ms(window.end) - ms(window.start);
  return Number.isNaN(spanMs) || spanMs <= L.MAX_WINDOW_DAYS * 86_400_000;
}
const minutesInMonth = L.MAX_WINDOW_DAYS * 24 * 60;
/** A template's or break's start, minutes from the design window's start (within a month either way). */
const minuteOfWindow = () => z.number().int().min(-minutesInMonth).max(minutesInMonth);
/** A shift's or break's length in whole minutes, at most the longest shift. */
const shiftMinutes = () =>
  z
    .number()
    .int()
    .positive()
    .max(L.MAX_SHIFT_HOURS * 60);
const erlangIntervalMin = () =>
  z
    .number()
    .min(L.MIN_INTERVAL_MIN, { message: `at least ${L.MIN_INTERVAL_MIN} min` })
    .max(L.MAX_INTERVAL_MIN, { message: `at most ${L.MAX_INTERVAL_MIN} min` });
const intervalMin = z.union([z.literal(15), z.literal(30), z.literal(60)], { message: "must be 15, 30 or 60" });

const BreakRuleSchema = z.strictObject({
  minShiftHours: z.number().min(0).max(L.MAX_SHIFT_HOURS),
  breakMinutes: z.number().int().positive().max(240),
  window: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).refine(([lo, hi]) => lo <= hi, { message: "window[0] must not exceed window[1]" }),
});

/** A kind of person the shop could hire (人手缺口与招聘建议): who, when (local date-times), how many hours at most. */
const HireProfileSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[\w-]{1,40}$/, { message: "letters, digits, - or _ (at most 40)" }),
  name: z.string().trim().min(1).max(60),
  kind: z.enum(["fulltime", "temp", "support"]),
  skills: z
    .array(z.enum(["presales", "aftersales"]))
    .min(1)
    .max(2),
  windows: z
    .array(z.strictObject({ start: localDateTime, end: localDateTime }).refine((w) => w.end > w.start, { message: "end must be after start", path: ["end"] }))
    .min(1)
    .max(62),
  maxHours: z.number().positive().max(744),
});

const sharesSumToOne = (values: number[]) => Math.abs(values.reduce((s, v) => s + v, 0) - 1) <= 1e-6;

export const ConcurrencyRuleSchema = z.strictObject({
  sessionMin: positive().max(480),
  repliesPerMin: positive().max(600),
  questionsPerSession: positive().max(1000),
});

const maxParallel = () => z.number().int().min(1).max(10);

/** `service.chat`: AHT_k by chats held, as a list or derived from a linear slowdown (requirement.ts `ChatSpec`). */
export const ChatSpecSchema = z.union([
  z.strictObject({ maxParallel: maxParallel(), ahtSecByParallel: z.array(seconds()).min(1).max(10) }),
  z.strictObject({ ahtSecAtOneChat: seconds(), slowdownPerExtraChat: z.number().min(0).max(2), maxParallel: maxParallel().optional() }),
]) satisfies z.ZodType<ChatSpec>;

export const ServiceTargetSchema = z
  .strictObject({
    /** The factor method's handle time; the chat model takes its own from `chat`. */
    ahtSec: seconds().optional(),
    targetSec: targetSec(),
    serviceLevel: openFraction(),
    maxOccupancy: occupancyCap(0.85),
    shrinkage: z.number().min(0).max(0.9).default(0),
    concurrency: z.union([concurrency(), ConcurrencyRuleSchema]).default(1),
    patienceSec: seconds().optional(),
    chat: ChatSpecSchema.optional(),
    slConvention: z.enum(["virtual", "answeredWithin"]).optional(),
    lines: z.number().int().min(1).max(1_000_000).optional(),
  })
  .superRefine((target, ctx) => {
    if (typeof target.concurrency === "object") {
      const chats = resolveConcurrency(target.concurrency);
      if (chats < 1) ctx.addIssue({ code: "custom", path: ["concurrency"], message: "the rule gives fewer than 1 chat per agent" });
      else if (!target.chat && chats > L.MAX_CONCURRENCY) {
        ctx.addIssue({ code: "custom", path: ["concurrency"], message: `the rule gives ${chats.toFixed(1)} chats per agent; at most ${L.MAX_CONCURRENCY}` });
      }
    }
    const chat = target.chat;
    if (!chat) {
      if (target.ahtSec === undefined) ctx.addIssue({ code: "custom", path: ["ahtSec"], message: "required unless chat gives the handle times" });
      return;
    }
    if ("ahtSecByParallel" in chat) {
      if (chat.ahtSecByParallel.length !== chat.maxParallel) {
        ctx.addIssue({ code: "custom", path: ["chat", "ahtSecByParallel"], message: `needs maxParallel (${chat.maxParallel}) handle times, one per chats held` });
      }
      nonDecreasing(chat.ahtSecByParallel, ["chat", "ahtSecByParallel"], ctx);
    } else if (chat.maxParallel === undefined) {
      const rule = target.concurrency;
      const parallel = typeof rule === "object" ? Math.floor(resolveConcurrency(rule)) : undefined;
      if (parallel === undefined) {
        ctx.addIssue({ code: "custom", path: ["chat", "maxParallel"], message: "required unless concurrency is a Qianniu rule (sessionMin, repliesPerMin, questionsPerSession)" });
      } else if (parallel > 10) {
        ctx.addIssue({ code: "custom", path: ["chat", "maxParallel"], message: `the Qianniu rule gives ${parallel} chats per agent; give maxParallel (at most 10)` });
      }
    }
  });

export const CapacitySchema = z.discriminatedUnion("basis", [
  z.strictObject({ basis: z.literal("perAgentDay"), saturationPerAgentDay: z.number().min(1).max(L.MAX_SATURATION_PER_AGENT_DAY) }),
  z.strictObject({
    basis: z.literal("messages"),
    messagesPerCustomer: z.number().min(0.1).max(1000),
    secondsPerMessage: z.number().min(1).max(L.MAX_HANDLE_SEC),
    utilization: z.number().gt(0).max(1),
  }),
]);

export const CurveSpecSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("builtin"), id: z.string().min(1).max(60) }),
  z.strictObject({ kind: z.literal("shares"), intervalMin, values: intervalArray(z.number().min(0).max(1)).min(1) }),
  z.strictObject({ kind: z.literal("counts"), intervalMin, values: intervalArray(z.number().min(0).max(L.MAX_SALES_TARGET_YUAN)).min(1) }),
]);

const queueFields = {
  botResolutionRate: z.number().min(0).lt(1).default(0),
  capacity: CapacitySchema,
  service: ServiceTargetSchema.optional(),
};

export const PlanSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    zone: zone.default("Asia/Shanghai"),
    window: z
      .strictObject({ start: localDateTime, end: localDateTime })
      .refine(withinMonth, { message: `the window may span at most ${L.MAX_WINDOW_DAYS} days`, path: ["end"] })
      .default({ start: "2026-11-10T00:00", end: "2026-11-13T00:00" }),
    intervalMin: intervalMin.default(60),
    workdayHours: z.number().gt(0).max(24).default(8),
    chain: z.strictObject({
      salesTargetYuan: positive().max(L.MAX_SALES_TARGET_YUAN, { message: `at most ${L.MAX_SALES_TARGET_YUAN.toExponential()} yuan (1,000 亿)` }),
      csSalesShare: z.number().gt(0).max(1),
      csAvgOrderValueYuan: yuan(),
      inquiryConversionRate: z.number().gt(0).max(1),
    }),
    presales: z.strictObject({
      ...queueFields,
      curve: CurveSpecSchema.default({ kind: "builtin", id: "double11" }),
    }),
    aftersales: z.strictObject({
      ...queueFields,
      shopAvgOrderValueYuan: yuan(),
      contactRate: z.number().min(0).max(10),
      lagDayShares: z.array(fraction()).min(1).max(60).refine(sharesSumToOne, { message: "lag shares must sum to 1" }).optional(),
      intradayHourly: z
        .array(z.number().min(0))
        .length(24)
        .refine((w) => w.some((x) => x > 0), { message: "needs a positive weight" })
        .optional(),
      maxDeferHours: z.number().min(0).max(24).default(0),
    }),
    peakBand: z.strictObject({ start: localDateTime, end: localDateTime }).optional(),
    hiring: z
      .strictObject({
        profiles: z
          .array(HireProfileSchema)
          .min(1)
          .max(10)
          .refine((profiles) => new Set(profiles.map((p) => p.id)).size === profiles.length, { message: "profile ids must be unique" }),
      })
      .optional(),
    requirement: z.strictObject({ method: z.enum(["saturation", "service-level"]) }).default({ method: "saturation" }),
    shifts: z
      .strictObject({
        lengthsHours: z.array(shiftHours()).min(1).max(20).default(DEFAULT_SHIFTS.lengthsHours),
        startStepMinutes: z.number().int().positive().max(1440).optional(),
        breakRule: BreakRuleSchema.nullable().default(DEFAULT_SHIFTS.breakRule),
        costPerHour: positive().default(DEFAULT_SHIFTS.costPerHour),
      })
      .default(DEFAULT_SHIFTS),
    rules: z
      .strictObject({
        maxContinuousDutyHours: z.number().gt(0).max(48).default(DEFAULT_RULES.maxContinuousDutyHours),
        restResetHours: z.number().min(0).max(48).default(DEFAULT_RULES.restResetHours),
        minRestHours: z.number().min(0).max(48).default(DEFAULT_RULES.minRestHours),
      })
      .default(DEFAULT_RULES),
  })
  .superRefine((plan, ctx) => {
    if (plan.requirement.method !== "service-level") return;
    for (const queue of ["presales", "aftersales"] as const) {
      if (!plan[queue].service) {
        ctx.addIssue({ code: "custom", path: [queue, "service"], message: 'required when requirement.method is "service-level"' });
      }
    }
  });

/** What a client sends for a plan (defaults may be left out). */
export type PlanInput = z.input<typeof PlanSchema>;

/** `POST /api/erlang` and `peakcrew erlang`: one interval's queueing question. */
export const ErlangRequestSchema = z
  .strictObject({
    arrivals: arrivals().describe("Chats offered to agents in the interval (a count)."),
    intervalMin: erlangIntervalMin().describe("Interval length, minutes."),
    ahtSec: seconds().describe("Average handle time of one chat, seconds."),
    targetSec: targetSec().describe("Target answer time T, seconds: `serviceLevel` of the chats are to be answered within T."),
    serviceLevel: openFraction().describe("Target share answered within `targetSec`, a fraction in (0, 1), e.g. 0.8."),
    maxOccupancy: occupancyCap(1).describe("Highest acceptable occupancy, a fraction; 1 is no cap."),
    shrinkage: z.number().min(0).max(0.9).default(0).describe("Share of paid time agents are away (breaks, meetings): scheduled = productive ÷ (1 − shrinkage)."),
    concurrency: concurrency().default(1).describe("Effective chats one agent holds at once; the handle time is divided by it."),
    patienceSec: seconds().optional().describe("Mean patience, seconds: given, Erlang A (customers abandon); absent, Erlang C."),
    agents: z.number().int().min(0).max(L.MAX_AGENTS_PER_INTERVAL).optional().describe("Evaluate this many productive agents instead of finding the fewest that meet the target."),
  })
  // Only once every field is in range: the search's first step, refused where it lies beyond its cap.
  .refine((request) => request.agents !== undefined || searchStartAgents(request) <= L.MAX_AGENTS_PER_INTERVAL, {
    path: ["arrivals"],
    when: (payload) => payload.issues.length === 0,
    error: (issue) => `this load needs at least ${searchStartAgents(issue.input as ErlangParams).toLocaleString("en")} agents; the search stops at ${L.MAX_AGENTS_PER_INTERVAL.toLocaleString("en")}`,
  })
  .describe("One interval of one queue: the fewest agents meeting the service level and occupancy cap (Erlang C, or A with `patienceSec`), or the figures for `agents`.");

/** `peakcrew erlang --aht-sec A1,A2,…`: one interval's chat-queue question (src/domain/chat.ts). */
export const ChatRequestSchema = z
  .strictObject({
    arrivals: arrivals(),
    intervalMin: erlangIntervalMin(),
    ahtSecByParallel: z.array(seconds()).min(1).max(L.MAX_CONCURRENCY),
    targetSec: targetSec(),
    serviceLevel: openFraction(),
    maxOccupancy: occupancyCap(1),
    shrinkage: z.number().min(0).max(0.9).default(0),
    patienceSec: seconds().optional(),
    lines: z.number().int().min(1).max(1_000_000).optional(),
    convention: z.enum(["virtual", "answeredWithin"]).default("answeredWithin"),
    agents: z.number().int().min(0).max(L.MAX_AGENTS_PER_INTERVAL).optional(),
  })
  .superRefine((request, ctx) => nonDecreasing(request.ahtSecByParallel, ["ahtSecByParallel"], ctx));

/** Handle time must not fall with more chats held: the search assumes service improves with agents. */
function nonDecreasing(aht: number[], path: (string | number)[], ctx: z.RefinementCtx): void {
  aht.forEach((value, i) => {
    if (i > 0 && value < (aht[i - 1] as number)) {
      ctx.addIssue({ code: "custom", path: [...path, i], message: "must not be less than the one before (handle time does not fall with more chats held)" });
    }
  });
}

/** A chat-queue question as the domain takes it. */
export function parseChatRequest(data: unknown): ChatParams & { agents?: number | undefined } {
  return parse(ChatRequestSchema, data);
}

/** `peakcrew design` and `POST /api/design`: the instance format of shared/bench/README.md. */
export const DesignInstanceSchema = z
  .object({
    name: z.string().optional(),
    start: z.iso.datetime({ offset: true, message: "an ISO date-time with offset, e.g. 2026-11-10T00:00:00+08:00" }),
    intervalMinutes: z.number().int().min(L.MIN_INTERVAL_MIN).max(L.MAX_INTERVAL_MIN),
    demand: intervalArray(z.number().int().min(0).max(L.MAX_AGENTS_PER_INTERVAL)).min(1),
    shiftLengthsHours: z.array(shiftHours()).max(20).optional(),
    shiftStartStepMinutes: z.number().int().positive().max(1440).optional(),
    breakRule: BreakRuleSchema.nullable().optional(),
    maxContinuousHours: positive().max(48).optional(),
    costPerHour: positive().max(1e6).optional(),
    templates: z
      .array(
        z.strictObject({
          name: z.string().optional(),
          startMinute: minuteOfWindow(),
          lengthMinutes: shiftMinutes(),
          cost: z.number().min(0).max(1e9).optional(),
          breaks: z
            .array(
              z.strictObject({
                startMinute: minuteOfWindow(),
                lengthMinutes: shiftMinutes(),
              }),
            )
            .max(10)
            .optional(),
          maxCount: z.number().int().min(0).max(L.MAX_AGENTS_PER_INTERVAL).optional(),
        }),
      )
      .max(10_000)
      .optional(),
    cyclic: z.boolean().optional(),
  })
  .superRefine((instance, ctx) => {
    if (!instance.shiftLengthsHours?.length && !instance.templates?.length) {
      ctx.addIssue({ code: "custom", path: ["shiftLengthsHours"], message: "give shift lengths (a generated grid) or templates, or both" });
    }
    const days = (instance.demand.length * instance.intervalMinutes) / (24 * 60);
    if (days > L.MAX_WINDOW_DAYS) {
      ctx.addIssue({ code: "custom", path: ["demand"], message: `${instance.demand.length} intervals of ${instance.intervalMinutes} min span ${days.toFixed(1)} days; at most ${L.MAX_WINDOW_DAYS}` });
    }
  });

/** A design instance as the domain takes it. */
export function parseDesignInstance(data: unknown): DesignInstance {
  return parse(DesignInstanceSchema, data);
}

/** The built-in curve files in data/curves/. */
export const CurveTemplateFileSchema = z.object({
  id: z.string().min(1),
  anchor: z.string().regex(/^\d{2}-\d{2}$/),
  intervalMin: z.literal(60),
  presales: z.array(z.object({ day: z.string(), hourly: z.array(z.number().min(0)).length(24) })).min(1),
  aftersales: z.object({
    intradayHourly: z.array(z.number().min(0)).length(24),
    lagDayShares: z.array(fraction()).min(1).refine(sharesSumToOne, { message: "lag shares must sum to 1" }),
  }),
});

/** Turns a template file into the domain's flat template. */
export function toCurveTemplate(file: z.output<typeof CurveTemplateFileSchema>): CurveTemplate {
  return {
    id: file.id,
    anchor: file.anchor,
    intervalMin: file.intervalMin,
    presalesWeights: file.presales.flatMap((d) => d.hourly),
    aftersalesIntradayHourly: file.aftersales.intradayHourly,
    aftersalesLagDayShares: file.aftersales.lagDayShares,
  };
}

/** zod issues as the API's and CLI's `{path, message}` list, paths dotted ("presales.capacity.basis"). */
export function toIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
    ...codeOf(issue),
  }));
}

/** A zod issue's code and the params a translation needs (web/issues.js); a missing value is `required`. */
function codeOf(issue: z.core.$ZodIssue): Pick<InputIssue, "code" | "params"> {
  switch (issue.code) {
    case "too_big":
      return { code: issue.code, params: { maximum: Number(issue.maximum), inclusive: issue.inclusive !== false, origin: issue.origin } };
    case "too_small":
      return { code: issue.code, params: { minimum: Number(issue.minimum), inclusive: issue.inclusive !== false, origin: issue.origin } };
    case "invalid_type":
      return / received undefined$/.test(issue.message) ? { code: "required" } : { code: issue.code, params: { expected: issue.expected } };
    case "invalid_value":
      return { code: issue.code, params: { values: issue.values.map(String) } };
    case "unrecognized_keys":
      return { code: issue.code, params: { keys: issue.keys } };
    case "not_multiple_of":
      return { code: issue.code, params: { divisor: Number(issue.divisor) } };
    case "invalid_format":
      return { code: issue.code, params: { format: issue.format } };
    default:
      return {};
  }
}

/**
 * Parses `data` with `schema`; on failure throws InputError listing every bad field, which
 * the API answers with 400 and the CLI with exit code 2.
 */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new InputError(toIssues(result.error));
  return result.data;
}

/** A plan as the domain takes it, checked at compile time against the schema's output. */
export function parsePlan(data: unknown): Plan {
  return parse(PlanSchema, data);
}

/** An Erlang question as the domain takes it. */
export function parseErlangRequest(data: unknown): ErlangParams & { agents?: number | undefined } {
  return parse(ErlangRequestSchema, data);
}

/** How a history CSV is imported: `POST /api/history?name=…` and `peakcrew history import`. */
export const HistoryImportSchema = z.strictObject({
  name: z.string().trim().min(1, { message: "give the dataset a name" }).max(120),
  zone: zone.default("Asia/Shanghai"),
  encoding: z.enum(["utf-8", "gb18030"], { message: 'must be "utf-8" or "gb18030" (GBK files read as gb18030); leave it out to detect' }).optional(),
});

/** Expected growth over last year: 0.2 for +20 %. */
export const GrowthRateSchema = z.coerce.number({ message: "a number, e.g. 0.2 for +20 %" }).gt(-1).max(10).default(0);

/** An hour is a risk when this year's receptions per agent exceed last year's by more than this share. */
export const ToleranceSchema = z.coerce.number({ message: "a share ≥ 0, e.g. 0.1 for 10 %" }).min(0).max(10).default(0.1);

/** Most rows one actuals request may carry: 15 days of 15-minute intervals for both queues, twice over. */
export const MAX_ACTUAL_ROWS = 6_000;

const ActualRowSchema = z.strictObject({
  start: localDateTime,
  queue: z.enum(["presales", "aftersales"]),
  receptions: z.number().min(0),
  agentsOnline: z.number().min(0).nullable().default(null),
  firstResponseSec: z.number().min(0).nullable().default(null),
});

/** The JSON actuals' shape; the rows are checked against the plan's grid by `actualsRequestSchema`. */
export const ActualsRowsSchema = z.strictObject({ rows: z.array(ActualRowSchema).min(1, { message: "send at least one row" }).max(MAX_ACTUAL_ROWS) });

/**
 * `POST /api/plans/:id/actuals` with JSON: `{"rows": [{start, queue, receptions,
 * agentsOnline?, firstResponseSec?}]}`, each start an interval start of the plan's grid inside
 * its window (local, the plan's zone), each interval and queue once.
 */
export function actualsRequestSchema(plan: Pick<Plan, "zone" | "window" | "intervalMin">) {
  const frame = windowFrame(plan);
  return ActualsRowsSchema.superRefine(({ rows }, ctx) => {
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const placed = placeStart(row.start, frame);
      if ("problem" in placed) ctx.addIssue({ code: "custom", path: ["rows", i, "start"], message: placed.problem });
      const key = `${row.start.slice(0, 16)} ${row.queue}`;
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: ["rows", i, "start"], message: `rows.${first} has the same start and queue` });
      else seen.set(key, i);
    });
  }).transform(({ rows }) => rows.map((row) => ({ ...row, start: row.start.slice(0, 16) }) satisfies ActualRow));
}

/** The night's rows as the store takes them, from a JSON request (see `actualsRequestSchema`). */
export function parseActualsRequest(data: unknown, plan: Pick<Plan, "zone" | "window" | "intervalMin">): ActualRow[] {
  return parse(actualsRequestSchema(plan), data);
}

/** How an actuals file is sent: `POST /api/plans/:id/actuals?encoding=…&fileName=…` with the file as the body. */
export const ActualsUploadSchema = z.strictObject({
  encoding: HistoryImportSchema.shape.encoding,
  fileName: z.string().trim().min(1).max(255).optional(),
});

/** A user's name for signing in: 1–64 characters, no control characters, trimmed (docs/security.md). */
export const UserNameSchema = z
  .string()
  .trim()
  .min(1, { message: "is empty" })
  .max(64, { message: "is longer than 64 characters" })
  .refine((name) => !/[\p{Cc}\p{Cf}]/u.test(name), { message: "has a control character" });
/** A password to set: at least 10 characters (bounded, since scrypt reads all of it). */
export const NewPasswordSchema = z.string().min(10, { message: "must be at least 10 characters" }).max(1024, { message: "is longer than 1024 characters" });
export const RoleSchema = z.enum(["manager", "hr", "viewer"], { message: 'must be "manager", "hr" or "viewer"' });
/** POST /api/login. */
export const LoginRequestSchema = z.strictObject({ name: UserNameSchema, password: z.string().min(1).max(1024) });
/** GET /api/audit: newest first, `limit` a page, `before` the id the previous page ended at. */
export const AuditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().positive().optional() });
