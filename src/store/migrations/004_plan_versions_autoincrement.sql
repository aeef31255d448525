-- Plan versions and ids that are never reused.
--
-- A plan carries a version, 1 when created and bumped on every update; a roster records the
-- version it was solved from, so "stale" is a comparison of two numbers, not of two clocks.
-- Plans and history datasets become AUTOINCREMENT, so a deleted id is never handed out again
-- (a link or export naming plan 2 never shows another plan). SQLite cannot alter a column to
-- AUTOINCREMENT, so each table is rebuilt: create the new table, copy every row with its id,
-- drop the old, rename the new.
--
-- foreign_keys is ON and cannot be switched off inside the migration's transaction, so the
-- order keeps every reference valid: the new rosters table refers to the new plans table
-- before anything is dropped; the old rosters table goes before the old plans table (so
-- dropping plans cascades to nothing); renaming plans_new to plans rewrites the reference.
-- Ids deleted before this migration above the highest remaining id may still be reused once;
-- the database kept no record of them.

CREATE TABLE plans_new (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT    NOT NULL,
  input_json  TEXT    NOT NULL,
  result_json TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1
);
INSERT INTO plans_new (id, name, input_json, result_json, created_at, updated_at, version)
  SELECT id, name, input_json, result_json, created_at, updated_at, 1 FROM plans;

CREATE TABLE rosters_new (
  plan_id      INTEGER PRIMARY KEY REFERENCES plans_new (id) ON DELETE CASCADE,
  staff_csv    TEXT    NOT NULL,
  result_json  TEXT    NOT NULL,
  created_at   TEXT    NOT NULL,
  plan_version INTEGER NOT NULL
);
-- A roster that was stale by the old rule (plan changed after it was solved) gets version 0,
-- which no plan has, so it stays stale; the others were solved from the plan as it is (1).
INSERT INTO rosters_new (plan_id, staff_csv, result_json, created_at, plan_version)
  SELECT r.plan_id, r.staff_csv, r.result_json, r.created_at, CASE WHEN p.updated_at > r.created_at THEN 0 ELSE 1 END
  FROM rosters r JOIN plans p ON p.id = r.plan_id;

DROP TABLE rosters;
DROP TABLE plans;
ALTER TABLE plans_new RENAME TO plans;
ALTER TABLE rosters_new RENAME TO rosters;
CREATE INDEX plans_name ON plans (name);

CREATE TABLE history_datasets_new (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  name         TEXT    NOT NULL,
  zone         TEXT    NOT NULL,
  source_file  TEXT,
  encoding     TEXT    NOT NULL,
  summary_json TEXT    NOT NULL,
  rows_json    TEXT    NOT NULL,
  created_at   TEXT    NOT NULL
);
INSERT INTO history_datasets_new (id, name, zone, source_file, encoding, summary_json, rows_json, created_at)
  SELECT id, name, zone, source_file, encoding, summary_json, rows_json, created_at FROM history_datasets;
DROP TABLE history_datasets;
ALTER TABLE history_datasets_new RENAME TO history_datasets;
