import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { loadMigrations, migrate, OutOfStepError, openDb } from "../../src/store/db.ts";

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
