/** The repositories the API works on, over one open database: the server and the API tests build the app from these. */
import { actualsRepo } from "./actuals.ts";
import type { Db } from "./db.ts";
import { historyRepo } from "./history.ts";
import { plansRepo } from "./plans.ts";
import { replansRepo } from "./replans.ts";
import { rostersRepo } from "./rosters.ts";

export function reposOf(db: Db) {
  return { plans: plansRepo(db), rosters: rostersRepo(db), history: historyRepo(db), actuals: actualsRepo(db), replans: replansRepo(db) };
}
