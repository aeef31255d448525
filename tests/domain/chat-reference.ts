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
export function agentLevelChat(opts: {
  lambdaPerSec: number;
  ahtSecByParallel: number[];
  agents: number;
  thetaPerSec: number;
  lines: number;
}) {
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
