import { describe, expect, it } from "vitest";
import { type ErlangParams, erlangB, evaluateAgents, logGammaP, requiredAgents } from "../../src/domain/erlang.ts";
import { bruteForceErlangA } from "./erlang-reference.ts";

/** The standard Erlang C worked example: 100 chats in 30 min, AHT 180 s, 80 % within 20 s. */
const example: ErlangParams = {
  arrivals: 100,
  intervalMin: 30,
  ahtSec: 180,
  targetSec: 20,
  serviceLevel: 0.8,
  maxOccupancy: 0.85,
  shrinkage: 0.3,
  concurrency: 1,
};

describe("Erlang B", () => {
  // Golden values: the Erlang B table (e.g. in Cooper, "Introduction to Queueing Theory",
  // and every traffic table): 1 % blocking is reached by 4.461 Erl on 10 circuits,
  // 20.337 Erl on 30 and 84.064 Erl on 100.
  it.each([
    [10, 4.461],
    [30, 20.337],
    [100, 84.064],
  ])("on %i circuits, %f Erlangs block 1 %% of calls", (n, a) => {
    expect(erlangB(n, a)).toBeCloseTo(0.01, 4);
  });

  it("stays finite and in [0, 1] for 5,000 circuits", () => {
    const b = erlangB(5000, 4500);
    expect(Number.isFinite(b)).toBe(true);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(1e-10);
  });
});

describe("Erlang C", () => {
  // Golden values: pyworkforce's README (ErlangC(transactions=100, asa=20/60, aht=3, interval=30,
  // shrinkage=0.3).required_positions(service_level=0.8, max_occupancy=0.85) → raw_positions 14,
  // positions 20, service_level 0.8883500191794669, occupancy 0.7142857142857143,
  // waiting_probability 0.1741319335950498) and CRAN package ErlangC's reference manual
  // (the same case: service level 0.88835, ASA 7.83593701177724 s; with 11 agents the wait
  // probability is 0.6821182).
  it("needs 14 productive and 20 scheduled agents in the published worked example", () => {
    const r = requiredAgents(example);
    expect(r.model).toBe("erlang-c");
    expect(r.trafficErlangs).toBeCloseTo(10, 12);
    expect(r.productiveAgents).toBe(14);
    expect(r.scheduledAgents).toBe(20);
    expect(r.serviceLevel).toBeCloseTo(0.8883500191794669, 9);
    expect(r.occupancy).toBeCloseTo(0.7142857142857143, 12);
    expect(r.waitProbability).toBeCloseTo(0.1741319335950498, 9);
    expect(r.asaSec).toBeCloseTo(7.83593701177724, 9);
    expect(r.meetsTarget).toBe(true);
  });

  it("with 11 agents the wait probability is the published 0.6821182 and the target is missed", () => {
    const r = evaluateAgents(example, 11);
    expect(r.waitProbability).toBeCloseTo(0.6821182, 6);
    expect(r.meetsTarget).toBe(false);
  });

  it("when agents ≤ traffic, the queue is reported unstable instead of giving a number", () => {
    const r = evaluateAgents(example, 10);
    expect(r.stable).toBe(false);
    expect(r.serviceLevel).toBe(0);
    expect(r.asaSec).toBeNull();
    expect(r.meetsTarget).toBe(false);
  });

  it("when the occupancy cap binds, agents = ceil(traffic ÷ cap)", () => {
    // 100 Erlangs at a 0.8 cap: 125 agents, far more than the 80 % / 20 s target alone needs.
    const r = requiredAgents({ ...example, arrivals: 1000, intervalMin: 30, targetSec: 60, serviceLevel: 0.5, maxOccupancy: 0.8 });
    expect(r.trafficErlangs).toBeCloseTo(100, 9);
    expect(r.productiveAgents).toBe(125);
    expect(evaluateAgents({ ...example, arrivals: 1000, targetSec: 60, serviceLevel: 0.5, maxOccupancy: 1 }, 110).meetsTarget).toBe(true);
  });

  it("with no arrivals, no agents are needed", () => {
    const r = requiredAgents({ ...example, arrivals: 0 });
    expect(r.productiveAgents).toBe(0);
    expect(r.scheduledAgents).toBe(0);
    expect(r.serviceLevel).toBe(1);
  });

  it("concurrency 3 on a 540 s chat is the same queue as one-at-a-time 180 s handling", () => {
    const chat = requiredAgents({ ...example, ahtSec: 540, concurrency: 3 });
    const voice = requiredAgents(example);
    expect(chat.effectiveAhtSec).toBe(180);
    expect(chat.productiveAgents).toBe(voice.productiveAgents);
    expect(chat.serviceLevel).toBeCloseTo(voice.serviceLevel, 12);
  });

  it("is exact and stable at 5,000+ agents: the answer is the first n that meets the target", () => {
    const big = { ...example, arrivals: 90_000, intervalMin: 15, ahtSec: 45, maxOccupancy: 1, shrinkage: 0 };
    const r = requiredAgents(big);
    expect(r.trafficErlangs).toBeCloseTo(4500, 6);
    expect(r.productiveAgents).toBeGreaterThan(4500);
    expect(r.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(evaluateAgents(big, r.productiveAgents - 1).serviceLevel).toBeLessThan(0.8);
  });
});

describe("service level is monotone in agents (property)", () => {
  const loads = [0.5, 3, 10, 47.5, 400];
  for (const patienceSec of [undefined, 45, 600]) {
    it(`more agents never lower the service level nor raise the wait (${patienceSec ? `Erlang A, patience ${patienceSec} s` : "Erlang C"})`, () => {
      for (const erlangs of loads) {
        const params = { ...example, arrivals: (erlangs * 1800) / 180, patienceSec };
        let previous = evaluateAgents(params, Math.floor(erlangs) + 1);
        for (let n = Math.floor(erlangs) + 2; n < erlangs * 1.5 + 20; n++) {
          const r = evaluateAgents(params, n);
          expect(r.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel - 1e-12);
          expect(r.waitProbability).toBeLessThanOrEqual(previous.waitProbability + 1e-12);
          expect(r.abandonProbability).toBeLessThanOrEqual(previous.abandonProbability + 1e-12);
          previous = r;
        }
      }
    });
  }
});

describe("Erlang A (with patience)", () => {
  // No published Erlang A table is in the material available to us; the golden figures come
  // from an independent brute-force calculation (tests/domain/erlang-reference.ts: truncated
  // birth–death chain plus uniformization), which shares nothing with the closed forms.
  it.each([
    { agents: 14, patienceSec: 60, arrivals: 100, ahtSec: 180 },
    { agents: 8, patienceSec: 60, arrivals: 100, ahtSec: 180 },
    { agents: 3, patienceSec: 30, arrivals: 40, ahtSec: 120 },
    { agents: 25, patienceSec: 200, arrivals: 900, ahtSec: 60 },
  ])("agrees with a brute-force M/M/n+M chain: $agents agents, patience $patienceSec s, $arrivals arrivals", (c) => {
    const params = { ...example, arrivals: c.arrivals, ahtSec: c.ahtSec, patienceSec: c.patienceSec };
    const r = evaluateAgents(params, c.agents);
    const ref = bruteForceErlangA({
      lambdaPerSec: c.arrivals / 1800,
      muPerSec: 1 / c.ahtSec,
      thetaPerSec: 1 / c.patienceSec,
      agents: c.agents,
      targetSec: example.targetSec,
    });
    expect(r.model).toBe("erlang-a");
    expect(r.waitProbability).toBeCloseTo(ref.waitProbability, 9);
    expect(r.abandonProbability).toBeCloseTo(ref.abandonProbability, 9);
    expect(r.serviceLevel).toBeCloseTo(ref.serviceLevel, 9);
    expect(r.asaSec).toBeCloseTo(ref.meanWaitSec, 6);
  });

  it("even with fewer agents than traffic the queue is stable, because customers abandon", () => {
    const r = evaluateAgents({ ...example, patienceSec: 60 }, 8);
    expect(r.stable).toBe(true);
    expect(r.abandonProbability).toBeGreaterThan(0.2);
    expect(r.serviceLevel).toBeGreaterThan(0);
  });

  it("with very long patience it converges to Erlang C", () => {
    const a = requiredAgents({ ...example, patienceSec: 1e8 });
    const c = requiredAgents(example);
    expect(a.productiveAgents).toBe(c.productiveAgents);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 6);
  });

  it("abandonment lets fewer agents meet the same target than Erlang C", () => {
    expect(requiredAgents({ ...example, maxOccupancy: 1, patienceSec: 60 }).productiveAgents).toBeLessThan(requiredAgents({ ...example, maxOccupancy: 1 }).productiveAgents);
  });

  it("stays finite at 5,000 agents with heavy overload", () => {
    const r = evaluateAgents({ ...example, arrivals: 200_000, intervalMin: 15, ahtSec: 30, patienceSec: 90 }, 5000);
    for (const v of [r.serviceLevel, r.waitProbability, r.abandonProbability, r.occupancy]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    // 6,667 Erlangs offered to 5,000 agents: at most 5,000 are carried, so about a quarter abandon.
    expect(r.trafficErlangs).toBeCloseTo(6666.67, 1);
    expect(r.abandonProbability).toBeCloseTo(0.25, 2);
  });
});

describe("logGammaP", () => {
  it("matches P(1, x) = 1 − e^(−x) and P(2, x) = 1 − (1 + x)e^(−x) on both branches", () => {
    for (const x of [0.1, 1, 2.5, 7, 30]) {
      expect(Math.exp(logGammaP(1, x))).toBeCloseTo(1 - Math.exp(-x), 13);
      expect(Math.exp(logGammaP(2, x))).toBeCloseTo(1 - (1 + x) * Math.exp(-x), 13);
    }
  });
});
