import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { cellText, readActualsFile } from "../src/actuals-file.ts";

const GRID = { zone: "Asia/Shanghai", intervalMin: 30, window: { start: "2026-11-10T00:00", end: "2026-11-13T00:00" } };

/** A 千牛-style export: 分组 plus one row per 子账号, CRLF, GBK as the tool saves it. */
const QIANNIU_ROWS = [
  "时间,子账号,分组,咨询人数,接待人数,在线客服数,平均首响(秒)",
  "2026-11-10 20:00,旗舰店:小美,售前组,120,118,1,18",
  "2026-11-10 20:00,旗舰店:小丽,售前组,80,80,1,28",
  "2026-11-10 20:00,旗舰店:阿强,售后组,15,15,1,40",
  "2026-11-10 20:30,旗舰店:小美,售前组,150,140,1,-",
  "2026-11-10 20:30,旗舰店:小丽,售前组,90,90,1,30",
  "2026-11-10 20:30,旗舰店:阿强,售后组,12,12,1,延迟统计",
  "汇总,,,467,455,,",
];

async function workbookBytes(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("客服数据");
  for (const cells of rows) sheet.addRow(cells);
  sheet.getColumn(1).numFmt = "yyyy-mm-dd hh:mm";
  book.addWorksheet("说明").addRow(["not read"]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("readActualsFile", () => {
  it("reads a GBK 千牛 CSV with a 分组 column, summing the 子账号 rows per interval and queue", async () => {
    const bytes = iconv.encode(`${QIANNIU_ROWS.join("\r\n")}\r\n`, "gbk");
    const file = await readActualsFile(bytes, GRID);
    expect([file.format, file.encoding, file.fileIntervalMin]).toEqual(["csv", "gb18030", 30]);
    expect(file.rows).toEqual([
      // (120 × 18 + 80 × 28) ÷ 200 = 22 s
      { start: "2026-11-10T20:00", queue: "presales", receptions: 200, agentsOnline: 2, firstResponseSec: 22 },
      { start: "2026-11-10T20:00", queue: "aftersales", receptions: 15, agentsOnline: 1, firstResponseSec: 40 },
      // 小美's first response is "-": only 小丽's 30 s is known.
      { start: "2026-11-10T20:30", queue: "presales", receptions: 240, agentsOnline: 2, firstResponseSec: 30 },
      { start: "2026-11-10T20:30", queue: "aftersales", receptions: 12, agentsOnline: 1, firstResponseSec: null },
    ]);
    expect(file.notes).toEqual([
      "counts are read from 咨询人数 (arrivals); 接待人数 is left aside",
      'read 平均首响(秒) "-" as unknown: line 5',
      'read 平均首响(秒) "延迟统计" as unknown: line 7',
      "skipped summary rows (汇总): line 8",
    ]);
  });

  it("reads the first sheet of an xlsx export: date cells as their wall-clock time, numbers, rich text and formula results", async () => {
    const bytes = await workbookBytes([
      ["日期时间", "客服分组", "接待人数", "平均首次响应时长"],
      [new Date(Date.UTC(2026, 10, 10, 23, 0)), "售前组", 300, 12.5],
      [new Date(Date.UTC(2026, 10, 10, 23, 0)), { richText: [{ text: "售后" }, { text: "组" }] }, { formula: "20+5", result: 25 }, "-"],
      ["2026-11-10 23:30", "售前组", 280, 14],
      ["合计", "", 605, ""],
    ]);
    const file = await readActualsFile(bytes, GRID);
    expect([file.format, file.encoding, file.fileIntervalMin]).toEqual(["xlsx", null, 30]);
    expect(file.rows).toEqual([
      { start: "2026-11-10T23:00", queue: "presales", receptions: 300, agentsOnline: null, firstResponseSec: 12.5 },
      { start: "2026-11-10T23:00", queue: "aftersales", receptions: 25, agentsOnline: null, firstResponseSec: null },
      { start: "2026-11-10T23:30", queue: "presales", receptions: 280, agentsOnline: null, firstResponseSec: 14 },
    ]);
    expect(file.notes).toEqual(['read 平均首次响应时长 "-" as unknown: line 3', "skipped summary rows (合计): line 5"]);
  });

  it("names the sheet row and column of a bad cell in a workbook", async () => {
    const bytes = await workbookBytes([
      ["时间", "售前咨询人数"],
      [new Date(Date.UTC(2026, 10, 10, 23, 0)), -3],
    ]);
    await expect(readActualsFile(bytes, GRID)).rejects.toMatchObject({ issues: [{ path: "line 2, column 2 (售前咨询人数)", message: '"-3" is not a count ≥ 0' }] });
  });

  it("refuses an Excel 97–2003 workbook, and a zip that is no workbook, naming the file", async () => {
    await expect(readActualsFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), GRID)).rejects.toMatchObject({ issues: [{ path: "file" }] });
    await expect(readActualsFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), GRID)).rejects.toMatchObject({
      issues: [{ path: "file", message: "the file is not a readable xlsx workbook" }],
    });
  });
});

describe("cellText", () => {
  it("shows a date as its wall clock, seconds only when there are some, and rounds away a serial's dust", () => {
    expect(cellText(new Date("2026-11-10T18:00:00Z"))).toBe("2026-11-10 18:00");
    expect(cellText(new Date("2026-11-10T17:59:59.999Z"))).toBe("2026-11-10 18:00");
    expect(cellText(new Date("2026-11-10T18:00:30Z"))).toBe("2026-11-10 18:00:30");
  });
});
