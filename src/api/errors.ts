/** One error type and one error handler for the whole API (DESIGN.md "HTTP"). */
import type { ErrorRequestHandler } from "express";
import * as z from "zod";
import { capIssues, InputError, type InputIssue } from "../domain/errors.ts";
import { InvalidJsonError } from "../solver/json-body.ts";
import { CancelledError, QueueFullError, ShuttingDownError, SolveOverrunError, SolveTooLargeError } from "../solver/pool.ts";

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly issues: InputIssue[] = [],
    /** Extra response headers, e.g. Retry-After on a 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** The body of every error answer (DESIGN.md "HTTP"); openapi.ts documents it as `Error`. */
export const ErrorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string().describe("What went wrong, kebab-case: invalid-input, not-found, plan-changed, …"),
    message: z.string().describe("In English; the page and the CLI translate by `code` and the issues' `code`."),
    issues: z
      .array(
        z.strictObject({
          path: z.string().describe('The field ("presales.csSalesShare", "rows.3.receptions") or file line ("csv: line 4, column 2 (售前接待量)").'),
          message: z.string(),
          code: z.string().optional().describe("A code for translation: zod's (too_big, required, …) or the project's own (csv_missing_column, staff_duplicate_id, …; src/domain/issue-codes.ts)."),
          params: z.record(z.string(), z.unknown()).optional().describe("What the translation needs, e.g. {maximum, inclusive, origin}."),
        }),
      )
      .describe("Each bad field of a 400 invalid-input; empty otherwise."),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const notFound = (what: string) => new AppError("not-found", 404, `${what} not found`);

type Logger = (message: string, error: unknown) => void;

/**
 * Turns any error into `{"error": {code, message, issues}}`: AppError as it says,
 * InputError as 400 with its field paths, body-parser's errors as 400 (bad JSON) or 413
 * (too large), the solver pool's refusals as 503 with Retry-After (queue full, shutting down),
 * a solve past its memory budget as 413 and past its time limit as 422, anything else as 500 `internal-error`, logged, with no stack sent.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const app = toAppError(error);
    if (app.status >= 500 && app.code === "internal-error") log("internal error", error);
    // Refused before its body was read (a full solve queue, a body over the limit): close the
    // connection after answering, so the rest of the body is not read and thrown away on the main thread.
    const bodyDeclared = Number(req.headers["content-length"]) > 0 || req.headers["transfer-encoding"] !== undefined;
    if (bodyDeclared && !req.complete) res.set("Connection", "close");
    res
      .status(app.status)
      .set(app.headers)
      .json({ error: { code: app.code, message: app.message, issues: capIssues(app.issues) } } satisfies ErrorBody);
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof InputError) return new AppError("invalid-input", 400, "the input is not valid", error.issues);
  // The client went away (the page's Cancel); nobody reads this answer.
  if (error instanceof CancelledError) return new AppError("cancelled", 499, error.message);
  if (error instanceof QueueFullError) return new AppError("solver-busy", 503, error.message, [], { "Retry-After": String(error.retryAfterSec) });
  if (error instanceof ShuttingDownError) return new AppError("shutting-down", 503, error.message, [], { "Retry-After": "10" });
  if (error instanceof SolveTooLargeError) return new AppError("solve-too-large", 413, error.message);
  if (error instanceof SolveOverrunError) return new AppError("solve-overrun", 422, error.message);
  if (error instanceof InvalidJsonError) return new AppError("invalid-json", 400, error.message);
  const bodyError = error as { type?: string; status?: number; limit?: number };
  if (bodyError?.type === "entity.too.large") return new AppError("payload-too-large", 413, `request body is larger than ${bodyError.limit} bytes`);
  if (bodyError?.type === "entity.parse.failed") return new AppError("invalid-json", 400, "request body is not valid JSON");
  if (bodyError?.type === "charset.unsupported") return new AppError("unsupported-charset", 415, `unsupported charset "${String((error as { charset?: unknown }).charset ?? "")}": send UTF-8`);
  if (typeof bodyError?.status === "number" && bodyError.status >= 400 && bodyError.status < 500) {
    return new AppError("bad-request", bodyError.status, "the request could not be read");
  }
  return new AppError("internal-error", 500, "internal error");
}

/**
 * The JSON replacer of every answer (app.set("json replacer")): a NaN or ±Infinity would go out
 * as null and read as a figure; the answer becomes 422 non-finite-result instead. The last
 * guard only: the limits keep every computation finite at its source.
 */
export function finiteNumbersOnly(key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new AppError("non-finite-result", 422, `the answer's ${key || "value"} is not a finite number (${value}); check the input's ranges`);
  }
  return value;
}
