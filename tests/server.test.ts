/**
 * The real `serve` command in a child process on a temporary database: a SIGKILL mid-write
 * loses no acknowledged write and leaves SQLite intact; a SIGTERM shuts down cleanly (exit 0,
 * the WAL folded back into the database file).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planStaffing } from "../src/domain/staffing.ts";
import { parsePlan } from "../src/schemas.ts";
import { openDb } from "../src/store/db.ts";
import { plansRepo } from "../src/store/plans.ts";
import { catalog, planInput } from "./fixtures.ts";

let dir: string;
let dbFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "peakcrew-serve-"));
  dbFile = join(dir, "peakcrew.db");
  // One plan saved already, so the server does not seed (and solve) the sample plan.
  const db = openDb(dbFile);
  const input = parsePlan(planInput());
  plansRepo(db).create(input, planStaffing(input, catalog), "2026-11-01T08:00:00.000Z");
  db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Child = { child: ChildProcess; url: string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

async function startServe(): Promise<Child> {
  const child = spawn(process.execPath, ["bin/peakcrew.js", "serve", "--port", "0", "--db", dbFile], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    let seen = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
      if (match) resolve(match[1] as string);
    });
    void exited.then(({ code }) => reject(new Error(`serve exited with ${code}: ${seen}`)));
  });
  return { child, url, exited };
}

const postPlan = (url: string, name: string) => fetch(`${url}api/plans`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...planInput(), name }) });

/** integrity_check of the file as SQLite finds it (a left WAL is recovered on open), and the plans in it. */
function inspect(file: string): { integrity: string; names: Map<number, string> } {
  const db = new Database(file);
  try {
    const integrity = String(db.pragma("integrity_check", { simple: true }));
    const rows = db.prepare("SELECT id, name FROM plans").all() as { id: number; name: string }[];
    return { integrity, names: new Map(rows.map((r) => [r.id, r.name])) };
  } finally {
    db.close();
  }
}

describe("serve, killed and stopped", () => {
  it("SIGKILL mid-write: integrity_check ok and every acknowledged plan present, over three kills", { timeout: 120_000 }, async () => {
    const acknowledged = new Map<number, string>();
    for (let round = 0; round < 3; round++) {
      const { child, url, exited } = await startServe();
      const killAfter = 10 + round * 7;
      let acks = 0;
      const writer = async (w: number) => {
        for (let n = 0; ; n++) {
          const name = `round ${round} writer ${w} #${n}`;
          try {
            const res = await postPlan(url, name);
            if (res.status !== 201) throw new Error(`POST /api/plans → ${res.status}`);
            acknowledged.set(((await res.json()) as { id: number }).id, name);
          } catch {
            return; // the server is gone
          }
          if (++acks === killAfter) child.kill("SIGKILL");
        }
      };
      await Promise.all([0, 1, 2, 3].map(writer));
      expect((await exited).signal).toBe("SIGKILL");
      const { integrity, names } = inspect(dbFile);
      expect(integrity).toBe("ok");
      for (const [id, name] of acknowledged) expect(names.get(id), `plan ${id}`).toBe(name);
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(10 + 17 + 24);
  });

  it("SIGTERM: answers the requests in flight, exits 0 and closes SQLite (no WAL left), with the write kept", { timeout: 60_000 }, async () => {
    const { child, url, exited } = await startServe();
    const res = await postPlan(url, "kept");
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const staffCsv = readFileSync("data/samples/mid-size-double11.staff.csv", "utf8");
    // A roster solving when the signal comes: it finishes within the drain or is answered 503 shutting-down.
    const solving = fetch(`${url}api/plans/${id}/roster`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ staffCsv }) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill("SIGTERM");
    const answer = await solving;
    expect([201, 503]).toContain(answer.status);
    if (answer.status === 503) expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("shutting-down");
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    const { integrity, names } = inspect(dbFile);
    expect(integrity).toBe("ok");
    expect(names.get(id)).toBe("kept");
  });
});
