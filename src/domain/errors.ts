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

/**
 * Runs `parse` and rewrites the paths of the InputError it throws, e.g. to say which file or
 * flag the issues are about ("last.csv: line 3, column 2 (presales)").
 */
export function withIssuePaths<T>(rename: (path: string) => string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.issues.map((i) => ({ path: rename(i.path), message: i.message })));
    throw error;
  }
}
