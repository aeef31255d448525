import { describe, expect, it } from "vitest";
import { loadCatalog, loadSamplePlans } from "../src/catalog.ts";
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
});
