import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { readActualsFile } from "../src/actuals-file.ts";
import { loadCatalog, loadSamplePlans } from "../src/catalog.ts";
import { DATA_DIR } from "../src/paths.ts";
import { planStaffing } from "../src/domain/staffing.ts";
import { parsePlan } from "../src/schemas.ts";
import { readHistoryCsv } from "../src/csv.ts";
import { compareWithHistory } from "../src/domain/compare.ts";

describe("data/", () => {
  it("the built-in curve covers Nov 10 00:00 – Nov 17 00:00 hourly and passes its schema", () => {
    const template = loadCatalog().templates.get("double11");
    expect(template?.presalesWeights).toHaveLength(7 * 24);
    expect(template?.aftersalesLagDayShares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it("every sample plan is valid against the API's schema and plans without error", () => {
    const samples = loadSamplePlans();
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      const result = planStaffing(parsePlan(sample.content), loadCatalog());
      expect(result.summary.presales.peak.scheduledAgents).toBeGreaterThan(0);
    }
  });

  it("the sample last-year CSV is GBK, reads without an issue, and covers its plan's window", () => {
    for (const sample of loadSamplePlans().filter((s) => s.historyCsv)) {
      const history = readHistoryCsv(sample.historyCsv as Buffer);
      expect(history.encoding).toBe("gb18030");
      expect(history.summary.missingHours).toBe(0);
      const comparison = compareWithHistory(planStaffing(parsePlan(sample.content), loadCatalog()), null, history.rows);
      expect(comparison.alignment.yearsBack).toBe(1);
    }
    expect(loadSamplePlans().some((s) => s.historyCsv)).toBe(true);
  });

  it("the sample actuals CSV is GBK and 千牛-style: 26 half-hours of both queues about 30 % above its plan's forecast human receptions, its 汇总 row and '-' cell noted", async () => {
    const sample = loadSamplePlans().find((s) => s.id === "mid-size-double11");
    const plan = parsePlan(sample?.content);
    const file = await readActualsFile(readFileSync(join(DATA_DIR, "samples/mid-size-double11.actuals.csv")), { ...plan, fileName: "mid-size-double11.actuals.csv" });
    expect([file.encoding, file.fileIntervalMin, file.rows.length]).toEqual(["gb18030", 30, 26]);
    expect([file.rows[0]?.start, file.rows.at(-1)?.start]).toEqual(["2026-11-10T18:00", "2026-11-11T00:00"]);
    expect(file.notes).toEqual(["counts are read from 咨询人数 (arrivals); 接待人数 is left aside", 'read 平均首响(秒) "-" as unknown: line 21', "skipped summary rows (汇总): line 28"]);
    const forecast = new Map(planStaffing(plan, loadCatalog()).intervals.map((i) => [DateTime.fromISO(i.start, { zone: plan.zone }).toFormat("yyyy-MM-dd'T'HH:mm"), i]));
    for (const queue of ["presales", "aftersales"] as const) {
      const rows = file.rows.filter((r) => r.queue === queue);
      const ratio = rows.reduce((s, r) => s + r.receptions, 0) / rows.reduce((s, r) => s + (forecast.get(r.start)?.[queue].humanReceptions ?? Number.NaN), 0);
      expect(ratio).toBeGreaterThan(1.25);
      expect(ratio).toBeLessThan(1.35);
    }
  });
});
