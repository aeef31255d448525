import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/csv.ts";
import type { InputIssue } from "../../src/domain/errors.ts";
import { alignWindow } from "../../src/domain/history.ts";
import { applyHistory, deriveFromHistory, type Estimate } from "../../src/domain/history-estimates.ts";
import { describeHistory, type HistoryRow, parseHistory } from "../../src/domain/history-parse.ts";
import { hoursBetween, localHour, plusHours } from "../../src/domain/wall-clock.ts";
import { parsePlan } from "../../src/schemas.ts";
import { issueText } from "../../web/issues.js";
import { inputIssuesOf, planInput } from "../fixtures.ts";

const HEADER = "时间,售前接待量,售后接待量,在线客服数,平均首响(秒),销售额,订单数";
const history = (text: string) => parseHistory(readCsv(text));

/** Hourly rows from `start` (a wall-clock hour), each from `row(i)`. (Date arithmetic here, independent of wall-clock.ts.) */
function hours(start: string, count: number, row: (i: number) => Omit<HistoryRow, "hour">): HistoryRow[] {
  const t0 = Date.parse(`${start}:00Z`);
  return Array.from({ length: count }, (_, i) => ({ hour: new Date(t0 + i * 3_600_000).toISOString().slice(0, 16), ...row(i) }));
}
const SHANGHAI = "Asia/Shanghai";
const allColumns = { agents: true, firstResponseSec: true, salesYuan: true, orders: true };

describe("parseHistory", () => {
  it("reads Chinese headers, several date styles and thousands separators, sorted by hour", () => {
    const { rows, columns } = history(`${HEADER}\n2025/11/10 9:00,"1,200",30,40,25,"36,000",120\n2025-11-10 08:00,900,20,30,,27000.5,90\n`);
    expect(rows).toEqual([
      { hour: "2025-11-10T08:00", presales: 900, aftersales: 20, agents: 30, firstResponseSec: null, salesYuan: 27000.5, orders: 90 },
      { hour: "2025-11-10T09:00", presales: 1200, aftersales: 30, agents: 40, firstResponseSec: 25, salesYuan: 36000, orders: 120 },
    ]);
    expect(columns).toEqual(allColumns);
  });

  it("reads English headers; optional columns may be absent", () => {
    const { rows, columns } = history("time,presales,aftersales\n2025-11-11T00:00:00,5000,10\n");
    expect(rows[0]).toEqual({ hour: "2025-11-11T00:00", presales: 5000, aftersales: 10, agents: null, firstResponseSec: null, salesYuan: null, orders: null });
    expect(columns).toEqual({ agents: false, firstResponseSec: false, salesYuan: false, orders: false });
  });

  it("reports every bad cell by line and column and returns nothing", () => {
    const issues = inputIssuesOf(() => history(`${HEADER}\n2025-11-10 08:00,900,20,30,25,27000,90\n2025-11-10 09:30,-5,x,30,25,27000,90\n2025-02-30 10:00,1,1,1,1,=1+1,1\n`));
    expect(issues.map((i) => i.path)).toEqual(["line 3, column 1 (时间)", "line 3, column 2 (售前接待量)", "line 3, column 3 (售后接待量)", "line 4, column 1 (时间)", "line 4, column 6 (销售额)"]);
    expect(issues[0]?.message).toMatch(/not on the hour/);
  });

  it("lists the first 200 bad cells and counts the rest", () => {
    const rows = Array.from({ length: 250 }, (_, i) => `2025-11-${String(1 + Math.floor(i / 24)).padStart(2, "0")} ${i % 24}:00,x,1`);
    const issues = inputIssuesOf(() => history(`time,presales,aftersales\n${rows.join("\n")}\n`));
    expect(issues).toHaveLength(201);
    expect(issues.at(-1)).toMatchObject({ path: "csv", message: "and 50 more bad cells" });
  });

  it("names both lines of an hour given twice", () => {
    const issues = inputIssuesOf(() => history(`${HEADER}\n2025-11-10 08:00,1,1,1,1,1,1\n2025-11-10 09:00,1,1,1,1,1,1\n2025-11-10 8:00,2,2,2,2,2,2\n`));
    expect(issues).toMatchObject([{ path: "line 4, column 1 (时间)", message: "2025-11-10 08:00 appears twice (lines 2 and 4)" }]);
  });

  it("names a missing required column", () => {
    expect(inputIssuesOf(() => history("时间,售前接待量\n2025-11-10 08:00,1\n"))).toMatchObject([
      { path: "line 1", message: "missing column aftersales / aftersalesReceptions / 售后接待量 / 售后接待人数" },
    ]);
  });

  it("summarises span, missing hours, totals and the busiest hour", () => {
    const summary = describeHistory(history(`${HEADER}\n2025-11-10 08:00,10,1,2,,100,1\n2025-11-10 11:00,30,5,4,,300,3\n`));
    expect(summary).toMatchObject({ from: "2025-11-10T08:00", to: "2025-11-10T12:00", hours: 2, missingHours: 2, totals: { presales: 40, aftersales: 6, salesYuan: 400, orders: 4 } });
    expect(summary.peak).toEqual({ hour: "2025-11-10T11:00", receptions: 35, agents: 4 });
  });
});

describe("alignWindow", () => {
  const rows = hours("2025-11-09T00:00", 24 * 5, (i) => ({ presales: i, aftersales: 0, agents: 1, firstResponseSec: null, salesYuan: null, orders: null }));

  it("maps this year's Nov 10 18:00 to last year's Nov 10 18:00", () => {
    const { alignment, rows: aligned } = alignWindow({ start: "2026-11-10T18:00", end: "2026-11-11T02:00", zone: "Asia/Shanghai" }, rows);
    expect(alignment).toEqual({ yearsBack: 1, thisYearStart: "2026-11-10T18:00", lastYearStart: "2025-11-10T18:00", hours: 8, hoursUsed: 8, missing: [] });
    expect(aligned.map((r) => r.hour)).toEqual([
      "2025-11-10T18:00",
      "2025-11-10T19:00",
      "2025-11-10T20:00",
      "2025-11-10T21:00",
      "2025-11-10T22:00",
      "2025-11-10T23:00",
      "2025-11-11T00:00",
      "2025-11-11T01:00",
    ]);
  });

  it("uses the hours the data has and lists the rest as a run in the plan's zone", () => {
    // The rows run Nov 9 00:00 – Nov 14 00:00; the window Nov 12 – Nov 15 is 72 hours, the last 24 missing.
    const { alignment, rows: aligned, positions } = alignWindow({ start: "2026-11-12T00:00", end: "2026-11-15T00:00", zone: SHANGHAI }, rows);
    expect(alignment).toMatchObject({ hours: 72, hoursUsed: 48 });
    expect(alignment.missing).toEqual([{ from: "2026-11-14T00:00:00.000+08:00", to: "2026-11-15T00:00:00.000+08:00", hours: 24, lastYear: { from: "2025-11-14T00:00", to: "2025-11-15T00:00" } }]);
    expect(aligned).toHaveLength(48);
    expect(positions).toEqual([...Array(48).keys()]);
  });

  it("a hole in the data is its own run, and the rows keep their places in the window", () => {
    const holed = rows.filter((r) => r.hour !== "2025-11-10T20:00" && r.hour !== "2025-11-10T21:00" && r.hour !== "2025-11-11T00:00");
    const { alignment, positions } = alignWindow({ start: "2026-11-10T18:00", end: "2026-11-11T02:00", zone: SHANGHAI }, holed);
    expect(alignment.hoursUsed).toBe(5);
    expect(alignment.missing.map((m) => [m.from.slice(5, 16), m.to.slice(5, 16), m.hours])).toEqual([
      ["11-10T20:00", "11-10T22:00", 2],
      ["11-11T00:00", "11-11T01:00", 1],
    ]);
    expect(positions).toEqual([0, 1, 4, 5, 7]);
  });

  it("names history, what it covers and what was needed when it has none of the window's hours", () => {
    const issues = inputIssuesOf(() => alignWindow({ start: "2026-12-01T00:00", end: "2026-12-02T00:00", zone: SHANGHAI }, rows));
    expect(issues).toEqual([
      {
        path: "history",
        message:
          "the dataset has none of the window's 24 hours: aligned with the plan's window it needs hours in 2025-12-01 00:00 – 2025-12-02 00:00, and it covers 2025-11-09 00:00 – 2025-11-14 00:00",
        code: "history_no_overlap",
        params: { hours: 24, needed: "2025-12-01 00:00 – 2025-12-02 00:00", covers: "2025-11-09 00:00 – 2025-11-14 00:00" },
      },
    ]);
    expect(issueText(issues[0] as InputIssue, "zh")).toBe(
      "去年数据没有这 24 小时中的任何一小时：按日期对齐需要 2025-12-01 00:00 – 2025-12-02 00:00 的数据，文件只有 2025-11-09 00:00 – 2025-11-14 00:00。",
    );
  });

  it("counts real hours in the plan's zone: 25 on the night the clocks go back, 23 when they go forward", () => {
    // Europe/Berlin: 2026-10-25 03:00 → 02:00 (CEST → CET); 2026-03-29 02:00 → 03:00.
    const october = hours("2025-10-25T00:00", 24, (i) => ({ presales: i, aftersales: 0, agents: null, firstResponseSec: null, salesYuan: null, orders: null }));
    const back = alignWindow({ start: "2026-10-25T00:00", end: "2026-10-26T00:00", zone: "Europe/Berlin" }, october);
    expect(back.alignment).toMatchObject({ hours: 25, hoursUsed: 25, missing: [] });
    expect(back.rows.map((r) => r.hour.slice(11, 13)).slice(0, 5)).toEqual(["00", "01", "02", "02", "03"]);
    const march = hours("2025-03-29T00:00", 24, (i) => ({ presales: i, aftersales: 0, agents: null, firstResponseSec: null, salesYuan: null, orders: null }));
    const forward = alignWindow({ start: "2026-03-29T00:00", end: "2026-03-30T00:00", zone: "Europe/Berlin" }, march);
    expect(forward.alignment).toMatchObject({ hours: 23, hoursUsed: 23, missing: [] });
    expect(forward.rows.map((r) => r.hour.slice(11, 13))).not.toContain("02");
  });

  it("a Feb 29 window takes last year's Feb 28", () => {
    const feb = hours("2027-02-28T00:00", 48, () => ({ presales: 1, aftersales: 0, agents: null, firstResponseSec: null, salesYuan: null, orders: null }));
    const { alignment } = alignWindow({ start: "2028-02-29T00:00", end: "2028-02-29T06:00", zone: SHANGHAI }, feb);
    expect(alignment.lastYearStart).toBe("2027-02-28T00:00");
  });

  it("refuses a window that does not start on the hour", () => {
    expect(inputIssuesOf(() => alignWindow({ start: "2026-11-10T18:30", end: "2026-11-11T02:00", zone: "Asia/Shanghai" }, rows))[0]?.path).toBe("window");
  });
});

describe("deriveFromHistory", () => {
  // A hand-made year: 2 days; pre-sales 100/h, orders 40/h (conversion 0.4), sales 40 × 250 元/h,
  // agents 10/h except 4 busy hours with 300 receptions and 20 agents (15 per agent-hour).
  const rows = hours("2025-11-10T00:00", 48, (i) => {
    const busy = i >= 20 && i < 24;
    return { presales: busy ? 290 : 100, aftersales: 10, agents: busy ? 20 : 10, firstResponseSec: busy ? 40 : 10, salesYuan: busy ? 116 * 250 : 40 * 250, orders: busy ? 116 : 40 };
  });
  const plan = parsePlan({ ...planInput(), window: { start: "2026-11-10T00:00", end: "2026-11-12T00:00" } });
  const derived = deriveFromHistory(rows, allColumns, plan, 0.2);
  const value = (key: Estimate["key"]) => derived.estimates.find((e) => e.key === key)?.value;

  it("estimates conversion = orders ÷ receptions and order value = sales ÷ orders", () => {
    // Σ pre-sales = 44 × 100 + 4 × 290 = 5560; Σ orders = 44 × 40 + 4 × 116 = 2224 → 0.4 exactly.
    expect(value("inquiryConversionRate")).toBe(0.4);
    expect(value("csAvgOrderValueYuan")).toBe(250);
  });

  it("scales last year's CS sales by the CS share and the growth rate", () => {
    // Σ sales = 2224 × 250 = 556,000; ÷ 0.2 (the fixture's share) × 1.2 = 3,336,000.
    expect(value("salesTargetYuan")).toBe(3_336_000);
  });

  it("takes receptions per agent-hour from the busiest quarter of hours", () => {
    // 12 busiest hours: the 4 busy ones (300 receptions, 20 agents) and 8 ordinary (110, 10):
    // (4 × 300 + 8 × 110) ÷ (4 × 20 + 8 × 10) = 2080 ÷ 160 = 13 per agent-hour × 8 h = 104.
    expect(value("saturationPerAgentDay")).toBe(104);
  });

  it("gives the curve as last year's hourly pre-sales, and the applied plan is valid", () => {
    expect((value("presalesCurve") as number[]).slice(19, 25)).toEqual([100, 290, 290, 290, 290, 100]);
    const next = parsePlan(applyHistory(plan, derived));
    expect(next.presales.curve).toEqual({ kind: "counts", intervalMin: 60, values: value("presalesCurve") });
    expect(next.chain).toMatchObject({ salesTargetYuan: 3_336_000, inquiryConversionRate: 0.4, csAvgOrderValueYuan: 250 });
    expect(next.presales.capacity).toEqual({ basis: "perAgentDay", saturationPerAgentDay: 104 });
  });

  it("says why an estimate is missing when a column is", () => {
    const bare = deriveFromHistory(rows, { ...allColumns, orders: false }, plan, 0);
    const conversion = bare.estimates.find((e) => e.key === "inquiryConversionRate");
    expect(conversion).toMatchObject({ value: null, basis: { en: "the file has no orders column" } });
    expect(parsePlan(applyHistory(plan, bare)).chain.inquiryConversionRate).toBe(plan.chain.inquiryConversionRate);
  });
});

describe("deriveFromHistory over part of the window", () => {
  // The same hand-made 2 days (Nov 10–11), against a 3-day plan (Nov 10–13): 48 of 72 hours.
  const rows = hours("2025-11-10T00:00", 48, (i) => {
    const busy = i >= 20 && i < 24;
    return { presales: busy ? 290 : 100, aftersales: 10, agents: busy ? 20 : 10, firstResponseSec: busy ? 40 : 10, salesYuan: busy ? 116 * 250 : 40 * 250, orders: busy ? 116 : 40 };
  });
  const plan = parsePlan(planInput());
  const derived = deriveFromHistory(rows, allColumns, plan, 0.2);
  const estimate = (key: Estimate["key"]) => derived.estimates.find((e) => e.key === key);

  it("keeps the ratios over the 48 hours both years have, and says so in their basis", () => {
    expect(derived.alignment).toMatchObject({ hours: 72, hoursUsed: 48 });
    expect(estimate("inquiryConversionRate")?.value).toBe(0.4);
    expect(estimate("saturationPerAgentDay")?.value).toBe(104);
    expect(estimate("inquiryConversionRate")?.basis.en).toContain("only the 48 of 72 hours last year's data has (it lacks 2025-11-12 00:00 – 2025-11-13 00:00 (24 h))");
    expect(estimate("csAvgOrderValueYuan")?.basis.zh).toContain("仅用去年数据有的 48 / 72 小时（缺 2025-11-12 00:00 – 2025-11-13 00:00（24 小时））");
  });

  it("gives no curve, sales target or contact rate (totals over the window), and applying leaves those fields", () => {
    for (const key of ["presalesCurve", "salesTargetYuan", "contactRate"] as const) {
      expect(estimate(key)).toMatchObject({ value: null, basis: { en: expect.stringContaining("needs every hour of the window; last year's data lacks 24 of its 72 hours") } });
    }
    const next = parsePlan(applyHistory(plan, derived));
    expect(next.presales.curve).toEqual(plan.presales.curve);
    expect(next.chain.salesTargetYuan).toBe(plan.chain.salesTargetYuan);
    expect(next.chain.inquiryConversionRate).toBe(0.4);
  });

  it("refuses, naming history, fewer than 24 of the window's hours", () => {
    const late = parsePlan({ ...planInput(), window: { start: "2026-11-11T12:00", end: "2026-11-13T00:00" } });
    const issues = inputIssuesOf(() => deriveFromHistory(rows, allColumns, late, 0));
    expect(issues).toEqual([
      {
        path: "history",
        message: "the dataset has only 12 of the window's 36 hours (it lacks 2025-11-12 00:00 – 2025-11-13 00:00 (24 h)); estimates need at least 24",
        code: "history_too_few_hours",
        params: { used: 12, hours: 36, minimum: 24 },
      },
    ]);
    expect(issueText(issues[0] as InputIssue, "zh")).toBe("去年数据只有这 36 小时中的 12 小时，估算至少需要 24 小时。");
  });
});

describe("wall-clock hours", () => {
  it("labels real dates only, Feb 29 in leap years", () => {
    expect(localHour(2024, 2, 29, 23)).toBe("2024-02-29T23:00");
    expect(localHour(2025, 2, 29, 0)).toBeNull();
    expect(localHour(2025, 4, 31, 0)).toBeNull();
    expect(localHour(2025, 11, 10, 24)).toBeNull();
  });

  it("adds and counts hours across days, months and years", () => {
    expect(plusHours("2025-12-31T23:00", 1)).toBe("2026-01-01T00:00");
    expect(plusHours("2024-03-01T00:00", -1)).toBe("2024-02-29T23:00");
    expect(hoursBetween("2025-11-10T00:00", "2025-11-15T00:00")).toBe(120);
  });
});
