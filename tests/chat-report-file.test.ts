import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { DATA_DIR } from "../src/paths.ts";
import { calibrateFromFile, readChatReportFile } from "../src/chat-report-file.ts";

const LINES = ["客服昵称,接待人数,平均接待时长,最大同时接待,在线总时长", '旗舰店:小美,"1,200",3分30秒,4,08:00:00', "旗舰店:小丽,300,00:02:30,3,4小时30分", '汇总,"1,500",-,-,12:30:00'];

describe("readChatReportFile", () => {
  it("reads a GBK CSV as exported (CRLF, quoted thousands), skipping the 汇总 row with a note", async () => {
    const file = await readChatReportFile(iconv.encode(`${LINES.join("\r\n")}\r\n`, "gbk"));
    expect([file.format, file.encoding]).toEqual(["csv", "gb18030"]);
    expect(file.rows.map((r) => [r.agent, r.receptions, r.handleSec, r.onlineSec, r.maxConcurrent])).toEqual([
      ["旗舰店:小美", 1200, 210, 28800, 4],
      ["旗舰店:小丽", 300, 150, 16200, 3],
    ]);
    expect(file.notes).toEqual(["skipped summary rows (汇总): line 4"]);
  });

  it("reads the same report as UTF-8 with a BOM", async () => {
    const file = await readChatReportFile(Buffer.from(`\ufeff${LINES.join("\n")}\n`, "utf8"));
    expect([file.format, file.encoding, file.rows.length]).toEqual(["csv", "utf-8", 2]);
  });

  it("reads the first sheet of an xlsx, numbers as numbers, and names a bad cell by its sheet row", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("客服绩效");
    sheet.addRow(["客服昵称", "接待人数", "平均接待时长(秒)", "在线总时长(小时)", "最大同时接待"]);
    sheet.addRow(["小美", 1200, 210, 8, 4]);
    sheet.addRow(["均值", 1200, 210, 8, 4]);
    const good = await readChatReportFile(Buffer.from(await book.xlsx.writeBuffer()));
    expect(good.format).toBe("xlsx");
    expect(good.rows.map((r) => [r.receptions, r.handleSec, r.onlineSec])).toEqual([[1200, 210, 28800]]);
    expect(good.notes).toEqual(["skipped summary rows (均值): line 3"]);
    sheet.addRow(["小丽", "很多", 200, 8, 4]);
    await expect(readChatReportFile(Buffer.from(await book.xlsx.writeBuffer()))).rejects.toMatchObject({
      issues: [{ path: "line 4, column 2 (接待人数)", message: '"很多" is not a whole number ≥ 0' }],
    });
  });
});

describe("the synthetic sample report (data/samples/chitu-service-report.csv)", () => {
  it("is GBK, has 20 agents, and its estimates recover the model it was drawn from (K 4, AHT_1 150 s, slowdown 0.25)", async () => {
    // The generating values are scripts/sample-chat-report.ts's GENERATING. Tolerances: D_i carries
    // uniform ±6 % noise (sd ≈ 3.5 % of ~210 s ≈ 7 s) over 20 agents whose concurrency spreads
    // sd ≈ 0.75 chat, so the slope's standard error is ≈ 7 ÷ (0.75 × √20) ≈ 2.2 s on a true 37.5 s
    // per chat: ±0.05 on s and ±5 % on AHT_1 are about two standard errors.
    const answer = await calibrateFromFile(readFileSync(join(DATA_DIR, "samples/chitu-service-report.csv")));
    expect([answer.encoding, answer.agents]).toEqual(["gb18030", 20]);
    expect(answer.notes).toEqual(["skipped agents who served no chats (接待人数 0): line 22", "skipped summary rows (汇总): line 23", "skipped summary rows (均值): line 24"]);
    expect(answer.chat.maxParallel).toBe(4);
    expect(Math.abs(answer.chat.slowdownPerExtraChat - 0.25)).toBeLessThan(0.05);
    expect(Math.abs(answer.chat.ahtSecAtOneChat / 150 - 1)).toBeLessThan(0.05);
    expect(answer.estimates.find((e) => e.key === "slowdownPerExtraChat")?.fallback).toBe(false);
  });
});
