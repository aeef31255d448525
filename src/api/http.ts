/**
 * What the API's routers share: id and export parameters, the request schemas of app.ts's
 * routes (the routes parse with them and openapi.ts documents them), and cancelling a solve
 * whose client went away.
 */
import type express from "express";
import * as z from "zod";
import { XLSX_TYPE } from "../export/xlsx.ts";
import { coded, codedPattern, GrowthRateSchema, ToleranceSchema } from "../schemas.ts";

/**
 * A public id as a URL spells it: a canonical positive integer within the safe integers, so
 * `1e0`, `0x1`, `+1`, `01`, `1.0` and ` 1` are 400s and never another spelling of plan 1.
 */
export const IdString = z
  .string()
  .regex(codedPattern(/^[1-9][0-9]{0,15}$/, "record_id_format"), { message: "an id is a positive whole number written plainly, e.g. 12" })
  .transform(Number)
  .refine(Number.isSafeInteger, coded("record_id_too_big", {}, "an id is at most 9007199254740991"));
export const IdParam = z.strictObject({ id: IdString });
export const ExportQuery = z.object({ lang: z.enum(["zh", "en"]).default("zh"), person: z.string().min(1).optional() });

const HistoryQuery = z.object({ history: IdString });
export const HistoryEstimatesQuery = HistoryQuery.extend({ growth: GrowthRateSchema });
export const CompareQuery = HistoryQuery.extend({ tolerance: ToleranceSchema });
export const ApplyHistoryRequest = z.strictObject({ historyId: z.number().int().positive(), growthRate: GrowthRateSchema });
export const RenameRequest = z.strictObject({ name: z.string().trim().min(1).max(120) });
/** What an actuals file may be sent as (browsers label a .csv as vnd.ms-excel on Windows). */
export const ACTUALS_FILE_TYPES = ["text/csv", "application/octet-stream", "application/vnd.ms-excel", XLSX_TYPE];

/** An AbortSignal that fires when the client goes away before the response is sent. */
export function cancelledWhenClosed(res: express.Response): AbortSignal {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
