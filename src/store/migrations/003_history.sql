-- Last year's hourly data (history datasets): one row per imported file, its hours as JSON
-- tuples [hour, presales, aftersales, agents, firstResponseSec, salesYuan, orders].
CREATE TABLE history_datasets (
  id           INTEGER PRIMARY KEY,
  name         TEXT    NOT NULL,
  zone         TEXT    NOT NULL,
  source_file  TEXT,
  encoding     TEXT    NOT NULL,
  summary_json TEXT    NOT NULL,
  rows_json    TEXT    NOT NULL,
  created_at   TEXT    NOT NULL
);
