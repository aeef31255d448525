import { describe, expect, it } from "vitest";
import { type ChatParams, chatFigures, requiredChatAgents } from "../../src/domain/chat.ts";
import { evaluateAgents } from "../../src/domain/erlang.ts";
import { agentLevelChat } from "./chat-reference.ts";

const base: ChatParams = {
  arrivals: 240,
  intervalMin: 60,
  ahtSecByParallel: [180, 210, 240],
  targetSec: 20,
  serviceLevel: 0.8,
  maxOccupancy: 1,
  shrinkage: 0,
  convention: "virtual",
};

describe("chat model with one chat per agent (K = 1)", () => {
  // Independent check: with K = 1 the chain is M/M/n+M (Erlang A) or M/M/n (Erlang C), which
  // src/domain/erlang.ts computes by closed forms (incomplete gamma, Erlang B recursion).
  it.each([
    [100, 30, 180, 20, 14, 60],
    [100, 30, 180, 20, 11, 300],
    [1500, 30, 240, 30, 210, 45],
    [20, 15, 400, 60, 6, 120],
  ])("arrivals %i / %i min, AHT %i s, T %i s, %i agents, patience %i s: equals Erlang A", (arrivals, intervalMin, aht, t, n, patience) => {
    const erlangA = evaluateAgents({ arrivals, intervalMin, ahtSec: aht, targetSec: t, serviceLevel: 0.8, maxOccupancy: 1, shrinkage: 0, concurrency: 1, patienceSec: patience }, n);
    const chat = chatFigures({ ...base, arrivals, intervalMin, ahtSecByParallel: [aht], targetSec: t, patienceSec: patience, convention: "answeredWithin" }, n);
    expect(chat.serviceLevel).toBeCloseTo(erlangA.serviceLevel, 9);
    expect(chat.occupancy).toBeCloseTo(erlangA.occupancy, 9);
    expect(chat.waitProbability).toBeCloseTo(erlangA.waitProbability, 9);
    expect(chat.abandonProbability).toBeCloseTo(erlangA.abandonProbability, 9);
    expect(chat.asaSec as number).toBeCloseTo(erlangA.asaSec as number, 7);
    expect(chat.serviceLevelVirtual).toBeGreaterThan(chat.serviceLevelAnsweredWithin);
  });

  it.each([
    [100, 30, 180, 20, 11],
    [100, 30, 180, 20, 14],
    [1500, 30, 240, 30, 205],
  ])("arrivals %i / %i min, AHT %i s, T %i s, %i agents, no patience or lines: equals Erlang C in both conventions", (arrivals, intervalMin, aht, t, n) => {
    const erlangC = evaluateAgents({ arrivals, intervalMin, ahtSec: aht, targetSec: t, serviceLevel: 0.8, maxOccupancy: 1, shrinkage: 0, concurrency: 1 }, n);
    const chat = chatFigures({ ...base, arrivals, intervalMin, ahtSecByParallel: [aht], targetSec: t }, n);
    expect(chat.serviceLevelVirtual).toBeCloseTo(erlangC.serviceLevel, 9);
    expect(chat.serviceLevelAnsweredWithin).toBeCloseTo(erlangC.serviceLevel, 9);
    expect(chat.waitProbability).toBeCloseTo(erlangC.waitProbability, 9);
    expect(chat.occupancy).toBeCloseTo(erlangC.occupancy, 9);
    expect(chat.asaSec as number).toBeCloseTo(erlangC.asaSec as number, 7);
    expect(chat.virtualAsaSec as number).toBeCloseTo(erlangC.asaSec as number, 7);
  });

  it("without patience or lines and N·K/AHT_K ≤ λ the queue is unstable, never a plausible number", () => {
    const r = chatFigures({ ...base, ahtSecByParallel: [180, 210, 240] }, 4); // capacity 4·3/4 = 3 per min < 4
    expect(r).toMatchObject({ stable: false, serviceLevel: 0, asaSec: null, meetsTarget: false });
  });
});

describe("chat model against an agent-level Markov chain", () => {
  // Independent check: every agent's chat count and the queue as states, solved by Gaussian
  // elimination (tests/domain/chat-reference.ts); lines keep the state space finite.
  it.each([
    [2, [120, 150], 60, 9],
    [3, [120, 150], 40, 10],
    [2, [100, 130, 170], 30, 10],
    [3, [100, 130, 170], 90, 12],
    [3, [100, 130, 170], undefined, 13],
  ])("%i agents, AHT by parallel %j, patience %s s, %i lines: occupancy, wait, block and abandonment agree", (n, aht, patience, lines) => {
    const arrivals = 90; // per 30 min = 0.05 per s, a busy load for these few agents
    const model = chatFigures({ ...base, arrivals, intervalMin: 30, ahtSecByParallel: aht, patienceSec: patience, lines }, n);
    const ref = agentLevelChat({ lambdaPerSec: arrivals / 1800, ahtSecByParallel: aht, agents: n, thetaPerSec: patience ? 1 / patience : 0, lines });
    expect(model.occupancy).toBeCloseTo(ref.occupancy, 9);
    expect(model.waitProbability).toBeCloseTo(ref.waitProbability, 9);
    expect(model.blockProbability).toBeCloseTo(ref.blockProbability, 9);
    expect(model.abandonProbability).toBeCloseTo(ref.abandonProbability, 9);
    expect(ref.blockProbability).toBeGreaterThan(1e-4); // the lines bind, so blocking is tested too
  });
});

describe("chat model against CCmath's published examples", () => {
  // Golden figures: the ErlangCCmath Python package's demo script (the file that opens "This
  // script shows how to use Erlang calculators in Python. See further examples … at
  // https://erlang.ccmath.com/faq"), printed to 2 decimals in minutes and percent: 240 arrivals
  // per hour (4 per min), AWT 0.333 min, patience 1 min, 100 lines.
  const awtSec = 0.333 * 60;
  const ccmath: ChatParams = { ...base, targetSec: awtSec, lines: 100, patienceSec: 60 };
  const round2 = (x: number) => Math.round(x * 100) / 100;

  it("Erlang C (AHT 3 min, 14 agents): ASA 0.72 min, SL 61.42 %, occupancy 85.71 %", () => {
    const r = chatFigures({ ...base, targetSec: awtSec, ahtSecByParallel: [180] }, 14);
    expect(round2((r.virtualAsaSec as number) / 60)).toBe(0.72);
    expect(round2(r.serviceLevelVirtual * 100)).toBe(61.42);
    expect(round2(r.occupancy * 100)).toBe(85.71);
  });

  it("Erlang X (AHT 3 min, 14 agents): ASA 0.10 min, SL 87.97 %, abandonment 7.43 %, blocked 0 %, occupancy 79.34 %", () => {
    const r = chatFigures({ ...ccmath, ahtSecByParallel: [180] }, 14);
    expect(round2((r.virtualAsaSec as number) / 60)).toBe(0.1);
    expect(round2(r.serviceLevelVirtual * 100)).toBe(87.97);
    expect(round2(r.abandonProbability * 100)).toBe(7.43);
    expect(round2(r.blockProbability * 100)).toBe(0);
    expect(round2(r.occupancy * 100)).toBe(79.34);
  });

  it("Erlang Chat (AHT 3, 3.5, 4 min, 5 agents): ASA 0.22 min, abandonment 15.44 %, occupancy 86.78 %", () => {
    const r = chatFigures({ ...ccmath, ahtSecByParallel: [180, 210, 240] }, 5);
    expect(round2((r.virtualAsaSec as number) / 60)).toBe(0.22);
    expect(round2(r.abandonProbability * 100)).toBe(15.44);
    expect(round2(r.occupancy * 100)).toBe(86.78);
  });

  it("Erlang Chat's SL is 74.44 % here, one point below the demo's printed 75.44 % (documented discrepancy)", () => {
    const r = chatFigures({ ...ccmath, ahtSecByParallel: [180, 210, 240] }, 5);
    expect(round2(r.serviceLevelVirtual * 100)).toBe(74.44);
    expect(r.serviceLevelAnsweredWithin).toBeLessThan(r.serviceLevelVirtual);
  });
});

describe("chat staffing search", () => {
  it("5,000-agent scale with 5 chats each: finite figures, the answer meets the target and one fewer does not", () => {
    for (const patienceSec of [60, undefined]) {
      const params: ChatParams = { ...base, arrivals: 90_000, intervalMin: 30, ahtSecByParallel: [300, 330, 360, 400, 450], patienceSec, serviceLevel: 0.9, maxOccupancy: 0.95, shrinkage: 0.2, convention: "answeredWithin" };
      const r = requiredChatAgents(params);
      expect(r.productiveAgents).toBeGreaterThan(4000);
      expect(r.productiveAgents).toBeLessThan(6000);
      expect(r.meetsTarget).toBe(true);
      expect(r.scheduledAgents).toBe(Math.ceil(r.productiveAgents / 0.8 - 1e-9));
      for (const v of [r.serviceLevelVirtual, r.serviceLevelAnsweredWithin, r.occupancy, r.waitProbability, r.asaSec, r.virtualAsaSec]) expect(Number.isFinite(v)).toBe(true);
      expect(chatFigures(params, r.productiveAgents - 1).meetsTarget).toBe(false);
    }
  });

  it("the occupancy cap can bind: the answer is the least headcount within it", () => {
    const params: ChatParams = { ...base, ahtSecByParallel: [180, 210, 240], patienceSec: 60, serviceLevel: 0.2, maxOccupancy: 0.6 };
    const r = requiredChatAgents(params);
    expect(r.occupancy).toBeLessThanOrEqual(0.6);
    expect(chatFigures(params, r.productiveAgents - 1).occupancy).toBeGreaterThan(0.6);
  });

  it("no arrivals need no agents", () => {
    expect(requiredChatAgents({ ...base, arrivals: 0 })).toMatchObject({ productiveAgents: 0, scheduledAgents: 0, meetsTarget: true });
  });

  it.each([
    [[180, 210, 240], 60, 100],
    [[120, 160], undefined, undefined],
    [[200, 200, 260, 300], 30, 40],
  ])("AHT %j, patience %s, lines %s: more agents never lower either service level", (aht, patience, lines) => {
    let prev = chatFigures({ ...base, ahtSecByParallel: aht, patienceSec: patience, lines }, 1);
    for (let n = 2; n <= 25; n++) {
      const next = chatFigures({ ...base, ahtSecByParallel: aht, patienceSec: patience, lines }, n);
      expect(next.serviceLevelVirtual).toBeGreaterThanOrEqual(prev.serviceLevelVirtual - 1e-12);
      expect(next.serviceLevelAnsweredWithin).toBeGreaterThanOrEqual(prev.serviceLevelAnsweredWithin - 1e-12);
      prev = next;
    }
  });
});
