/**
 * An independent, brute-force M/M/n+M (Erlang A) reference for the tests: a truncated
 * birth–death chain for the stationary queue, and the tagged arrival's race between service
 * and patience solved by uniformization. It shares no code or formula with src/domain/erlang.ts
 * (which uses closed forms in incomplete gamma functions); with patience → ∞ it is Erlang C.
 */
export function bruteForceErlangA(opts: { lambdaPerSec: number; muPerSec: number; thetaPerSec: number; agents: number; targetSec: number; maxQueue?: number }) {
  const { lambdaPerSec: lam, muPerSec: mu, thetaPerSec: theta, agents: n, targetSec: t } = opts;
  const maxQueue = opts.maxQueue ?? 400;
  // Stationary distribution of the number in system, states 0 … n + maxQueue.
  const weights = [1];
  for (let k = 1; k <= n + maxQueue; k++) {
    const departRate = k <= n ? k * mu : n * mu + (k - n) * theta;
    weights.push(((weights[k - 1] as number) * lam) / departRate);
  }
  const total = weights.reduce((s, w) => s + w, 0);
  const pi = weights.map((w) => w / total);
  let waitProbability = 0;
  let meanQueue = 0;
  for (let j = 0; j <= maxQueue; j++) {
    waitProbability += pi[n + j] as number;
    meanQueue += j * (pi[n + j] as number);
  }
  // Tagged arrival that finds j waiting ahead: each step forward at rate nμ + iθ (i ahead),
  // served from i = 0 at rate nμ, abandons at rate θ throughout. Uniformize at rate Λ.
  const rate = n * mu + maxQueue * theta + theta;
  let servedWithin = new Array<number>(maxQueue + 1).fill(0); // after m jumps
  const byT = new Array<number>(maxQueue + 1).fill(0);
  let poisson = Math.exp(-rate * t);
  const jumps = Math.ceil(rate * t + 12 * Math.sqrt(rate * t) + 50);
  for (let m = 0; m <= jumps; m++) {
    for (let j = 0; j <= maxQueue; j++) byT[j] = (byT[j] as number) + poisson * (servedWithin[j] as number);
    const next = new Array<number>(maxQueue + 1).fill(0);
    for (let j = 0; j <= maxQueue; j++) {
      const forward = n * mu + j * theta;
      const stay = rate - forward - theta;
      next[j] = (forward / rate) * (j === 0 ? 1 : (servedWithin[j - 1] as number)) + (stay / rate) * (servedWithin[j] as number);
    }
    servedWithin = next;
    poisson *= (rate * t) / (m + 1);
  }
  let serviceLevel = 0;
  for (let k = 0; k < n; k++) serviceLevel += pi[k] as number;
  for (let j = 0; j <= maxQueue; j++) serviceLevel += (pi[n + j] as number) * (byT[j] as number);
  return { waitProbability, abandonProbability: (theta * meanQueue) / lam, serviceLevel, meanWaitSec: meanQueue / lam };
}
