-- Plans (scenarios): the inputs a user saved and the staffing computed from them.
CREATE TABLE plans (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL,
  input_json  TEXT    NOT NULL,
  result_json TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
);
CREATE INDEX plans_name ON plans (name);
