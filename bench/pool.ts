/**
 * The bench's generated Double-11 at scale: the sample plan scaled to a pool of PEOPLE over
 * DAYS at 15 minutes, and a pool mixing full-timers, temps (a tenth untrained) and evening
 * support staff like the sample's staff CSV.
 */
import { readFileSync } from "node:fs";
import type { Person, Queue } from "../src/domain/staff.ts";
import type { Plan } from "../src/domain/staffing.ts";
import { parsePlan } from "../src/schemas.ts";

export function scaledPlan(peopleCount: number, days: number): Plan {
  const sample = JSON.parse(readFileSync(new URL("../data/samples/mid-size-double11.plan.json", import.meta.url), "utf8"));
  const scale = (peopleCount / 320) * 0.9;
  return parsePlan({
    ...sample,
    window: { start: "2026-11-10T00:00", end: `2026-11-${String(10 + days).padStart(2, "0")}T00:00` },
    intervalMin: 15,
    chain: { ...sample.chain, salesTargetYuan: sample.chain.salesTargetYuan * scale },
  });
}

export function generatedPool(peopleCount: number, days: number): Person[] {
  const ms = (local: string) => Date.parse(`${local}:00+08:00`);
  return Array.from({ length: peopleCount }, (_, i) => {
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
}
