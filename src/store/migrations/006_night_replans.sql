-- The night's re-plans (临时调配) and the roster versions they replace.
--
-- A re-plan is a proposal: the change list and the new roster, made from revision
-- `roster_revision` of the plan's roster. Applying it makes its roster the plan's current one
-- (rosters) and keeps the one it replaces as a version, so the original stays readable and
-- exportable. A roster's revision counts its saves (a solve or an applied re-plan), so a
-- proposal made from an earlier one is refused however close in time the saves fall.
ALTER TABLE rosters ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

CREATE TABLE roster_replans (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id           INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  now               TEXT    NOT NULL,
  roster_revision   INTEGER NOT NULL,
  result_json       TEXT    NOT NULL,
  created_at        TEXT    NOT NULL,
  applied_at        TEXT
);
CREATE INDEX roster_replans_plan ON roster_replans (plan_id);

CREATE TABLE roster_versions (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id       INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  staff_csv     TEXT    NOT NULL,
  result_json   TEXT    NOT NULL,
  plan_version  INTEGER NOT NULL,
  created_at    TEXT    NOT NULL,
  superseded_at TEXT    NOT NULL,
  replan_id     INTEGER REFERENCES roster_replans (id) ON DELETE SET NULL
);
CREATE INDEX roster_versions_plan ON roster_versions (plan_id);
