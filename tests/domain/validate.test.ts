import { describe, expect, it } from "vitest";
import type { Person } from "../../src/domain/staff.ts";
import {
  type Assignment,
  checkAvailability,
  checkContinuousDuty,
  checkMaxHours,
  checkMinRest,
  checkOverlap,
  checkSkills,
  checkTrained,
  DEFAULT_RULES,
  longestStretchHours,
  validateRoster,
} from "../../src/domain/validate.ts";

// Toy rosters in Asia/Shanghai (UTC+8); `at("11-10 18:00")` is that local time.
const at = (local: string) => Date.parse(`2026-${local.replace(" ", "T")}:00+08:00`);
const person = (overrides: Partial<Person> = {}): Person => ({
  id: "p1",
  name: "Li Mei",
  subAccount: "shop:li",
  skills: ["presales"],
  kind: "fulltime",
  trained: true,
  availability: [],
  maxHours: 60,
  ...overrides,
});
const shift = (from: string, to: string, overrides: Partial<Assignment> = {}): Assignment => ({
  personId: "p1",
  queue: "presales",
  startMs: at(from),
  endMs: at(to),
  breaks: [],
  ...overrides,
});

describe("continuous-duty cap", () => {
  it("a stitched 13-hour stretch across midnight is caught (a 1.5 h gap does not reset it)", () => {
    const rules = { ...DEFAULT_RULES, minRestHours: 1 };
    const own = [shift("11-10 18:00", "11-11 00:30"), shift("11-11 02:00", "11-11 07:00")];
    expect(longestStretchHours(own, rules)).toBe(13);
    const findings = checkContinuousDuty(person(), own, rules);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(/13\.00 h of continuous duty/);
  });

  it("a 6-hour rest resets the stretch when restResetHours is 6", () => {
    const own = [shift("11-10 18:00", "11-11 02:00"), shift("11-11 08:00", "11-11 16:00")];
    expect(longestStretchHours(own, DEFAULT_RULES)).toBe(8);
    expect(checkContinuousDuty(person(), own, DEFAULT_RULES)).toEqual([]);
    expect(checkMinRest(person(), own, DEFAULT_RULES)).toEqual([]);
  });

  it("the same 6-hour rest does not reset when the plan asks for 7", () => {
    const own = [shift("11-10 18:00", "11-11 02:00"), shift("11-11 08:00", "11-11 16:00")];
    expect(checkContinuousDuty(person(), own, { ...DEFAULT_RULES, restResetHours: 7 })).toHaveLength(1);
  });

  it("a meal break counts as duty: a 12.5 h shift with a break is still too long", () => {
    const own = [shift("11-11 08:00", "11-11 20:30", { breaks: [{ startMs: at("11-11 13:00"), endMs: at("11-11 14:00") }] })];
    expect(checkContinuousDuty(person(), own, DEFAULT_RULES)).toHaveLength(1);
  });
});

describe("the other rules, one toy roster each", () => {
  it("min-rest: 5 h between shifts is too little", () => {
    expect(checkMinRest(person(), [shift("11-10 08:00", "11-10 12:00"), shift("11-10 17:00", "11-10 21:00")], DEFAULT_RULES)).toHaveLength(1);
  });

  it("overlap: two shifts of one person at once", () => {
    expect(checkOverlap(person(), [shift("11-10 08:00", "11-10 16:00"), shift("11-10 15:00", "11-10 20:00")])).toHaveLength(1);
  });

  it("availability: an hour outside the person's window is never used", () => {
    const p = person({ availability: [{ startMs: at("11-10 18:00"), endMs: at("11-11 02:00") }] });
    expect(checkAvailability(p, [shift("11-10 18:00", "11-11 02:00")])).toEqual([]);
    expect(checkAvailability(p, [shift("11-10 17:00", "11-11 01:00")])).toHaveLength(1);
  });

  it("skills: a pre-sales agent is not put on after-sales", () => {
    expect(checkSkills(person(), [shift("11-10 08:00", "11-10 16:00", { queue: "aftersales" })])).toHaveLength(1);
  });

  it("trained: an untrained temp may not be rostered at all", () => {
    const temp = person({ kind: "temp", trained: false });
    expect(checkTrained(temp, [shift("11-10 08:00", "11-10 12:00")])).toHaveLength(1);
    expect(checkTrained(temp, [])).toEqual([]);
    expect(checkTrained(person({ kind: "temp", trained: true }), [shift("11-10 08:00", "11-10 12:00")])).toEqual([]);
  });

  it("max-hours: 9 h rostered against 8 allowed", () => {
    expect(checkMaxHours(person({ maxHours: 8 }), [shift("11-10 08:00", "11-10 17:00")])).toHaveLength(1);
  });

  it("validateRoster runs every rule and names unknown people", () => {
    const findings = validateRoster([person({ maxHours: 8 })], [shift("11-10 08:00", "11-10 17:00"), shift("11-10 08:00", "11-10 12:00", { personId: "ghost" })], DEFAULT_RULES);
    expect(findings.map((f) => f.rule).sort()).toEqual(["max-hours", "unknown-person"]);
  });
});
