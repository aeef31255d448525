/**
 * Opens the SQLite store and brings it to the code's schema with numbered, forward-only
 * migrations (src/store/migrations/NNN_name.sql), each applied in a transaction and
 * recorded. A database that has migrations this code does not know, or whose recorded
 * migration differs from the file of the same number, is refused: it is out of step.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS_DIR } from "../paths.ts";

export type Db = Database.Database;

export type Migration = { version: number; name: string; sql: string };

/** The migrations shipped with the code, in order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, ""), sql: readFileSync(join(dir, f), "utf8") }));
}

export class OutOfStepError extends Error {
  override name = "OutOfStepError";
}

/** Opens (creating if needed) the database at `file` (":memory:" for tests) and migrates it. */
export function openDb(file: string, migrations = loadMigrations()): Db {
  const db = new Database(file);
  try {
    if (file !== ":memory:") db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies the migrations the database lacks; refuses a database that is out of step. */
export function migrate(db: Db, migrations: Migration[]): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const applied = db.prepare("SELECT version, name FROM schema_migrations ORDER BY version").all() as { version: number; name: string }[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const mine = known.get(row.version);
    if (!mine) {
      throw new OutOfStepError(`database has migration ${row.name}, which this version of PeakCrew does not know; use a newer PeakCrew or another database`);
    }
    if (mine.name !== row.name) {
      throw new OutOfStepError(`database migration ${row.version} is "${row.name}" but this code's is "${mine.name}"`);
    }
  }
  const done = new Set(applied.map((r) => r.version));
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
  }
}
