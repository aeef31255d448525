import { describe, expect, it } from "vitest";
import { loadSamplePlans } from "../../src/catalog.ts";
import { readHistoryCsv } from "../../src/csv.ts";
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
});
