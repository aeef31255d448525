import { describe, expect, it } from "vitest";
import { planStaffing } from "../../src/domain/staffing.ts";
import { parsePlan } from "../../src/schemas.ts";
import { catalog, inputIssuesOf, planWith, serviceTarget } from "../fixtures.ts";

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe("planStaffing, saturation method", () => {
  const result = planStaffing(parsePlan(planWith("name", "saturation")), catalog);

  it("carries the seller guide's chain: 2,500 receptions, 4.34 → 5 agents", () => {
    expect(result.chain.presalesReceptions).toBe(2500);
    expect(result.chain.agents).toBe(5);
  });

  it("spreads all pre-sales receptions over the window's intervals", () => {
    expect(result.intervals).toHaveLength(72);
    expect(sum(result.intervals.map((r) => r.presales.receptions))).toBeCloseTo(2500, 9);
    expect(result.summary.presales.receptions).toBeCloseTo(2500, 9);
  });

  it("requires receptions ÷ (576 ÷ 8 per hour) agents per hourly interval, rounded up", () => {
    for (const row of result.intervals) {
      expect("requiredExact" in row.presales && row.presales.requiredExact).toBeCloseTo(row.presales.humanReceptions / 72, 12);
      expect(row.presales.scheduledAgents).toBe(Math.ceil(row.presales.humanReceptions / 72 - 1e-9));
    }
  });

  it("peaks at 00:00 on Nov 11, far above the average agents on duty", () => {
    const average = result.summary.presales.scheduledAgentHours / 72;
    expect(result.summary.presales.peak.start).toBe("2026-11-11T00:00:00.000+08:00");
    expect(result.summary.presales.peak.scheduledAgents).toBeGreaterThan(3 * average);
  });

  it("over the event day alone (the seed's reading), the chain's daily-average headcount understates the peak", () => {
    const oneDay = planStaffing(parsePlan(planWith("window", { start: "2026-11-11T00:00", end: "2026-11-12T00:00" })), catalog);
    expect(oneDay.chain.agents).toBe(5);
    expect(oneDay.summary.presales.peak.scheduledAgents).toBeGreaterThan(oneDay.chain.agents);
  });

  it("generates after-sales from orders × contact rate, following the purchase days", () => {
    expect(result.aftersales.orders).toBe(5000);
    expect(result.aftersales.contactsTotal).toBeCloseTo(500, 9);
    expect(result.aftersales.contactsInWindow).toBeLessThan(500);
    const day = (d: number) => sum(result.intervals.slice(d * 24, d * 24 + 24).map((r) => r.aftersales.receptions));
    expect(day(2)).toBeGreaterThan(day(0));
  });
});

describe("planStaffing, service-level method", () => {
  const plan = parsePlan({
    ...planWith("requirement", { method: "service-level" }),
    presales: { ...(planWith("presales.service", serviceTarget()).presales as object) },
    aftersales: { ...(planWith("aftersales.service", { ...serviceTarget(), patienceSec: 120 }).aftersales as object) },
  });
  const result = planStaffing(plan, catalog);

  it("reports per interval productive and scheduled agents apart, with the service level met", () => {
    for (const row of result.intervals) {
      const p = row.presales;
      expect("serviceLevel" in p).toBe(true);
      if (!("serviceLevel" in p)) continue;
      expect(p.scheduledAgents).toBe(Math.ceil(p.productiveAgents / 0.8 - 1e-9));
      expect(p.meetsTarget).toBe(true);
      if (p.productiveAgents > 0) expect(p.serviceLevel).toBeGreaterThanOrEqual(0.8);
    }
  });

  it("reports the concurrency each queue's model used", () => {
    expect(result.concurrency).toEqual({ presales: 3, aftersales: 3 });
  });
});

describe("planStaffing, the peak band", () => {
  it("without one in the plan, is the run around the pre-sales peak needing at least half its agents", () => {
    const result = planStaffing(parsePlan(planWith("name", "derived band")), catalog);
    const band = result.peakBand;
    const agents = result.intervals.map((r) => r.presales.scheduledAgents);
    const peak = Math.max(...agents);
    expect(band.source).toBe("derived");
    expect(agents.slice(band.fromIndex, band.toIndex).every((a) => a >= peak / 2)).toBe(true);
    expect(agents[band.fromIndex - 1]!).toBeLessThan(peak / 2);
    expect(agents[band.toIndex]!).toBeLessThan(peak / 2);
    expect(band.start).toBe(result.intervals[band.fromIndex]!.start);
  });

  it("from the plan, snaps outwards to the interval grid", () => {
    const result = planStaffing(parsePlan(planWith("peakBand", { start: "2026-11-10T20:15", end: "2026-11-11T01:45" })), catalog);
    expect(result.peakBand).toEqual({
      start: "2026-11-10T20:00:00.000+08:00",
      end: "2026-11-11T02:00:00.000+08:00",
      fromIndex: 20,
      toIndex: 26,
      source: "plan",
    });
  });

  it("names the field when the band ends before it starts, or lies outside the window", () => {
    expect(inputIssuesOf(() => planStaffing(parsePlan(planWith("peakBand", { start: "2026-11-11T02:00", end: "2026-11-10T20:00" })), catalog))).toEqual([
      { path: "peakBand.end", message: "must be after peakBand.start" },
    ]);
    expect(inputIssuesOf(() => planStaffing(parsePlan(planWith("peakBand", { start: "2026-12-01T20:00", end: "2026-12-01T22:00" })), catalog))).toEqual([
      { path: "peakBand", message: "must overlap the plan's window" },
    ]);
  });
});

