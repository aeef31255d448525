/**
 * One roster at scale in a fresh process, for bench.ts: `roster-once.ts PEOPLE DAYS [KEEP]`
 * (KEEP: the share of the pool kept, every person i with i mod 10 < 10·KEEP, e.g. 0.7).
 * The plan is the sample scaled to the pool (15-minute intervals over DAYS from Nov 10);
 * the pool mixes full-timers, temps (a tenth untrained) and evening support staff like the
 * sample's staff CSV.
 */
import { readFileSync } from "node:fs";
import { loadCatalog } from "../src/catalog.ts";
import { buildRoster } from "../src/domain/roster.ts";
import type { Person, Queue } from "../src/domain/staff.ts";
import { planStaffing } from "../src/domain/staffing.ts";
import { parsePlan } from "../src/schemas.ts";
import { createSolve } from "../src/solver/highs.ts";

const peopleCount = Number(process.argv[2]);
const days = Number(process.argv[3]);
const keep = Number(process.argv[4] ?? 1);
const sample = JSON.parse(readFileSync(new URL("../data/samples/mid-size-double11.plan.json", import.meta.url), "utf8"));
const scale = (peopleCount / 320) * 0.9;
const plan = parsePlan({
  ...sample,
  window: { start: "2026-11-10T00:00", end: `2026-11-${String(10 + days).padStart(2, "0")}T00:00` },
  intervalMin: 15,
  chain: { ...sample.chain, salesTargetYuan: sample.chain.salesTargetYuan * scale },
});
const staffing = planStaffing(plan, loadCatalog());

const ms = (local: string) => Date.parse(`${local}:00+08:00`);
const people: Person[] = Array.from({ length: peopleCount }, (_, i) => {
  const slot = i % 8;
  const id = `P${String(i + 1).padStart(5, "0")}`;
  const base = { id, name: `员工${i + 1}`, subAccount: `旗舰店:${id}`, trained: true };
  if (slot < 4) {
    const skills: Queue[] = slot < 2 ? ["presales"] : slot === 2 ? ["aftersales"] : ["presales", "aftersales"];
    return { ...base, skills, kind: "fulltime", availability: [], maxHours: 10 * days };
  }
  if (slot < 7) {
    return { ...base, skills: ["presales"], kind: "temp", trained: i % 10 !== 5, availability: [{ startMs: ms("2026-11-10T12:00"), endMs: ms("2026-11-12T12:00") }], maxHours: 30 };
  }
  return { ...base, skills: ["presales"], kind: "support", availability: [{ startMs: ms("2026-11-10T18:00"), endMs: ms("2026-11-11T03:00") }], maxHours: 9 };
});

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
