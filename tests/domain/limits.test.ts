import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/csv.ts";
import { capIssues, echo } from "../../src/domain/errors.ts";
import { MAX_AGENTS, requiredAgents } from "../../src/domain/erlang.ts";
import { MAX_CSV_ROWS, MAX_ECHO_CHARS, MAX_ERROR_ISSUES, MAX_SHIFTS, MAX_STAFF } from "../../src/domain/limits.ts";
import { enumerateShifts } from "../../src/domain/shifts.ts";
import { parseStaff } from "../../src/domain/staff.ts";
import { inputIssuesOf } from "../fixtures.ts";

describe("error lists and echoes", () => {
  it("an error lists the first MAX_ERROR_ISSUES issues and counts the rest", () => {
    const issues = Array.from({ length: MAX_ERROR_ISSUES + 7 }, (_, i) => ({ path: `line ${i + 2}`, message: "bad" }));
    const capped = capIssues(issues);
    expect(capped).toHaveLength(MAX_ERROR_ISSUES + 1);
    expect(capped[0]).toEqual({ path: "line 2", message: "bad" });
    expect(capped.at(-1)).toEqual({ path: "(more)", message: "and 7 more issues", code: "more_issues", params: { count: 7 } });
    expect(capIssues(issues.slice(0, MAX_ERROR_ISSUES))).toEqual(issues.slice(0, MAX_ERROR_ISSUES));
  });

  it("echoed input is cut to MAX_ECHO_CHARS, the cut marked", () => {
    expect(echo("lots")).toBe('"lots"');
    const long = echo("x".repeat(10_000));
    expect(long).toBe(`"${"x".repeat(MAX_ECHO_CHARS - 1)}…"`);
  });
});

describe("CSV and staff caps", () => {
  const csv = (rows: number) => ["a,b", ...Array.from({ length: rows }, (_, i) => `${i},1`)].join("\n");

  it(`reads ${MAX_CSV_ROWS} data rows and refuses one more, naming the line`, () => {
    expect(readCsv(csv(MAX_CSV_ROWS))).toHaveLength(MAX_CSV_ROWS + 1);
    expect(inputIssuesOf(() => readCsv(csv(MAX_CSV_ROWS + 1)))).toMatchObject([
      { path: `line ${MAX_CSV_ROWS + 2}`, message: `the file has more than ${MAX_CSV_ROWS.toLocaleString("en")} rows; split it or send fewer` },
    ]);
  });

  it(`a staff pool of ${MAX_STAFF} people is read; one more is refused`, () => {
    const staff = (n: number) => [
      { line: 1, cells: ["id", "name", "skills", "kind", "trained", "maxHours"] },
      ...Array.from({ length: n }, (_, i) => ({ line: i + 2, cells: [`p${i}`, `P ${i}`, "presales", "fulltime", "yes", "40"] })),
    ];
    expect(parseStaff(staff(MAX_STAFF), "Asia/Shanghai")).toHaveLength(MAX_STAFF);
    expect(inputIssuesOf(() => parseStaff(staff(MAX_STAFF + 1), "Asia/Shanghai"))[0]?.message).toContain(`at most ${MAX_STAFF.toLocaleString("en")}`);
  });
});

describe("bounded search and enumeration", () => {
  it("when the load needs more than MAX_AGENTS, the Erlang search answers MAX_AGENTS unmet, never more", () => {
    // 10⁹ chats of 180 s in 30 min: 100,000,000 Erlangs.
    const r = requiredAgents({ arrivals: 1e9, intervalMin: 30, ahtSec: 180, targetSec: 20, serviceLevel: 0.8, maxOccupancy: 1, shrinkage: 0, concurrency: 1 });
    expect(r.productiveAgents).toBe(MAX_AGENTS);
    expect(r.meetsTarget).toBe(false);
  });

  it("a shift grid beyond MAX_SHIFTS is refused before it is built, naming shiftLengthsHours", () => {
    // 31 days at 15 min, 8-hour shifts with a break anywhere in [0, 1]: 2,945 starts × 27 break places.
    const instance = (days: number) => ({
      start: "2026-11-10T00:00:00+08:00",
      intervalMinutes: 15,
      demand: new Array((days * 24 * 60) / 15).fill(1),
      shiftLengthsHours: [8],
      breakRule: { minShiftHours: 8, breakMinutes: 60, window: [0, 1] as [number, number] },
    });
    expect(enumerateShifts(instance(31)).length).toBeLessThanOrEqual(MAX_SHIFTS);
    const issues = inputIssuesOf(() => enumerateShifts({ ...instance(31), shiftLengthsHours: [8, 8, 8, 8, 8] }));
    expect(issues.map((i) => i.path)).toEqual(["shiftLengthsHours"]);
  });
});
