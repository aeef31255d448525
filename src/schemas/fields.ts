/**
 * The building blocks of every schema: field ranges (each with its limit from
 * domain/limits.ts in the message), and `parse`, which turns zod's issues into the
 * InputError that the API answers with 400 and the CLI with exit code 2. Each helper is a
 * function, so a schema is only built by the module that needs it (start-up: issue 14).
 */
import { IANAZone } from "luxon";
import * as z from "zod";
import { InputError, type InputIssue } from "../domain/errors.ts";
import type { IssueCode, IssueParams } from "../domain/issue-codes.ts";
import * as L from "../domain/limits.ts";

/**
 * A custom zod issue's message with its code and params (`codeOf` lifts them into the
 * InputIssue): `.refine(ok, coded("lag_shares_sum", {}, "lag shares must sum to 1"))`, or spread
 * into `ctx.addIssue`.
 */
export function coded<C extends IssueCode>(code: C, params: IssueParams<C>, message: string): { message: string; params: Record<string, unknown> } {
  return { message, params: { ...params, code } };
}

/** Codes of `.regex` checks by pattern (zod keeps a regex issue's pattern, not custom params). */
const REGEX_CODES = new Map<string, IssueCode>();
/** `pattern`, noted so that a string failing it gets the issue code `code`: `.regex(codedPattern(/…/, "plan_id_format"), {message})`. */
export function codedPattern(pattern: RegExp, code: IssueCode): RegExp {
  REGEX_CODES.set(pattern.toString(), code);
  return pattern;
}

export const positive = () => z.number().positive();
/** Handle time or patience, seconds: 1 s – 2 h. */
export const seconds = () =>
  z
    .number()
    .min(L.MIN_SECONDS, { message: `at least ${L.MIN_SECONDS} s` })
    .max(L.MAX_HANDLE_SEC, { message: `at most ${L.MAX_HANDLE_SEC} s (2 h)` });
export const targetSec = () =>
  z
    .number()
    .min(0)
    .max(L.MAX_TARGET_SEC, { message: `at most ${L.MAX_TARGET_SEC} s` });
export const occupancyCap = (fallback: number) =>
  z
    .number()
    .min(L.MIN_OCCUPANCY, { message: `an occupancy cap in [${L.MIN_OCCUPANCY}, 1]` })
    .max(1, { message: `an occupancy cap in [${L.MIN_OCCUPANCY}, 1]` })
    .default(fallback);
export const concurrency = () =>
  z
    .number()
    .min(1)
    .max(L.MAX_CONCURRENCY, { message: `at most ${L.MAX_CONCURRENCY} chats at once` });
export const arrivals = () =>
  z
    .number()
    .min(0)
    .max(L.MAX_ARRIVALS_PER_INTERVAL, { message: `at most ${L.MAX_ARRIVALS_PER_INTERVAL.toLocaleString("en")} arrivals per interval` });
/** A curve's or a design's per-interval array: at most 31 days of 5-minute intervals. */
export const intervalArray = <T extends z.ZodType>(item: T) =>
  z.array(item).max(L.MAX_DESIGN_INTERVALS, { message: `at most ${L.MAX_DESIGN_INTERVALS} values (${L.MAX_WINDOW_DAYS} days of ${L.MIN_INTERVAL_MIN}-minute intervals)` });
export const shiftHours = () =>
  z
    .number()
    .min(L.MIN_SHIFT_HOURS, { message: `at least ${L.MIN_SHIFT_HOURS} h` })
    .max(L.MAX_SHIFT_HOURS, { message: `at most ${L.MAX_SHIFT_HOURS} h` });
export const yuan = () =>
  z
    .number()
    .min(1, { message: "at least 1 yuan" })
    .max(L.MAX_ORDER_VALUE_YUAN, { message: `at most ${L.MAX_ORDER_VALUE_YUAN.toLocaleString("en")} yuan` });
export const fraction = () => z.number().min(0).max(1);
export const openFraction = () => z.number().gt(0, { message: "a fraction in (0, 1), e.g. 0.8 for 80 %" }).lt(1, { message: "a fraction in (0, 1), e.g. 0.8 for 80 %" });

export const zone = () => z.string().refine((name) => IANAZone.isValidZone(name), coded("not_time_zone", {}, "not an IANA time zone, e.g. Asia/Shanghai"));
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
export const localDateTime = () =>
  z.string().regex(codedPattern(LOCAL_DATE_TIME, "local_date_time"), { message: "expected a local date-time like 2026-11-10T00:00 (no offset: the plan's zone applies)" });
/** At most 31 days from start to end (the zone's daylight saving is within the slack of a day). */
export function withinMonth(window: { start: string; end: string }): boolean {
  const ms = (local: string) => (LOCAL_DATE_TIME.test(local) ? Date.parse(`${local}Z`) : Number.NaN);
  const spanMs = ms(window.end) - ms(window.start);
  return Number.isNaN(spanMs) || spanMs <= L.MAX_WINDOW_DAYS * 86_400_000;
}
const minutesInMonth = L.MAX_WINDOW_DAYS * 24 * 60;
/** A template's or break's start, minutes from the design window's start (within a month either way). */
export const minuteOfWindow = () => z.number().int().min(-minutesInMonth).max(minutesInMonth);
/** A shift's or break's length in whole minutes, at most the longest shift. */
export const shiftMinutes = () =>
  z
    .number()
    .int()
    .positive()
    .max(L.MAX_SHIFT_HOURS * 60);
export const erlangIntervalMin = () =>
  z
    .number()
    .min(L.MIN_INTERVAL_MIN, { message: `at least ${L.MIN_INTERVAL_MIN} min` })
    .max(L.MAX_INTERVAL_MIN, { message: `at most ${L.MAX_INTERVAL_MIN} min` });
export const intervalMin = () => z.union([z.literal(15), z.literal(30), z.literal(60)], { message: "must be 15, 30 or 60" });

/** A shift design's break rule (shared by plans and design instances). */
export const breakRule = () =>
  z.strictObject({
    minShiftHours: z.number().min(0).max(L.MAX_SHIFT_HOURS),
    breakMinutes: z.number().int().positive().max(240),
    window: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).refine(([lo, hi]) => lo <= hi, coded("break_window_order", {}, "window[0] must not exceed window[1]")),
  });
export const sharesSumToOne = (values: number[]) => Math.abs(values.reduce((s, v) => s + v, 0) - 1) <= 1e-6;

export const maxParallel = () => z.number().int().min(1).max(10);

/** Handle time must not fall with more chats held: the search assumes service improves with agents. */
export function nonDecreasing(aht: number[], path: (string | number)[], ctx: z.RefinementCtx): void {
  aht.forEach((value, i) => {
    if (i > 0 && value < (aht[i - 1] as number)) {
      ctx.addIssue({ code: "custom", path: [...path, i], ...coded("aht_non_decreasing", {}, "must not be less than the one before (handle time does not fall with more chats held)") });
    }
  });
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
    case "invalid_format": {
      const own = "pattern" in issue ? REGEX_CODES.get(String(issue.pattern)) : undefined;
      return own ? { code: own, params: {} } : { code: issue.code, params: { format: issue.format } };
    }
    case "invalid_union": {
      // A union of literals (15, 30 or 60): one of its values.
      const values = issue.errors.flatMap((branch) => (branch.length === 1 && branch[0]?.code === "invalid_value" ? branch[0].values.map(String) : []));
      return values.length === issue.errors.length ? { code: "invalid_value", params: { values } } : {};
    }
    case "custom": {
      const { code, ...params } = (issue.params ?? {}) as Record<string, unknown>;
      return typeof code === "string" ? { code, params } : {};
    }
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
