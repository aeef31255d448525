/**
 * The HiGHS adapter: the only file that imports the `highs` package (HiGHS compiled to
 * WebAssembly). It turns the domain's LinearModel into a HiGHS model, runs it and reads the
 * outcome back. Loading the Wasm module is asynchronous; each solve is synchronous.
 */
import highsModule from "highs";
import type { LinearModel, Solve, SolveOutcome } from "../domain/lp.ts";

// The package declares its types as a CommonJS module (`export default` inside), so
// TypeScript types the default import as that module; at run time Node loads the ESM
// build, whose default export is the loader itself. One cast, here, reconciles the two.
const loadHighs = highsModule as unknown as typeof highsModule.default;
type Highs = Awaited<ReturnType<typeof loadHighs>>;

let loading: Promise<Highs> | undefined;

/** Loads HiGHS once per process (or worker) and returns a `Solve` for the domain. */
export async function createSolve(): Promise<Solve> {
  loading ??= loadHighs();
  const highs = await loading;
  return (model) => solveWith(highs, model);
}

function solveWith(highs: Highs, m: LinearModel): SolveOutcome {
  if (m.numCols === 0) {
    const feasible = m.rowLower.every((b, i) => b <= 0 && (m.rowUpper?.[i] ?? 0) >= 0);
    return { status: feasible ? "optimal" : "infeasible", x: new Float64Array(0), objective: 0, bound: 0 };
  }
  const nnz = m.indices.length;
  const model = highs.createModel({
    numCols: m.numCols,
    numRows: m.numRows,
    colCost: m.colCost,
    colLower: m.colLower ?? new Float64Array(m.numCols),
    colUpper: m.colUpper.map((u) => (Number.isFinite(u) ? u : highs.infinity)),
    rowLower: m.rowLower.map((l) => (Number.isFinite(l) ? l : -highs.infinity)),
    rowUpper: m.rowUpper ? m.rowUpper.map((u) => (Number.isFinite(u) ? u : highs.infinity)) : new Float64Array(m.numRows).fill(highs.infinity),
    matrix: { format: "csc", numRows: m.numRows, numCols: m.numCols, starts: m.starts, indices: m.indices, values: m.values ?? new Float64Array(nnz).fill(1) },
    ...(m.integer ? { integrality: integralityOf(highs, m) } : {}),
  });
  try {
    model.options.set({ output_flag: false, time_limit: m.timeLimitSec, ...(m.integer ? { mip_rel_gap: m.mipRelGap ?? 0 } : { solver: m.lpMethod ?? "simplex" }) });
    if (m.integer && m.start) model.setSolution({ colValue: m.start });
    model.run();
    const code = model.getModelStatus();
    const codes = highs.constants.modelStatus;
    const solution = model.getSolution();
    // A MIP stopped early may have no incumbent: only a feasible primal solution counts (HiGHS: 2 = feasible).
    const feasible = Number(model.info.get("primal_solution_status")) === 2;
    const hasX = solution.colValue.length === m.numCols && code !== codes.infeasible && (!m.integer || feasible);
    const objective = hasX ? model.getObjectiveValue() : Number.NaN;
    const status: SolveOutcome["status"] = code === codes.optimal ? "optimal" : code === codes.infeasible ? "infeasible" : code === codes.timeLimit ? "timeout" : "error";
    const bound = m.integer ? Number(model.info.get("mip_dual_bound")) : status === "optimal" ? objective : Number.NEGATIVE_INFINITY;
    return { status, x: hasX ? solution.colValue : null, objective, bound };
  } finally {
    model.dispose();
  }
}

function integralityOf(highs: Highs, m: LinearModel): Int32Array {
  const { integer, continuous } = highs.constants.variableType;
  return m.integrality ? Int32Array.from(m.integrality, (flag) => (flag ? integer : continuous)) : new Int32Array(m.numCols).fill(integer);
}
