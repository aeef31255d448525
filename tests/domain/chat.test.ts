import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ChatParams, chatFigures, requiredChatAgents } from "../../src/domain/chat.ts";
import { evaluateAgents } from "../../src/domain/erlang.ts";
import { agentLevelChat, chatFiguresReference } from "./chat-reference.ts";

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
      const params: ChatParams = {
        ...base,
        arrivals: 90_000,
        intervalMin: 30,
        ahtSecByParallel: [300, 330, 360, 400, 450],
        patienceSec,
        serviceLevel: 0.9,
        maxOccupancy: 0.95,
        shrinkage: 0.2,
        convention: "answeredWithin",
      };
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

describe("the fast chat evaluation against the straightforward one", () => {
  // chatFigures follows only the states around the mode, by products of rate ratios;
  // chatFiguresReference (the code before it was made fast) walks every state from 0 in logs.
  // They agree to 1e-10 (probabilities absolutely, seconds relatively): the reference's summed
  // logs lose ~1e-12 over thousands of states (against 40-digit mpmath at 4,000 agents × 5 chats,
  // occupancy is off by 2e-13 there and by 5e-15 here).
  const figureKeys = ["serviceLevelVirtual", "serviceLevelAnsweredWithin", "occupancy", "waitProbability", "blockProbability", "abandonProbability", "asaSec", "virtualAsaSec"] as const;
  /**
   * Random chat queues: up to 5 chats, load 5 %–160 % of capacity, AHT lists in any order (so
   * k/AHT_k may fall, the slower path) unless `ahtRising` (as plans must give them).
   */
  const arbQueue = (agents: fc.Arbitrary<number>, ahtRising = false) =>
    fc
      .record({
        agents,
        aht: fc.array(fc.integer({ min: 30, max: 900 }), { minLength: 1, maxLength: 5 }),
        sorted: ahtRising ? fc.constant(true) : fc.boolean(),
        load: fc.double({ min: 0.05, max: 1.6, noNaN: true }),
        targetSec: fc.integer({ min: 0, max: 120 }),
        patienceSec: fc.option(fc.integer({ min: 5, max: 900 }), { nil: undefined }),
        linesPerSlot: fc.option(fc.double({ min: 0.3, max: 3, noNaN: true }), { nil: undefined }),
        convention: fc.constantFrom("virtual" as const, "answeredWithin" as const),
      })
      .map((q) => {
        const aht = q.sorted ? [...q.aht].sort((a, b) => a - b) : q.aht;
        const slots = q.agents * aht.length;
        const params: ChatParams = {
          ...base,
          arrivals: (q.load * slots * 1800) / (aht.at(-1) as number),
          intervalMin: 30,
          ahtSecByParallel: aht,
          targetSec: q.targetSec,
          patienceSec: q.patienceSec,
          lines: q.linesPerSlot === undefined ? undefined : Math.max(1, Math.round(slots * q.linesPerSlot)),
          convention: q.convention,
        };
        return { params, agents: q.agents };
      });

  const expectSameFigures = (params: ChatParams, agents: number) => {
    const fast = chatFigures(params, agents);
    const ref = chatFiguresReference(params, agents);
    expect(fast.stable).toBe(ref.stable);
    for (const key of figureKeys) {
      const [a, b] = [fast[key], ref[key]];
      if (a === null || b === null) expect(a).toBe(b);
      else expect(Math.abs(a - b) / Math.max(1, Math.abs(b)), key).toBeLessThan(1e-10);
    }
  };

  it("small and mid-size queues (1–60 agents): every figure equals the reference", () => {
    fc.assert(
      fc.property(arbQueue(fc.integer({ min: 1, max: 60 })), ({ params, agents }) => expectSameFigures(params, agents)),
      { seed: 20261111, numRuns: 300 },
    );
  });

  it("2,000–5,000 agents: every figure equals the reference, and is finite", () => {
    fc.assert(
      fc.property(arbQueue(fc.integer({ min: 2000, max: 5000 })), ({ params, agents }) => {
        expectSameFigures(params, agents);
        const f = chatFigures(params, agents);
        for (const v of [f.serviceLevel, f.occupancy, f.waitProbability]) expect(Number.isFinite(v)).toBe(true);
      }),
      { seed: 20261112, numRuns: 40 },
    );
  });

  it.each([
    ["k/AHT_k rises", [300, 330, 360, 400, 450]],
    ["k/AHT_k falls at the 2nd chat", [100, 300, 320, 330, 340]],
  ])("5,000 agents × 5 chats near capacity with patience (%s): every figure equals the reference", (_, aht) => {
    for (const patienceSec of [60, undefined]) {
      expectSameFigures({ ...base, arrivals: 0.97 * ((5000 * 5) / (aht.at(-1) as number)) * 1800, intervalMin: 30, ahtSecByParallel: aht, patienceSec, convention: "answeredWithin" }, 5000);
    }
  });

  /**
   * The least agents meeting the target, trying 1, 2, 3, … up to `limit` (chatFigures is checked
   * against the reference above); undefined when none up to it does (lines may cap the service
   * level below the target however many agents there are).
   */
  const linearSearch = (params: ChatParams, limit: number) => {
    for (let n = 1; n <= limit; n++) if (chatFigures(params, n).meetsTarget) return n;
    return undefined;
  };
  const arbTarget = fc.record({ serviceLevel: fc.double({ min: 0.05, max: 0.99, noNaN: true }), maxOccupancy: fc.double({ min: 0.3, max: 1, noNaN: true }) });

  // With AHT falling as chats are added (not allowed in a plan), more agents can lower the
  // service level, and the search's assumption fails; so these queues have AHT_k non-decreasing.
  it("the search finds what a plain linear search finds, from any start", () => {
    fc.assert(
      fc.property(arbQueue(fc.integer({ min: 1, max: 80 }), true), arbTarget, fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }), ({ params }, target, start) => {
        const p = { ...params, ...target };
        const found = requiredChatAgents(p, start);
        const expected = linearSearch(p, 1000);
        if (expected === undefined) expect(found.productiveAgents).toBeGreaterThan(1000);
        else expect(found.productiveAgents).toBe(expected);
      }),
      { seed: 20261113, numRuns: 150 },
    );
  });

  it("at 5,000-agent scale (K = 5) the search finds what a plain linear search finds, from any start", () => {
    const params: ChatParams = {
      ...base,
      arrivals: 50_000,
      intervalMin: 30,
      ahtSecByParallel: [300, 330, 360, 400, 450],
      patienceSec: 90,
      serviceLevel: 0.85,
      maxOccupancy: 0.95,
      convention: "answeredWithin",
    };
    const expected = linearSearch(params, 10_000) as number;
    expect(expected).toBeGreaterThan(2000);
    for (const start of [undefined, 1, expected - 1, expected, expected + 1, 4 * expected]) expect(requiredChatAgents(params, start).productiveAgents).toBe(expected);
  });
});
