/**
 * The solver jobs that run in a worker thread: each takes plain data and returns plain data,
 * so it can cross the thread boundary. The worker (solver-worker.ts) and the in-process
 * runner share this table. A staff CSV is parsed here, inside the job, so a large one costs
 * the worker and never the HTTP thread; so is the JSON body of a solve request (`JsonBody`):
 * ten admitted 1.3 MB roster bodies parsed back to back held the HTTP thread for 0.2–0.4 s.
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
import { parse } from "../schemas/fields.ts";
import { parseDesignInstance } from "../schemas/design.ts";
import { RosterRequestSchema } from "../schemas/files.ts";
import { createSolve } from "./highs.ts";
import { type JsonBody, jsonOf } from "./json-body.ts";

export type Jobs = {
  /** `instance`: the instance, or the body of `POST /api/design` that is one. */
  design: { input: { instance: DesignInstance | JsonBody; timeLimitSec: number }; output: DesignResult };
  /** `staffCsv`: the CSV, or the body of `POST /api/plans/:id/roster` (`{"staffCsv": …}`); the answer gives the CSV back to be stored. */
  roster: { input: { plan: Plan; staffing: StaffingResult; staffCsv: string | JsonBody; timeLimitSec: number }; output: { roster: RosterResult; staffCsv: string } };
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
  design: async ({ instance, timeLimitSec }) => {
    const given = "json" in instance ? parseDesignInstance(jsonOf(instance)) : instance;
    return designShifts(given, { solve: await createSolve(), clock: () => performance.now(), timeLimitSec });
  },
  roster: async ({ plan, staffing, staffCsv, timeLimitSec }) => {
    const csv = typeof staffCsv === "string" ? staffCsv : parse(RosterRequestSchema, jsonOf(staffCsv)).staffCsv;
    const solve = await createSolve();
    return { roster: buildRoster(plan, staffing, staffOf(csv, plan), { solve, clock: () => performance.now(), timeLimitSec }), staffCsv: csv };
  },
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
