/**
 * Users and their sessions (migration 007). A session is found by the SHA-256 of its cookie
 * token; the token itself is never stored. Times are ISO strings from the app's clock.
 */
import type { Db } from "./db.ts";

export const ROLES = ["viewer", "hr", "manager"] as const;
export type Role = (typeof ROLES)[number];

export type User = { id: number; name: string; role: Role; createdAt: string };
export type UserWithHash = User & { passwordHash: string };
export type SessionUser = User & { expiresAt: string; lastSeenAt: string };

type UserRow = { id: number; name: string; role: Role; password_hash: string; created_at: string };
const userOf = (row: UserRow): User => ({ id: row.id, name: row.name, role: row.role, createdAt: row.created_at });

export function usersRepo(db: Db) {
  const insert = db.prepare("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)");
  const byName = db.prepare("SELECT * FROM users WHERE name = ?");
  const all = db.prepare("SELECT * FROM users ORDER BY id");
  const managers = db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'manager'");
  const remove = db.prepare("DELETE FROM users WHERE name = ?");
  const setHash = db.prepare("UPDATE users SET password_hash = ? WHERE name = ?");
  const endSessions = db.prepare("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?)");
  return {
    /** The new user, or null when the name is taken (names compare without ASCII case). */
    add(name: string, role: Role, passwordHash: string, now: string): User | null {
      if (byName.get(name)) return null;
      const id = Number(insert.run(name, role, passwordHash, now).lastInsertRowid);
      return { id, name, role, createdAt: now };
    },
    byName(name: string): UserWithHash | null {
      const row = byName.get(name) as UserRow | undefined;
      return row ? { ...userOf(row), passwordHash: row.password_hash } : null;
    },
    list(): User[] {
      return (all.all() as UserRow[]).map(userOf);
    },
    managerCount(): number {
      return (managers.get() as { n: number }).n;
    },
    /** Removes the user and (by cascade) their sessions; false when there is none. */
    remove(name: string): boolean {
      return remove.run(name).changes > 0;
    },
    /** Sets a new password hash and ends the user's sessions, in one transaction; false when there is no such user. */
    setPasswordHash: db.transaction((name: string, passwordHash: string): boolean => {
      if (setHash.run(passwordHash, name).changes === 0) return false;
      endSessions.run(name);
      return true;
    }),
  };
}

type SessionRow = UserRow & { expires_at: string; last_seen_at: string };

export function sessionsRepo(db: Db) {
  const insert = db.prepare("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)");
  const find = db.prepare("SELECT u.*, s.expires_at, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?");
  const touch = db.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
  const remove = db.prepare("DELETE FROM sessions WHERE token_hash = ?");
  const purge = db.prepare("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?");
  return {
    create(tokenHash: string, userId: number, now: string, expiresAt: string): void {
      insert.run(tokenHash, userId, now, now, expiresAt);
    },
    find(tokenHash: string): SessionUser | null {
      const row = find.get(tokenHash) as SessionRow | undefined;
      return row ? { ...userOf(row), expiresAt: row.expires_at, lastSeenAt: row.last_seen_at } : null;
    },
    touch(tokenHash: string, now: string): void {
      touch.run(now, tokenHash);
    },
    remove(tokenHash: string): void {
      remove.run(tokenHash);
    },
    /** Deletes the sessions past their absolute end or idle since `idleSince`. */
    purge(now: string, idleSince: string): void {
      purge.run(now, idleSince);
    },
  };
}

export type UsersRepo = ReturnType<typeof usersRepo>;
export type SessionsRepo = ReturnType<typeof sessionsRepo>;
