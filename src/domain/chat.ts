/**
 * The chat queue (DESIGN.md §3, "Chat"): agents hold up to K chats at once, and a chat takes
 * longer the more chats its agent holds. The model is the state-dependent birth–death chain of
 * CCmath's "Erlang Chat" (erlang.ccmath.com) and of Enqvist & Svensson, "A State Dependent Chat
 * System Model", ICORES 2019.
 *
 * Assumptions: Poisson arrivals at rate λ; N agents, each holding at most K chats, with chats
 * spread evenly (a new chat goes to a least-loaded agent); a chat held by an agent with k chats
 * completes at rate 1/AHT_k (exponential); first come first served; a waiting chat abandons at
 * rate θ = 1/patience (none without a patience); at most L chats in the system (lines), an
 * arrival finding L is lost. The state is x, the chats in the system; S = N·K slots.
 *   d(x) = r(q+1)/AHT_{q+1} + (N−r)·q/AHT_q      for x = qN + r ≤ S
 *   d(x) = N·K/AHT_K + (x − S)·θ                   for x > S
 * The stationary distribution is the birth–death product. When k/AHT_k does not fall with k, d(x)
 * rises with x and the weights have one peak: they are walked out from it as products of the
 * ratios λ/d(x), relative to the peak (so 5,000 agents × 5 chats cannot overflow), and stopped
 * where all that is left weighs under 1e-20 of it. Only the few thousand states that carry the
 * probability are visited, and the figures stay exact to double precision. Otherwise every state
 * from 0 is walked, in logs. A chat that arrives with j waiting ahead of it waits for j+1 events
 * of rates c + iθ (i = j … 0, c = N·K/AHT_K): its wait is a sum of exponentials, whose tail is
 * P(W > T | j) = I_u(c/θ, j+1) with u = e^(−θT) (regularized incomplete beta; with θ = 0 the
 * Erlang(j+1, c) tail). Both tails are sums of negative-binomial (Poisson) terms t_m, so
 * Σ_j π_j·P(W > T | j) = Σ_m t_m·Σ_{j≥m} π_j costs O(states).
 *
 * Service level, two conventions:
 * - `virtual`: P(an infinitely patient chat waits ≤ T), over arrivals not blocked: the tagged
 *   chat never abandons, the chats ahead of it do. CCmath defines its chat SL this way ("the
 *   expected service level of an arbitrary non-blocked customer"; ASA "the time that an
 *   arbitrary customer with infinite patience would incur"). Its package only calls a web
 *   service, so the definition is read from its documentation and its demo's figures.
 * - `answeredWithin`: chats answered within T ÷ chats offered; a chat that abandons or is
 *   blocked is not answered. With K = 1 this is erlang.ts's Erlang A / Erlang C service level.
 */

import { MAX_AGENTS, scheduledFor } from "./erlang.ts";
import type { SlConvention } from "./plan.ts";

export type { SlConvention } from "./plan.ts";

export type ChatParams = {
  /** Chats offered in the interval, ≥ 0. */
  arrivals: number;
  /** Interval length, minutes (> 0). */
  intervalMin: number;
  /** AHT_k in seconds for k = 1 … K chats held by the agent (each > 0); K = the list's length. */
  ahtSecByParallel: number[];
  /** Target first-response time T, seconds (≥ 0). */
  targetSec: number;
  /** Target service level, a fraction in (0, 1), in `convention`. */
  serviceLevel: number;
  /** Highest acceptable occupancy (chats in service ÷ N·K), in (0, 1]. */
  maxOccupancy: number;
  /** Share of paid time not available, [0, 1). */
  shrinkage: number;
  /** Mean patience of a waiting chat, seconds (> 0); absent → nobody abandons. */
  patienceSec?: number | undefined;
  /** Most chats in the system (waiting and in service), an integer ≥ 1; absent → no limit. */
  lines?: number | undefined;
  /** Which service level `serviceLevel` and `meetsTarget` use. */
  convention: SlConvention;
};

export type ChatFigures = {
  /** False only without patience and lines when N·K/AHT_K ≤ λ: the queue grows without bound. */
  stable: boolean;
  /** The service level in the chosen convention. */
  serviceLevel: number;
  /** P(an infinitely patient, non-blocked chat waits ≤ T) (CCmath's convention). */
  serviceLevelVirtual: number;
  /** Chats answered within T ÷ chats offered. */
  serviceLevelAnsweredWithin: number;
  /** Mean chats in service ÷ N·K. */
  occupancy: number;
  /** Share of arrivals that find all N·K slots taken and are admitted to wait. */
  waitProbability: number;
  /** Share of arrivals lost because all lines are taken. */
  blockProbability: number;
  /** Mean time in queue per offered chat (abandoned ones count their wait), seconds; E[queue] ÷ λ. */
  asaSec: number | null;
  /** Mean wait of an infinitely patient non-blocked chat, seconds (CCmath's ASA). */
  virtualAsaSec: number | null;
  /** Share of offered chats that abandon (0 without a patience). */
  abandonProbability: number;
};

export type ChatResult = ChatFigures & {
  model: "erlang-chat";
  convention: SlConvention;
  /** K, the most chats one agent holds. */
  parallel: number;
  productiveAgents: number;
  scheduledAgents: number;
  /** True when the service level (in `convention`) and the occupancy cap are both met. */
  meetsTarget: boolean;
};

/**
 * The chat queue's figures for `agents` productive agents (an integer ≥ 0). Exact to double
 * precision: the states left out together weigh under 1e-20 of the most likely one.
 */
export function chatFigures(params: ChatParams, agents: number): ChatResult {
  return finish(params, agents, figures(params, agents));
}

/**
 * The least number of productive agents whose service level (in `params.convention`) reaches
 * `serviceLevel` and whose occupancy stays within `maxOccupancy`, then shrinkage:
 * scheduled = ceil(productive ÷ (1 − shrinkage)). Assumes the service level rises and the
 * occupancy falls with more agents (tested), so it starts at `startAgents` (e.g. the previous
 * interval's answer; absent → the load λ·AHT_K ÷ K), steps up or down from there in doubling
 * steps until the target is crossed, and bisects. The answer does not depend on the start.
 * Returns `MAX_AGENTS`' figures with `meetsTarget: false` when even they fall short.
 */
export function requiredChatAgents(params: ChatParams, startAgents?: number): ChatResult {
  if (params.arrivals === 0) return chatFigures(params, 0);
  const aht = params.ahtSecByParallel;
  const load = (params.arrivals / (params.intervalMin * 60)) * ((aht[aht.length - 1] as number) / aht.length);
  const start = Math.min(MAX_AGENTS, Math.max(1, Math.round(startAgents ?? Math.ceil(load))));
  // Bracket the answer: `low` falls short (0 agents always do), `high` meets the target.
  let low = 0;
  let high = start;
  let atHigh = figures(params, start);
  if (meets(params, atHigh)) {
    for (let step = 1; high - step > 0; step *= 2) {
      const f = figures(params, high - step);
      if (!meets(params, f)) {
        low = high - step;
        break;
      }
      high -= step;
      atHigh = f;
    }
  } else {
    for (let step = 1; ; step *= 2) {
      if (high >= MAX_AGENTS) return finish(params, MAX_AGENTS, atHigh);
      low = high;
      high = Math.min(MAX_AGENTS, high + step);
      atHigh = figures(params, high);
      if (meets(params, atHigh)) break;
    }
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    const f = figures(params, mid);
    if (meets(params, f)) {
      high = mid;
      atHigh = f;
    } else low = mid;
  }
  return finish(params, high, atHigh);
}

function meets(params: ChatParams, f: ChatFigures): boolean {
  return f.stable && f.serviceLevel >= params.serviceLevel && f.occupancy <= params.maxOccupancy + 1e-12;
}

function finish(params: ChatParams, agents: number, f: ChatFigures): ChatResult {
  return {
    model: "erlang-chat",
    convention: params.convention,
    parallel: params.ahtSecByParallel.length,
    ...f,
    productiveAgents: agents,
    scheduledAgents: scheduledFor(agents, params.shrinkage),
    meetsTarget: meets(params, f),
  };
}

/**
 * How much probability a truncated end of the chain may hold, relative to the largest state's
 * weight (so below 1e-20 of the total): far under double precision, so the figures are exact.
 */
const NEGLIGIBLE = 1e-20;
/** Most states the chain may follow; beyond it the input is refused rather than truncated silently. */
const MAX_STATES = 20_000_000;

/** Weights of the chain's states lo … lo + w.length − 1, relative to the largest (≈ 1); the rest are negligible. */
type Chain = { lo: number; w: Float64Array };

function figures(params: ChatParams, n: number): ChatFigures {
  const withSl = (f: Omit<ChatFigures, "serviceLevel">): ChatFigures => ({
    ...f,
    serviceLevel: params.convention === "virtual" ? f.serviceLevelVirtual : f.serviceLevelAnsweredWithin,
  });
  const lambda = params.arrivals / (params.intervalMin * 60);
  if (lambda === 0) {
    return withSl({ stable: true, serviceLevelVirtual: 1, serviceLevelAnsweredWithin: 1, occupancy: 0, waitProbability: 0, blockProbability: 0, asaSec: 0, virtualAsaSec: 0, abandonProbability: 0 });
  }
  const theta = params.patienceSec === undefined ? 0 : 1 / params.patienceSec;
  const lines = params.lines ?? Infinity;
  if (n === 0) {
    // Nobody serves: reported as unstable, nothing answered (every chat waits until it leaves).
    return withSl({
      stable: false,
      serviceLevelVirtual: 0,
      serviceLevelAnsweredWithin: 0,
      occupancy: 0,
      waitProbability: 1,
      blockProbability: 0,
      asaSec: null,
      virtualAsaSec: null,
      abandonProbability: theta > 0 ? 1 : 0,
    });
  }
  const mu = params.ahtSecByParallel.map((aht) => 1 / aht); // mu[k-1] = 1/AHT_k
  const K = mu.length;
  const S = n * K;
  const c = S * (mu[K - 1] as number); // completion rate with every slot taken
  const T = params.targetSec;
  const geometric = theta === 0 && lines === Infinity;
  const rho = lambda / c;
  if (geometric && rho >= 1) {
    return withSl({
      stable: false,
      serviceLevelVirtual: 0,
      serviceLevelAnsweredWithin: 0,
      occupancy: 1,
      waitProbability: 1,
      blockProbability: 0,
      asaSec: null,
      virtualAsaSec: null,
      abandonProbability: 0,
    });
  }

  const death = (x: number): number => {
    if (x > S) return c + (x - S) * theta;
    const q = Math.floor(x / n);
    const r = x - q * n;
    return (r > 0 ? r * (q + 1) * (mu[q] as number) : 0) + (q > 0 ? (n - r) * q * (mu[q - 1] as number) : 0);
  };
  // States 0 … end; without patience or lines the states above S are a geometric tail, summed below.
  const end = geometric ? S : Math.min(lines, Number.MAX_SAFE_INTEGER);
  let throughputRises = true; // k/AHT_k non-decreasing in k, so d(x) is non-decreasing in x
  for (let k = 1; k < K; k++) if ((k + 1) * (mu[k] as number) < k * (mu[k - 1] as number)) throughputRises = false;
  const { lo, w } = throughputRises ? chainAroundMode(death, lambda, end) : chainFromZero(death, lambda, end, S);
  const last = lo + w.length - 1;
  const weight = (x: number): number => (x >= lo && x <= last ? (w[x - lo] as number) : 0);

  // Geometric tail (no patience, no lines): states S+1, S+2, … weigh w_S·ρ^j.
  const tailWeight = geometric ? (weight(S) * rho) / (1 - rho) : 0;
  let z = tailWeight;
  for (let i = 0; i < w.length; i++) z += w[i] as number;
  const pi = (x: number): number => weight(x) / z;

  const blockProbability = pi(lines);
  const lastAdmitted = Math.min(last, lines - 1); // highest state an arrival joins
  let immediate = 0;
  let inService = 0;
  let queueMean = 0;
  for (let x = lo; x <= last; x++) {
    const p = (w[x - lo] as number) / z;
    if (x < S && x <= lastAdmitted) immediate += p;
    inService += Math.min(x, S) * p;
    if (x > S) queueMean += (x - S) * p;
  }

  let waitProbability: number;
  let lateVirtual: number; // P(admitted, waits, and an infinitely patient chat waits > T)
  let servedWaiting: number; // P(admitted, waits, and is answered)
  let lateServed: number; // P(admitted, waits, answered after T)
  let virtualWaitMean: number; // E[virtual wait; admitted]
  if (geometric) {
    const pS = pi(S);
    waitProbability = pS / (1 - rho);
    inService += S * (waitProbability - pS);
    queueMean += (pS * rho) / (1 - rho) ** 2;
    lateVirtual = waitProbability * Math.exp(-(c - lambda) * T);
    servedWaiting = waitProbability;
    lateServed = lateVirtual;
    virtualWaitMean = waitProbability / (c - lambda);
  } else {
    // π_j = π(S + j) for admitted arrivals that wait; suffix sums Σ_{j≥m} π_j and Σ_{j≥m} π_j·w_j,
    // with w_j = c ÷ (c + (j+1)θ) the chance a chat with j ahead is answered before it abandons.
    const J = lastAdmitted - S;
    const tail = new Float64Array(Math.max(0, J + 1));
    const tailServed = new Float64Array(Math.max(0, J + 1));
    for (let j = J, acc = 0, accW = 0; j >= 0; j--) {
      const p = S + j >= lo ? (w[S + j - lo] as number) / z : 0;
      acc += p;
      accW += (p * c) / (c + (j + 1) * theta);
      tail[j] = acc;
      tailServed[j] = accW;
    }
    waitProbability = J >= 0 ? (tail[0] as number) : 0;
    servedWaiting = J >= 0 ? (tailServed[0] as number) : 0;
    lateVirtual = tailSum(tail, c, theta, T, 0);
    lateServed = theta > 0 ? tailSum(tailServed, c, theta, T, 1) : lateVirtual;
    virtualWaitMean = 0;
    for (let i = 0; i <= J; i++) virtualWaitMean += (tail[i] as number) / (c + i * theta);
  }
  const admitted = 1 - blockProbability;
  return withSl({
    stable: true,
    serviceLevelVirtual: clamp01((immediate + waitProbability - lateVirtual) / admitted),
    serviceLevelAnsweredWithin: clamp01(immediate + servedWaiting - lateServed),
    occupancy: inService / S,
    waitProbability,
    blockProbability,
    asaSec: queueMean / lambda,
    virtualAsaSec: virtualWaitMean / admitted,
    abandonProbability: (theta * queueMean) / lambda,
  });
}

/**
 * The chain when the completion rate d(x) never falls as x grows (k/AHT_k non-decreasing, the
 * usual case): the ratios λ/d(x) then fall, so the weights rise to one mode and fall after it.
 * The mode is the last x with d(x) ≤ λ (bisection); the weights are products of the ratios
 * walked out from it (weight 1) both ways, each way stopped where all that is left — at most
 * w·r/(1 − r), r the next ratio, since the ratios only shrink further out — is negligible.
 */
function chainAroundMode(death: (x: number) => number, lambda: number, end: number): Chain {
  let mode = 0;
  for (let high = end; mode < high; ) {
    const mid = mode + Math.ceil((high - mode) / 2);
    if (death(mid) <= lambda) mode = mid;
    else high = mid - 1;
  }
  const below: number[] = []; // weights of mode − 1, mode − 2, …
  for (let x = mode, wx = 1; x > 0; x--) {
    const r = death(x) / lambda; // w(x − 1) ÷ w(x), ≤ 1 up to the mode
    if (r < 1 && (wx * r) / (1 - r) < NEGLIGIBLE) break;
    wx *= r;
    below.push(wx);
    if (below.length >= MAX_STATES) throw new RangeError(`the chat chain needs more than ${MAX_STATES} states`);
  }
  const above: number[] = [1]; // weights of mode, mode + 1, …
  for (let x = mode, wx = 1; x < end; x++) {
    const r = lambda / death(x + 1); // w(x + 1) ÷ w(x), < 1 past the mode (checked: rounding may tie)
    if (r < 1 && (wx * r) / (1 - r) < NEGLIGIBLE) break;
    wx *= r;
    above.push(wx);
    if (above.length + below.length > MAX_STATES) throw new RangeError(`the chat chain needs more than ${MAX_STATES} states`);
  }
  const w = new Float64Array(below.length + above.length);
  for (let i = 0; i < below.length; i++) w[below.length - 1 - i] = below[i] as number;
  w.set(above, below.length);
  return { lo: mode - below.length, w };
}

/**
 * The chain when d(x) falls somewhere (a chat more makes an agent slower overall), so the weights
 * may have several peaks: every state from 0 up, the weights in logs (no overflow), until the
 * patience tail (x > S, where d(x) rises past λ) is negligible.
 */
function chainFromZero(death: (x: number) => number, lambda: number, end: number, S: number): Chain {
  const logLambda = Math.log(lambda);
  const lw = [0];
  let peak = 0;
  for (let x = 0; x < end; x++) {
    const d = death(x + 1);
    if (x > S && d > lambda) {
      const r = lambda / d;
      if ((Math.exp((lw[x] as number) - peak) * r) / (1 - r) < NEGLIGIBLE) break;
    }
    const next = (lw[x] as number) + logLambda - Math.log(d);
    lw.push(next);
    if (next > peak) peak = next;
    if (x + 1 >= MAX_STATES) throw new RangeError(`the chat chain needs more than ${MAX_STATES} states`);
  }
  return { lo: 0, w: Float64Array.from(lw, (v) => Math.exp(v - peak)) };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/**
 * Σ_m t_m·tail[m], where t_m are the terms of P(W > T | j) = Σ_{m ≤ j} t_m for the wait of j+1
 * exponential phases of rates c + (i + shift)·θ, i = 0 … j:
 *   t_0 = e^(−(c + shift·θ)·T),  t_{m+1} = t_m·(1 − e^(−θT))·((c/θ + shift) + m) ÷ (m + 1)
 * (negative binomial terms, i.e. I_u(c/θ + shift, j+1) with u = e^(−θT)); with θ = 0 the ratio is
 * c·T ÷ (m + 1) (Poisson terms, the Erlang tail). shift = 1 gives the tail of the answered-
 * within-T wait after the weighting by the chat's own patience, e^(−θt).
 */
function tailSum(tail: Float64Array, c: number, theta: number, T: number, shift: number): number {
  // t_m = tm·scale, scale = e^logScale; tm is kept within 1e±200 by moving its size into logScale,
  // so t_0 (e^-1950 at 65 chats/s and T = 30 s) neither underflows nor costs a log per term.
  let logScale = -(c + shift * theta) * T;
  let scale = Math.exp(logScale);
  let tm = 1;
  const oneMinusU = -Math.expm1(-theta * T);
  const a = theta > 0 ? c / theta + shift : 0;
  let sum = 0;
  for (let m = 0; m < tail.length; m++) {
    sum += tm * scale * (tail[m] as number);
    const ratio = theta > 0 ? oneMinusU * (a + m) : c * T;
    if (ratio === 0) break;
    tm *= ratio / (m + 1);
    if (tm > 1e200 || tm < 1e-200) {
      logScale += Math.log(tm);
      scale = Math.exp(logScale);
      tm = 1;
    }
  }
  return sum;
}
