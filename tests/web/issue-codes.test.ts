import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ISSUE_PARAMS, type IssueCode } from "../../src/domain/issue-codes.ts";
import { issueText, pathText, TEXT } from "../../web/issues.js";

/** Every .ts file under src/, read as text. */
function sources(dir = "src"): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [{ file: path, text: readFileSync(path, "utf8") }] : [];
  });
}

/** The codes the source raises: `issue("x", …)`, `coded("x", …)`, `codedPattern(/…/, "x")`, `tooMuch("x", …)`. */
function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const call = /\b(?:issue|coded|tooMuch)\(\s*"(\w+)"|codedPattern\(.+?, "(\w+)"\)/g;
  for (const { file, text } of sources()) {
    // Comments out first: a code named in a doc comment is not raised.
    const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    for (const m of code.matchAll(call)) found.set((m[1] ?? m[2]) as string, file);
  }
  return found;
}

const codes = Object.keys(ISSUE_PARAMS) as IssueCode[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
/** A sample value for each param: numbers for counts and limits, a list for `known`, a queue name for `queue`. */
function sampleParams(code: IssueCode): Record<string, unknown> {
  return Object.fromEntries(
    ISSUE_PARAMS[code].map((name: string) => [
      name,
      name === "known" ? ["double11", "618"] : name === "queue" ? "aftersales" : /^(count|maximum|minimum|line|interval|minutes|hours|used)$/.test(name) ? 12_345 : `«${name}»`,
    ]),
  );
}

describe("every coded issue reads in Chinese and English", () => {
  it("the source raises only listed codes, and every listed code is raised somewhere", () => {
    const used = codesInSource();
    expect(used.size).toBeGreaterThan(80);
    expect([...used.keys()].filter((c) => !(c in ISSUE_PARAMS)).map((c) => `${c} (${used.get(c)})`)).toEqual([]);
    expect(codes.filter((c) => !used.has(c))).toEqual([]);
  });

  it.each(codes)("%s: a zh and an en sentence, each placeholder one of its params and filled", (code) => {
    const entry = TEXT[code];
    expect(entry, `TEXT has no ${code}`).toBeDefined();
    const params = sampleParams(code);
    for (const lang of ["zh", "en"] as const) {
      const sentence = (entry as Record<string, string>)[lang] as string;
      expect(typeof sentence, `${code}.${lang}`).toBe("string");
      expect(
        placeholders(sentence).filter((p) => !(p in params)),
        `${code}.${lang} uses a param it is not given`,
      ).toEqual([]);
      const text = issueText({ path: "x", message: "FALLBACK", code, params }, lang);
      expect(text).not.toBe("FALLBACK");
      expect(text).not.toMatch(/\{\w+\}|undefined|null|NaN/);
    }
    expect(entry?.zh, `${code}.zh is not Chinese`).toMatch(/[\u4e00-\u9fff]/);
    expect(entry?.zh).not.toBe(entry?.en);
  });
});

describe("params and paths in the reader's language", () => {
  it("numbers take thousands separators, lists are joined, queue names translated, any other param passes through", () => {
    const tooMany = { path: "line 20002", message: "m", code: "staff_too_many", params: { count: 12_001, maximum: 10_000 } };
    expect(issueText(tooMany, "zh")).toBe("名单有 12,001 人，一份人员名单最多 10,000 人");
    expect(issueText(tooMany, "en")).toBe("12,001 people; a staff pool has at most 10,000");
    const unknown = { path: "presales.curve.id", message: "m", code: "curve_unknown_builtin", params: { id: "x", known: ["double11", "618"] } };
    expect(issueText(unknown, "zh")).toBe("没有内置曲线“x”；现有：double11、618");
    expect(issueText(unknown, "en")).toBe('unknown built-in curve "x"; known: double11, 618');
    const noTarget = { path: "aftersales.service", message: "m", code: "chat_no_service_target", params: { queue: "aftersales" } };
    expect(issueText(noTarget, "zh")).toMatch(/^售后队列还没有服务目标/);
    expect(issueText(noTarget, "en")).toMatch(/^the after-sales queue has no service target/);
  });

  it("a line number or year reads as the file spells it, without thousands separators", () => {
    const duplicate = { path: "line 12346, column 1 (工号)", message: "m", code: "staff_duplicate_id", params: { line: 12_345 } };
    expect(issueText(duplicate, "zh")).toBe("工号与第 12345 行重复");
    expect(issueText(duplicate, "en")).toBe("duplicate of line 12345");
  });

  it("a CSV line and column read 第 N 行，第 C 列 in Chinese; field paths and English stay as they are", () => {
    expect(pathText("line 3", "zh")).toBe("第 3 行");
    expect(pathText("staffCsv: line 3, column 4 (技能)", "zh")).toBe("staffCsv: 第 3 行，第 4 列（技能）");
    expect(pathText("--actuals: file", "zh")).toBe("--actuals: 文件");
    expect(pathText("csv", "zh")).toBe("文件");
    expect(pathText("rows.2.start", "zh")).toBe("rows.2.start");
    expect(pathText("staffCsv: line 3, column 4 (技能)", "en")).toBe("staffCsv: line 3, column 4 (技能)");
  });
});

describe("pathText with a header that has its own parentheses (review probe)", () => {
  it("keeps the column's name whole", () => {
    expect(pathText("f.csv: line 3, column 4 (平均首响(秒))", "zh")).toBe("f.csv: 第 3 行，第 4 列（平均首响(秒)）");
  });
});
