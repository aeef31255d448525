import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/csv.ts";
import { type ActualsGrid, parseActuals, placeStart, windowFrame } from "../../src/domain/actuals.ts";
import { inputIssuesOf } from "../fixtures.ts";

const ZONE = "Asia/Shanghai";
const WINDOW = { start: "2026-11-10T00:00", end: "2026-11-13T00:00" };
const halfHourly: ActualsGrid = { zone: ZONE, intervalMin: 30, window: WINDOW };
const actuals = (text: string, grid: ActualsGrid = halfHourly) => parseActuals(readCsv(text), grid);
const row = (start: string, queue: "presales" | "aftersales", receptions: number, agentsOnline: number | null = null, firstResponseSec: number | null = null) => ({
  start,
  queue,
  receptions,
  agentsOnline,
  firstResponseSec,
});

describe("parseActuals: a 千牛 export with a group column", () => {
  it("sums the per-子账号 rows of each interval and queue; agents add up, first response is weighted by count", () => {
    const { rows, notes, fileIntervalMin } = actuals(
      [
        "时间,子账号,分组,咨询人数,在线客服数,平均首响(秒)",
        "2026-11-10 18:00,店铺:小美,售前组,10,1,20",
        "2026-11-10 18:00,店铺:小丽,售前组,30,1,40",
        "2026-11-10 18:00,店铺:阿强,售后组,4,1,60",
        "2026-11-10 18:30,店铺:小美,售前组,12,1,15",
        "2026-11-10 18:30,店铺:阿强,售后组,6,1,30",
        "2026-11-10 18:30,店铺:阿明,售后组,2,1,10",
      ].join("\n"),
    );
    expect(rows).toEqual([
      // (10 × 20 + 30 × 40) ÷ 40 = 35 s
      row("2026-11-10T18:00", "presales", 40, 2, 35),
      row("2026-11-10T18:00", "aftersales", 4, 1, 60),
      row("2026-11-10T18:30", "presales", 12, 1, 15),
      // (6 × 30 + 2 × 10) ÷ 8 = 25 s
      row("2026-11-10T18:30", "aftersales", 8, 2, 25),
    ]);
    expect(notes).toEqual([]);
    expect(fileIntervalMin).toBe(30);
  });

  it("skips 汇总 / 合计 / 均值 rows, a group that is neither queue, and placeholder cells, each with a note", () => {
    const { rows, notes } = actuals(
      [
        "时间,分组,咨询人数,接待人数,在线客服数,平均首响(秒)",
        "2026-11-10 18:00,售前组,100,96,8,-",
        "2026-11-10 18:00,售后组,--,5,2,延迟统计",
        "2026-11-10 18:00,主管组,3,3,1,10",
        "2026-11-10 18:30,售前组,120,110,—,22",
        "2026-11-10 18:30,售后组,7,7,2,",
        "汇总,,227,221,,",
        "2026-11-10 18:30,合计,127,117,,",
        "均值,,56.75,55.25,,",
      ].join("\n"),
    );
    expect(rows).toEqual([row("2026-11-10T18:00", "presales", 100, 8, null), row("2026-11-10T18:30", "presales", 120, null, 22), row("2026-11-10T18:30", "aftersales", 7, 2, null)]);
    expect(notes).toEqual([
      "counts are read from 咨询人数 (arrivals); 接待人数 is left aside",
      'read 平均首响(秒) "-" as unknown: line 2',
      'skipped aftersales rows whose 咨询人数 is "--": line 3',
      'skipped rows whose 分组 is "主管组", neither 售前 nor 售后: line 4',
      'read 在线客服数 "—" as unknown: line 5',
      "read 平均首响(秒) blank as unknown: line 6",
      "skipped summary rows (汇总): line 7",
      "skipped summary rows (合计): line 8",
      "skipped summary rows (均值): line 9",
    ]);
  });
});

describe("parseActuals: intervals", () => {
  it("splits an hourly file evenly into a 30-minute plan's intervals, and says so", () => {
    const { rows, notes, fileIntervalMin } = actuals("时段,售前咨询人数,售后咨询人数\n2026-11-10 18:00-19:00,101,20\n2026-11-10 19:00-20:00,200,0\n");
    expect(fileIntervalMin).toBe(60);
    expect(rows).toEqual([
      row("2026-11-10T18:00", "presales", 50.5),
      row("2026-11-10T18:00", "aftersales", 10),
      row("2026-11-10T18:30", "presales", 50.5),
      row("2026-11-10T18:30", "aftersales", 10),
      row("2026-11-10T19:00", "presales", 100),
      row("2026-11-10T19:00", "aftersales", 0),
      row("2026-11-10T19:30", "presales", 100),
      row("2026-11-10T19:30", "aftersales", 0),
    ]);
    expect(notes).toEqual(["the file has 60-minute rows: each was split evenly into 2 of the plan's 30-minute intervals (agents online and first response copied to each)"]);
  });

  it("detects hourly rows from the gaps between plain times (one hour missing)", () => {
    const { fileIntervalMin, rows } = actuals("时间,售前咨询人数,售后咨询人数\n2026-11-10 18:00,60,6\n2026-11-10 20:00,80,8\n");
    expect(fileIntervalMin).toBe(60);
    expect(rows.map((r) => [r.start, r.queue, r.receptions])).toEqual([
      ["2026-11-10T18:00", "presales", 30],
      ["2026-11-10T18:00", "aftersales", 3],
      ["2026-11-10T18:30", "presales", 30],
      ["2026-11-10T18:30", "aftersales", 3],
      ["2026-11-10T20:00", "presales", 40],
      ["2026-11-10T20:00", "aftersales", 4],
      ["2026-11-10T20:30", "presales", 40],
      ["2026-11-10T20:30", "aftersales", 4],
    ]);
  });

  it("sums a 15-minute file into a 30-minute plan's intervals; agents online are the mean of the quarters", () => {
    const { rows, notes, fileIntervalMin } = actuals(
      "time,group,inquiries,agentsOnline\n2026-11-10 18:00,presales,10,4\n2026-11-10 18:15,presales,14,6\n2026-11-10 18:30,presales,9,6\n2026-11-10 18:45,presales,11,6\n2026-11-10 19:00,presales,5,6\n",
    );
    expect(fileIntervalMin).toBe(15);
    expect(rows).toEqual([row("2026-11-10T18:00", "presales", 24, 5), row("2026-11-10T18:30", "presales", 20, 6), row("2026-11-10T19:00", "presales", 5, 6)]);
    expect(notes).toEqual([
      "the file has 15-minute rows: they were summed into the plan's 30-minute intervals",
      "some intervals have only part of their 15-minute rows, so their counts may be short: 2026-11-10 19:00 presales",
    ]);
  });

  it("leaves out rows outside the plan's window, with a note", () => {
    const grid = { zone: ZONE, intervalMin: 30, window: { start: "2026-11-10T18:00", end: "2026-11-11T00:00" } };
    const { rows, notes } = actuals("时间,售前咨询人数,售后咨询人数\n2026-11-10 17:30,5,1\n2026-11-10 18:00,7,2\n", grid);
    expect(rows).toEqual([row("2026-11-10T18:00", "presales", 7), row("2026-11-10T18:00", "aftersales", 2)]);
    expect(notes).toEqual(["left out rows outside the plan's window 2026-11-10 18:00 – 2026-11-11 00:00: line 2"]);
  });

  it("a row that straddles two of the plan's intervals names its line and time column", () => {
    const issues = inputIssuesOf(() => actuals("日期时间,售前咨询人数\n2026-11-10 18:15-18:45,5\n2026-11-10 18:45-19:15,5\n"));
    expect(issues.map((i) => i.path)).toEqual(["line 2, column 1 (日期时间)", "line 3, column 1 (日期时间)"]);
    expect(issues[0]?.message).toBe("the 30-minute row from 2026-11-10 18:15 straddles the plan's 30-minute intervals 2026-11-10 18:00 and 2026-11-10 18:30");
  });
});

describe("parseActuals: bad input", () => {
  it("names the line and column of a bad time and of a negative or non-numeric count, and returns nothing", () => {
    const issues = inputIssuesOf(() =>
      actuals(
        [
          "时间,分组,咨询人数,平均首响(秒)",
          "2026-11-10 18:00,售前组,10,20",
          "2026-11-10 25:00,售前组,10,20",
          "2026-11-10 18:30,售后组,-4,20",
          "2026-11-10 18:30,售前组,十,快",
          "18:00,售后组,3,1",
        ].join("\n"),
      ),
    );
    expect(issues).toMatchObject([
      { path: "line 3, column 1 (时间)", message: '"2026-11-10 25:00" is not a time that exists in Asia/Shanghai' },
      { path: "line 4, column 3 (咨询人数)", message: '"-4" is not a count ≥ 0' },
      { path: "line 5, column 3 (咨询人数)", message: '"十" is not a count ≥ 0' },
      { path: "line 5, column 4 (平均首响(秒))", message: '"快" is not a number ≥ 0' },
      { path: "line 6, column 1 (时间)", message: '"18:00" is not a date and time like 2026-11-10 18:00 or 2026-11-10 18:00-18:30' },
    ]);
  });

  it("names the missing columns on the header line", () => {
    expect(inputIssuesOf(() => actuals("时间,咨询人数\n2026-11-10 18:00,5\n"))).toMatchObject([
      {
        path: "line 1",
        message:
          "missing counts per queue (售前咨询人数 / 售后咨询人数, 售前接待人数 / 售后接待人数, presales / aftersales) or a group column (分组 / 客服分组 / 子账号分组 / 组别 / group / queue) with 咨询人数 or 接待人数",
      },
    ]);
  });

  it("a file of summary rows only has nothing to import", () => {
    expect(inputIssuesOf(() => actuals("时间,分组,咨询人数\n合计,,5\n"))).toMatchObject([
      { path: "line 2", message: "the file has no interval rows with a count (skipped summary rows (合计): line 2)" },
    ]);
  });
});

describe("placeStart", () => {
  const frame = windowFrame(halfHourly as Required<ActualsGrid>);

  it("gives the index of an interval start inside the window", () => {
    expect(placeStart("2026-11-10T18:30", frame)).toEqual({ index: 37 });
  });

  it.each([
    ["2026-11-10T18:10", "2026-11-10T18:10 is not on the plan's 30-minute grid (intervals start at 2026-11-10 18:00, 2026-11-10 18:30, …)"],
    ["2026-11-13T00:00", "2026-11-13T00:00 is outside the plan's window 2026-11-10 00:00 – 2026-11-13 00:00"],
  ])("%s: %s", (start, problem) => {
    expect(placeStart(start, frame)).toMatchObject({ problem: { message: problem } });
  });
});
