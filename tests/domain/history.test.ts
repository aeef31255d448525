import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/csv.ts";
import { alignWindow, applyHistory, deriveFromHistory, describeHistory, type Estimate, type HistoryRow, parseHistory } from "../../src/domain/history.ts";
import { parsePlan } from "../../src/schemas.ts";
import { inputIssuesOf, planInput } from "../fixtures.ts";

const HEADER = "时间,售前接待量,售后接待量,在线客服数,平均首响(秒),销售额,订单数";
const history = (text: string) => parseHistory(readCsv(text));

/** Hourly rows from `start` (a wall-clock hour), each from `row(i)`. */
function hours(start: string, count: number, row: (i: number) => Omit<HistoryRow, "hour">): HistoryRow[] {
  const t0 = Date.parse(`${start}:00Z`);
  return Array.from({ length: count }, (_, i) => ({ hour: new Date(t0 + i * 3_600_000).toISOString().slice(0, 16), ...row(i) }));
}
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
    const issues = inputIssuesOf(() =>
      history(`${HEADER}\n2025-11-10 08:00,900,20,30,25,27000,90\n2025-11-10 09:30,-5,x,30,25,27000,90\n2025-02-30 10:00,1,1,1,1,=1+1,1\n`),
    );
    expect(issues.map((i) => i.path)).toEqual([
      "line 3, column 1 (time)",
      "line 3, column 2 (presales)",
      "line 3, column 3 (aftersales)",
      "line 4, column 1 (time)",
      "line 4, column 6 (salesYuan)",
    ]);
    expect(issues[0]?.message).toMatch(/not on the hour/);
  });

  it("lists the first 200 bad cells and counts the rest", () => {
    const rows = Array.from({ length: 250 }, (_, i) => `2025-11-${String(1 + Math.floor(i / 24)).padStart(2, "0")} ${i % 24}:00,x,1`);
    const issues = inputIssuesOf(() => history(`time,presales,aftersales\n${rows.join("\n")}\n`));
    expect(issues).toHaveLength(201);
    expect(issues.at(-1)).toEqual({ path: "csv", message: "and 50 more bad cells" });
  });

  it("names both lines of an hour given twice", () => {
    const issues = inputIssuesOf(() => history(`${HEADER}\n2025-11-10 08:00,1,1,1,1,1,1\n2025-11-10 09:00,1,1,1,1,1,1\n2025-11-10 8:00,2,2,2,2,2,2\n`));
    expect(issues).toEqual([{ path: "line 4, column 1 (time)", message: "2025-11-10 08:00 appears twice (lines 2 and 4)" }]);
  });

  it("names a missing required column", () => {
    expect(inputIssuesOf(() => history("时间,售前接待量\n2025-11-10 08:00,1\n"))).toEqual([{ path: "line 1", message: "missing column aftersales / aftersalesReceptions / 售后接待量 / 售后接待人数" }]);
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
    const { alignment, rows: aligned } = alignWindow({ start: "2026-11-10T18:00", end: "2026-11-11T02:00" }, rows);
    expect(alignment).toEqual({ yearsBack: 1, thisYearStart: "2026-11-10T18:00", lastYearStart: "2025-11-10T18:00", hours: 8 });
    expect(aligned.map((r) => r.hour)).toEqual(["2025-11-10T18:00", "2025-11-10T19:00", "2025-11-10T20:00", "2025-11-10T21:00", "2025-11-10T22:00", "2025-11-10T23:00", "2025-11-11T00:00", "2025-11-11T01:00"]);
  });

  it("names the first hour last year's data lacks", () => {
    const [issue] = inputIssuesOf(() => alignWindow({ start: "2026-11-12T00:00", end: "2026-11-15T00:00" }, rows));
    expect(issue).toEqual({ path: "history", message: expect.stringContaining("no row for 2025-11-14 00:00 and 23 more") });
  });

  it("refuses a window that does not start on the hour", () => {
    expect(inputIssuesOf(() => alignWindow({ start: "2026-11-10T18:30", end: "2026-11-11T02:00" }, rows))[0]?.path).toBe("window");
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
