import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/csv.ts";
import { parseStaff } from "../../src/domain/staff.ts";
import { inputIssuesOf } from "../fixtures.ts";

const ZONE = "Asia/Shanghai";
const staff = (text: string) => parseStaff(readCsv(text), ZONE);

const issuesOf = (text: string) => inputIssuesOf(() => staff(text));

describe("parseStaff", () => {
  it("reads English headers: skills, kind, trained, availability windows in the plan's zone", () => {
    const [p] = staff(
      "id,name,subAccount,skills,kind,trained,availability,maxHours\n" + "A01,Li Mei,shop:li,presales|aftersales,temp,yes,2026-11-10T18:00/2026-11-11T04:00;2026-11-11T08:00/2026-11-11T20:00,20\n",
    );
    expect(p).toEqual({
      id: "A01",
      name: "Li Mei",
      subAccount: "shop:li",
      skills: ["presales", "aftersales"],
      kind: "temp",
      trained: true,
      availability: [
        { startMs: Date.parse("2026-11-10T10:00:00Z"), endMs: Date.parse("2026-11-10T20:00:00Z") },
        { startMs: Date.parse("2026-11-11T00:00:00Z"), endMs: Date.parse("2026-11-11T12:00:00Z") },
      ],
      maxHours: 20,
    });
  });

  it("reads Chinese headers and values, with a UTF-8 BOM", () => {
    const [p] = staff("\uFEFF工号,姓名,子账号,技能,类型,已培训,可排时段,最长工时\nB02,王芳,店铺:王芳,售前、售后,全职,是,,40\n");
    expect(p).toMatchObject({ id: "B02", name: "王芳", skills: ["presales", "aftersales"], kind: "fulltime", trained: true, availability: [], maxHours: 40 });
  });

  it("reports every bad cell by line and column, and returns nobody", () => {
    const issues = issuesOf(
      "id,name,subAccount,skills,kind,trained,availability,maxHours\n" +
        "A01,Li Mei,,presales,temp,yes,,20\n" +
        "A02,,,cooking,boss,maybe,2026-11-10T18:00,lots\n" +
        "A01,Dup,,presales,fulltime,no,,10\n",
    );
    expect(issues.map((i) => i.path)).toEqual([
      "line 3, column 2 (name)",
      "line 3, column 4 (skills)",
      "line 3, column 5 (kind)",
      "line 3, column 6 (trained)",
      "line 3, column 8 (maxHours)",
      "line 3, column 7 (availability)",
      "line 4, column 1 (id)",
    ]);
    expect(issues.at(-1)?.message).toBe("duplicate of line 2");
  });

  it("names a missing required column", () => {
    expect(issuesOf("id,name,skills,kind,trained\nA,B,presales,temp,yes\n")).toMatchObject([{ path: "line 1", message: "missing column maxHours / 最长工时" }]);
  });

  it("accepts \\r\\n and \\n line endings mixed in one file", () => {
    const people = staff("id,name,skills,kind,trained,maxHours\r\nA01,Li,presales,temp,yes,20\r\nA02,Wang,aftersales,fulltime,no,40\n");
    expect(people.map((p) => p.id)).toEqual(["A01", "A02"]);
  });

  it("a malformed CSV names its line", () => {
    expect(issuesOf('id,name\n"A01,unterminated\n')[0]?.path).toMatch(/^line \d+$/);
  });
});
