// The chat-report import on the planner page in a real browser (Debian's Chromium, as
// page.test.ts): the sample report uploaded, its estimates and basis shown, then applied.
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Running, serve } from "../../src/server.ts";

const CHROMIUM = process.env.PEAKCREW_CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

type StoredPlan = { version: number; input: { aftersales: { service?: { chat?: unknown } } } };
let running: Running;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // A missing browser fails the suite loudly: it is never skipped.
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set PEAKCREW_CHROMIUM`);
  running = await serve({ port: 0, host: "127.0.0.1", dbFile: ":memory:" });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  page = await (await browser.newContext({ viewport: { width: 1500, height: 1300 }, locale: "zh-CN" })).newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  await page.goto(running.url);
  await page.waitForSelector("body[data-ready=true]");
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

describe("导入千牛/赤兔接待报表", () => {
  it("shows the sample report's estimates with their basis, then applies them to the plan's after-sales queue", async () => {
    const planId = await page.locator("#scenario").inputValue();
    await page.selectOption("#chat-report-queue", "aftersales");
    await page.setInputFiles("#chat-report-file", "data/samples/chitu-service-report.csv");
    await expect.poll(() => page.locator("#chat-report-table tr").count(), { timeout: 15_000 }).toBe(7);
    expect(await page.locator("#chat-report-note").textContent()).toMatch(/^已读取 20 位客服（CSV · GB18030），未保存。 聊天模型：最多同时 4 个会话/);
    expect(await page.locator("#chat-report-table tr", { hasText: "最多同时接待 K" }).textContent()).toContain("20 位客服「最大同时接待」的中位数 4，向下取整");
    const before = (await (await fetch(new URL(`/api/plans/${planId}`, running.url))).json()) as StoredPlan;
    // The sample's after-sales runs the chat model at K = 3; the report's estimates replace it.
    expect(before.input.aftersales.service?.chat).toMatchObject({ maxParallel: 3 });

    await page.click("#chat-report-apply");
    await expect.poll(() => page.locator("#chat-report-note").textContent(), { timeout: 15_000 }).toMatch(/^已写入售后的聊天模型（方案版本 \d+）/);
    const after = (await (await fetch(new URL(`/api/plans/${planId}`, running.url))).json()) as StoredPlan;
    expect(after.version).toBe(before.version + 1);
    expect(after.input.aftersales.service?.chat).toMatchObject({ maxParallel: 4 });
  });
});
