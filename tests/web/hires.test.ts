import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/csv.ts";
import { hiresOf } from "../../src/domain/hiring.ts";
import { parseStaff, STAFF_COLUMNS } from "../../src/domain/staff.ts";
// The page's module, plain ES: it runs in the browser and here alike.
import { COLUMNS, withHires } from "../../web/hires.js";

const zone = "Asia/Shanghai";
const profile = { id: "evening", name: "晚间支援客服", kind: "support" as const, skills: ["presales" as const], windows: [{ start: "2026-11-10T18:00", end: "2026-11-11T03:00" }], maxHours: 9 };

describe("withHires (the page's add-the-hires button)", () => {
  it("knows the staff CSV's column names exactly as the server reads them", () => {
    expect(COLUMNS).toEqual(STAFF_COLUMNS);
  });

  it("appends the hires to the sample's Chinese staff CSV, which then reads back with them, availability included", () => {
    const csv = readFileSync(new URL("../../data/samples/mid-size-double11.staff.csv", import.meta.url), "utf8");
    const hires = hiresOf(profile, 2, zone);
    const people = parseStaff(readCsv(withHires(csv, hires)), zone);
    expect(people).toHaveLength(parseStaff(readCsv(csv), zone).length + 2);
    expect(people.slice(-2)).toEqual(hires);
  });

  it("adds an availability column to an English CSV that has none, keeping everyone else available any time", () => {
    const csv = "id,name,skills,kind,trained,maxHours\r\nA1,Li Mei,presales,fulltime,yes,40\r\n";
    const people = parseStaff(readCsv(withHires(csv, hiresOf(profile, 1, zone))), zone);
    expect(people.map((p) => [p.id, p.availability.length])).toEqual([
      ["A1", 0],
      ["H-evening-001", 1],
    ]);
    expect(people[1]).toMatchObject({ kind: "support", skills: ["presales"], trained: true, maxHours: 9 });
  });
});
