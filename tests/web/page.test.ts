// The planner page in a real browser: Debian's Chromium driven by playwright-core, against the
// app served in-process on port 0 with an in-memory database (seeded with the sample plan and
// its roster, as `npm start` does). Screenshots of the main views go to test-artifacts/.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Running, serve } from "../../src/server.ts";
import { sampleHistoryDays } from "../fixtures.ts";

const CHROMIUM = process.env.PEAKCREW_CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const SHOTS = new URL("../../test-artifacts/", import.meta.url);

let running: Running;
let browser: Browser;
let page: Page;
/** What the browser refused under the page's Content-Security-Policy, this test. */
let refused: string[];

beforeAll(async () => {
  // A missing browser fails the suite loudly: it is never skipped.
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set PEAKCREW_CHROMIUM`);
  mkdirSync(SHOTS, { recursive: true });
  running = await serve({ port: 0, host: "127.0.0.1", dbFile: ":memory:" });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

beforeEach(async () => {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1300 }, locale: "zh-CN" });
  page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  refused = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.goto(running.url);
  await page.waitForSelector("body[data-ready=true]");
});

// The page works under its own CSP (src/api/edge.ts): the browser refused nothing it loads or runs.
afterEach(() => expect(refused).toEqual([]));

const shot = (name: string) => page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: false });
const chainValue = (step: string) => page.locator(`#chain li[data-step="${step}"] .value`).textContent();
/** The chart.js datasets on a canvas, as {label, max}. (Runs in the page: no DOM types here.) */
type PageGlobals = {
  Chart: { getChart(canvas: unknown): { data: { datasets: { label: string; data: number[] }[] } } };
  document: { getElementById(id: string): unknown };
};
const datasets = (canvasId: string) =>
  page.evaluate((id) => {
    const { Chart, document } = globalThis as unknown as PageGlobals;
    return Chart.getChart(document.getElementById(id)).data.datasets.map((d) => ({ label: d.label, max: Math.max(...d.data) }));
  }, canvasId);

/** The roster the API holds for the sample plan (id 1): what the page must show. */
async function storedRoster(): Promise<{ shifts: unknown[]; people: unknown[] }> {
  const res = await fetch(`${running.url}api/plans/1/roster`);
  return ((await res.json()) as { result: { shifts: unknown[]; people: unknown[] } }).result;
}

describe("the planner page", () => {
  it("opens on the sample plan: its chain, the coverage chart with the peak, and the roster", async () => {
    // The sample's chain (data/samples/mid-size-double11.plan.json): 30,000,000 × 35 % =
    // 10,500,000 元; ÷ 280 = 37,500 buyers; ÷ 45 % = 83,333 receptions; × (1 − 20 %) = 66,667.
    expect(await chainValue("chain.csSales")).toBe("10,500,000 元");
    expect(await chainValue("chain.csBuyers")).toBe("37,500");
    expect(await chainValue("chain.receptions")).toBe("83,333");
    expect(await chainValue("chain.human")).toBe("66,667");
    await expect.poll(() => page.locator("#peak").textContent()).toContain("高峰 11-11 00:00");
    const sets = await datasets("coverage");
    expect(sets.map((d) => d.label)).toEqual(["售前需求", "售后需求", "售前在岗", "售后在岗", "缺口"]);
    // 210: the chat model's pre-sales peak, checked against an independent reference in tests/domain/staffing.test.ts.
    expect(sets[0]?.max).toBe(210);
    expect(await page.locator("#roster-summary .status").textContent()).toMatch(/^最优：/);
    expect(await page.locator("#gantt .gantt-row").count()).toBe((await storedRoster()).people.length);
    await shot("1-plan-and-coverage");
  });

  it("names each queue's model: the chat model's K, AHT list and both service-level conventions; the factor method on switching", async () => {
    const lines = await page.locator("#models p").allTextContents();
    expect(lines[0]).toBe("售前：Erlang Chat 模型，每人最多同时接待 4 个会话，处理时长 300 / 345 / 390 / 435 秒（同时接待 1…4 个时）。");
    expect(lines[1]).toMatch(/^高峰 11-11 00:00 的服务水平：按应答计 99\.97 %，虚拟等待 100 %（目标口径：按应答计）。$/);
    expect(lines[2]).toMatch(/^售后：Erlang Chat 模型，每人最多同时接待 3 个会话，处理时长 420 \/ 483 \/ 546 秒/);
    expect(await page.locator('.field[data-path="presales.service.ahtSec"]').isHidden()).toBe(true);
    expect(await page.locator("#f-presales-service-chat-ahtSecAtOneChat").inputValue()).toBe("300");
    expect(await page.locator("#f-presales-service-chat-slowdownPerExtraChat").inputValue()).toBe("15");
    // To the factor method: the handle time carries across (AHT at K = 435 s), the divisor is the Qianniu rule's 4.5.
    await page.selectOption("#f-presales-service-chat", "factor");
    await expect.poll(() => page.locator("#models p").first().textContent()).toBe("售前：系数法，Erlang 按处理时长 ÷ 4.5 计算。");
    expect(await page.locator("#f-presales-service-ahtSec").inputValue()).toBe("435");
    expect(await page.locator('.field[data-path="presales.service.chat.ahtSecAtOneChat"]').isHidden()).toBe(true);
    expect(await page.locator("#f-presales-service-concurrency").inputValue()).toBe("4.5");
    // After-sales has no Qianniu rule: its divisor becomes its K (3), not 1, so its peak stays 18 agents.
    await page.selectOption("#f-aftersales-service-chat", "factor");
    await expect.poll(() => page.locator("#models p").nth(1).textContent()).toBe("售后：系数法，Erlang 按处理时长 ÷ 3 计算。");
    expect(await page.locator("#f-aftersales-service-ahtSec").inputValue()).toBe("546");
    // An edit made under the chat model is dropped when the queue goes back to the factor method.
    await page.selectOption("#f-presales-service-chat", "chat");
    await page.fill("#f-presales-service-chat-ahtSecAtOneChat", "400");
    await page.selectOption("#f-presales-service-chat", "factor");
    await expect.poll(() => page.locator("#models p").first().textContent()).toBe("售前：系数法，Erlang 按处理时长 ÷ 4.5 计算。");
    expect(await page.locator('.field[data-path="presales.service.chat.ahtSecAtOneChat"]').isHidden()).toBe(true);
    expect(await page.locator("#banner").isVisible()).toBe(false);
    await shot("1b-models");
  });

  it("changing the sales target updates the chain and the chart before saving", async () => {
    await page.fill("#f-chain-salesTargetYuan", "60000000");
    // 60,000,000 × 35 % = 21,000,000; ÷ 280 = 75,000; ÷ 45 % = 166,667 (rounded).
    await expect.poll(() => chainValue("chain.csSales")).toBe("21,000,000 元");
    expect(await chainValue("chain.receptions")).toBe("166,667");
    await expect.poll(async () => (await datasets("coverage"))[0]?.max ?? 0).toBeGreaterThan(400);
    expect(await page.locator("#dirty").textContent()).toBe("有未保存的修改（图表为预览）");
    expect(await page.locator("#coverage-note").textContent()).toBe("排班基于修改前的方案，请重新求解。");
  });

  it("an invalid value shows the API's message next to its field, and nothing is saved", async () => {
    await page.fill("#f-chain-csSalesShare", "150");
    const error = page.locator('.field[data-path="chain.csSalesShare"] .error');
    // The API's issue (too_big, maximum 1) in Chinese, as the percent the field shows.
    await expect.poll(() => error.textContent()).toBe("不能大于 100 %");
    expect(await page.locator('.field[data-path="chain.csSalesShare"]').getAttribute("class")).toContain("invalid");
    expect(await page.locator("#banner").textContent()).toContain("有 1 项输入需要修改");
    await page.click("#save");
    await expect.poll(() => page.locator("#banner").isVisible()).toBe(true);
    const saved = (await (await fetch(`${running.url}api/plans/1`)).json()) as { input: { chain: { csSalesShare: number } } };
    expect(saved.input.chain.csSalesShare).toBe(0.35);
    await shot("2-invalid-field");
  });

  it("solves the sample roster with progress, then shows the Gantt rows, filtered by kind", async () => {
    await page.click("#solve");
    await expect.poll(() => page.locator("#progress").isVisible()).toBe(true);
    expect(await page.locator("#progress-text").textContent()).toMatch(/^正在求解/);
    await page.waitForSelector("#progress", { state: "hidden", timeout: 40_000 });
    const stored = await storedRoster();
    const people = stored.people.length;
    expect(await page.locator("#roster-summary .status").textContent()).toContain(`最优：${stored.shifts.length.toLocaleString("en")} 个班次、${people} 人`);
    expect(await page.locator("#gantt .gantt-row").count()).toBe(people);
    expect(await page.locator("#gantt .gantt-break").count()).toBeGreaterThan(0);
    await page.selectOption("#filter-kind", "temp");
    const temps = await page.locator("#gantt .gantt-row").count();
    expect(temps).toBeGreaterThan(0);
    expect(temps).toBeLessThan(people);
    expect(await page.locator("#rows-shown").textContent()).toBe(`显示 ${temps} / ${people} 人`);
    await page.selectOption("#filter-kind", "all");
    await page.locator("#roster-card").scrollIntoViewIfNeeded();
    await shot("3-roster");
  });

  it("a solve can be cancelled: nothing is saved and the page says so", async () => {
    const before = (await (await fetch(`${running.url}api/plans/1/roster`)).json()) as { createdAt: string };
    await page.click("#solve");
    await page.click("#cancel");
    await expect.poll(() => page.locator("#banner").textContent()).toBe("已取消，未保存任何结果。");
    const after = (await (await fetch(`${running.url}api/plans/1/roster`)).json()) as { createdAt: string };
    expect(after.createdAt).toBe(before.createdAt);
  });

  it("a plan changed elsewhere while its roster solves: the roster is not saved and the page says so", async () => {
    const before = (await (await fetch(`${running.url}api/plans/1/roster`)).json()) as { createdAt: string };
    await page.click("#solve");
    await expect.poll(() => page.locator("#progress").isVisible()).toBe(true);
    // Another tab saves the plan while the solve runs (the solve of 308 people takes seconds).
    const { input } = (await (await fetch(`${running.url}api/plans/1`)).json()) as { input: unknown };
    const put = await fetch(`${running.url}api/plans/1`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
    expect(put.status).toBe(200);
    await expect.poll(() => page.locator("#banner").textContent(), { timeout: 15_000 }).toBe("求解期间方案被修改了，排班未保存，请重新求解。");
    const after = (await (await fetch(`${running.url}api/plans/1/roster`)).json()) as { createdAt: string; stale: boolean };
    expect(after).toMatchObject({ createdAt: before.createdAt, stale: true });
  });

  it("with too few people, the shortfall is explained in words: which hours, which queue, what would fix it", async () => {
    const sample = readFileSync(new URL("../../data/samples/mid-size-double11.staff.csv", import.meta.url), "utf8");
    const first200 = sample.split("\n").slice(0, 201).join("\n");
    await page.setInputFiles("#staff-file", { name: "first-200.csv", mimeType: "text/csv", buffer: Buffer.from(first200) });
    await expect.poll(() => page.locator("#staff-source").textContent()).toBe("已选文件：first-200.csv");
    await page.click("#solve");
    await page.waitForSelector("#progress", { state: "hidden", timeout: 40_000 });
    expect(await page.locator("#roster-summary .status").textContent()).toMatch(/^人手不足：/);
    const runs = await page.locator("#roster-summary p.short").allTextContents();
    expect(runs.some((line) => /^11-11 00:00 至 11-11 \d\d:\d\d 还需最多 \d+ 名售前客服/.test(line))).toBe(true);
    expect(await page.locator("#roster-summary p.proof").textContent()).toMatch(
      /^共缺 [\d.,]+ 人·时（售前 [\d.,]+，售后 [\d.,]+）。这支团队无论怎么排，至少也缺 [\d.,]+ 人·时（已证明的下界），差距 [\d.]+ %；排法：按团队整体优化。$/,
    );
    expect(await page.locator("#roster-summary p.hiring").textContent()).toMatch(/^招聘建议：再招 \d+ 名.+（\d\d-\d\d \d\d:\d\d.+）.*(可补齐全部.*缺口|后仍缺)/);
    expect((await datasets("coverage")).find((d) => d.label === "缺口")?.max).toBeGreaterThan(0);
    await page.locator("#roster-card").scrollIntoViewIfNeeded();
    await shot("6-shortfall");

    // The suggested hires, added to the list and solved again, leave nothing short.
    await page.click("#add-hires");
    await expect.poll(() => page.locator("#roster-summary").textContent(), { timeout: 60_000 }).toContain("每个时段的需求都已覆盖。");
    expect(await page.locator("#staff-source").textContent()).toMatch(/^已选文件：名单 \+ \d+ 名建议招聘$/);
    expect(await page.locator("#roster-summary p.hiring").count()).toBe(0);
    const roster = (await (await fetch(`${running.url}api/plans/1/roster`)).json()) as { staffCsv: string; result: { shortfallAgentHours: number } };
    expect(roster.result.shortfallAgentHours).toBe(0);
    expect(roster.staffCsv).toMatch(/\nH-[\w-]+-001,/);
  }, 90_000);

  it("switches to English and remembers it", async () => {
    await page.click("#lang");
    expect(await page.locator("h1 small").textContent()).toBe("Double-11 CS staffing and roster");
    expect(await page.locator('label[for="f-chain-salesTargetYuan"]').textContent()).toBe("Shop sales target");
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.locator("#chain-card h2").textContent()).toBe("The staffing chain");
    expect((await datasets("coverage")).map((d) => d.label)).toContain("Pre-sales required");
    await shot("4-english");
    await page.click("#lang");
    expect(await page.locator("#chain-card h2").textContent()).toBe("人数公式");
  });

  it("compares two saved scenarios: both curves overlaid and their totals side by side", async () => {
    await page.fill("#f-chain-salesTargetYuan", "45000000");
    await page.click("#duplicate");
    await expect.poll(() => page.locator("#scenario option").count()).toBe(2);
    await page.selectOption("#compare-a", "1");
    await page.selectOption("#compare-b", "2");
    await expect.poll(async () => (await datasets("compare-chart")).map((d) => d.label)).toEqual(["A 需求（售前+售后）", "A 在岗", "B 需求（售前+售后）"]);
    const rows = page.locator("#compare-table tr");
    expect(await rows.nth(1).locator("td").allTextContents()).toEqual(["店铺销售额（元）", "30,000,000", "45,000,000"]);
    await page.locator("#compare-card").scrollIntoViewIfNeeded();
    await shot("5-compare");
  });

  it("compares the sample plan with last year's sample: overlay chart, totals and the thinner hours", async () => {
    const card = page.locator("#history-card");
    await card.scrollIntoViewIfNeeded();
    await expect.poll(async () => (await datasets("history-chart")).map((d) => d.label)).toEqual(["去年接待量", "今年预测接待量", "去年在岗", "今年需求", "今年排班在岗"]);
    const sets = await datasets("history-chart");
    // The synthetic 2025 file's busiest hour: Nov 11 00:00, 5,735 pre-sales + 19 after-sales, 262 agents.
    expect(sets[0]?.max).toBe(5754);
    expect(sets[2]?.max).toBe(262);
    expect(await page.locator("#history-summary").textContent()).toContain("今年 11-10 00:00 起 120 小时 ↔ 去年 11-10 00:00 起");
    const risks = page.locator("#risk-table tr");
    expect(await risks.count()).toBeGreaterThan(1);
    // The synthetic year staffed the peak at about 22 receptions per agent-hour; the plan at about 28.
    expect(await page.locator("#risk-table tr td:first-child").allTextContents()).toContain("11-11 00:00");
    expect(await page.locator("#estimate-table").textContent()).toContain("订单数");
    await card.screenshot({ path: new URL("7-last-year.png", SHOTS).pathname });
  });

  it("a history file with a bad row is refused with its line and column, and nothing is added", async () => {
    const before = await page.locator("#history-set option").count();
    await page.setInputFiles("#history-file", { name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("时间,售前接待量,售后接待量\n2025-11-10 00:00,10,1\n2025-11-10 01:00,x,1\n") });
    await expect.poll(() => page.locator("#history-note").textContent()).toBe('导入失败，未保存任何数据：csv: 第 3 行，第 2 列（售前接待量）: "x" 不是大于等于 0 的数量');
    expect(await page.locator("#history-set option").count()).toBe(before);
  });

  it("importing the sample GBK file again selects the stored one; last year's estimates applied to a copy of the plan with a growth rate", async () => {
    const gbk = readFileSync(new URL("../../data/samples/mid-size-double11.history.csv", import.meta.url));
    const before = await page.locator("#history-set option").count();
    await page.setInputFiles("#history-file", { name: "去年.csv", mimeType: "text/csv", buffer: gbk });
    await expect.poll(() => page.locator("#history-note").textContent()).toBe("这份数据已导入过（“mid-size-double11 去年双11 (synthetic sample)”），已选中，没有重复添加。");
    expect(await page.locator("#history-set option").count()).toBe(before);
    await page.click("#duplicate");
    await expect.poll(() => page.locator("#scenario option").count()).toBe(3);
    await page.fill("#growth", "10");
    await page.dispatchEvent("#growth", "change");
    await page.click("#apply-history");
    await expect.poll(() => page.locator("#history-note").textContent()).toContain("已按去年数据更新方案（增长 10%）");
    // Forecast = last year's 73,656 pre-sales receptions in the window × 1.1 ≈ 81,022 (up to rounding of the estimates).
    const receptions = Number((await chainValue("chain.receptions"))?.replace(/,/g, ""));
    expect(Math.abs(receptions / (73_656 * 1.1) - 1)).toBeLessThan(0.001);
    expect(await page.locator("#f-presales-curve-kind").inputValue()).toBe("counts");
  });

  it("a 72-hour GBK export is compared over its 72 hours, and the page names the 48 it lacks", async () => {
    await page.setInputFiles("#history-file", { name: "11-10至11-12.csv", mimeType: "text/csv", buffer: sampleHistoryDays("2025-11-10", "2025-11-13") });
    await expect.poll(() => page.locator("#history-note").textContent()).toContain("已导入“11-10至11-12”：72 小时");
    expect(await page.locator("#history-summary").textContent()).toContain("这 120 小时里去年数据只有 72 小时，缺 11-13 00:00 至 11-15 00:00（48 小时）：对比和估算只用两年都有的这 72 小时。");
    await expect
      .poll(
        async () =>
          await page.evaluate(() => {
            const { Chart, document } = globalThis as unknown as PageGlobals;
            return Chart.getChart(document.getElementById("history-chart")).data.datasets[0]?.data.length;
          }),
      )
      .toBe(72);
    expect(await page.locator("#estimate-table").textContent()).toContain("需要窗口内每个小时的数据；去年数据缺 48 / 120 小时");
  });

  it("offers the solved roster as xlsx, csv and ics downloads", async () => {
    await page.selectOption("#scenario", "1");
    await expect.poll(() => page.locator("#exports").isVisible()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-xlsx")]);
    expect(download.suggestedFilename()).toMatch(/排班\.xlsx$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    expect(await page.locator("#export-ics-person").getAttribute("href")).toMatch(/roster\.ics\?person=/);
  });

  it("re-plans the night: the shop's GBK export uploaded, re-forecast from 00:30, the changes in words, then applied as the roster", async () => {
    const card = page.locator("#night-card");
    await card.scrollIntoViewIfNeeded();
    // A bad pasted row is refused with its line and column, and nothing is stored.
    await page.fill("#night-paste", "时间\t分组\t咨询人数\n2026-11-10 18:00\t售前组\tx\n");
    await page.click("#night-paste-send");
    await expect.poll(() => page.locator("#night-errors").textContent()).toContain('第 2 行，第 3 列（咨询人数）: "x" 不是大于等于 0 的数量');
    expect(((await (await fetch(`${running.url}api/plans/1/actuals`)).json()) as { rows: unknown[] }).rows).toEqual([]);
    await page.fill("#night-paste", "");

    const gbk = readFileSync(new URL("../../data/samples/mid-size-double11.actuals.csv", import.meta.url));
    await page.setInputFiles("#night-file", { name: "千牛导出.csv", mimeType: "text/csv", buffer: gbk });
    // 18:00 to 00:00 on the peak night, both queues: 26 figures; the reader's notes as the server says them.
    await expect.poll(() => page.locator("#night-posted").textContent()).toBe("已录入：新增 26 条、替换 0 条、未变 0 条（文件每 30 分钟一行）。");
    expect(await page.locator("#night-notes").textContent()).toContain("skipped summary rows (汇总): line 28");
    expect(await page.locator("#night-errors").textContent()).toBe("");
    expect(await page.locator('#night-grid input[name="2026-11-11T00:00|presales"]').inputValue()).toBe("3681");
    expect(await page.locator("#night-now").inputValue()).toBe("2026-11-11T00:30");

    await page.selectOption("#night-now", "2026-11-11T00:30");
    await page.click("#night-replan");
    expect(await page.locator("#night-status").textContent()).toBe("正在调配…");
    expect(await page.locator("#night-replan").isDisabled()).toBe(true);
    await page.waitForSelector("#night-result", { state: "visible", timeout: 15_000 });
    const summary = page.locator("#night-summary");
    expect(await summary.locator(".basis").textContent()).toMatch(/^重新预测：售前 近2小时实际为预测的 1\.\d\d 倍；售后 近2小时实际为预测的 1\.\d\d 倍/);
    expect(await summary.locator(".shortfall").textContent()).toMatch(/^此刻起的缺口：调配前 [\d.,]+ 人·时 → 调配后 [\d.,]+ 人·时。$/);
    const changes = await page.locator("#night-changes li").allTextContents();
    expect(changes.some((line) => /^\w+ \S+：延长至 \d\d:\d\d（连续值班 [\d.]+ 小时）$/.test(line))).toBe(true);
    expect(await page.locator("#night-changes-title").textContent()).toBe(`变更（${changes.length} 项）：`);
    expect((await datasets("night-receptions")).map((d) => d.label)).toEqual(["原预测", "实际", "重新预测"]);
    expect((await datasets("night-coverage")).map((d) => d.label)).toEqual(["原需求", "需求（重新预测）", "调配前在岗", "调配后在岗"]);
    // The whole card, clipped from the full page scrolled to the top, so the sticky header does not cover it.
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    const box = await card.evaluate((node) => {
      const r = (node as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }).getBoundingClientRect();
      return { x: r.x, y: r.y + (globalThis as unknown as { scrollY: number }).scrollY, width: r.width, height: r.height };
    });
    await page.screenshot({ path: new URL("8-night.png", SHOTS).pathname, fullPage: true, clip: box });

    await page.click("#night-apply");
    await expect.poll(() => page.locator("#night-applied").textContent()).toMatch(/^已应用/);
    const roster = (await (await fetch(`${running.url}api/plans/1/roster`)).json()) as { result: { method: string } };
    expect(roster.result.method).toBe("replan");
    expect(await page.locator("#night-apply").isDisabled()).toBe(true);
    const version = page.locator("#night-versions li").last();
    expect(await version.textContent()).toMatch(/^第 \d+ 版：.+被第 \d+ 次调配取代/);
    expect(await version.locator("a").getAttribute("href")).toMatch(/^\/api\/plans\/1\/roster\/versions\/\d+\.xlsx/);
    expect(await page.locator("#export-xlsx").getAttribute("href")).toBe("/api/plans/1/roster.xlsx");

    // A figure corrected in the quick grid is sent (alone) as JSON rows and replaces the stored one.
    await page.fill('#night-grid input[name="2026-11-11T00:00|aftersales"]', "8");
    await page.click("#night-grid-send");
    await expect.poll(() => page.locator("#night-posted").textContent()).toBe("已录入：新增 0 条、替换 1 条、未变 0 条。");

    await page.click("#lang");
    expect(await summary.locator(".basis").textContent()).toMatch(/^Re-forecast: pre-sales the last 2 h ran at 1\.\d\d× the forecast/);
    expect(await page.locator("#night-card h2").textContent()).toBe("Re-plan on the night");
  });
});
