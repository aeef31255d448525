import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { requiredChatAgents } from "../../src/domain/chat.ts";
import { planStaffing } from "../../src/domain/staffing.ts";
import { parsePlan } from "../../src/schemas.ts";
import { catalog, FACTOR_SAMPLE_PLAN, inputIssuesOf, planWith, SAMPLE_PLAN, serviceTarget } from "../fixtures.ts";
import { taggedChatReference } from "./chat-tagged.ts";

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

describe("planStaffing, service-level method with presales.service.chat (the Erlang Chat model)", () => {
  const chatPlan = (presalesService: object) =>
    parsePlan({
      ...planWith("requirement", { method: "service-level" }),
      presales: { ...(planWith("presales.service", presalesService).presales as object) },
      aftersales: { ...(planWith("aftersales.service", serviceTarget()).aftersales as object) },
    });

  it("per interval, agents equal requiredChatAgents on the same inputs (patience, lines, convention, cap, shrinkage)", () => {
    const service = { ...serviceTarget(), patienceSec: 120, lines: 400, slConvention: "virtual", chat: { maxParallel: 3, ahtSecByParallel: [200, 260, 330] } };
    const result = planStaffing(chatPlan(service), catalog);
    expect(result.models?.presales).toEqual({ model: "erlang-chat", parallel: 3, ahtSecByParallel: [200, 260, 330] });
    for (const row of result.intervals) {
      const expected = requiredChatAgents({
        arrivals: row.presales.humanReceptions,
        intervalMin: 60,
        ahtSecByParallel: [200, 260, 330],
        targetSec: 30,
        serviceLevel: 0.8,
        maxOccupancy: 0.9,
        shrinkage: 0.2,
        patienceSec: 120,
        lines: 400,
        convention: "virtual",
      });
      expect(row.presales).toMatchObject({ model: "erlang-chat", productiveAgents: expected.productiveAgents, scheduledAgents: expected.scheduledAgents, serviceLevel: expected.serviceLevel });
    }
    expect(Math.max(...result.intervals.map((r) => r.presales.scheduledAgents))).toBeGreaterThan(0);
    expect(result.models?.aftersales).toEqual({ model: "factor", concurrency: 3 });
    expect(result.intervals.every((r) => !("model" in r.aftersales))).toBe(true);
  });

  it("derives AHT_k = ahtSecAtOneChat × (1 + slowdown × (k − 1)) with K = the Qianniu rule rounded down (9 × 5 ÷ 10 = 4.5 → 4)", () => {
    const concurrency = { sessionMin: 9, repliesPerMin: 5, questionsPerSession: 10 };
    const result = planStaffing(chatPlan({ ...serviceTarget(), concurrency, chat: { ahtSecAtOneChat: 200, slowdownPerExtraChat: 0.25 } }), catalog);
    expect(result.concurrency?.presales).toBe(4.5);
    expect(result.models?.presales).toEqual({ model: "erlang-chat", parallel: 4, ahtSecByParallel: [200, 250, 300, 350] });
  });

  it("derives with maxParallel when it is given, over the rule", () => {
    const concurrency = { sessionMin: 9, repliesPerMin: 5, questionsPerSession: 10 };
    const result = planStaffing(chatPlan({ ...serviceTarget(), concurrency, chat: { ahtSecAtOneChat: 100, slowdownPerExtraChat: 0.5, maxParallel: 2 } }), catalog);
    expect(result.models?.presales).toEqual({ model: "erlang-chat", parallel: 2, ahtSecByParallel: [100, 150] });
  });

  it("a plan without chat is unchanged: the factor sample's pre-sales peak stays 239 agents (the CLI test's golden before issue 12)", () => {
    const sample = parsePlan(JSON.parse(readFileSync(FACTOR_SAMPLE_PLAN, "utf8")));
    const result = planStaffing(sample, catalog);
    expect(result.summary.presales.peak.scheduledAgents).toBe(239);
    expect(result.models?.presales.model).toBe("factor");
    expect(result.intervals.every((r) => !("model" in r.presales))).toBe(true);
  });

  it("the sample plan runs the chat model; its pre-sales needs agree with the independent tagged-chat reference", () => {
    const result = planStaffing(parsePlan(JSON.parse(readFileSync(SAMPLE_PLAN, "utf8"))), catalog);
    // K = ⌊9 × 4 ÷ 8⌋ = 4 from the Qianniu rule; AHT_k = 300 × (1 + 0.15 (k − 1)).
    expect(result.models?.presales).toEqual({ model: "erlang-chat", parallel: 4, ahtSecByParallel: [300, 345, 390, 435] });
    const after = result.models?.aftersales as { parallel: number; ahtSecByParallel: number[] };
    expect(after.parallel).toBe(3);
    for (const [i, aht] of [420, 483, 546].entries()) expect(after.ahtSecByParallel[i]).toBeCloseTo(aht, 9);
    const aht = [300, 345, 390, 435];
    const reference = (arrivals: number, agents: number) => taggedChatReference({ lambdaPerSec: arrivals / 1800, ahtSecByParallel: aht, agents, thetaPerSec: 1 / 120, targetSec: 30 });
    const meets = (f: ReturnType<typeof reference>) => f.serviceLevelAnsweredWithin >= 0.8 && f.occupancy <= 0.9;
    // The peak (11-11 00:00) is occupancy-bound: the reference gives 90.36 % at 177 agents and
    // 89.59 % at 178; scheduled = ⌈178 ÷ (1 − 15 %)⌉ = 210.
    const peak = result.summary.presales.peak;
    expect(peak).toMatchObject({ start: "2026-11-11T00:00:00.000+08:00", productiveAgents: 178, scheduledAgents: 210 });
    const atPeak = result.intervals.find((r) => r.start === peak.start)?.presales.humanReceptions as number;
    expect(meets(reference(atPeak, 177))).toBe(false);
    expect(meets(reference(atPeak, 178))).toBe(true);
    // Every interval: the least N the reference accepts (the service level binds at night).
    for (const row of result.intervals.filter((_, i) => i % 7 === 0)) {
      const { humanReceptions, productiveAgents } = row.presales as { humanReceptions: number; productiveAgents: number };
      expect(meets(reference(humanReceptions, productiveAgents)), row.start).toBe(true);
      if (productiveAgents > 1) expect(meets(reference(humanReceptions, productiveAgents - 1)), row.start).toBe(false);
      const r = row.presales as { serviceLevelAnsweredWithin?: number; serviceLevelVirtual?: number };
      const ref = reference(humanReceptions, productiveAgents);
      expect(r.serviceLevelAnsweredWithin).toBeCloseTo(ref.serviceLevelAnsweredWithin, 9);
      expect(r.serviceLevelVirtual).toBeCloseTo(ref.serviceLevelVirtual, 9);
    }
  });
});

describe("the tagged-chat reference itself", () => {
  it("ends near saturation, where the Poisson weights' float sum never reaches 1 − 1e-15 (240 agents × 4 chats at 90 % and 105 % load)", () => {
    for (const load of [0.9, 1.05]) {
      const f = taggedChatReference({ lambdaPerSec: ((240 * 4) / 435) * load, ahtSecByParallel: [300, 345, 390, 435], agents: 240, thetaPerSec: 1 / 120, targetSec: 30 });
      expect(f.serviceLevelAnsweredWithin).toBeGreaterThan(0);
      expect(f.serviceLevelAnsweredWithin).toBeLessThanOrEqual(1);
    }
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
    expect(inputIssuesOf(() => planStaffing(parsePlan(planWith("peakBand", { start: "2026-11-11T02:00", end: "2026-11-10T20:00" })), catalog))).toMatchObject([
      { path: "peakBand.end", message: "must be after peakBand.start" },
    ]);
    expect(inputIssuesOf(() => planStaffing(parsePlan(planWith("peakBand", { start: "2026-12-01T20:00", end: "2026-12-01T22:00" })), catalog))).toMatchObject([
      { path: "peakBand", message: "must overlap the plan's window" },
    ]);
  });
});
