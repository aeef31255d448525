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
 * The stationary distribution is the birth–death product, kept in logs (log-sum-exp), so 5,000
 * agents × 5 chats cannot overflow. A chat that arrives with j waiting ahead of it waits for j+1
 * events of rates c + iθ (i = j … 0, c = N·K/AHT_K): its wait is a sum of exponentials, whose
 * tail is P(W > T | j) = I_u(c/θ, j+1) with u = e^(−θT) (regularized incomplete beta; with θ = 0
 * the Erlang(j+1, c) tail). Both tails are sums of negative-binomial (Poisson) terms t_m, so
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

export type SlConvention = "virtual" | "answeredWithin";

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
 * The chat queue's figures for `agents` productive agents (an integer ≥ 0). Exact (no
 * truncation but a patience tail cut where its probability is below e^-60 of the peak).
 */
export function chatFigures(params: ChatParams, agents: number): ChatResult {
  return finish(params, agents, figures(params, agents));
}

/**
 * The least number of productive agents whose service level (in `params.convention`) reaches
 * `serviceLevel` and whose occupancy stays within `maxOccupancy`, then shrinkage:
 * scheduled = ceil(productive ÷ (1 − shrinkage)). Assumes the service level rises and the
 * occupancy falls with more agents (tested), so it doubles up from 1 agent and bisects.
 * Returns `MAX_AGENTS`' figures with `meetsTarget: false` when even they fall short.
 */
export function requiredChatAgents(params: ChatParams): ChatResult {
  if (params.arrivals === 0) return chatFigures(params, 0);
  let high = 1;
  let atHigh = figures(params, high);
  while (!meets(params, atHigh)) {
    if (high >= MAX_AGENTS) return finish(params, MAX_AGENTS, atHigh);
    high = Math.min(MAX_AGENTS, high * 2);
    atHigh = figures(params, high);
  }
  let low = Math.floor(high / 2); // fails (or is 0)
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

/** How far past the peak a patience tail is followed (its states weigh < e^-60 of the peak). */
const TAIL_LOG_CUT = 60;
/** Most states the chain may have; beyond it the input is refused rather than truncated silently. */
const MAX_STATES = 20_000_000;

function logSumExp(values: number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  if (max === -Infinity) return max;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

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
    return withSl({ stable: false, serviceLevelVirtual: 0, serviceLevelAnsweredWithin: 0, occupancy: 0, waitProbability: 1, blockProbability: 0, asaSec: null, virtualAsaSec: null, abandonProbability: theta > 0 ? 1 : 0 });
  }
  const mu = params.ahtSecByParallel.map((aht) => 1 / aht); // mu[k-1] = 1/AHT_k
  const K = mu.length;
  const S = n * K;
  const c = S * (mu[K - 1] as number); // completion rate with every slot taken
  const T = params.targetSec;
  const logLambda = Math.log(lambda);
  const geometric = theta === 0 && lines === Infinity;
  const rho = lambda / c;
  if (geometric && rho >= 1) {
    return withSl({ stable: false, serviceLevelVirtual: 0, serviceLevelAnsweredWithin: 0, occupancy: 1, waitProbability: 1, blockProbability: 0, asaSec: null, virtualAsaSec: null, abandonProbability: 0 });
  }

  // Log weights of states 0 … end of the birth–death chain.
  const death = (x: number): number => {
    if (x > S) return c + (x - S) * theta;
    const q = Math.floor(x / n);
    const r = x - q * n;
    return (r > 0 ? r * (q + 1) * (mu[q] as number) : 0) + (q > 0 ? (n - r) * q * (mu[q - 1] as number) : 0);
  };
  const lw = [0];
  let peak = 0;
  const end = geometric ? S : Math.min(lines, Number.MAX_SAFE_INTEGER);
  for (let x = 1; x <= end; x++) {
    const d = death(x);
    const w = (lw[x - 1] as number) + logLambda - Math.log(d);
    lw.push(w);
    if (w > peak) peak = w;
    if (x > S && d > lambda && w < peak - TAIL_LOG_CUT) break; // patience tail: negligible from here on
    if (x >= MAX_STATES) throw new RangeError(`the chat chain needs more than ${MAX_STATES} states`);
  }
  const last = lw.length - 1;
  // Geometric tail (no patience, no lines): states S+1, S+2, … weigh w_S·ρ^j.
  const logTail = geometric ? (lw[S] as number) + Math.log(rho) - Math.log1p(-rho) : -Infinity;
  const logZ = logSumExp([...lw, logTail]);
  const pi = lw.map((w) => Math.exp(w - logZ));

  const blockProbability = lines <= last ? (pi[lines] as number) : 0;
  const lastAdmitted = Math.min(last, lines - 1); // highest state an arrival joins
  let immediate = 0;
  let inService = 0;
  let queueMean = 0;
  for (let x = 0; x <= last; x++) {
    const p = pi[x] as number;
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
    const pS = pi[S] as number;
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
    const tail = new Array<number>(Math.max(0, J + 1)).fill(0);
    const tailServed = new Array<number>(Math.max(0, J + 1)).fill(0);
    for (let j = J, acc = 0, accW = 0; j >= 0; j--) {
      const p = pi[S + j] as number;
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

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/**
 * Σ_m t_m·tail[m], where t_m are the terms of P(W > T | j) = Σ_{m ≤ j} t_m for the wait of j+1
 * exponential phases of rates c + (i + shift)·θ, i = 0 … j:
 *   t_0 = e^(−(c + shift·θ)·T),  t_{m+1} = t_m·(1 − e^(−θT))·((c/θ + shift) + m) ÷ (m + 1)
 * (negative binomial terms, i.e. I_u(c/θ + shift, j+1) with u = e^(−θT)); with θ = 0 the ratio is
 * c·T ÷ (m + 1) (Poisson terms, the Erlang tail). shift = 1 gives the tail of the answered-
 * within-T wait after the weighting by the chat's own patience, e^(−θt). Kept in logs.
 */
function tailSum(tail: number[], c: number, theta: number, T: number, shift: number): number {
  let logT = -(c + shift * theta) * T;
  const oneMinusU = -Math.expm1(-theta * T);
  let sum = 0;
  for (let m = 0; m < tail.length; m++) {
    const t = tail[m] as number;
    if (t > 0) sum += Math.exp(logT + Math.log(t));
    const ratio = theta > 0 ? oneMinusU * (c / theta + shift + m) : c * T;
    if (ratio === 0) break;
    logT += Math.log(ratio) - Math.log(m + 1);
  }
  return sum;
}
