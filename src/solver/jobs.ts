/**
 * The solver jobs that run in a worker thread: each takes plain data and returns plain data,
 * so it can cross the thread boundary. The worker (solver-worker.ts) and the in-process
 * runner share this table. A staff CSV is parsed here, inside the job, so a large one costs
 * the worker and never the HTTP thread.
 */
import { type DesignResult, designShifts } from "../domain/design.ts";
import { type NightOptions, type NightReplan, replanNight } from "../domain/night.ts";
import type { ActualInput } from "../domain/reforecast.ts";
import { buildRoster, type RosterResult } from "../domain/roster.ts";
import type { DesignInstance } from "../domain/shifts.ts";
import { readCsv } from "../csv.ts";
import { withIssuePaths } from "../domain/errors.ts";
import { parseStaff, type Person } from "../domain/staff.ts";
import type { Plan, StaffingResult } from "../domain/staffing.ts";
import { createSolve } from "./highs.ts";

export type Jobs = {
  design: { input: { instance: DesignInstance; timeLimitSec: number }; output: DesignResult };
  roster: { input: { plan: Plan; staffing: StaffingResult; staffCsv: string; timeLimitSec: number }; output: RosterResult };
  replan: {
    input: {
      plan: Plan;
      staffing: StaffingResult;
      staffCsv: string;
      current: RosterResult;
      actuals: ActualInput[];
      options: Pick<NightOptions, "now" | "noticeMin" | "reforecast">;
      timeLimitSec: number;
    };
    output: NightReplan;
  };
};

export type JobName = keyof Jobs;

export const jobs: { [K in JobName]: (input: Jobs[K]["input"]) => Promise<Jobs[K]["output"]> } = {
  design: async ({ instance, timeLimitSec }) => designShifts(instance, { solve: await createSolve(), clock: () => performance.now(), timeLimitSec }),
  roster: async ({ plan, staffing, staffCsv, timeLimitSec }) => buildRoster(plan, staffing, staffOf(staffCsv, plan), { solve: await createSolve(), clock: () => performance.now(), timeLimitSec }),
  replan: async ({ plan, staffing, staffCsv, current, actuals, options, timeLimitSec }) =>
    replanNight(plan, staffing, staffOf(staffCsv, plan), current, actuals, { ...options, solve: await createSolve(), clock: () => performance.now(), timeLimitSec }),
};

/** The people of a staff CSV, its issues named `staffCsv: line N, …` (a 400 at the API). */
function staffOf(staffCsv: string, plan: Plan): Person[] {
  return withIssuePaths(
    (path) => `staffCsv: ${path}`,
    () => parseStaff(readCsv(staffCsv), plan.zone),
  );
}
