/** A real app on a :memory: database and port 0, and raw HTTP requests whose every header the test sets. */
import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AppDeps, createApp } from "../../src/api/app.ts";
import { loadSamplePlans } from "../../src/catalog.ts";
import { createSolverPool } from "../../src/solver/pool.ts";
import { reposOf } from "../../src/store/repos.ts";
import { openDb } from "../../src/store/db.ts";
import { catalog } from "../fixtures.ts";

export type Harness = Awaited<ReturnType<typeof startApp>>;
export type Reply = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

export async function startApp(overrides: Partial<AppDeps> = {}) {
  const db = openDb(":memory:");
  const logged: unknown[] = [];
  const deps: AppDeps = {
    ...reposOf(db),
    catalog,
    samples: loadSamplePlans(),
    now: () => "2026-11-01T08:00:00.000Z",
    log: (_m, e) => logged.push(e),
    solver: createSolverPool({ workers: 1 }),
    ...overrides,
  };
  const server = await new Promise<Server>((resolve) => {
    const s = createApp(deps).listen(0, "127.0.0.1", () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const host = `127.0.0.1:${port}`;
  /** One request; Host defaults to the server's own, content-type to JSON when a body is given. */
  const send = (method: string, path: string, o: { body?: string | Buffer; headers?: Record<string, string>; signal?: AbortSignal } = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const framing: Record<string, string> = o.body === undefined ? {} : { "content-type": "application/json", "content-length": String(Buffer.byteLength(o.body)) };
      const headers: Record<string, string> = { host, ...framing, ...o.headers };
      const req = httpRequest({ host: "127.0.0.1", port, method, path, headers, signal: o.signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(o.body);
    });
  const stop = async () => {
    await deps.solver.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    db.close();
  };
  return { deps, db, port, host, send, stop, logged };
}

/** The API's error body: {"error": {code, message, issues}} and nothing else; throws when a body is not. */
export function errorOf(reply: Reply): { code: string; message: string; issues: { path: string; message: string }[] } {
  const body = JSON.parse(reply.text);
  const { error, ...rest } = body;
  if (Object.keys(rest).length > 0 || typeof error?.code !== "string" || typeof error.message !== "string" || !Array.isArray(error.issues)) {
    throw new Error(`not the error shape: ${reply.text.slice(0, 200)}`);
  }
  for (const issue of error.issues) if (typeof issue.path !== "string" || typeof issue.message !== "string") throw new Error(`bad issue: ${JSON.stringify(issue)}`);
  return error;
}
