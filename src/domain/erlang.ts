/**
 * Queueing answers for one interval of one queue (DESIGN.md §3, "service level").
 *
 * Models
 * - Erlang C (M/M/n): Poisson arrivals, exponential handle times, n identical agents,
 *   first come first served, nobody abandons.
 * - Erlang A (M/M/n+M, Palm's model): the same with exponential patience of mean
 *   `patienceSec`; a customer still waiting when patience runs out leaves. Formulas from
 *   Garnett, Mandelbaum & Reiman, "Designing a call center with impatient customers"
 *   (M&SOM 4(3), 2002) and Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications
 *   to call centers" (2007), written with the regularized incomplete gamma function.
 *
 * Chat concurrency: an agent holds several chats at once. We follow the planning practice
 * described by Call Centre Helper ("Erlang C for Chat", callcentrehelper.com/erlang-c-for-chat-
 * 206984.htm): divide the chat's handle time by a concurrency factor and run Erlang on the
 * effective handle time `ahtSec ÷ concurrency`. The factor should be the effective one
 * (their table: 2 chats ≈ 1.7, 3 ≈ 2.5, 4 ≈ 2.9, 5 ≈ 3.5), not the nominal maximum.
 *
 * Numerics: Erlang B by its recursion (no factorials), so any number of agents is exact
 * and stable; Erlang A through log-space incomplete gamma functions, stable for the
 * thousands of agents of a large shop. The minimal staffing search steps the Erlang B
 * recursion one agent at a time, so one interval costs O(n).
 */

import { ceilCount } from "./count.ts";
import { MAX_AGENTS_PER_INTERVAL } from "./limits.ts";

export type ErlangParams = {
  /** Arrivals (chats offered to humans) in the interval, ≥ 0. */
  arrivals: number;
  /** Interval length, minutes (> 0). */
  intervalMin: number;
  /** Average handle time of one chat, seconds (> 0). */
  ahtSec: number;
  /** Target answer time T: "P % of first responses within T seconds" (≥ 0). */
  targetSec: number;
  /** Target service level P, a fraction in (0, 1). */
  serviceLevel: number;
  /** Highest acceptable occupancy, a fraction in (0, 1]; 1 means no cap. */
  maxOccupancy: number;
  /** Share of paid time agents are not available (breaks, meetings, training), [0, 1). */
  shrinkage: number;
  /** Effective concurrent chats per agent (≥ 1); 1 is voice-like one-at-a-time. */
  concurrency: number;
  /** Mean patience in seconds; given → Erlang A, absent → Erlang C. */
  patienceSec?: number | undefined;
};

/** The queue's performance for a given number of agents. */
export type ErlangFigures = {
  /** False for Erlang C when agents ≤ offered load: the queue grows without bound. */
  stable: boolean;
  /** Share of all arrivals answered within `targetSec` (abandoned ones count as missed). */
  serviceLevel: number;
  /** Share of agents' time spent serving (carried load ÷ agents). */
  occupancy: number;
  /** Probability an arrival has to wait (Erlang C's C(n, a)). */
  waitProbability: number;
  /** Mean time in queue over all arrivals, seconds; null when the queue is unstable. */
  asaSec: number | null;
  /** Share of arrivals that abandon (Erlang A only; 0 for Erlang C). */
  abandonProbability: number;
};

export type ErlangResult = ErlangFigures & {
  model: "erlang-c" | "erlang-a";
  /** Agents on the queue (productive, logged in and available). */
  productiveAgents: number;
  /** Agents to schedule so that `productiveAgents` remain after shrinkage. */
  scheduledAgents: number;
  /** Offered load in agents (Erlangs): arrivals × effective handle time ÷ interval. */
  trafficErlangs: number;
  effectiveAhtSec: number;
  /** True when the figures meet both the service-level target and the occupancy cap. */
  meetsTarget: boolean;
};

/** Upper bound on the staffing search; a target that needs more agents is reported as unmet. */
export const MAX_AGENTS = MAX_AGENTS_PER_INTERVAL;

/**
 * Erlang B blocking probability for `n` servers and offered load `a` Erlangs, by the
 * recursion B(0) = 1, B(k) = a·B(k−1) ÷ (k + a·B(k−1)). Exact and stable for any n.
 */
export function erlangB(n: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C wait probability from Erlang B: n·B ÷ (n − a(1 − B)); 1 when n ≤ a. */
export function erlangCFromB(n: number, a: number, b: number): number {
  if (n <= a) return 1;
  return (n * b) / (n - a * (1 - b));
}

/**
 * The figures for `n` productive agents. Use `requiredAgents` to find the least n that
 * meets the target.
 */
export function evaluateAgents(params: ErlangParams, n: number): ErlangResult {
  const ctx = context(params);
  return finish(ctx, n, figuresFor(ctx, n, erlangB(n, ctx.a)));
}

/**
 * The least number of productive agents whose service level reaches `serviceLevel` and
 * whose occupancy stays within `maxOccupancy`, and its figures. With no arrivals the
 * answer is 0 agents. If even `MAX_AGENTS` do not meet the target, the figures for
 * `MAX_AGENTS` come back with `meetsTarget: false` (never more agents: the search is bounded
 * by `MAX_AGENTS` steps, and the edges refuse a load that needs more, see `searchStartAgents`).
 */
export function requiredAgents(params: ErlangParams): ErlangResult {
  const ctx = context(params);
  if (ctx.lambdaPerSec === 0) return finish(ctx, 0, figuresFor(ctx, 0, 1));
  // Start where the occupancy cap and (for Erlang C) stability allow, then step up.
  let n = Math.min(MAX_AGENTS, searchStartAgents(params));
  let b = erlangB(n, ctx.a);
  while (!meetsQuick(ctx, n, b) && n < MAX_AGENTS) {
    n += 1;
    b = (ctx.a * b) / (n + ctx.a * b);
  }
  return finish(ctx, n, figuresFor(ctx, n, b));
}

/**
 * The fewest agents the target could possibly need: the offered load ÷ the occupancy cap, and
 * for Erlang C one more than the load (stability). Where `requiredAgents` starts its search;
 * above `MAX_AGENTS` the target cannot be met within the search's bound.
 */
export function searchStartAgents(params: ErlangParams): number {
  const a = offeredLoad(params);
  const n = Math.max(1, Math.floor(a / params.maxOccupancy));
  return params.patienceSec === undefined ? Math.max(n, Math.floor(a) + 1) : n;
}

/** Offered load in agents (Erlangs): arrivals × (ahtSec ÷ concurrency) ÷ interval seconds. */
export function offeredLoad(params: Pick<ErlangParams, "arrivals" | "ahtSec" | "concurrency" | "intervalMin">): number {
  return (params.arrivals * (params.ahtSec / params.concurrency)) / (params.intervalMin * 60);
}

/** `meets` without building the figures: the search's inner test (Erlang C is the hot path). */
function meetsQuick(ctx: Context, n: number, b: number): boolean {
  if (ctx.patience) return meets(ctx.params, figuresFor(ctx, n, b));
  return n > ctx.a && ctx.a / n <= ctx.params.maxOccupancy + 1e-12 && erlangCServiceLevel(ctx, n, b) >= ctx.params.serviceLevel;
}

type Context = {
  params: ErlangParams;
  effectiveAhtSec: number;
  lambdaPerSec: number;
  muPerSec: number;
  /** Offered load in agents. */
  a: number;
  patience: { thetaPerSec: number } | undefined;
};

function context(params: ErlangParams): Context {
  const effectiveAhtSec = params.ahtSec / params.concurrency;
  const intervalSec = params.intervalMin * 60;
  return {
    params,
    effectiveAhtSec,
    lambdaPerSec: params.arrivals / intervalSec,
    muPerSec: 1 / effectiveAhtSec,
    a: (params.arrivals * effectiveAhtSec) / intervalSec,
    patience: params.patienceSec === undefined ? undefined : { thetaPerSec: 1 / params.patienceSec },
  };
}

function meets(params: ErlangParams, f: ErlangFigures): boolean {
  return f.stable && f.serviceLevel >= params.serviceLevel && f.occupancy <= params.maxOccupancy + 1e-12;
}

function finish(ctx: Context, n: number, figures: ErlangFigures): ErlangResult {
  return {
    model: ctx.patience ? "erlang-a" : "erlang-c",
    trafficErlangs: ctx.a,
    effectiveAhtSec: ctx.effectiveAhtSec,
    ...figures,
    productiveAgents: n,
    scheduledAgents: scheduledFor(n, ctx.params.shrinkage),
    meetsTarget: meets(ctx.params, figures),
  };
}

/** scheduled = ceil(productive ÷ (1 − shrinkage)), e.g. 14 productive at 30 % shrinkage → 20. */
export function scheduledFor(productiveAgents: number, shrinkage: number): number {
  return ceilCount(productiveAgents / (1 - shrinkage));
}

function figuresFor(ctx: Context, n: number, b: number): ErlangFigures {
  if (ctx.lambdaPerSec === 0) {
    return { stable: true, serviceLevel: 1, occupancy: 0, waitProbability: 0, asaSec: 0, abandonProbability: 0 };
  }
  return ctx.patience ? erlangAFigures(ctx, ctx.patience.thetaPerSec, n, b) : erlangCFigures(ctx, n, b);
}

function erlangCFigures(ctx: Context, n: number, b: number): ErlangFigures {
  const { a, effectiveAhtSec } = ctx;
  if (n <= a) {
    return { stable: false, serviceLevel: 0, occupancy: 1, waitProbability: 1, asaSec: null, abandonProbability: 0 };
  }
  const pw = erlangCFromB(n, a, b);
  return {
    stable: true,
    serviceLevel: erlangCServiceLevel(ctx, n, b),
    occupancy: a / n,
    waitProbability: pw,
    asaSec: (pw * effectiveAhtSec) / (n - a),
    abandonProbability: 0,
  };
}

/** Erlang C service level for n > a: 1 − C(n, a)·e^(−(n − a)·T ÷ AHT). */
function erlangCServiceLevel(ctx: Context, n: number, b: number): number {
  const pw = erlangCFromB(n, ctx.a, b);
  return 1 - pw * Math.exp((-(n - ctx.a) * ctx.params.targetSec) / ctx.effectiveAhtSec);
}

/**
 * Erlang A with x = nμ/θ and y = λ/θ:
 *   A = Γ(x+1)·e^y·y^(−x)·P(x, y)                     (Mandelbaum–Zeltyn's A(x, y))
 *   P(wait) = A·B ÷ (1 − B + A·B)                       (B = Erlang B with n, λ/μ)
 *   P(served within t | wait) = (x/y)·[P(x+1, y) − P(x+1, y·e^(−θt))] ÷ P(x, y)
 * where P is the regularized lower incomplete gamma. The last line follows from the waiting
 * time of an arrival finding j ahead, a sum of exponentials of rates nμ + iθ (i = 0…j), whose
 * density is θ·e^(−nμt)(1 − e^(−θt))^j ÷ B(x, j+1); weighting by the stationary queue and by
 * the chance e^(−θt) of still being there sums to the gamma form. t = ∞ gives the served share
 * 1/ρ − 1/(ρA) of the published P(Ab | wait) = 1 − 1/ρ + 1/(ρA).
 * Mean wait over all arrivals: E[Q]/λ = P(abandon)/θ (Little's law and θ·E[Q] = λ·P(abandon)).
 */
function erlangAFigures(ctx: Context, thetaPerSec: number, n: number, b: number): ErlangFigures {
  const { a, lambdaPerSec, muPerSec } = ctx;
  if (n === 0) {
    return { stable: true, serviceLevel: 0, occupancy: 0, waitProbability: 1, asaSec: 1 / thetaPerSec, abandonProbability: 1 };
  }
  const x = (n * muPerSec) / thetaPerSec;
  const y = lambdaPerSec / thetaPerSec;
  const logPxy = logGammaP(x, y);
  const logA = logGamma(x + 1) + y - x * Math.log(y) + logPxy;
  // P(wait) = 1 / (1 + (1 − B)/(A·B)), in logs so that a huge A or a tiny B cannot overflow.
  const waitProbability = b >= 1 ? 1 : b <= 0 ? 0 : 1 / (1 + Math.exp(Math.log1p(-b) - logA - Math.log(b)));
  const logServedAll = Math.log(x / y) + logGammaP(x + 1, y) - logPxy;
  const servedGivenWait = Math.min(1, Math.exp(logServedAll));
  const u0 = Math.exp(-thetaPerSec * ctx.params.targetSec);
  const lateFraction = Math.exp(logGammaP(x + 1, y * u0) - logGammaP(x + 1, y));
  const servedInTimeGivenWait = servedGivenWait * Math.max(0, 1 - lateFraction);
  const abandonProbability = waitProbability * (1 - servedGivenWait);
  return {
    stable: true,
    serviceLevel: 1 - waitProbability + waitProbability * servedInTimeGivenWait,
    occupancy: (a * (1 - abandonProbability)) / n,
    waitProbability,
    asaSec: abandonProbability / thetaPerSec,
    abandonProbability,
  };
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const zz = z - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (zz + i);
  const t = zz + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ln P(s, x), the log of the regularized lower incomplete gamma function, for s > 0, x ≥ 0.
 * Series for x < s + 1 (kept in logs, so tiny values do not underflow), Lentz's continued
 * fraction for Q = 1 − P otherwise (Numerical Recipes, 3rd ed., §6.2).
 */
export function logGammaP(s: number, x: number): number {
  if (x <= 0) return -Infinity;
  const logPrefix = -x + s * Math.log(x) - logGamma(s);
  if (x < s + 1) {
    let term = 1 / s;
    let sum = term;
    for (let k = 1; k < 1_000_000; k++) {
      term *= x / (s + k);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return logPrefix + Math.log(sum);
  }
  const tiny = 1e-300;
  let bb = x + 1 - s;
  let c = 1 / tiny;
  let d = 1 / bb;
  let h = d;
  for (let i = 1; i < 1_000_000; i++) {
    const an = -i * (i - s);
    bb += 2;
    d = an * d + bb;
    if (Math.abs(d) < tiny) d = tiny;
    c = bb + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const q = Math.exp(logPrefix) * h;
  return Math.log1p(-q);
}
