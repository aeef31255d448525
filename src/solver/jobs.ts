/**
 * The solver jobs that run in a worker thread: each takes plain data and returns plain data,
 * so it can cross the thread boundary. The worker (solver-worker.ts) and the in-process
 * runner share this table.
 */
import { type DesignResult, designShifts } from "../domain/design.ts";
import { type NightOptions, type NightReplan, replanNight } from "../domain/night.ts";
import type { ActualInput } from "../domain/reforecast.ts";
import { buildRoster, type RosterResult } from "../domain/roster.ts";
import type { DesignInstance } from "../domain/shifts.ts";
import type { Person } from "../domain/staff.ts";
import type { Plan, StaffingResult } from "../domain/staffing.ts";
import { createSolve } from "./highs.ts";

export type Jobs = {
  design: { input: { instance: DesignInstance; timeLimitSec: number }; output: DesignResult };
  roster: { input: { plan: Plan; staffing: StaffingResult; people: Person[]; timeLimitSec: number }; output: RosterResult };
  replan: {
    input: { plan: Plan; staffing: StaffingResult; people: Person[]; current: RosterResult; actuals: ActualInput[]; options: Pick<NightOptions, "now" | "noticeMin" | "reforecast">; timeLimitSec: number };
    output: NightReplan;
  };
};

export type JobName = keyof Jobs;

export const jobs: { [K in JobName]: (input: Jobs[K]["input"]) => Promise<Jobs[K]["output"]> } = {
  design: async ({ instance, timeLimitSec }) => designShifts(instance, { solve: await createSolve(), clock: () => performance.now(), timeLimitSec }),
  roster: async ({ plan, staffing, people, timeLimitSec }) =>
    buildRoster(plan, staffing, people, { solve: await createSolve(), clock: () => performance.now(), timeLimitSec }),
  replan: async ({ plan, staffing, people, current, actuals, options, timeLimitSec }) =>
    replanNight(plan, staffing, people, current, actuals, { ...options, solve: await createSolve(), clock: () => performance.now(), timeLimitSec }),
};
