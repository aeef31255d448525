import { describe, expect, it } from "vitest";
import { loadSamplePlans } from "../../src/catalog.ts";
import { readHistoryCsv } from "../../src/csv.ts";
import type { HistoryRow } from "../../src/domain/history-parse.ts";
import { openDb } from "../../src/store/db.ts";
import { historyRepo, type NewHistoryDataset } from "../../src/store/history.ts";

const csv = loadSamplePlans().find((s) => s.historyCsv)?.historyCsv as Buffer;
const dataset = (name: string): NewHistoryDataset => ({ name, zone: "Asia/Shanghai", sourceFile: null, ...readHistoryCsv(csv) });

describe("history repository", () => {
  it("ids are never reused: datasets 1 and 2, delete 2, the next dataset is 3", () => {
    const history = historyRepo(openDb(":memory:"));
    expect(history.create(dataset("a"), "t").id).toBe(1);
    expect(history.create(dataset("b"), "t").id).toBe(2);
    expect(history.delete(2)).toBe(true);
    expect(history.create(dataset("c"), "t").id).toBe(3);
    expect(history.list().map((d) => [d.id, d.name])).toEqual([
      [1, "a"],
      [3, "c"],
    ]);
  });

  it("importOnce stores a dataset once: the same hours in the same zone return the stored one", () => {
    const history = historyRepo(openDb(":memory:"));
    expect(history.importOnce(dataset("first"), "t")).toMatchObject({ created: true, dataset: { id: 1, name: "first" } });
    expect(history.importOnce(dataset("again"), "t")).toMatchObject({ created: false, dataset: { id: 1, name: "first" } });
    // Another zone, or one hour changed, is other data.
    expect(history.importOnce({ ...dataset("tokyo"), zone: "Asia/Tokyo" }, "t")).toMatchObject({ created: true, dataset: { id: 2 } });
    // Two quiet hours' pre-sales swapped: the same summary (totals, span, busiest hour), other rows.
    const swapped = dataset("swapped");
    const [a, b] = [swapped.rows[3], swapped.rows[4]] as [HistoryRow, HistoryRow];
    expect(a.presales).not.toBe(b.presales);
    swapped.rows = swapped.rows.map((r, i) => (i === 3 ? { ...r, presales: b.presales } : i === 4 ? { ...r, presales: a.presales } : r));
    expect(readHistoryCsv(csv).summary).toEqual(swapped.summary);
    expect(history.importOnce(swapped, "t")).toMatchObject({ created: true, dataset: { id: 3 } });
    expect(history.count()).toBe(3);
  });
});
