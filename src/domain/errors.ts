/** One problem with an input, located by a dotted field path (or a CSV line). */
export type InputIssue = { path: string; message: string };

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
