import { describe, expect, it } from "vitest";
import { parseChatRequest, parsePlan } from "../src/schemas.ts";
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

  it("gives each plan its own copy of an object default, so freezing one (the store's cache) leaves the next plan's alone", () => {
    const { shifts: _s, rules: _r, window: _w, requirement: _q, ...bare } = planInput();
    const first = parsePlan(bare);
    const second = parsePlan(bare);
    for (const key of ["shifts", "rules", "window", "requirement"] as const) expect(second[key]).not.toBe(first[key]);
    expect(second.shifts.lengthsHours).not.toBe(first.shifts.lengthsHours);
    expect(second.presales.curve).not.toBe(first.presales.curve);
    Object.freeze(first.shifts.lengthsHours);
    expect(Object.isFrozen(parsePlan(bare).shifts.lengthsHours)).toBe(false);
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

describe("PlanSchema, service.chat", () => {
  const base = { ahtSec: 300, targetSec: 30, serviceLevel: 0.8, concurrency: 3 };
  const withChat = (chat: unknown, extra: object = {}) => planWith("presales.service", { ...base, ...extra, chat });

  it("accepts a list, the derived form with maxParallel, lines and a convention", () => {
    expect(parsePlan(withChat({ maxParallel: 3, ahtSecByParallel: [200, 200, 260] }, { lines: 50, slConvention: "virtual" })).presales.service?.chat).toEqual({
      maxParallel: 3,
      ahtSecByParallel: [200, 200, 260],
    });
    expect(parsePlan(withChat({ ahtSecAtOneChat: 200, slowdownPerExtraChat: 0.2, maxParallel: 4 })).presales.service?.slConvention).toBeUndefined();
  });

  it("a decreasing list is an InputError naming the element", () => {
    expect(inputIssuesOf(() => parsePlan(withChat({ maxParallel: 3, ahtSecByParallel: [200, 260, 250] })))).toMatchObject([
      { path: "presales.service.chat.ahtSecByParallel.2", message: "must not be less than the one before (handle time does not fall with more chats held)" },
    ]);
  });

  it.each([
    ["a list of the wrong length", { maxParallel: 4, ahtSecByParallel: [200, 260, 300] }, "presales.service.chat.ahtSecByParallel"],
    ["a handle time over 7200 s", { maxParallel: 2, ahtSecByParallel: [200, 7201] }, "presales.service.chat.ahtSecByParallel.1"],
    ["maxParallel over 10", { maxParallel: 11, ahtSecByParallel: [200] }, "presales.service.chat.maxParallel"],
    ["a slowdown over 2", { ahtSecAtOneChat: 200, slowdownPerExtraChat: 2.5, maxParallel: 2 }, "presales.service.chat.slowdownPerExtraChat"],
    ["the derived form without maxParallel and a numeric concurrency", { ahtSecAtOneChat: 200, slowdownPerExtraChat: 0.2 }, "presales.service.chat.maxParallel"],
  ])("%s is an InputError naming %s", (_what, chat, path) => {
    expect(pathsOf(withChat(chat))).toContain(path);
  });

  it("the derived form takes K from a Qianniu rule; a rule above 10 chats needs maxParallel", () => {
    const rule = (sessionMin: number) => ({ concurrency: { sessionMin, repliesPerMin: 5, questionsPerSession: 10 } });
    expect(parsePlan(withChat({ ahtSecAtOneChat: 200, slowdownPerExtraChat: 0.2 }, rule(9))).presales.service?.chat).toBeDefined();
    expect(pathsOf(withChat({ ahtSecAtOneChat: 200, slowdownPerExtraChat: 0.2 }, rule(30)))).toEqual(["presales.service.chat.maxParallel"]);
  });

  it("rejects an unknown convention and non-integer lines", () => {
    expect(pathsOf(withChat({ maxParallel: 1, ahtSecByParallel: [200] }, { slConvention: "ccmath", lines: 2.5 })).sort()).toEqual(["presales.service.lines", "presales.service.slConvention"]);
  });
});

describe("ChatRequestSchema (peakcrew erlang --aht-sec, POST /api/erlang with a list)", () => {
  it("refuses handle times that fall with more chats held, naming the entry", () => {
    const request = { arrivals: 100, intervalMin: 30, targetSec: 20, serviceLevel: 0.8 };
    expect(inputIssuesOf(() => parseChatRequest({ ...request, ahtSecByParallel: [31, 30, 43] })).map((i) => i.path)).toEqual(["ahtSecByParallel.1"]);
    expect(parseChatRequest({ ...request, ahtSecByParallel: [30, 30, 43] }).ahtSecByParallel).toEqual([30, 30, 43]);
  });
});
