/**
 * After-sales deferral (DESIGN.md §2 "售后稍后"): during the peak, after-sales work may wait
 * up to the plan's limit before it is served. This module is the independent check of what a
 * given coverage achieves: it serves the work interval by interval, earliest deadline first,
 * and reports what waited and what was never served in time.
 *
 * Work is measured in agent-intervals (the requirement of an interval is the work that
 * arrived in it). Work arriving in interval t may be served in t … t + maxDefer(t); work
 * still waiting after its last interval is a shortfall, counted against the interval it
 * arrived in. Serving each interval's capacity to the waiting work with the earliest deadline
 * is Glover's greedy for convex bipartite matching (work → the intervals it may be served
 * in, which form a run; F. Glover, Naval Research Logistics Quarterly 14, 1967), which
 * serves the most work possible: no other way of using the same coverage leaves less short.
 */

export type Deferral = {
  /** Intervals the work of a deferrable interval may wait at most. */
  maxIntervals: number;
  /** Deferrable intervals: work arriving in [from, to) may wait. */
  from: number;
  to: number;
};

export type ServedInterval = {
  /** Work that arrived here and was served in a later interval. */
  deferred: number;
  /** Work that arrived here and was never served within its limit. */
  shortfall: number;
};

const EPS = 1e-9;

/** How many intervals work arriving in `t` may wait (0 outside the deferral window). */
export function maxDeferOf(deferral: Deferral | undefined, t: number): number {
  return deferral && deferral.from <= t && t < deferral.to ? deferral.maxIntervals : 0;
}

/**
 * Serves `demand[t]` agent-intervals of work with `capacity[t]` agents on duty, earliest
 * deadline first; without a deferral this is simply shortfall = max(0, demand − capacity).
 * Work whose deadline falls beyond the last interval is served by the last one or not at all.
 */
export function serveWithDeferral(demand: readonly number[], capacity: readonly number[], deferral?: Deferral): ServedInterval[] {
  const result = demand.map((): ServedInterval => ({ deferred: 0, shortfall: 0 }));
  /** Waiting work, kept in deadline order (deadlines only grow with arrival inside one window). */
  let waiting: { arrival: number; deadline: number; left: number }[] = [];
  demand.forEach((work, t) => {
    if (work > EPS) {
      const deadline = Math.min(demand.length - 1, t + maxDeferOf(deferral, t));
      let i = waiting.length;
      while (i > 0 && waiting[i - 1]!.deadline > deadline) i--;
      waiting.splice(i, 0, { arrival: t, deadline, left: work });
    }
    let free = capacity[t] ?? 0;
    for (const item of waiting) {
      if (free <= EPS) break;
      const served = Math.min(free, item.left);
      item.left -= served;
      free -= served;
      if (item.arrival < t) result[item.arrival]!.deferred += served;
    }
    for (const item of waiting) {
      if (item.left > EPS && item.deadline <= t) result[item.arrival]!.shortfall += item.left;
    }
    waiting = waiting.filter((item) => item.left > EPS && item.deadline > t);
  });
  return result;
}
