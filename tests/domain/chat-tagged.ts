/**
 * A second, independent reference for the chat model's figures at realistic sizes (hundreds of
 * agents), for golden numbers the agent-level chain (chat-reference.ts) is too big to reach.
 * It shares no code with src/domain/chat.ts and takes another route to each figure:
 *
 * - the stationary distribution of x (chats in the system) by plain ratios p(x+1) = p(x)·λ/d(x+1),
 *   rescaled whenever they grow large (no logs);
 * - the wait of an arriving chat that finds j chats waiting ahead by **uniformization** of the
 *   tagged chat's own little chain: ahead i → i−1 at N·K/AHT_K + i·θ (the head is taken into
 *   service, or one ahead abandons), at i = 0 served at N·K/AHT_K, and abandoned at θ from every
 *   state (the virtual convention drops that last rate). P(served by T | j) for every j at once
 *   is Σ_n Poisson(n; ΛT)·(Pⁿ·1_served)(j), summed until the Poisson tail is below 1e-15.
 *
 * Conventions as chat.ts documents them: `answeredWithin` = chats served within T ÷ chats
 * offered (blocked ones count as missed); `virtual` = P(an infinitely patient, non-blocked chat
 * waits ≤ T); occupancy = E[chats in service] ÷ N·K.
 */
export function taggedChatReference(opts: { lambdaPerSec: number; ahtSecByParallel: number[]; agents: number; thetaPerSec: number; targetSec: number; lines?: number }) {
  const { lambdaPerSec: lam, ahtSecByParallel: aht, agents: n, thetaPerSec: theta, targetSec } = opts;
  const K = aht.length;
  const S = n * K;
  const lines = opts.lines ?? Number.POSITIVE_INFINITY;
  const rate = (k: number) => k / (aht[k - 1] as number); // completions of one agent holding k chats
  const death = (x: number) => {
    if (x <= S) {
      const q = Math.floor(x / n);
      const r = x - q * n;
      return (r > 0 ? r * rate(q + 1) : 0) + (q > 0 ? (n - r) * rate(q) : 0);
    }
    return n * rate(K) + (x - S) * theta;
  };
  // Unnormalised p(x), rescaled to stay finite; stop past S once the tail is negligible.
  const p: number[] = [1];
  let peak = 1;
  for (let x = 0; x + 1 <= lines; x++) {
    let next = ((p[x] as number) * lam) / death(x + 1);
    if (next > 1e250) {
      for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) / next;
      peak /= next;
      next = 1;
    }
    p.push(next);
    peak = Math.max(peak, next);
    if (x + 1 > S + 10 && next < peak * 1e-18) break;
    if (x > 10 * S + 1e6) throw new Error("no convergence: the queue is unstable");
  }
  const total = p.reduce((a, b) => a + b, 0);
  const prob = p.map((v) => v / total);
  const blocked = Number.isFinite(lines) && prob.length === lines + 1 ? (prob[lines] as number) : 0;

  let inService = 0;
  prob.forEach((px, x) => {
    inService += px * Math.min(x, S);
  });

  const mu = n * rate(K);
  const maxAhead = Math.max(0, prob.length - 1 - S);
  const servedBy = (ownTheta: number) => {
    // States 0..maxAhead (chats ahead); 'served' is absorbing (value 1), 'abandoned' absorbing (0).
    const big = mu + maxAhead * theta + ownTheta;
    const step = (f: Float64Array) => {
      const g = new Float64Array(f.length);
      for (let i = 0; i < f.length; i++) {
        const forward = i === 0 ? mu : (mu + i * theta) * (f[i - 1] as number);
        const out = mu + i * theta + ownTheta;
        g[i] = (forward + (big - out) * (f[i] as number)) / big;
      }
      return g;
    };
    // f_n(i) = P(absorbed in 'served' within n uniformized steps | start i).
    let f = new Float64Array(maxAhead + 1);
    const result = new Float64Array(maxAhead + 1);
    const mean = big * targetSec;
    let weight = Math.exp(-mean); // Poisson(0); mean stays small enough here for the direct form
    if (weight === 0) throw new Error("uniformization mean too large for this reference");
    let cumulative = weight;
    for (let k = 0; ; k++) {
      for (let i = 0; i <= maxAhead; i++) result[i] = (result[i] as number) + weight * (f[i] as number);
      // Past the mean, stop once the Poisson tail is negligible (its float sum may never reach 1 − 1e-15).
      if (k > mean && (1 - cumulative < 1e-15 || k > mean + 12 * Math.sqrt(mean) + 20)) break;
      f = step(f);
      weight *= mean / (k + 1);
      cumulative += weight;
    }
    return result;
  };
  const answered = servedBy(theta);
  const patient = servedBy(0);
  let slAnswered = 0;
  let slVirtual = 0;
  prob.forEach((px, x) => {
    if (x >= lines) return; // blocked arrivals
    if (x < S) {
      slAnswered += px;
      slVirtual += px;
    } else {
      slAnswered += px * (answered[x - S] as number);
      slVirtual += px * (patient[x - S] as number);
    }
  });
  return {
    serviceLevelAnsweredWithin: slAnswered,
    serviceLevelVirtual: slVirtual / (1 - blocked),
    occupancy: inService / S,
  };
}
