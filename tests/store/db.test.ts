import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { loadMigrations, migrate, OutOfStepError, openDb } from "../../src/store/db.ts";
import { rostersRepo } from "../../src/store/rosters.ts";

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), "peakcrew-db-"));
  dirs.push(dir);
  return join(dir, "test.db");
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const versions = (db: Database.Database) => (db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as { version: number }[]).map((r) => r.version);

describe("migrations", () => {
  it("a new database gets every shipped migration, recorded once", () => {
    const db = openDb(":memory:");
    expect(versions(db)).toEqual(loadMigrations().map((m) => m.version));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'plans'").get()).toBeTruthy();
  });

  it("re-opening a file database applies nothing twice and keeps its data, in WAL mode", () => {
    const file = tempFile();
    const first = openDb(file);
    first.prepare("INSERT INTO plans (name, input_json, result_json, created_at, updated_at) VALUES ('x', '{}', '{}', 't', 't')").run();
    expect(first.pragma("journal_mode", { simple: true })).toBe("wal");
    first.close();
    const again = openDb(file);
    expect(versions(again)).toEqual(loadMigrations().map((m) => m.version));
    expect(again.prepare("SELECT COUNT(*) AS n FROM plans").get()).toEqual({ n: 1 });
    again.close();
  });

  it("refuses a database with a migration this code does not know", () => {
    const file = tempFile();
    openDb(file).close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations VALUES (999, '999_from_the_future', 't')").run();
    raw.close();
    expect(() => openDb(file)).toThrow(OutOfStepError);
    expect(() => openDb(file)).toThrow(/999_from_the_future/);
  });

  it("refuses a database whose recorded migration has another name than the code's", () => {
    const db = new Database(":memory:");
    migrate(db, [{ version: 1, name: "001_other", sql: "CREATE TABLE t (x)" }]);
    expect(() => migrate(db, loadMigrations())).toThrow(OutOfStepError);
  });

  it("a failing migration leaves nothing behind: neither its tables nor its record", () => {
    const db = new Database(":memory:");
    const bad = [{ version: 1, name: "001_bad", sql: "CREATE TABLE half (x); CREATE TABLE oops (" }];
    expect(() => migrate(db, bad)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(versions(db)).toEqual([]);
  });
});

describe("migration 004: plan versions, ids never reused", () => {
  /** A database at migration 003 with plans 1 and 4 (2 and 3 deleted), a fresh and a stale roster, and history datasets 2 and 5. */
  const at003 = () => {
    const db = new Database(":memory:");
    db.pragma("foreign_keys = ON");
    migrate(
      db,
      loadMigrations().filter((m) => m.version <= 3),
    );
    const plan = db.prepare("INSERT INTO plans (id, name, input_json, result_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    plan.run(1, "fresh", '{"a":1}', '{"r":1}', "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z");
    plan.run(4, "changed", '{"a":4}', '{"r":4}', "2026-11-01T00:00:00Z", "2026-11-03T00:00:00Z");
    const roster = db.prepare("INSERT INTO rosters (plan_id, staff_csv, result_json, created_at) VALUES (?, ?, ?, ?)");
    roster.run(1, "staff 1", '{"s":1}', "2026-11-02T00:00:00Z");
    roster.run(4, "staff 4", '{"s":4}', "2026-11-02T00:00:00Z");
    const dataset = db.prepare("INSERT INTO history_datasets (id, name, zone, source_file, encoding, summary_json, rows_json, created_at) VALUES (?, ?, 'Asia/Shanghai', ?, 'utf-8', '{}', '[]', 't')");
    dataset.run(2, "last year", "a.csv");
    dataset.run(5, "year before", null);
    return db;
  };
  const to004 = (db: Database.Database) =>
    migrate(
      db,
      loadMigrations().filter((m) => m.version <= 4),
    );
  const rows = (db: Database.Database, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();

  it("keeps every plan, roster and history dataset with its id; plans start at version 1", () => {
    const db = at003();
    const before = { plans: rows(db, "plans"), rosters: rows(db, "rosters"), history: rows(db, "history_datasets") };
    to004(db);
    expect(versions(db)).toEqual([1, 2, 3, 4]);
    expect(rows(db, "plans")).toEqual(before.plans.map((p) => ({ ...(p as object), version: 1 })));
    expect(rows(db, "rosters")).toEqual([
      { ...(before.rosters[0] as object), plan_version: 1 },
      { ...(before.rosters[1] as object), plan_version: 0 },
    ]);
    expect(rows(db, "history_datasets")).toEqual(before.history);
  });

  it("a roster stale by the old timestamps stays stale; a fresh one is not (read after every later migration too)", () => {
    const db = at003();
    to004(db);
    migrate(db, loadMigrations());
    const rosters = rostersRepo(db);
    expect([rosters.get(1)?.stale, rosters.get(4)?.stale]).toEqual([false, true]);
  });

  it("the rosters' foreign key still holds and cascades: deleting plan 4 deletes its roster only", () => {
    const db = at003();
    to004(db);
    expect(db.pragma("foreign_key_check")).toEqual([]);
    db.prepare("DELETE FROM plans WHERE id = 4").run();
    expect(db.prepare("SELECT plan_id FROM rosters").pluck().all()).toEqual([1]);
    expect(() => db.prepare("INSERT INTO rosters (plan_id, staff_csv, result_json, created_at, plan_version) VALUES (9, '', '{}', 't', 1)").run()).toThrow(/FOREIGN KEY constraint failed/);
  });

  it("the plans' name index is back, and new ids continue above the highest kept id, never reusing a deleted one", () => {
    const db = at003();
    to004(db);
    expect(db.prepare("SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = 'plans_name'").pluck().get()).toBe("plans");
    db.prepare("DELETE FROM plans WHERE id = 4").run();
    db.prepare("DELETE FROM history_datasets WHERE id = 5").run();
    const plan = db.prepare("INSERT INTO plans (name, input_json, result_json, created_at, updated_at) VALUES ('new', '{}', '{}', 't', 't')").run();
    const dataset = db.prepare("INSERT INTO history_datasets (name, zone, encoding, summary_json, rows_json, created_at) VALUES ('new', 'UTC', 'utf-8', '{}', '[]', 't')").run();
    expect([plan.lastInsertRowid, dataset.lastInsertRowid]).toEqual([5, 6]);
  });
});

describe("public ids", () => {
  it("every table with an integer id is AUTOINCREMENT, so no deleted id is handed out again", () => {
    const db = openDb(":memory:");
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    const withId = tables.filter((t) => (db.pragma(`table_info(${t.name})`) as { name: string; pk: number }[]).some((c) => c.name === "id" && c.pk === 1));
    expect(withId.map((t) => t.name).sort()).toEqual(["actuals", "audit_log", "history_datasets", "plans", "roster_replans", "roster_versions", "users"]);
    for (const t of withId) expect(t.sql, t.name).toMatch(/\bid\s+INTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b/i);
    const insert = db.prepare("INSERT INTO plans (name, input_json, result_json, created_at, updated_at) VALUES ('p', '{}', '{}', 't', 't')");
    const first = insert.run().lastInsertRowid;
    db.prepare("DELETE FROM plans WHERE id = ?").run(first);
    expect(insert.run().lastInsertRowid).toBe(Number(first) + 1);
    db.close();
  });
});
