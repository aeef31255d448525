/**
 * The night's re-plan in a fresh process, for bench.ts: `replan-once.ts sample` (the sample
 * plan, staff and GBK actuals export) or `replan-once.ts PEOPLE DAYS` (the roster bench's
 * generated pool and plan at 15 minutes, actuals 30 % over the forecast from 18:00). The
 * roster is solved first (not timed); the re-plan at Nov 11 00:30 is timed.
 */
import { readFileSync } from "node:fs";
import { readActualsFile } from "../src/actuals-file.ts";
import { loadCatalog } from "../src/catalog.ts";
import { readCsv } from "../src/csv.ts";
import { replanNight } from "../src/domain/night.ts";
import { type ActualInput, DEFAULT_REFORECAST } from "../src/domain/reforecast.ts";
import { buildRoster } from "../src/domain/roster.ts";
import { type Person, parseStaff } from "../src/domain/staff.ts";
import { planStaffing } from "../src/domain/staffing.ts";
import { parsePlan } from "../src/schemas.ts";
import { createSolve } from "../src/solver/highs.ts";
import { generatedPool, scaledPlan } from "./pool.ts";

const NOW = "2026-11-11T00:30";
const sampleFile = (name: string) => new URL(`../data/samples/mid-size-double11.${name}`, import.meta.url);
const isSample = process.argv[2] === "sample";
const plan = isSample ? parsePlan(JSON.parse(readFileSync(sampleFile("plan.json"), "utf8"))) : scaledPlan(Number(process.argv[2]), Number(process.argv[3]));
const staffing = planStaffing(plan, loadCatalog());
const people: Person[] = isSample ? parseStaff(readCsv(readFileSync(sampleFile("staff.csv"), "utf8")), plan.zone) : generatedPool(Number(process.argv[2]), Number(process.argv[3]));
const actuals: ActualInput[] = isSample
  ? (await readActualsFile(readFileSync(sampleFile("actuals.csv")), { zone: plan.zone, intervalMin: plan.intervalMin, window: plan.window })).rows
  : staffing.intervals
      .filter((r) => r.start.slice(0, 16) >= "2026-11-10T18:00" && r.start.slice(0, 16) < NOW)
      .flatMap((r) => (["presales", "aftersales"] as const).map((queue) => ({ start: r.start.slice(0, 16), queue, receptions: r[queue].humanReceptions * 1.3 })));
const solve = await createSolve();
const clock = () => performance.now();
const roster = buildRoster(plan, staffing, people, { solve, clock, timeLimitSec: 120, hiring: false });
const t0 = performance.now();
const n = replanNight(plan, staffing, people, roster, actuals, { now: NOW, noticeMin: 60, reforecast: DEFAULT_REFORECAST, solve, clock, timeLimitSec: 60 });
const ms = performance.now() - t0;
const kinds: Record<string, number> = {};
for (const c of n.changes) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
console.log(
  JSON.stringify({
    people: people.length,
    intervals: staffing.intervals.length,
    status: n.status,
    options: n.options,
    changes: n.changes.length,
    kinds,
    shortBefore: n.shortfallAgentHours.before,
    shortAfter: n.shortfallAgentHours.after,
    findings: n.roster.findings.length,
    maxStretch: Math.max(...n.roster.people.map((p) => p.longestStretchHours)),
    replanMs: ms,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
