/**
 * A plan: the staffing chain, the two queues, the window, shifts and rules (what
 * `POST /api/plans`, `peakcrew staffing|roster|…` and data/ take). The output type is checked
 * against the domain's Plan (`parsePlan`), so the edge and the core cannot drift apart.
 */
import * as z from "zod";
import { resolveConcurrency } from "../domain/requirement.ts";
import type { ChatSpec } from "../domain/requirement.ts";
import * as L from "../domain/limits.ts";
import { DEFAULT_SHIFTS, type Plan } from "../domain/staffing.ts";
import { DEFAULT_RULES } from "../domain/validate.ts";
import {
  breakRule,
  coded,
  codedPattern,
  concurrency,
  fraction,
  intervalArray,
  intervalMin,
  localDateTime,
  maxParallel,
  nonDecreasing,
  occupancyCap,
  openFraction,
  parse,
  positive,
  seconds,
  sharesSumToOne,
  shiftHours,
  targetSec,
  withinMonth,
  yuan,
  zone,
} from "./fields.ts";

/** A kind of person the shop could hire (人手缺口与招聘建议): who, when (local date-times), how many hours at most. */
const HireProfileSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(codedPattern(/^[\w-]{1,40}$/, "plan_id_format"), { message: "letters, digits, - or _ (at most 40)" }),
  name: z.string().trim().min(1).max(60),
  kind: z.enum(["fulltime", "temp", "support"]),
  skills: z
    .array(z.enum(["presales", "aftersales"]))
    .min(1)
    .max(2),
  windows: z
    .array(
      z.strictObject({ start: localDateTime(), end: localDateTime() }).refine((w) => w.end > w.start, { ...coded("end_after_start", { start: "start" }, "end must be after start"), path: ["end"] }),
    )
    .min(1)
    .max(62),
  maxHours: z.number().positive().max(744),
});

export const ConcurrencyRuleSchema = z.strictObject({
  sessionMin: positive().max(480),
  repliesPerMin: positive().max(600),
  questionsPerSession: positive().max(1000),
});

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
      if (chats < 1) ctx.addIssue({ code: "custom", path: ["concurrency"], ...coded("rule_too_few_chats", {}, "the rule gives fewer than 1 chat per agent") });
      else if (!target.chat && chats > L.MAX_CONCURRENCY) {
        ctx.addIssue({
          code: "custom",
          path: ["concurrency"],
          ...coded("rule_too_many_chats", { chats: Number(chats.toFixed(1)), maximum: L.MAX_CONCURRENCY }, `the rule gives ${chats.toFixed(1)} chats per agent; at most ${L.MAX_CONCURRENCY}`),
        });
      }
    }
    const chat = target.chat;
    if (!chat) {
      if (target.ahtSec === undefined) ctx.addIssue({ code: "custom", path: ["ahtSec"], ...coded("aht_required", {}, "required unless chat gives the handle times") });
      return;
    }
    if ("ahtSecByParallel" in chat) {
      if (chat.ahtSecByParallel.length !== chat.maxParallel) {
        ctx.addIssue({
          code: "custom",
          path: ["chat", "ahtSecByParallel"],
          ...coded("aht_list_length", { count: chat.maxParallel }, `needs maxParallel (${chat.maxParallel}) handle times, one per chats held`),
        });
      }
      nonDecreasing(chat.ahtSecByParallel, ["chat", "ahtSecByParallel"], ctx);
    } else if (chat.maxParallel === undefined) {
      const rule = target.concurrency;
      const parallel = typeof rule === "object" ? Math.floor(resolveConcurrency(rule)) : undefined;
      if (parallel === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["chat", "maxParallel"],
          ...coded("max_parallel_required", {}, "required unless concurrency is a Qianniu rule (sessionMin, repliesPerMin, questionsPerSession)"),
        });
      } else if (parallel > 10) {
        ctx.addIssue({
          code: "custom",
          path: ["chat", "maxParallel"],
          ...coded("rule_parallel_too_many", { parallel, maximum: 10 }, `the Qianniu rule gives ${parallel} chats per agent; give maxParallel (at most 10)`),
        });
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
  z.strictObject({ kind: z.literal("shares"), intervalMin: intervalMin(), values: intervalArray(z.number().min(0).max(1)).min(1) }),
  z.strictObject({ kind: z.literal("counts"), intervalMin: intervalMin(), values: intervalArray(z.number().min(0).max(L.MAX_SALES_TARGET_YUAN)).min(1) }),
]);

const queueFields = {
  botResolutionRate: z.number().min(0).lt(1).default(0),
  capacity: CapacitySchema,
  service: ServiceTargetSchema.optional(),
};

// Object defaults are functions: each parsed plan gets its own copy, so the store's frozen cache
// (store/plans.ts) never freezes a default shared with every other plan.
export const PlanSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    zone: zone().default("Asia/Shanghai"),
    window: z
      .strictObject({ start: localDateTime(), end: localDateTime() })
      .refine(withinMonth, { ...coded("window_too_long", { maximum: L.MAX_WINDOW_DAYS }, `the window may span at most ${L.MAX_WINDOW_DAYS} days`), path: ["end"] })
      .default(() => ({ start: "2026-11-10T00:00", end: "2026-11-13T00:00" })),
    intervalMin: intervalMin().default(60),
    workdayHours: z.number().gt(0).max(24).default(8),
    chain: z.strictObject({
      salesTargetYuan: positive().max(L.MAX_SALES_TARGET_YUAN, { message: `at most ${L.MAX_SALES_TARGET_YUAN.toExponential()} yuan (1,000 亿)` }),
      csSalesShare: z.number().gt(0).max(1),
      csAvgOrderValueYuan: yuan(),
      inquiryConversionRate: z.number().gt(0).max(1),
    }),
    presales: z.strictObject({
      ...queueFields,
      curve: CurveSpecSchema.default(() => ({ kind: "builtin" as const, id: "double11" })),
    }),
    aftersales: z.strictObject({
      ...queueFields,
      shopAvgOrderValueYuan: yuan(),
      contactRate: z.number().min(0).max(10),
      lagDayShares: z
        .array(fraction())
        .min(1)
        .max(60)
        .refine(sharesSumToOne, coded("lag_shares_sum", {}, "lag shares must sum to 1"))
        .optional(),
      intradayHourly: z
        .array(z.number().min(0))
        .length(24)
        .refine((w) => w.some((x) => x > 0), coded("positive_weight", {}, "needs a positive weight"))
        .optional(),
      maxDeferHours: z.number().min(0).max(24).default(0),
    }),
    peakBand: z.strictObject({ start: localDateTime(), end: localDateTime() }).optional(),
    hiring: z
      .strictObject({
        profiles: z
          .array(HireProfileSchema)
          .min(1)
          .max(10)
          .refine((profiles) => new Set(profiles.map((p) => p.id)).size === profiles.length, coded("unique_profile_ids", {}, "profile ids must be unique")),
      })
      .optional(),
    requirement: z.strictObject({ method: z.enum(["saturation", "service-level"]) }).default(() => ({ method: "saturation" as const })),
    shifts: z
      .strictObject({
        lengthsHours: z
          .array(shiftHours())
          .min(1)
          .max(20)
          .default(() => [...DEFAULT_SHIFTS.lengthsHours]),
        startStepMinutes: z.number().int().positive().max(1440).optional(),
        breakRule: breakRule()
          .nullable()
          .default(() => structuredClone(DEFAULT_SHIFTS.breakRule)),
        costPerHour: positive().default(DEFAULT_SHIFTS.costPerHour),
      })
      .default(() => structuredClone(DEFAULT_SHIFTS)),
    rules: z
      .strictObject({
        maxContinuousDutyHours: z.number().gt(0).max(48).default(DEFAULT_RULES.maxContinuousDutyHours),
        restResetHours: z.number().min(0).max(48).default(DEFAULT_RULES.restResetHours),
        minRestHours: z.number().min(0).max(48).default(DEFAULT_RULES.minRestHours),
      })
      .default(() => ({ ...DEFAULT_RULES })),
  })
  .superRefine((plan, ctx) => {
    if (plan.requirement.method !== "service-level") return;
    for (const queue of ["presales", "aftersales"] as const) {
      if (!plan[queue].service) {
        ctx.addIssue({ code: "custom", path: [queue, "service"], ...coded("service_required", {}, 'required when requirement.method is "service-level"') });
      }
    }
  });

/** What a client sends for a plan (defaults may be left out). */
export type PlanInput = z.input<typeof PlanSchema>;

/** A plan as the domain takes it, checked at compile time against the schema's output. */
export function parsePlan(data: unknown): Plan {
  return parse(PlanSchema, data);
}
