/**
 * The composition root: config → db → app → listen. The only place that wires things.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./api/app.ts";
import { loadCatalog, loadSamplePlans } from "./catalog.ts";
import { SERVE_SOLVE_LIMIT_SEC } from "./config.ts";
import { readCsv, readHistoryCsv } from "./csv.ts";
import { parseStaff } from "./domain/staff.ts";
import { planStaffing } from "./domain/staffing.ts";
import { parsePlan } from "./schemas.ts";
import { openDb } from "./store/db.ts";
import { plansRepo } from "./store/plans.ts";
import { historyRepo } from "./store/history.ts";
import { actualsRepo } from "./store/actuals.ts";
import { replansRepo } from "./store/replans.ts";
import { rostersRepo } from "./store/rosters.ts";
import { createSolverThread } from "./solver/thread.ts";
import { accessFor } from "./api/auth.ts";

export type ServeOptions = {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** SQLite file, or ":memory:". */
  dbFile: string;
  /** Seconds one shift design or roster may take (config.ts). */
  solveLimitSec?: number;
  /** Express's "trust proxy" behind a TLS-terminating proxy (docs/security.md). */
  trustProxy?: string | number;
};

export type Running = { server: Server; url: string; close: () => Promise<void> };

/**
 * Opens the store, saves the sample plans into an empty database with their rosters solved
 * from the sample staff and their last-year data imported (so a new user lands on a real
 * plan, roster and comparison), and serves the app.
 */
export async function serve(options: ServeOptions): Promise<Running> {
  const db = openDb(options.dbFile);
  let access: ReturnType<typeof accessFor>;
  try {
    access = accessFor(db, options);
  } catch (error) {
    db.close();
    throw error;
  }
  const catalog = loadCatalog();
  const samples = loadSamplePlans();
  const plans = plansRepo(db);
  const now = () => new Date().toISOString();
  const rosters = rostersRepo(db);
  const history = historyRepo(db);
  const solver = createSolverThread();
  const solveTimeLimitSec = options.solveLimitSec ?? SERVE_SOLVE_LIMIT_SEC;
  if (plans.count() === 0) {
    const seeds = samples.map((sample) => parsePlan(sample.content)).map((input) => ({ input, result: planStaffing(input, catalog) }));
    const saved = plans.createMany(seeds, now());
    for (const [i, record] of saved.entries()) {
      const staffCsv = samples[i]?.staffCsv;
      if (!staffCsv) continue;
      const people = parseStaff(readCsv(staffCsv), record.input.zone);
      const roster = await solver.run("roster", { plan: record.input, staffing: record.result, people, timeLimitSec: solveTimeLimitSec });
      rosters.saveIfCurrent(record.id, record.version, staffCsv, roster, now());
    }
  }
  if (history.count() === 0) {
    for (const sample of samples) {
      if (!sample.historyCsv) continue;
      const parsed = readHistoryCsv(sample.historyCsv);
      history.create({ name: `${sample.id} 去年双11 (synthetic sample)`, zone: "Asia/Shanghai", sourceFile: `data/samples/${sample.id}.history.csv`, ...parsed }, now());
    }
  }
  const app = createApp({ plans, rosters, history, actuals: actualsRepo(db), replans: replansRepo(db), catalog, samples, now, solver, access, solveTimeLimitSec });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  }).catch(async (error: unknown) => {
    db.close(); // e.g. the port is taken: leave nothing open behind the error
    await solver.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    server,
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          solver.close().then(resolve, resolve);
        });
      }),
  };
}
