/**
 * One status vocabulary for every optimiser's answer (shift design, roster, the night's re-plan):
 * - `optimal`: every interval covered and the cost proven least (gap closed);
 * - `feasible`: every interval covered, the cost not proven least;
 * - `shortfall`: work is left short, and the least possible shortfall is proven close (the roster:
 *   within its tolerance; the design: the least the shifts allowed can leave);
 * - `infeasible`: no answer at all (the solver found none and did not time out);
 * - `timeout`: the time limit ended the solve first.
 * A stage answers with the subset it can reach (e.g. a roster is never `infeasible`).
 */
export type SolveStatus = "optimal" | "feasible" | "shortfall" | "infeasible" | "timeout";
