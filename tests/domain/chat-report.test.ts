import { describe, expect, it } from "vitest";
import { parseChatReport, parseDuration, parseRatio } from "../../src/domain/chat-report.ts";
import type { CsvRecord } from "../../src/domain/staff.ts";
import { inputIssuesOf } from "../fixtures.ts";

/** CSV-ish lines → records, line numbers from 1. */
const records = (lines: string[][]): CsvRecord[] => lines.map((cells, i) => ({ line: i + 1, cells }));

describe("parseDuration", () => {
  it("reads 分/秒 text, h:mm:ss clocks, bare seconds and a header's unit", () => {
    expect(parseDuration("1分30秒")).toBe(90);
    expect(parseDuration("2小时5分")).toBe(7500);
    expect(parseDuration("1小时0分12秒")).toBe(3612);
    expect(parseDuration("90秒")).toBe(90);
    expect(parseDuration("1.5分钟")).toBe(90);
    expect(parseDuration("00:01:30")).toBe(90);
    expect(parseDuration("147:18:50")).toBe(147 * 3600 + 18 * 60 + 50);
    expect(parseDuration("90")).toBe(90);
    expect(parseDuration("1,200")).toBe(1200);
    expect(parseDuration("8.5", 3600)).toBe(30600);
  });

  it("refuses m:ss-or-h:mm as ambiguous, and text that is no duration", () => {
    expect(parseDuration("1:30")).toBe("ambiguous");
    expect(parseDuration("abc")).toBeNull();
    expect(parseDuration("00:61:00")).toBeNull();
    expect(parseDuration("-5")).toBeNull();
  });
});

describe("parseRatio", () => {
  it("reads percentages and bare ratios", () => {
    expect(parseRatio("85%")).toBeCloseTo(0.85, 12);
    expect(parseRatio("120.5 %")).toBeCloseTo(1.205, 12);
    expect(parseRatio("0.9")).toBe(0.9);
    expect(parseRatio("90", 0.01)).toBeCloseTo(0.9, 12);
    expect(parseRatio("x%")).toBeNull();
  });
});

describe("parseChatReport", () => {
  it("reads aliased headers with full-width brackets and units, thousands separators, and skips summary rows and agents with no chats with a note", () => {
    const parsed = parseChatReport(
      records([
        ["客服", "接待量", "平均接待时长（分钟）", "在线时长（小时）", "最大同时接待人数", "咨询人数", "平均响应（秒）", "首次响应(秒)", "答问比"],
        ["店:甲", "1,200", "3.5", "8", "4", "1,250", "25", "9", "95%"],
        ["店:乙", "300", "2.5", "4.5", "3", "-", "", "7", "1.1"],
        ["店:丙", "0", "-", "2", "0", "0", "-", "-", "-"],
        ["合计", "1,500", "-", "14.5", "-", "", "", "", ""],
        ["平均值", "500", "3", "4.8", "-", "", "", "", ""],
      ]),
    );
    expect(parsed.rows).toEqual([
      { line: 2, agent: "店:甲", receptions: 1200, handleSec: 210, onlineSec: 28800, maxConcurrent: 4, inquiries: 1250, avgResponseSec: 25, firstResponseSec: 9, replyRatio: 0.95 },
      { line: 3, agent: "店:乙", receptions: 300, handleSec: 150, onlineSec: 16200, maxConcurrent: 3, inquiries: null, avgResponseSec: null, firstResponseSec: 7, replyRatio: 1.1 },
    ]);
    expect(parsed.notes).toEqual(["skipped agents who served no chats (接待人数 0): line 4", "skipped summary rows (合计): line 5", "skipped summary rows (平均): line 6"]);
  });

  it("names the line and column of each bad cell, reads no rows from a file with one, and counts those past the first 50", () => {
    const issues = inputIssuesOf(() =>
      parseChatReport(
        records([
          ["客服昵称", "接待人数", "平均接待时长", "在线总时长"],
          ["甲", "100", "1分30秒", "08:00:00"],
          ["乙", "12.5", "2:30", "8小时"],
          ["丙", "100", "很久", "8小时"],
        ]),
      ),
    );
    expect(issues).toMatchObject([
      { path: "line 3, column 2 (接待人数)", message: '"12.5" is not a whole number ≥ 0' },
      { path: "line 3, column 3 (平均接待时长)", message: '"2:30" could be minutes:seconds or hours:minutes; write 0:2:30 or 2:30:00 (h:mm:ss), or 1分30秒' },
      { path: "line 4, column 3 (平均接待时长)", message: '"很久" is not a duration like 1分30秒, 00:01:30 or 90 (seconds)' },
    ]);
    const many = records([["接待人数", "平均接待时长", "在线总时长"], ...Array.from({ length: 60 }, () => ["x", "1分", "1小时"])]);
    const manyIssues = inputIssuesOf(() => parseChatReport(many));
    expect(manyIssues).toHaveLength(51);
    expect(manyIssues.at(-1)).toMatchObject({ path: "file", message: "and 10 more bad cells" });
  });

  it("refuses an online time whose unit must be wrong (more than 20 chats at once), naming the cell", () => {
    const issues = inputIssuesOf(() =>
      parseChatReport(
        records([
          ["接待人数", "平均接待时长", "在线总时长"],
          ["300", "3分", "8.5"],
        ]),
      ),
    );
    expect(issues).toMatchObject([{ path: "line 2, column 3 (在线总时长)", message: expect.stringContaining("more than 20 chats at once") }]);
  });

  it("names each missing required column on the header line", () => {
    expect(
      inputIssuesOf(() =>
        parseChatReport(
          records([
            ["客服昵称", "接待人数"],
            ["甲", "1"],
          ]),
        ),
      ),
    ).toMatchObject([
      { path: "line 1", message: "missing column 平均接待时长 / 平均会话时长 / 接待时长均值" },
      { path: "line 1", message: "missing column 在线总时长 / 在线时长 / 总在线时长" },
    ]);
  });

  it("says so when no agent served chats", () => {
    expect(
      inputIssuesOf(() =>
        parseChatReport(
          records([
            ["接待人数", "平均接待时长", "在线总时长"],
            ["-", "1分", "-"],
          ]),
        ),
      ),
    ).toMatchObject([{ path: "line 2", message: "the file has no agent who served chats (skipped agents with no 接待人数: line 2)" }]);
  });
});
