/** The audit log of write requests (migration 007): appended by the API, read newest first. */
import type { Db } from "./db.ts";

export type AuditEntry = {
  id: number;
  at: string;
  /** The signed-in user; "local" on an open loopback server; null when nobody was signed in. */
  userName: string | null;
  role: string | null;
  ip: string | null;
  method: string;
  path: string;
  status: number;
  summary: string;
};

type AuditRow = { id: number; at: string; user_name: string | null; role: string | null; ip: string | null; method: string; path: string; status: number; summary: string };

export function auditRepo(db: Db) {
  const insert = db.prepare("INSERT INTO audit_log (at, user_name, role, ip, method, path, status, summary) VALUES (@at, @userName, @role, @ip, @method, @path, @status, @summary)");
  const page = db.prepare("SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?");
  return {
    record(entry: Omit<AuditEntry, "id">): void {
      insert.run(entry);
    },
    /** Up to `limit` entries older than entry `before` (all when null), newest first. */
    page(limit: number, before: number | null): AuditEntry[] {
      return (page.all(before ?? Number.MAX_SAFE_INTEGER, limit) as AuditRow[]).map((r) => ({
        id: r.id,
        at: r.at,
        userName: r.user_name,
        role: r.role,
        ip: r.ip,
        method: r.method,
        path: r.path,
        status: r.status,
        summary: r.summary,
      }));
    },
  };
}

export type AuditRepo = ReturnType<typeof auditRepo>;
