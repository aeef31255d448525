import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog.ts";
import { planStaffing } from "../../src/domain/staffing.ts";
import { parsePlan } from "../../src/schemas.ts";
import { openDb } from "../../src/store/db.ts";
import { plansRepo } from "../../src/store/plans.ts";
import { runCli } from "./run.ts";

const REPORT = "data/samples/chitu-service-report.csv";
const PLAN = "data/samples/mid-size-double11.plan.json";
const dir = mkdtempSync(join(tmpdir(), "peakcrew-chat-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => runCli(argv);

describe("peakcrew chat-report", () => {
  it("prints the estimates with their basis in Chinese, and in English with --lang en", async () => {
    const zh = await run("chat-report", REPORT);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^赤兔\/千牛接待报表：20 位客服（CSV, GB18030）$/m);
    expect(zh.stdout).toMatch(/^最多同时接待 K\s+4\s+service\.chat\.maxParallel\s+20 位客服「最大同时接待」的中位数 4，向下取整$/m);
    expect(zh.stdout).toMatch(/^聊天模型：K = 4，/m);
    const en = await run("chat-report", REPORT, "--lang", "en");
    expect(en.stdout).toMatch(/^slowdown per extra chat\s+0\.\d+\s+service\.chat\.slowdownPerExtraChat\s+least squares/m);
  });

  it("--json prints one JSON document", async () => {
    const { code, stdout } = await run("chat-report", REPORT, "--json", "--queue", "aftersales");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ queue: "aftersales", agents: 20, chat: { maxParallel: 4 } });
  });

  it("--plan ID --apply writes the chat spec into the stored plan's queue and bumps its version", async () => {
    const db = join(dir, "apply.db");
    const handle = openDb(db);
    const plan = parsePlan(JSON.parse(readFileSync(PLAN, "utf8")));
    const { id } = plansRepo(handle).create(plan, planStaffing(plan, loadCatalog()), "2026-11-01T00:00:00Z");
    handle.close();
    const { code, stdout } = await run("chat-report", REPORT, "--plan", String(id), "--queue", "aftersales", "--apply", "--db", db);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^已应用到方案 ${id} 的售后队列（版本 2）。$`, "m"));
    const after = openDb(db);
    const stored = plansRepo(after).get(id);
    after.close();
    expect(stored?.input.aftersales.service?.chat).toMatchObject({ maxParallel: 4 });
    expect(stored?.input.presales.service?.chat).toEqual(plan.presales.service?.chat);
  });

  it("exit 2 naming the file's line and column for a bad report, and the flag for --apply without a stored plan", async () => {
    const bad = await run("chat-report", "tests/cli/chat-report.test.ts");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^错误：tests\/cli\/chat-report\.test\.ts: 第 1 行：缺少列：接待人数/m);
    const apply = await run("chat-report", REPORT, "--apply");
    expect([apply.code, apply.stderr]).toEqual([2, expect.stringMatching(/^错误：--apply：用于已保存的方案/)]);
  });
});
