/**
 * The shape of the linear models the domain builds and the answers it expects back. The
 * solver itself is injected (src/solver/highs.ts is the only code that imports one), so
 * the domain stays pure and testable.
 */

/** minimize colCost·x  subject to  rowLower ≤ A·x ≤ rowUpper,  colLower ≤ x ≤ colUpper (A sparse, by column). */
export type LinearModel = {
  numRows: number;
  numCols: number;
  colCost: Float64Array;
  /** Infinity for no upper bound. */
  colUpper: Float64Array;
  /** Absent means every column's lower bound is 0. */
  colLower?: Float64Array;
  rowLower: Float64Array;
  /** Absent means no row has an upper bound (Infinity for one row without). */
  rowUpper?: Float64Array;
  /** CSC: column j's rows are indices[starts[j] … starts[j+1]). */
  starts: Int32Array;
  indices: Int32Array;
  /** Coefficients; absent means every entry is 1 (a covering matrix). */
  values?: Float64Array;
  /** Solve as a MIP (the columns `integrality` marks, or all of them) or as the LP relaxation. */
  integer: boolean;
  /** Per column, 1 for integer and 0 for continuous; absent means every column is integer. */
  integrality?: Uint8Array;
  /** The LP algorithm (default simplex); interior point suits degenerate models with many equal-cost optima. */
  lpMethod?: "simplex" | "ipm";
  /** Relative gap at which a MIP may stop (default 0: proven optimal). */
  mipRelGap?: number;
  /** A feasible integer start for a MIP, if known. */
  start?: Float64Array;
  timeLimitSec: number;
};

export type SolveOutcome = {
  status: "optimal" | "infeasible" | "timeout" | "error";
  /** The best solution found, if any. */
  x: Float64Array | null;
  objective: number;
  /** Proven lower bound on the objective (the LP value, or the MIP's dual bound). */
  bound: number;
};

export type Solve = (model: LinearModel) => SolveOutcome;

/**
 * A model built column by column: `row(lower, upper)` adds a row and returns its index,
 * `column(cost, upper, entries)` a column with its (row, value) entries; `build()` gives the
 * LinearModel's arrays (add `integer`, `timeLimitSec` and the rest when solving).
 */
export function modelBuilder() {
  const lower: number[] = [];
  const upper: number[] = [];
  const cost: number[] = [];
  const colUpper: number[] = [];
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  return {
    lower,
    cost,
    row(lo: number, up: number): number {
      lower.push(lo);
      upper.push(up);
      return lower.length - 1;
    },
    column(c: number, up: number, entries: [number, number][]): number {
      cost.push(c);
      colUpper.push(up);
      for (const [row, value] of entries) {
        indices.push(row);
        values.push(value);
      }
      starts.push(indices.length);
      return cost.length - 1;
    },
    build() {
      return {
        numRows: lower.length,
        numCols: cost.length,
        colCost: Float64Array.from(cost),
        colUpper: Float64Array.from(colUpper),
        rowLower: Float64Array.from(lower),
        rowUpper: Float64Array.from(upper),
        starts: Int32Array.from(starts),
        indices: Int32Array.from(indices),
        values: Float64Array.from(values),
      };
    },
  };
}
