import type { ChatFigures, ChatParams } from "../../src/domain/chat.ts";

/**
 * An independent agent-level reference for the chat model, for the tests: the continuous-time
 * Markov chain over each agent's chat count (a tuple, one entry per agent) and the queue length,
 * solved for its stationary distribution by plain Gaussian elimination. It shares no code with
 * src/domain/chat.ts (no product form, no logs, no state aggregation).
 *
 * Routing: an arrival goes to a least-loaded agent; when a chat ends, the head of the queue (if
 * any) goes to the agent that freed a slot, and otherwise chats are rebalanced (one moved from a
 * most-loaded to a least-loaded agent) while the loads differ by more than one. This keeps the
 * chats "spread evenly over agents", the model's assumption.
 */
export function agentLevelChat(opts: { lambdaPerSec: number; ahtSecByParallel: number[]; agents: number; thetaPerSec: number; lines: number }) {
  const { lambdaPerSec: lam, ahtSecByParallel: aht, agents: n, thetaPerSec: theta, lines } = opts;
  const K = aht.length;
  const S = n * K;
  // States: every load tuple in {0..K}^n with queue 0, then the all-full tuple with queue 1..(lines − S).
  const states: { loads: number[]; queue: number }[] = [];
  const tuples: number[][] = [[]];
  for (let a = 0; a < n; a++) {
    const next: number[][] = [];
    for (const t of tuples) for (let k = 0; k <= K; k++) next.push([...t, k]);
    tuples.splice(0, tuples.length, ...next);
  }
  for (const t of tuples) if (t.reduce((s, k) => s + k, 0) <= lines) states.push({ loads: t, queue: 0 });
  for (let q = 1; S + q <= lines; q++) states.push({ loads: new Array(n).fill(K), queue: q });
  const key = (s: { loads: number[]; queue: number }) => `${s.loads.join(",")}|${s.queue}`;
  const index = new Map(states.map((s, i) => [key(s), i]));
  const size = states.length;
  const Q = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const add = (from: number, to: { loads: number[]; queue: number }, rate: number) => {
    const j = index.get(key(to));
    if (j === undefined) throw new Error(`no state ${key(to)}`);
    if (j === from) return;
    (Q[from] as number[])[j] = ((Q[from] as number[])[j] as number) + rate;
    (Q[from] as number[])[from] = ((Q[from] as number[])[from] as number) - rate;
  };
  const rebalance = (loads: number[]) => {
    for (;;) {
      const max = Math.max(...loads);
      const min = Math.min(...loads);
      if (max - min <= 1) return loads;
      loads[loads.indexOf(max)] = max - 1;
      loads[loads.indexOf(min)] = min + 1;
    }
  };
  states.forEach((s, i) => {
    const total = s.loads.reduce((a, k) => a + k, 0) + s.queue;
    if (total < lines) {
      const min = Math.min(...s.loads);
      if (min < K) {
        const loads = [...s.loads];
        loads[loads.indexOf(min)] = min + 1;
        add(i, { loads, queue: 0 }, lam);
      } else add(i, { loads: s.loads, queue: s.queue + 1 }, lam);
    }
    s.loads.forEach((k, a) => {
      if (k === 0) return;
      const rate = k / (aht[k - 1] as number);
      if (s.queue > 0) add(i, { loads: s.loads, queue: s.queue - 1 }, rate);
      else {
        const loads = [...s.loads];
        loads[a] = k - 1;
        add(i, { loads: rebalance(loads), queue: 0 }, rate);
      }
    });
    if (s.queue > 0) add(i, { loads: s.loads, queue: s.queue - 1 }, s.queue * theta);
  });
  // πQ = 0 with Σπ = 1: solve Qᵀπ = 0 with the last equation replaced by the normalization.
  const A = Array.from({ length: size }, (_, r) => Array.from({ length: size + 1 }, (_, col) => (col === size ? 0 : ((Q[col] as number[])[r] as number))));
  A[size - 1] = [...new Array<number>(size).fill(1), 1];
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs((A[r] as number[])[col] as number) > Math.abs((A[pivot] as number[])[col] as number)) pivot = r;
    [A[col], A[pivot]] = [A[pivot] as number[], A[col] as number[]];
    const pr = A[col] as number[];
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const row = A[r] as number[];
      const f = (row[col] as number) / (pr[col] as number);
      if (f === 0) continue;
      for (let k = col; k <= size; k++) row[k] = (row[k] as number) - f * (pr[k] as number);
    }
  }
  const pi = A.map((row, r) => (row[size] as number) / (row[r] as number));
  let inService = 0;
  let queueMean = 0;
  let waitProbability = 0;
  let blockProbability = 0;
  states.forEach((s, i) => {
    const p = pi[i] as number;
    const busy = s.loads.reduce((a, k) => a + k, 0);
    inService += busy * p;
    queueMean += s.queue * p;
    if (busy + s.queue === lines) blockProbability += p;
    else if (busy === S) waitProbability += p;
  });
  return { occupancy: inService / S, waitProbability, blockProbability, abandonProbability: (theta * queueMean) / lam };
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

/**
 * The chat model's figures the straightforward way, for the tests: src/domain/chat.ts's code as it
 * was before it was made fast (commit 6d9b4ab), every state from 0 up, each weight in logs. The
 * fast path must equal it to double precision.
 */
export function chatFiguresReference(params: ChatParams, n: number): ChatFigures {
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
  const logLambda = Math.log(lambda);
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
