import { describe, expect, it } from "vitest";
import { applyChatCalibration, currentSlowdown, DEFAULT_SLOWDOWN, estimateChat } from "../../src/domain/chat-estimate.ts";
import type { AgentServiceRow } from "../../src/domain/chat-report.ts";
import { parsePlan } from "../../src/schemas.ts";
import { inputIssuesOf, planInput, serviceTarget } from "../fixtures.ts";

/** An agent at concurrency c with chats of D seconds, R chats: online R·D/c seconds so Little's law gives c back. */
function agent(c: number, handleSec: number, receptions = 100, maxConcurrent: number | null = 4): AgentServiceRow {
  return { line: 0, agent: `c=${c}`, receptions, handleSec, onlineSec: (receptions * handleSec) / c, maxConcurrent, inquiries: null, avgResponseSec: null, firstResponseSec: null, replyRatio: null };
}
const value = (r: ReturnType<typeof estimateChat>, key: string) => r.estimates.find((e) => e.key === key);

describe("estimateChat", () => {
  it("recovers a line exactly: AHT_1 100 s, +50 % per extra chat, from five agents at 1–3 chats (D = 50 + 50·c)", () => {
    // Hand-computed: equal weights, c̄ = 2, D̄ = 150; slope Σ(c−2)(D−150)/Σ(c−2)² = 125/2.5 = 50 s;
    // AHT_1 = 150 − 50 × (2 − 1) = 100; s = 50/100 = 0.5; K = median(3,3,4,4,5) = 4.
    const rows = [agent(1, 100, 100, 3), agent(1.5, 125, 100, 3), agent(2, 150), agent(2.5, 175), agent(3, 200, 100, 5)];
    const r = estimateChat(rows);
    expect(r.chat).toEqual({ ahtSecAtOneChat: 100, slowdownPerExtraChat: 0.5, maxParallel: 4 });
    expect(r.ahtSecByParallel).toEqual([100, 150, 200, 250]);
    expect(value(r, "typicalConcurrency")?.value).toBe(2);
    expect(value(r, "ahtSecAtTypical")?.value).toBe(150);
    expect(value(r, "slowdownPerExtraChat")).toMatchObject({ fallback: false, basis: { en: expect.stringContaining("R² 1") } });
    expect(r.agents).toBe(5);
  });

  it("weights agents by 接待人数: the typical concurrency and AHT are the typical chat's", () => {
    // 300 chats at c = 1 (100 s) and 100 at c = 3 (200 s): c̄ = (300 + 300)/400 = 1.5, D̄ = (30,000 + 20,000)/400 = 125.
    const rows = [agent(1, 100, 300), agent(3, 200, 100)];
    const r = estimateChat(rows);
    expect(value(r, "typicalConcurrency")?.value).toBe(1.5);
    expect(value(r, "ahtSecAtTypical")?.value).toBe(125);
  });

  it("with fewer than 5 agents falls back to the default slowdown and says why; AHT_1 is back-derived with it", () => {
    const r = estimateChat([agent(1, 100), agent(2, 150), agent(3, 200), agent(2, 150)]);
    const s = value(r, "slowdownPerExtraChat");
    expect(s).toMatchObject({ value: DEFAULT_SLOWDOWN, fallback: true, basis: { en: expect.stringContaining("only 4 agents, fewer than 5"), zh: expect.stringContaining("只有 4 位客服") } });
    // c̄ = 2, D̄ = 150: 150 / (1 + 0.1667 × 1) = 128.56…
    expect(r.chat.ahtSecAtOneChat).toBe(128.6);
  });

  it("with no spread of concurrency uses the caller's fallback (e.g. the plan's slowdown) and names it", () => {
    const rows = [1, 2, 3, 4, 5].map((i) => agent(2 + i * 0.05, 150 + i));
    const r = estimateChat(rows, { fallbackSlowdown: { value: 0.3, en: "the plan's current 0.3", zh: "方案当前的 0.3" } });
    expect(value(r, "slowdownPerExtraChat")).toMatchObject({ value: 0.3, fallback: true, basis: { en: expect.stringMatching(/less than 0\.5 chat apart.*the plan's current 0\.3/) } });
  });

  it("keeps a fitted slowdown within 0–1: a falling line gives 0 and says so", () => {
    const rows = [agent(1, 200), agent(1.5, 190), agent(2, 180), agent(2.5, 170), agent(3, 160)];
    const r = estimateChat(rows);
    expect(r.chat.slowdownPerExtraChat).toBe(0);
    expect(value(r, "slowdownPerExtraChat")?.basis.en).toContain("kept within 0–1");
    // With s = 0 every AHT_k is the typical chat's 180 s.
    expect(r.ahtSecByParallel).toEqual([180, 180, 180, 180]);
  });

  it("without 最大同时接待 takes K from the highest agent concurrency, rounded up, as a fallback", () => {
    const rows = [agent(1, 100, 100, null), agent(2.2, 160, 100, null)];
    const r = estimateChat(rows);
    expect(value(r, "maxParallel")).toMatchObject({ value: 3, fallback: true, basis: { zh: expect.stringContaining("没有「最大同时接待」列") } });
  });

  it("keeps K within 1–10", () => {
    expect(estimateChat([agent(2, 150, 100, 14)]).chat.maxParallel).toBe(10);
  });
});

describe("applyChatCalibration", () => {
  const calibration = estimateChat([agent(1, 100, 100, 3), agent(1.5, 125, 100, 3), agent(2, 150), agent(2.5, 175), agent(3, 200, 100, 5)]);

  it("writes the derived chat spec into the chosen queue's service, and nothing else", () => {
    const base = planInput();
    const plan = parsePlan({
      ...base,
      requirement: { method: "service-level" },
      presales: { ...base.presales, service: serviceTarget() },
      aftersales: { ...base.aftersales, service: serviceTarget() },
    });
    const next = applyChatCalibration(plan, "aftersales", calibration);
    expect(next.aftersales.service?.chat).toEqual({ ahtSecAtOneChat: 100, slowdownPerExtraChat: 0.5, maxParallel: 4 });
    expect(next.presales).toEqual(plan.presales);
    expect(plan.aftersales.service?.chat).toBeUndefined();
    expect(currentSlowdown(next, "aftersales")).toBe(0.5);
  });

  it("refuses a queue without a service target, naming it", () => {
    const plan = parsePlan(planInput());
    expect(inputIssuesOf(() => applyChatCalibration(plan, "presales", calibration))).toMatchObject([{ path: "presales.service", message: expect.stringContaining("no service target") }]);
  });

  it("reads a list's slowdown from its ends", () => {
    const base = planInput();
    const plan = parsePlan({ ...base, presales: { ...base.presales, service: { ...serviceTarget(), chat: { maxParallel: 3, ahtSecByParallel: [100, 120, 140] } } } });
    expect(currentSlowdown(plan, "presales")).toBe(0.2);
    expect(currentSlowdown(plan, "aftersales")).toBeNull();
  });
});
