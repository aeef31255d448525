import { describe, expect, it } from "vitest";
import { parsePlan } from "../src/schemas.ts";
import { inputIssuesOf, planInput, planWith } from "./fixtures.ts";

const pathsOf = (data: unknown) => inputIssuesOf(() => parsePlan(data)).map((i) => i.path);

describe("PlanSchema", () => {
  it("accepts the fixture plan and fills defaults", () => {
    const { zone: _z, window: _w, intervalMin: _i, ...minimal } = planInput();
    const plan = parsePlan(minimal);
    expect(plan.zone).toBe("Asia/Shanghai");
    expect(plan.window).toEqual({ start: "2026-11-10T00:00", end: "2026-11-13T00:00" });
    expect(plan.intervalMin).toBe(60);
  });

  it.each([
    ["chain.csSalesShare", 1.5],
    ["chain.csSalesShare", "35%"],
    ["chain.salesTargetYuan", -1],
    ["chain.inquiryConversionRate", 0],
    ["chain.csAvgOrderValueYuan", undefined],
    ["intervalMin", 20],
    ["zone", "Mars/Olympus"],
    ["window.start", "10/11/2026"],
    ["workdayHours", 25],
    ["presales.capacity.basis", "magic"],
    ["presales.capacity.utilization", 1.2],
    ["presales.botResolutionRate", 1],
    ["aftersales.lagDayShares", [0.5, 0.2]],
    ["aftersales.intradayHourly", [1, 2, 3]],
    ["aftersales.shopAvgOrderValueYuan", 0],
    ["aftersales.maxDeferHours", -1],
    ["aftersales.maxDeferHours", 48],
    ["requirement.method", "guess"],
  ])("rejects %s = %j, naming that field", (path, value) => {
    expect(pathsOf(planWith(path, value))).toEqual([path]);
  });

  it("rejects a peak band that is not local date-times, naming the field", () => {
    expect(pathsOf(planWith("peakBand", { start: "tonight", end: "2026-11-11T02:00" }))).toEqual(["peakBand.start"]);
  });

  it("lets after-sales be served on arrival unless the plan says how long it may wait", () => {
    expect(parsePlan(planInput()).aftersales.maxDeferHours).toBe(0);
  });

  it("rejects an unknown field (a typo) instead of ignoring it", () => {
    expect(pathsOf(planWith("chain.salesTarget", 100))).toEqual(["chain"]);
  });

  it("lists every bad field at once", () => {
    const plan = planWith("chain.csSalesShare", 2);
    (plan.presales as Record<string, unknown>).botResolutionRate = -0.1;
    expect(pathsOf(plan).sort()).toEqual(["chain.csSalesShare", "presales.botResolutionRate"]);
  });

  it("requires both queues' service targets when the method is service-level", () => {
    expect(pathsOf(planWith("requirement", { method: "service-level" })).sort()).toEqual(["aftersales.service", "presales.service"]);
  });

  it("rejects a Qianniu rule that gives fewer than one chat per agent", () => {
    const service = { ahtSec: 300, targetSec: 30, serviceLevel: 0.8, concurrency: { sessionMin: 1, repliesPerMin: 1, questionsPerSession: 5 } };
    expect(pathsOf(planWith("presales.service", service))).toEqual(["presales.service.concurrency"]);
  });
});
