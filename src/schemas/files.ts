/** Files and uploads: the built-in curves, last year's history CSV, the night's actuals. */
import * as z from "zod";
import { type ActualRow, placeStart, windowFrame } from "../domain/actuals.ts";
import type { CurveTemplate } from "../domain/curve.ts";
import type { Plan } from "../domain/staffing.ts";
import { coded, fraction, localDateTime, parse, sharesSumToOne, zone } from "./fields.ts";

/** The built-in curve files in data/curves/. */
export const CurveTemplateFileSchema = z.object({
  id: z.string().min(1),
  anchor: z.string().regex(/^\d{2}-\d{2}$/),
  intervalMin: z.literal(60),
  presales: z.array(z.object({ day: z.string(), hourly: z.array(z.number().min(0)).length(24) })).min(1),
  aftersales: z.object({
    intradayHourly: z.array(z.number().min(0)).length(24),
    lagDayShares: z
      .array(fraction())
      .min(1)
      .refine(sharesSumToOne, coded("lag_shares_sum", {}, "lag shares must sum to 1")),
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

/** `POST /api/plans/:id/roster`: the team as a staff CSV (the 工号, 姓名, 技能 … columns of data/samples/*.staff.csv). */
export const RosterRequestSchema = z.strictObject({ staffCsv: z.string().min(1, { message: "the staff CSV is empty" }) });

/** How a history CSV is imported: `POST /api/history?name=…` and `peakcrew history import`. */
export const HistoryImportSchema = z.strictObject({
  name: z.string().trim().min(1, { message: "give the dataset a name" }).max(120),
  zone: zone().default("Asia/Shanghai"),
  encoding: z.enum(["utf-8", "gb18030"], { message: 'must be "utf-8" or "gb18030" (GBK files read as gb18030); leave it out to detect' }).optional(),
});

/** Expected growth over last year: 0.2 for +20 %. */
export const GrowthRateSchema = z.coerce.number({ message: "a number, e.g. 0.2 for +20 %" }).gt(-1).max(10).default(0);

/** An hour is a risk when this year's receptions per agent exceed last year's by more than this share. */
export const ToleranceSchema = z.coerce.number({ message: "a share ≥ 0, e.g. 0.1 for 10 %" }).min(0).max(10).default(0.1);

/** Most rows one actuals request may carry: 15 days of 15-minute intervals for both queues, twice over. */
export const MAX_ACTUAL_ROWS = 6_000;

const ActualRowSchema = z.strictObject({
  start: localDateTime(),
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
      if ("problem" in placed) ctx.addIssue({ code: "custom", path: ["rows", i, "start"], message: placed.problem.message, params: { ...placed.problem.params, code: placed.problem.code } });
      const key = `${row.start.slice(0, 16)} ${row.queue}`;
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: ["rows", i, "start"], ...coded("actuals_duplicate_row", { row: `rows.${first}` }, `rows.${first} has the same start and queue`) });
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
