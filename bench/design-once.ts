/** One shift design in a fresh process, for bench.ts: prints the result's figures and this process's peak memory. */
import { readFileSync } from "node:fs";
import { designShifts } from "../src/domain/design.ts";
import { parseDesignInstance } from "../src/schemas.ts";
import { createSolve } from "../src/solver/highs.ts";

const instance = parseDesignInstance(JSON.parse(readFileSync(process.argv[2] as string, "utf8")));
const r = designShifts(instance, { solve: await createSolve(), clock: () => performance.now(), timeLimitSec: 300 });
console.log(
  JSON.stringify({
    name: r.name,
    status: r.status,
    paidHours: r.paidHours,
    lowerBoundHours: r.lowerBoundHours,
    gap: r.gap,
    solveMs: r.solveMs,
    shifts: r.model.shifts,
    intervals: r.model.intervals,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
