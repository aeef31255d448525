/**
 * One roster at scale in a fresh process, for bench.ts: `roster-once.ts PEOPLE DAYS [KEEP]`
 * (KEEP: the share of the pool kept, every person i with i mod 10 < 10·KEEP, e.g. 0.7).
 * The plan and the pool are bench/pool.ts's.
 */
import { loadCatalog } from "../src/catalog.ts";
import { buildRoster } from "../src/domain/roster.ts";
import { planStaffing } from "../src/domain/staffing.ts";
import { createSolve } from "../src/solver/highs.ts";
import { generatedPool, scaledPlan } from "./pool.ts";

const peopleCount = Number(process.argv[2]);
const days = Number(process.argv[3]);
const keep = Number(process.argv[4] ?? 1);
const plan = scaledPlan(peopleCount, days);
const staffing = planStaffing(plan, loadCatalog());
const people = generatedPool(peopleCount, days);

const pool = people.filter((_, i) => i % 10 < Math.round(keep * 10));
const r = buildRoster(plan, staffing, pool, { solve: await createSolve(), clock: () => performance.now(), timeLimitSec: 120 });
console.log(
  JSON.stringify({
    status: r.status,
    intervals: r.coverage.length,
    shifts: r.shifts.length,
    paidHours: r.paidHours,
    lowerBoundHours: r.lowerBoundHours,
    gap: r.gap,
    findings: r.findings.length,
    shortBefore: r.candidates.find((c) => c.method === "design-then-assign")?.shortfallAgentHours ?? null,
    shortAgentHours: r.shortfallAgentHours,
    shortLowerBoundHours: r.shortfallLowerBoundHours,
    shortGap: r.shortfallGap,
    weightedShort: r.weightedShortfall.hours,
    weightedShortLowerBound: r.weightedShortfall.lowerBound,
    weightedShortGap: r.weightedShortfall.gap,
    hires: r.hiring?.totalHires ?? 0,
    hiresCloseGap: r.hiring?.closesGap ?? null,
    method: r.method,
    solveMs: r.solveMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
