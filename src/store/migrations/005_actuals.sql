-- Actuals so far: the night's log of receptions per interval and queue, per plan. Each upload
-- appends; re-sending an interval and queue with other figures replaces its current row and
-- the replacement is recorded: the old row stays, marked with when it was superseded, and the
-- new row names the one it replaces. At most one current row per plan, interval and queue.
CREATE TABLE actuals (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id            INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  start              TEXT    NOT NULL,  -- local "YYYY-MM-DDTHH:mm" on the plan's grid
  queue              TEXT    NOT NULL CHECK (queue IN ('presales', 'aftersales')),
  receptions         REAL    NOT NULL CHECK (receptions >= 0),
  agents_online      REAL    CHECK (agents_online >= 0),
  first_response_sec REAL    CHECK (first_response_sec >= 0),
  received_at        TEXT    NOT NULL,
  superseded_at      TEXT,              -- null while current
  replaces           INTEGER REFERENCES actuals (id)
);
CREATE UNIQUE INDEX actuals_current ON actuals (plan_id, start, queue) WHERE superseded_at IS NULL;
