// Signing in on a shared server, in a real browser (Debian's Chromium via playwright-core):
// the app served in-process from a database file that has a manager and a viewer.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "../../src/passwords.ts";
import { type Running, serve } from "../../src/server.ts";
import { openDb } from "../../src/store/db.ts";
import { usersRepo } from "../../src/store/users.ts";

// Each password set or checked runs scrypt at N = 2^17 (~0.4 s, more on a busy machine).
vi.setConfig({ testTimeout: 60_000 });

const CHROMIUM = process.env.PEAKCREW_CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const SHOTS = new URL("../../test-artifacts/", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "peakcrew-login-"));

let running: Running;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set PEAKCREW_CHROMIUM`);
  mkdirSync(SHOTS, { recursive: true });
  const dbFile = join(dir, "shared.db");
  const db = openDb(dbFile);
  usersRepo(db).add("王经理", "manager", await hashPassword("manager-pass-1"), new Date().toISOString());
  usersRepo(db).add("张查看", "viewer", await hashPassword("viewer-pass-1"), new Date().toISOString());
  db.close();
  running = await serve({ port: 0, host: "127.0.0.1", dbFile });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, locale: "zh-CN" });
  page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  await page.goto(running.url);
});

async function signIn(name: string, password: string) {
  await page.waitForSelector("#login[open]");
  await page.fill("#login-name", name);
  await page.fill("#login-password", password);
  await page.click("#login-submit");
}

describe("signing in on a shared server", () => {
  it("asks to sign in, refuses a wrong password, then loads the plan and shows who is signed in; sign-out asks again", async () => {
    expect(await page.locator("#login h2").textContent()).toBe("登录");
    await signIn("王经理", "wrong-password");
    await expect.poll(() => page.locator("#login-error").textContent(), { timeout: 10_000 }).toBe("用户名或密码不正确。");
    await page.fill("#login-password", "manager-pass-1");
    await page.click("#login-submit");
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.locator("#login").isVisible()).toBe(false);
    expect(await page.locator('#chain li[data-step="chain.csSales"] .value').textContent()).toBe("10,500,000 元");
    expect(await page.locator("#user").textContent()).toBe("王经理 · 经理 退出登录");
    await page.screenshot({ path: new URL("login-signed-in.png", SHOTS).pathname });
    await page.click("#logout");
    await page.waitForSelector("#login[open]");
    expect((await fetch(`${running.url}api/plans`)).status).toBe(401);
  });

  it("a viewer sees the plan, and saving it says the role may not", async () => {
    await signIn("张查看", "viewer-pass-1");
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.locator("#user").textContent()).toBe("张查看 · 查看 退出登录");
    await page.click("#save");
    await expect.poll(() => page.locator("#banner").textContent(), { timeout: 10_000 }).toContain("你的角色没有这项权限");
  });
});
