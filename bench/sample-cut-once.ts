/**
 * The sample plan's roster with a cut of the sample staff, in a fresh process, for bench.ts:
 * `sample-cut-once.ts CUT` with CUT one of no-support | every-2nd | fulltime-only | keep-70.
 * Prints one JSON line: the kept roster's figures and bounds, and what design then assign
 * (the roster before the team model) left short.
 */
import { readFileSync } from "node:fs";
import { loadCatalog } from "../src/catalog.ts";
import { readCsv } from "../src/csv.ts";
import { buildRoster } from "../src/domain/roster.ts";
import { parseStaff, type Person } from "../src/domain/staff.ts";
import { planStaffing } from "../src/domain/staffing.ts";
import { parsePlan } from "../src/schemas.ts";
import { createSolve } from "../src/solver/highs.ts";

const CUTS: Record<string, (p: Person, i: number) => boolean> = {
  "no-support": (p) => p.kind !== "support",
  "every-2nd": (_, i) => i % 2 === 0,
  "fulltime-only": (p) => p.kind === "fulltime",
  "keep-70": (_, i) => i % 10 < 7,
};
const cut = process.argv[2] as string;
const keep = CUTS[cut];
if (!keep) throw new Error(`unknown cut ${cut}; use ${Object.keys(CUTS).join(", ")}`);
const sample = (name: string) => readFileSync(new URL(`../data/samples/mid-size-double11.${name}`, import.meta.url), "utf8");
const plan = parsePlan(JSON.parse(sample("plan.json")));
const staffing = planStaffing(plan, loadCatalog());
const people = parseStaff(readCsv(sample("staff.csv")), plan.zone).filter(keep);
const r = buildRoster(plan, staffing, people, { solve: await createSolve(), clock: () => performance.now(), timeLimitSec: 120 });
const before = r.candidates.find((c) => c.method === "design-then-assign");
console.log(
  JSON.stringify({
    people: people.length,
    status: r.status,
    method: r.method,
    shortBefore: before?.shortfallAgentHours ?? null,
    short: r.shortfallAgentHours,
    shortBound: r.shortfallLowerBoundHours,
    shortGap: r.shortfallGap,
    weighted: r.weightedShortfall.hours,
    weightedBound: r.weightedShortfall.lowerBound,
    weightedGap: r.weightedShortfall.gap,
    paidHours: r.paidHours,
    paidBound: r.lowerBoundHours,
    paidGap: r.gap,
    hires: r.hiring?.totalHires ?? 0,
    hiresClose: r.hiring?.closesGap ?? null,
    findings: r.findings.length,
    solveMs: r.solveMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
