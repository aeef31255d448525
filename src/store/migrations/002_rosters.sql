-- The latest named roster of each plan: the staff CSV it was solved for and the result.
CREATE TABLE rosters (
  plan_id     INTEGER PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
  staff_csv   TEXT    NOT NULL,
  result_json TEXT    NOT NULL,
  created_at  TEXT    NOT NULL
);
