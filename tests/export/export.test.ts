/**
 * Round trips with real files: each export is written to disk, read back with an
 * independent reader (exceljs for xlsx, Papa Parse for csv, Mozilla's ical.js for ics) and
 * checked cell by cell.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import ICAL from "ical.js";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv } from "../../src/csv.ts";
import { dayTimelines, neutralise } from "../../src/domain/export.ts";
import type { CoverageCell, RosterResult, RosterShift } from "../../src/domain/roster.ts";
import { rosterCsv } from "../../src/export/csv.ts";
import { rosterCalendar } from "../../src/export/ics.ts";
import { rosterWorkbook } from "../../src/export/xlsx.ts";

const dir = mkdtempSync(join(tmpdir(), "peakcrew-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cell = (required: number, rostered: number, shortfall = 0): CoverageCell => ({ required, rostered, deferred: 0, shortfall });
const shift = (personId: string, name: string, queue: RosterShift["queue"], start: string, end: string, hours: number, breaks: RosterShift["breaks"] = []): RosterShift => ({
  personId,
  name,
  subAccount: `店铺:${name}`,
  queue,
  start,
  end,
  hours,
  breaks,
});

/** A two-day, 30-minute roster in Shanghai time: an 8-hour shift with a break, one across midnight, a hostile name. */
function roster(): RosterResult {
  const shifts = [
    shift("A01", "王芳", "presales", "2026-11-10T18:00:00.000+08:00", "2026-11-11T02:00:00.000+08:00", 7, [{ start: "2026-11-10T21:00:00.000+08:00", end: "2026-11-10T22:00:00.000+08:00" }]),
    shift("B02", "Li Mei", "aftersales", "2026-11-11T09:00:00.000+08:00", "2026-11-11T13:00:00.000+08:00", 4),
    shift("X9", '=HYPERLINK("http://evil.example","click")', "presales", "2026-11-11T00:00:00.000+08:00", "2026-11-11T04:00:00.000+08:00", 4),
  ];
  const coverage = Array.from({ length: 96 }, (_, i) => {
    const t = new Date(Date.UTC(2026, 10, 9, 16, 0) + i * 1_800_000);
    const local = new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
    return { start: `${local}.000+08:00`, presales: cell(i === 40 ? 3 : 1, i === 40 ? 1 : 1, i === 40 ? 2 : 0), aftersales: cell(0, 0) };
  });
  return {
    status: "shortfall",
    method: "design-then-assign",
    zone: "Asia/Shanghai",
    intervalMin: 30,
    shifts,
    coverage,
    aftersalesDeferral: null,
    shortfallRuns: [],
    shortfallAgentHours: 1,
    shortfallByQueue: { presales: 1, aftersales: 0 },
    shortfallLowerBoundHours: 1,
    shortfallGap: 0,
    weightedShortfall: { hours: 3, lowerBound: 3, gap: 0, weights: { presalesPeak: 3, presales: 2, aftersales: 1 } },
    people: [],
    untrainedTemps: [],
    paidHours: 15,
    lowerBoundHours: 15,
    gap: 0,
    design: {
      presales: { status: "optimal", paidHours: 11, lowerBoundHours: 11, solveMs: 1 },
      aftersales: { status: "optimal", paidHours: 4, lowerBoundHours: 4, solveMs: 1 },
    },
    candidates: [],
    hiring: null,
    findings: [],
    solveMs: 2,
  };
}

const arrayBufferOf = (bytes: Buffer) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

describe("neutralise", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])("prefixes %j with an apostrophe", (text) => {
    expect(neutralise(text)).toBe(`'${text}`);
  });
  it("leaves ordinary text alone", () => {
    expect(neutralise("王芳 = 售前")).toBe("王芳 = 售前");
  });
});

describe("xlsx export", () => {
  it("reads back: a list sheet, a timeline per day and a coverage sheet, with Chinese headers, dates and frozen headers", async () => {
    const file = join(dir, "roster.xlsx");
    writeFileSync(file, await rosterWorkbook(roster(), "双11 测试"));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);

    expect(book.worksheets.map((s) => s.name)).toEqual(["排班名单", "11-10 排班", "11-11 排班", "覆盖"]);
    const list = book.getWorksheet("排班名单") as ExcelJS.Worksheet;
    expect(list.getRow(1).values).toEqual([undefined, "工号", "姓名", "子账号", "技能/队列", "开始", "结束", "休息", "时长(小时)"]);
    const first = list.getRow(2);
    expect([first.getCell(1).value, first.getCell(2).value, first.getCell(3).value, first.getCell(4).value]).toEqual(["A01", "王芳", "店铺:王芳", "售前"]);
    // Wall-clock times stored as date cells: Excel shows 2026-11-10 18:00 whatever the reader's zone.
    expect(first.getCell(5).value).toEqual(new Date("2026-11-10T18:00:00Z"));
    expect(first.getCell(5).numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(first.getCell(7).value).toBe("21:00–22:00");
    expect(first.getCell(8).value).toBe(7);
    // Whole hours read 7, not 7.0 (General format), and each header aligns as its values.
    expect(list.getColumn(8).numFmt ?? "General").toBe("General");
    expect(list.getRow(1).getCell(8).alignment).toMatchObject({ horizontal: "right" });
    expect(list.getRow(1).getCell(5).alignment).toMatchObject({ horizontal: "right" });
    expect(list.getRow(1).getCell(2).alignment).toMatchObject({ horizontal: "left" });
    // Printed on A4 (paper size 9), landscape.
    for (const sheet of book.worksheets) expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape" });
    expect(list.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(list.getColumn(1).width).toBeGreaterThanOrEqual(8);

    const day = book.getWorksheet("11-10 排班") as ExcelJS.Worksheet;
    expect(day.getRow(1).getCell(4).value).toBe("00:00");
    expect(day.getRow(1).getCell(3 + 48).value).toBe("23:30");
    const wang = day.getRow(2);
    expect(wang.getCell(1).value).toBe("王芳");
    // 18:00 is slot 36 (column 40): worked, pre-sales orange; 21:00 (slot 42) is the break, grey.
    expect(wang.getCell(40).value).toBe("前");
    expect(wang.getCell(40).fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFDBA74" } });
    expect(wang.getCell(4 + 42).value).toBe("休");
    expect(wang.getCell(4 + 42).fill).toMatchObject({ fgColor: { argb: "FFE5E7EB" } });
    expect(wang.getCell(4 + 35).value).toBeNull();
    expect(day.views[0]).toMatchObject({ state: "frozen", xSplit: 3, ySplit: 1 });

    const coverage = book.getWorksheet("覆盖") as ExcelJS.Worksheet;
    expect(coverage.getRow(1).getCell(4).value).toBe("售前缺口");
    expect(coverage.getRow(42).getCell(4).value).toBe(2);
    expect(coverage.getRow(42).getCell(4).fill).toMatchObject({ fgColor: { argb: "FFFECACA" } });
  });

  it("has English headers on request", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(arrayBufferOf(await rosterWorkbook(roster(), "test", "en")));
    expect(book.worksheets.map((s) => s.name)).toEqual(["Shifts", "11-10 timeline", "11-11 timeline", "Coverage"]);
    expect((book.getWorksheet("Shifts") as ExcelJS.Worksheet).getRow(1).getCell(4).value).toBe("Queue");
  });

  it("a name like =HYPERLINK(…) comes out as inert text", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(arrayBufferOf(await rosterWorkbook(roster(), "test")));
    const list = book.getWorksheet("排班名单") as ExcelJS.Worksheet;
    const names = list.getColumn(2).values.filter((v) => typeof v === "string" && v.includes("HYPERLINK"));
    expect(names).toEqual([`'=HYPERLINK("http://evil.example","click")`]);
    list.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});

describe("csv export", () => {
  it("is UTF-8 with a BOM and parses back to the shift list", () => {
    const file = join(dir, "roster.csv");
    writeFileSync(file, rosterCsv(roster()));
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = readCsv(bytes.toString("utf8"));
    expect(records[0]?.cells).toEqual(["工号", "姓名", "子账号", "技能/队列", "开始", "结束", "休息", "时长(小时)"]);
    expect(records[1]?.cells).toEqual(["A01", "王芳", "店铺:王芳", "售前", "2026-11-10 18:00", "2026-11-11 02:00", "21:00–22:00", "7"]);
    expect(records).toHaveLength(4);
  });

  it("a name like =HYPERLINK(…) comes out inert, quotes kept intact", () => {
    const records = readCsv(rosterCsv(roster()).toString("utf8"));
    const hostile = records.find((r) => r.cells[0] === "X9");
    expect(hostile?.cells[1]).toBe(`'=HYPERLINK("http://evil.example","click")`);
  });
});

describe("ics export", () => {
  const parse = (text: string) => new ICAL.Component(ICAL.parse(text));

  it("parses back with one event per shift in the plan's zone", () => {
    const file = join(dir, "roster.ics");
    writeFileSync(file, rosterCalendar(roster(), { planName: "双11", planId: 7, lang: "zh" }));
    const calendar = parse(readFileSync(file, "utf8"));
    expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Asia/Shanghai");
    const components = calendar.getAllSubcomponents("vevent");
    expect(components.map((c) => c.getFirstProperty("dtstart")?.getParameter("tzid"))).toEqual(["Asia/Shanghai", "Asia/Shanghai", "Asia/Shanghai"]);
    const events = components.map((e) => new ICAL.Event(e));
    const wang = events.find((e) => e.summary.includes("王芳")) as ICAL.Event;
    expect(wang.summary).toBe("售前客服班 · 王芳");
    expect(wang.startDate.toString()).toBe("2026-11-10T18:00:00");
    expect(wang.endDate.toString()).toBe("2026-11-11T02:00:00");
    expect(wang.description).toContain("休息：21:00–22:00");
    expect(wang.uid).toBe("7-A01-20261110T1800@peakcrew");
  });

  it("for one person holds only their shifts", () => {
    const events = parse(rosterCalendar(roster(), { planName: "双11", planId: 7, personId: "B02", lang: "en" })).getAllSubcomponents("vevent");
    expect(events.map((e) => new ICAL.Event(e).summary)).toEqual(["After-sales shift · Li Mei"]);
  });
});

describe("dayTimelines", () => {
  it("puts a shift across midnight on both days", () => {
    const [nov10, nov11] = dayTimelines(roster());
    expect(nov10?.rows.map((r) => r.id)).toEqual(["A01"]);
    expect(nov11?.rows.map((r) => r.id)).toEqual(["A01", "X9", "B02"]);
    // A01 works 00:00–02:00 on Nov 11: slots 0–3, then nothing.
    expect(nov11?.rows[0]?.slots.slice(0, 5)).toEqual(["presales", "presales", "presales", "presales", null]);
  });
});
