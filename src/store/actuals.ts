/**
 * The actuals repository: per plan, an append-only log of the night's receptions per interval
 * and queue. A re-sent interval and queue with other figures supersedes the current row (kept,
 * with the time) and the new row names the one it replaces; the same figures again change
 * nothing. Each append is one transaction.
 */
import type { ActualRow } from "../domain/actuals.ts";
import type { QueueName } from "../domain/staffing.ts";
import type { Db } from "./db.ts";

/** What one append did: rows new to their interval and queue, rows that replaced other figures, rows already current as sent. */
export type AppendCounts = { added: number; replaced: number; unchanged: number };

/** A row of the log, current or superseded. */
export type ActualRecord = ActualRow & {
  id: number;
  receivedAt: string;
  /** When a later row replaced this one; null while it is current. */
  supersededAt: string | null;
  /** The row this one replaced, if any. */
  replaces: number | null;
};

type Row = {
  id: number;
  start: string;
  queue: QueueName;
  receptions: number;
  agents_online: number | null;
  first_response_sec: number | null;
  received_at: string;
  superseded_at: string | null;
  replaces: number | null;
};

const toActual = (r: Row): ActualRow => ({ start: r.start, queue: r.queue, receptions: r.receptions, agentsOnline: r.agents_online, firstResponseSec: r.first_response_sec });
const ORDER = "ORDER BY start, CASE queue WHEN 'presales' THEN 0 ELSE 1 END";

export function actualsRepo(db: Db) {
  const planExists = db.prepare("SELECT 1 FROM plans WHERE id = ?").pluck();
  const currentOf = db.prepare("SELECT * FROM actuals WHERE plan_id = ? AND start = ? AND queue = ? AND superseded_at IS NULL");
  const supersede = db.prepare("UPDATE actuals SET superseded_at = ? WHERE id = ?");
  const insert = db.prepare(
    `INSERT INTO actuals (plan_id, start, queue, receptions, agents_online, first_response_sec, received_at, replaces)
     VALUES (@planId, @start, @queue, @receptions, @agentsOnline, @firstResponseSec, @now, @replaces)`,
  );
  const current = db.prepare(`SELECT * FROM actuals WHERE plan_id = ? AND superseded_at IS NULL ${ORDER}`);
  const log = db.prepare("SELECT * FROM actuals WHERE plan_id = ? ORDER BY id");
  const replacements = db.prepare("SELECT COUNT(*) FROM actuals WHERE plan_id = ? AND superseded_at IS NOT NULL").pluck();

  return {
    /**
     * Appends the rows to the plan's log in one transaction (all or nothing); undefined, with
     * nothing stored, when the plan does not exist.
     */
    append(planId: number, rows: readonly ActualRow[], now: string): AppendCounts | undefined {
      return db.transaction((): AppendCounts | undefined => {
        if (planExists.get(planId) === undefined) return undefined;
        const counts: AppendCounts = { added: 0, replaced: 0, unchanged: 0 };
        for (const row of rows) {
          const old = currentOf.get(planId, row.start, row.queue) as Row | undefined;
          if (old && old.receptions === row.receptions && old.agents_online === row.agentsOnline && old.first_response_sec === row.firstResponseSec) {
            counts.unchanged++;
            continue;
          }
          if (old) supersede.run(now, old.id);
          insert.run({ planId, ...row, now, replaces: old?.id ?? null });
          if (old) counts.replaced++;
          else counts.added++;
        }
        return counts;
      })();
    },
    /** The current row of each interval and queue, by start, pre-sales first. */
    current(planId: number): ActualRow[] {
      return (current.all(planId) as Row[]).map(toActual);
    },
    /** Every row the plan's log holds, superseded ones included, in the order received. */
    history(planId: number): ActualRecord[] {
      return (log.all(planId) as Row[]).map((r) => ({ id: r.id, ...toActual(r), receivedAt: r.received_at, supersededAt: r.superseded_at, replaces: r.replaces }));
    },
    /** How many rows were replaced by a later one. */
    replacements(planId: number): number {
      return replacements.get(planId) as number;
    },
  };
}

export type ActualsRepo = ReturnType<typeof actualsRepo>;
