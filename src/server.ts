/**
 * The composition root: config → db → app → listen. The only place that wires things.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./api/app.ts";
import { loadCatalog, loadSamplePlans } from "./catalog.ts";
import { SERVE_SOLVE_LIMIT_SEC } from "./config.ts";
import { readHistoryCsv } from "./csv.ts";
import { planStaffing } from "./domain/staffing.ts";
import { parsePlan } from "./schemas.ts";
import { type Db, openDb } from "./store/db.ts";
import { reposOf } from "./store/repos.ts";
import { createSolverPool, type PoolOptions, type SolverPool } from "./solver/pool.ts";
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
  /** Host names to answer to besides loopback and the bound address (--allowed-host, PEAKCREW_ALLOWED_HOSTS). */
  allowedHosts?: string[];
  /** The solve queue and workers; defaults in src/solver/pool.ts. */
  pool?: PoolOptions;
};

/** How long a shutdown lets running requests and solves finish before stopping them. */
export const SHUTDOWN_DRAIN_MS = 5000;

/** PEAKCREW_ALLOWED_HOSTS, comma-separated. */
export function envAllowedHosts(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.PEAKCREW_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
}

/** A serving app; close() shuts it down gracefully (see shutdown). */
export type Running = { server: Server; url: string; close: (drainMs?: number) => Promise<void> };

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
  const repos = reposOf(db);
  const { plans, rosters, history } = repos;
  const now = () => new Date().toISOString();
  const solver = createSolverPool(options.pool);
  const solveTimeLimitSec = options.solveLimitSec ?? SERVE_SOLVE_LIMIT_SEC;
  if (plans.count() === 0) {
    const seeds = samples.map((sample) => parsePlan(sample.content)).map((input) => ({ input, result: planStaffing(input, catalog) }));
    const saved = plans.createMany(seeds, now());
    for (const [i, record] of saved.entries()) {
      const staffCsv = samples[i]?.staffCsv;
      if (!staffCsv) continue;
      const { roster } = await solver.run("roster", { plan: record.input, staffing: record.result, staffCsv, timeLimitSec: solveTimeLimitSec });
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
  const app = createApp({ ...repos, catalog, samples, now, solver, access, solveTimeLimitSec, allowedHosts: options.allowedHosts });
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
    close: (drainMs = SHUTDOWN_DRAIN_MS) => shutdown(server, solver, db, drainMs),
  };
}

/**
 * Stops taking connections, lets the requests in flight (and their solves) finish for up to
 * drainMs, then stops the solves left (their requests answer 503 shutting-down) and drops the
 * connections still open; closes SQLite last, which folds the WAL back into the database file.
 */
async function shutdown(server: Server, solver: SolverPool, db: Db, drainMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await solver.close(drainMs);
  const force = setTimeout(() => server.closeAllConnections(), 1000);
  await closed;
  clearTimeout(force);
  db.close();
}
