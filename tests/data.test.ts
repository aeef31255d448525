import { describe, expect, it } from "vitest";
import { loadCatalog, loadSamplePlans } from "../src/catalog.ts";
import { planStaffing } from "../src/domain/staffing.ts";
import { parsePlan } from "../src/schemas.ts";

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
});
