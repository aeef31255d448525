-- Access control when the server is shared (docs/security.md "Access control").
--
-- users: who may sign in, with one role (manager: everything; hr: rosters, the night's
-- re-plan and exports; viewer: read). password_hash is a self-describing scrypt string
-- ($scrypt$ln=…,r=…,p=…$salt$hash, src/passwords.ts): the salt and parameters live with it.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  role          TEXT    NOT NULL CHECK (role IN ('manager', 'hr', 'viewer')),
  password_hash TEXT    NOT NULL,
  created_at    TEXT    NOT NULL
);

-- sessions: the cookie holds a random 32-byte token; only its SHA-256 is stored, so a copy of
-- the database does not sign anyone in. A session ends at expires_at (absolute) or when idle
-- past the server's idle limit (last_seen_at), whichever comes first.
CREATE TABLE sessions (
  token_hash   TEXT    PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   TEXT    NOT NULL,
  last_seen_at TEXT    NOT NULL,
  expires_at   TEXT    NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- audit_log: every write request (who, what, when, and how it ended). user_name is the
-- signed-in user, 'local' on an open loopback server, NULL when nobody was signed in.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        TEXT    NOT NULL,
  user_name TEXT,
  role      TEXT,
  ip        TEXT,
  method    TEXT    NOT NULL,
  path      TEXT    NOT NULL,
  status    INTEGER NOT NULL,
  summary   TEXT    NOT NULL DEFAULT ''
);
