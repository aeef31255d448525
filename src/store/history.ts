/** The history repository: named datasets of last year's hours, each written in one statement. */
import type { HistoryColumns, HistoryParse, HistoryRow, HistorySummary } from "../domain/history-parse.ts";
import type { Db } from "./db.ts";

export type HistoryDataset = {
  id: number;
  name: string;
  /** The zone the file's local hours are in. */
  zone: string;
  sourceFile: string | null;
  encoding: string;
  summary: HistorySummary;
  createdAt: string;
};

/** A dataset with its hours, for deriving and comparing. */
export type HistoryDatasetWithRows = HistoryDataset & { rows: HistoryRow[]; columns: HistoryColumns };

export type NewHistoryDataset = Omit<HistoryDataset, "id" | "createdAt"> & HistoryParse;

type Tuple = [string, number, number, number | null, number | null, number | null, number | null];
type Row = { id: number; name: string; zone: string; source_file: string | null; encoding: string; summary_json: string; created_at: string };

const toTuple = (r: HistoryRow): Tuple => [r.hour, r.presales, r.aftersales, r.agents, r.firstResponseSec, r.salesYuan, r.orders];
const fromTuple = ([hour, presales, aftersales, agents, firstResponseSec, salesYuan, orders]: Tuple): HistoryRow => ({
  hour,
  presales,
  aftersales,
  agents,
  firstResponseSec,
  salesYuan,
  orders,
});

const fromRow = (row: Row): HistoryDataset => ({
  id: row.id,
  name: row.name,
  zone: row.zone,
  sourceFile: row.source_file,
  encoding: row.encoding,
  summary: JSON.parse(row.summary_json) as HistorySummary,
  createdAt: row.created_at,
});

export function historyRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO history_datasets (name, zone, source_file, encoding, summary_json, rows_json, created_at)
     VALUES (@name, @zone, @sourceFile, @encoding, @summary, @rows, @now)`,
  );
  const list = db.prepare("SELECT id, name, zone, source_file, encoding, summary_json, created_at FROM history_datasets ORDER BY id");
  const byId = db.prepare("SELECT id, name, zone, source_file, encoding, summary_json, created_at FROM history_datasets WHERE id = ?");
  const rowsById = db.prepare("SELECT rows_json FROM history_datasets WHERE id = ?");
  const rename = db.prepare("UPDATE history_datasets SET name = ? WHERE id = ?");
  const remove = db.prepare("DELETE FROM history_datasets WHERE id = ?");
  const count = db.prepare("SELECT COUNT(*) AS n FROM history_datasets");
  // The summary first: it differs for almost any other file, so the rows are compared only for a likely twin.
  const same = db.prepare("SELECT id FROM history_datasets WHERE zone = ? AND summary_json = ? AND rows_json = ? ORDER BY id LIMIT 1");

  const getById = (id: number): HistoryDataset | undefined => {
    const row = byId.get(id) as Row | undefined;
    return row && fromRow(row);
  };
  const store = (dataset: NewHistoryDataset, summary: string, rows: string, now: string): HistoryDataset => {
    const info = insert.run({ name: dataset.name, zone: dataset.zone, sourceFile: dataset.sourceFile, encoding: dataset.encoding, summary, rows, now });
    return getById(Number(info.lastInsertRowid)) as HistoryDataset;
  };

  return {
    create(dataset: NewHistoryDataset, now: string): HistoryDataset {
      return store(dataset, JSON.stringify(dataset.summary), JSON.stringify(dataset.rows.map(toTuple)), now);
    },
    /**
     * Stores the dataset unless one with the same hours (every row, in the same zone) is
     * stored already, as when the same export is imported twice (or once as GBK and once as
     * UTF-8): then that one is returned and nothing is written. Its name is kept.
     */
    importOnce(dataset: NewHistoryDataset, now: string): { dataset: HistoryDataset; created: boolean } {
      const summary = JSON.stringify(dataset.summary);
      const rows = JSON.stringify(dataset.rows.map(toTuple));
      const twin = same.get(dataset.zone, summary, rows) as { id: number } | undefined;
      if (twin) return { dataset: getById(twin.id) as HistoryDataset, created: false };
      return { dataset: store(dataset, summary, rows, now), created: true };
    },
    list(): HistoryDataset[] {
      return (list.all() as Row[]).map(fromRow);
    },
    get(id: number): HistoryDataset | undefined {
      return getById(id);
    },
    /** The dataset and its hours, sorted. */
    withRows(id: number): HistoryDatasetWithRows | undefined {
      const dataset = this.get(id);
      const row = rowsById.get(id) as { rows_json: string } | undefined;
      if (!dataset || !row) return undefined;
      return { ...dataset, rows: (JSON.parse(row.rows_json) as Tuple[]).map(fromTuple), columns: dataset.summary.columns };
    },
    rename(id: number, name: string): HistoryDataset | undefined {
      return rename.run(name, id).changes > 0 ? this.get(id) : undefined;
    },
    /** True if a dataset was deleted. */
    delete(id: number): boolean {
      return remove.run(id).changes > 0;
    },
    count(): number {
      return (count.get() as { n: number }).n;
    },
  };
}

export type HistoryRepo = ReturnType<typeof historyRepo>;
