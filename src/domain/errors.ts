import type { IssueCode, IssueParams } from "./issue-codes.ts";
import { MAX_ECHO_CHARS, MAX_ERROR_ISSUES } from "./limits.ts";

/**
 * One problem with an input, located by a dotted field path (or a CSV line). `message` is
 * English; `code` and `params` (e.g. `too_big` with `{ maximum: 1, inclusive: true, origin:
 * "number" }`) let a reader say it in its own language (web/issues.js), falling back to the message.
 */
export type InputIssue = { path: string; message: string; code?: string; params?: Record<string, unknown> };

/** An issue's words without its path: the English `message` and the code and params that say it in Chinese. */
export type Coded = Omit<InputIssue, "path">;

/**
 * A coded issue's words (src/domain/issue-codes.ts lists the codes and their params;
 * web/issues.js says them): `{ path, ...issue("csv_empty", {}, "the file is empty") }`.
 */
export function issue<C extends IssueCode>(code: C, params: IssueParams<C>, message: string): Coded {
  return { message, code, params };
}

/**
 * Input that passed the schema but cannot be planned as given (e.g. a window outside the
 * built-in curve). The edges turn it into a 400 or exit code 2, naming each field.
 */
export class InputError extends Error {
  readonly issues: InputIssue[];

  constructor(issues: InputIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("; "));
    this.name = "InputError";
    this.issues = issues;
  }
}

/**
 * Runs `parse` and rewrites the paths of the InputError it throws, e.g. to say which file or
 * flag the issues are about ("last.csv: line 3, column 2 (presales)").
 */
export function withIssuePaths<T>(rename: (path: string) => string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.issues.map((i) => ({ ...i, path: rename(i.path) })));
    throw error;
  }
}

/** Input text quoted in a message, cut to MAX_ECHO_CHARS characters ("…" marks the cut). */
export function echo(text: string): string {
  return JSON.stringify(clip(text, MAX_ECHO_CHARS));
}

/** `text` cut to `max` characters, "…" marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The issues an error answer lists: the first MAX_ERROR_ISSUES, each path and message cut
 * to a readable length, and one more saying how many were left out.
 */
export function capIssues(issues: readonly InputIssue[]): InputIssue[] {
  const shown = issues.slice(0, MAX_ERROR_ISSUES).map((i) => ({ ...i, path: clip(i.path, 2 * MAX_ECHO_CHARS), message: clip(i.message, 4 * MAX_ECHO_CHARS) }));
  const rest = issues.length - shown.length;
  return rest > 0 ? [...shown, { path: "(more)", ...issue("more_issues", { count: rest }, `and ${rest} more issue${rest === 1 ? "" : "s"}`) }] : shown;
}
