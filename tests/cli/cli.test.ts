import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { main } from "../../src/cli/main.ts";
import { openDb } from "../../src/store/db.ts";
import { historyRepo } from "../../src/store/history.ts";
import { FACTOR_SAMPLE_PLAN, planWith, SAMPLE_PLAN, sampleHistoryDays } from "../fixtures.ts";

const SAMPLE = SAMPLE_PLAN;
/** The sample on the factor method (before issue 12), for goldens that rest on its requirement. */
const FACTOR_SAMPLE = FACTOR_SAMPLE_PLAN;
const dir = mkdtempSync(join(tmpdir(), "peakcrew-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function writeJson(name: string, content: unknown) {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("peakcrew staffing", () => {
  it("--json prints one JSON document: the chain and both queues per interval for the sample", async () => {
    const { code, stdout, stderr } = await run("staffing", SAMPLE, "--json");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const result = JSON.parse(stdout);
    expect(result.chain).toMatchObject({ csBuyers: 37500, agents: 197 });
    expect(result.intervals).toHaveLength(240);
    expect(result.intervals[48].presales).toMatchObject({ productiveAgents: expect.any(Number), scheduledAgents: expect.any(Number) });
    expect(result.intervals[48].aftersales.humanReceptions).toBeGreaterThan(0);
  });

  it("prints readable tables by default", async () => {
    const { code, stdout } = await run("staffing", SAMPLE);
    expect(code).toBe(0);
    expect(stdout).toMatch(/店铺销售额 × 客服销售占比\s+csSalesYuan\s+10500000/);
    // 210 at 11-11 00:00: the chat model's peak, checked against the independent reference in tests/domain/staffing.test.ts.
    expect(stdout).toMatch(/presales\s+83333\.33\s+66666\.67\s+210\s+11-11 00:00/);
    expect(stdout).toMatch(/^Model presales: erlang-chat, K = 4, AHT by chats held 300\/345\/390\/435 s$/m);
    expect(stdout).toMatch(/^11-11 00:00 /m);
  });

  it("prints one line per queue naming the model it ran: the chat model's K and AHT list, or the factor", async () => {
    const sample = JSON.parse(readFileSync(FACTOR_SAMPLE, "utf8"));
    sample.presales.service = { ...sample.presales.service, concurrency: { sessionMin: 9, repliesPerMin: 5, questionsPerSession: 10 }, chat: { ahtSecAtOneChat: 200, slowdownPerExtraChat: 0.25 } };
    const { code, stdout } = await run("staffing", writeJson("chat.plan.json", sample));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Model presales: erlang-chat, K = 4, AHT by chats held 200\/250\/300\/350 s$/m);
    expect(stdout).toMatch(/^Model aftersales: factor \(Erlang on AHT ÷ concurrency \d/m);
  });

  it("exit 2 naming the field for a plan with a bad value", async () => {
    const { code, stdout, stderr } = await run("staffing", writeJson("bad.json", planWith("chain.csSalesShare", "35%")), "--json");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/chain\.csSalesShare/);
  });

  it("exit 2 naming the file when it is missing or not JSON", async () => {
    const missing = await run("staffing", join(dir, "nope.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read: ENOENT/);
    const broken = await run("staffing", writeJson("broken.json", "{ not json"));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json: not valid JSON/);
  });

  it("exit 2 for an unknown flag or a missing file argument", async () => {
    expect((await run("staffing", SAMPLE, "--jsn")).code).toBe(2);
    expect((await run("staffing")).stderr).toMatch(/expected 1 file argument/);
  });
});

describe("peakcrew erlang", () => {
  const example = ["--arrivals", "100", "--interval-min", "30", "--aht-sec", "180", "--target-sec", "20", "--service-level", "0.8"];

  it("--json gives the published example's 14 productive and 20 scheduled agents (pyworkforce README)", async () => {
    const { code, stdout } = await run("erlang", ...example, "--max-occupancy", "0.85", "--shrinkage", "0.3", "--json");
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({ model: "erlang-c", productiveAgents: 14, scheduledAgents: 20 });
    expect(r.serviceLevel).toBeCloseTo(0.88835, 5);
  });

  it("--agents K evaluates K; a headcount that misses the target exits 1", async () => {
    const miss = await run("erlang", ...example, "--agents", "12", "--json");
    expect(miss.code).toBe(1);
    expect(JSON.parse(miss.stdout)).toMatchObject({ productiveAgents: 12, meetsTarget: false });
    expect((await run("erlang", ...example, "--agents", "14")).code).toBe(0);
  });

  it("a patience switches to Erlang A and reports abandonment", async () => {
    const { stdout } = await run("erlang", ...example, "--patience-sec", "60");
    expect(stdout).toMatch(/Erlang A/);
    expect(stdout).toMatch(/abandonment/);
  });

  it("exit 2 naming each bad or missing flag", async () => {
    const { code, stderr } = await run("erlang", "--arrivals", "many", "--interval-min", "30", "--aht-sec", "180", "--service-level", "80");
    expect(code).toBe(2);
    expect(stderr).toMatch(/--arrivals: not a number/);
    expect(stderr).toMatch(/--target-sec: is required/);
    expect(stderr).toMatch(/--service-level: a fraction/);
  });
});

describe("peakcrew erlang with a list of handle times (the chat model)", () => {
  // CCmath's Erlang Chat demo case (ErlangCCmath package demo script, erlang.ccmath.com): 240 chats per
  // hour, AHT 3, 3.5, 4 min, AWT 0.333 min, patience 1 min, 100 lines, 5 agents.
  const chat = ["--arrivals", "240", "--interval-min", "60", "--aht-sec", "180,210,240", "--target-sec", "19.98", "--service-level", "0.8", "--patience-sec", "60", "--lines", "100"];

  it("--agents K --json evaluates K with both conventions and the model name", async () => {
    const { code, stdout } = await run("erlang", ...chat, "--agents", "5", "--sl-convention", "virtual", "--json");
    expect(code).toBe(1);
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({ model: "erlang-chat", parallel: 3, productiveAgents: 5, convention: "virtual", meetsTarget: false });
    expect(r.serviceLevelVirtual).toBeCloseTo(0.7444, 4);
    expect(r.serviceLevel).toBe(r.serviceLevelVirtual);
    expect(r.serviceLevelAnsweredWithin).toBeLessThan(r.serviceLevelVirtual);
    expect(r.abandonProbability).toBeCloseTo(0.1544, 4);
  });

  it("without --agents finds the least headcount; the text names the model and both conventions", async () => {
    const { code, stdout } = await run("erlang", ...chat);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Erlang Chat \(erlang-chat\): up to 3 chats/);
    expect(stdout).toMatch(/service level, virtual/);
    expect(stdout).toMatch(/service level, answered within T/);
    expect(stdout).toMatch(/productive agents\s+6\n/);
  });

  it("exit 2 naming the flag for a bad list, lines, convention, or --concurrency", async () => {
    expect((await run("erlang", ...chat, "--aht-sec", "180,,240")).stderr).toMatch(/--aht-sec: a comma-separated list/);
    expect((await run("erlang", ...chat, "--aht-sec", "180,-1")).stderr).toMatch(/--aht-sec/);
    expect((await run("erlang", ...chat, "--lines", "2.5")).stderr).toMatch(/--lines/);
    const bad = await run("erlang", ...chat, "--sl-convention", "strict");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sl-convention: must be "virtual" or "answered"/);
    expect((await run("erlang", ...chat, "--concurrency", "2")).stderr).toMatch(/--concurrency: does not apply/);
  });

  it("one handle time keeps the Erlang C/A command; --lines or --sl-convention with it exit 2", async () => {
    const one = ["--arrivals", "100", "--interval-min", "30", "--aht-sec", "180", "--target-sec", "20", "--service-level", "0.8"];
    expect(JSON.parse((await run("erlang", ...one, "--json")).stdout)).toMatchObject({ model: "erlang-c", productiveAgents: 14 });
    const lines = await run("erlang", ...one, "--lines", "100");
    expect(lines.code).toBe(2);
    expect(lines.stderr).toMatch(/--lines: applies only to a list of handle times/);
    expect((await run("erlang", ...one, "--sl-convention", "virtual")).code).toBe(2);
  });
});

describe("peakcrew design and roster", () => {
  it("design --json solves a bench instance optimally", async () => {
    const { code, stdout } = await run("design", "tests/fixtures/bench/d11-S.json", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: "optimal", paidHours: 402, gap: 0 });
  });

  it("roster on the sample plan and staff, in Chinese: optimal, nothing short, no findings, untrained temps listed", async () => {
    const { code, stdout } = await run("roster", SAMPLE, "--staff", "data/samples/mid-size-double11.staff.csv");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^排班：最优（先设计班次再排人）。/);
    expect(stdout).toMatch(/规则检查发现：0。/);
    expect(stdout).toContain("缺口：无，需求全部覆盖。");
    expect(stdout).toMatch(/未排（临时客服尚未培训）: .*\(TMP010\)/);
    // The sample lets after-sales wait 2 h in the peak band, but waiting saves no paid hours
    // there (its after-sales is thin at the peak), so nobody is kept waiting.
    expect(stdout).toContain("售后稍后：11-10 20:00–11-11 02:00 进线的售后最多可等 2 小时；其中 0 人·时等待后处理。");
  });

  it("roster --lang en: the same in English", async () => {
    const { code, stdout } = await run("roster", SAMPLE, "--staff", "data/samples/mid-size-double11.staff.csv", "--lang", "en");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Roster: optimal \(design then assign\)\./);
    expect(stdout).toMatch(/Rule findings: 0\./);
    expect(stdout).toContain("Short: nothing; every interval is covered.");
  });

  it("roster with the sample pool less its support staff: exit 1, the shortfall with its bound, and the hires that close it", async () => {
    const lines = readFileSync("data/samples/mid-size-double11.staff.csv", "utf8").split(/\r?\n/);
    const staff = join(dir, "no-support.csv");
    writeFileSync(staff, lines.filter((line) => !line.includes(",支援,")).join("\n"));
    const { code, stdout } = await run("roster", FACTOR_SAMPLE, "--staff", staff);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^排班：有缺口（缺口已证明接近最少）（按团队整体优化）。/);
    expect(stdout).toMatch(/缺口：售前 \d+(\.\d+)? 人·时，售后 \d+(\.\d+)? 人·时；这支团队至少缺 \d+(\.\d+)? 人·时（已证明的下界）/);
    expect(stdout).toMatch(/招聘建议：再招 \d+ 名.+（.+）可补齐全部售前缺口。/);
  }, 90_000);

  it("roster exits 2 naming the line and column of a bad staff row, or the missing --staff", async () => {
    const bad = join(dir, "staff.csv");
    writeFileSync(bad, "工号,姓名,子账号,技能,类型,已培训,可排时段,最长工时\nA1,王芳,,售前,全职,也许,,40\n");
    const res = await run("roster", SAMPLE, "--staff", bad);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/line 2, column 6 \(trained\)/);
    expect((await run("roster", SAMPLE)).stderr).toMatch(/--staff: is required/);
  });
});

describe("peakcrew history and compare", () => {
  const HISTORY = "data/samples/mid-size-double11.history.csv";

  it("a GBK file and the same file in UTF-8 import to the same dataset, stored once", async () => {
    const db = join(dir, "history.db");
    const utf8 = join(dir, "history-utf8.csv");
    writeFileSync(utf8, iconv.decode(readFileSync(HISTORY), "gbk"), "utf8");
    const gbk = await run("history", "import", HISTORY, "--name", "gbk", "--db", db, "--json");
    const plain = await run("history", "import", utf8, "--name", "utf8", "--db", db);
    expect([gbk.code, plain.code]).toEqual([0, 0]);
    expect(JSON.parse(gbk.stdout)).toMatchObject({ id: 1, name: "gbk", encoding: "gb18030" });
    expect(plain.stdout).toMatch(/^Already imported \(nothing added\): history 1 "gbk" \(gb18030\): 600 hours/);
    const store = openDb(db);
    const repo = historyRepo(store);
    expect(repo.count()).toBe(1);
    expect(repo.withRows(1)?.rows).toHaveLength(600);
    store.close();
    const listed = await run("history", "list", "--db", db);
    expect(listed.stdout).toMatch(/gbk .*gb18030/);
  });

  it("a file with a bad row exits 2 naming the file, line and column, and imports nothing", async () => {
    const db = join(dir, "bad-history.db");
    const file = writeJson("bad-history.csv", "时间,售前接待量,售后接待量\n2025-11-10 00:00,10,1\n2025-11-10 01:00,10,-3\n");
    const { code, stderr } = await run("history", "import", file, "--db", db);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${file}: line 3, column 3 (aftersales): "-3" is not a count ≥ 0\n`);
    const store = openDb(db);
    expect(historyRepo(store).count()).toBe(0);
    store.close();
  });

  it("compare prints totals, the risk list and the hours; --json is one document", async () => {
    const text = await run("compare", FACTOR_SAMPLE, "--history", HISTORY);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("against last year's 2025-11-10 00:00");
    expect(text.stdout).toMatch(/Risk: \d+ hours/);
    expect(text.stdout).toMatch(/11-11 00:00: 6878 receptions for 242 agents/);
    const json = await run("compare", SAMPLE, "--history", HISTORY, "--json");
    const comparison = JSON.parse(json.stdout);
    expect(comparison.hours).toHaveLength(120);
    expect(comparison.risks.length).toBeGreaterThan(0);
  });

  it("a 72-hour GBK export compares against the 5-day sample plan, naming the 48 missing hours; estimates say so", async () => {
    const file = join(dir, "nov10-12.csv");
    writeFileSync(file, sampleHistoryDays("2025-11-10", "2025-11-13"));
    const text = await run("compare", SAMPLE, "--history", file);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Last year's data has 72 of the 120 hours; missing (this year's clock): 11-13 00:00 – 11-15 00:00 (48 h). Only the 72 hours both years have are used.");
    const json = JSON.parse((await run("compare", SAMPLE, "--history", file, "--json")).stdout);
    expect(json.hours).toHaveLength(72);
    expect(json.alignment.missing).toEqual([{ from: "2026-11-13T00:00:00.000+08:00", to: "2026-11-15T00:00:00.000+08:00", hours: 48, lastYear: { from: "2025-11-13T00:00", to: "2025-11-15T00:00" } }]);
    const estimate = await run("history", "estimate", SAMPLE, "--history", file);
    expect(estimate.code).toBe(0);
    expect(estimate.stdout).toContain("Last year's data has 72 of the 120 hours");
    expect(estimate.stdout).toMatch(/presalesCurve +— .*needs every hour of the window; last year's data lacks 48 of its 120 hours/);
  });

  it("exits 2 naming history when the file has none of the window's hours", async () => {
    const file = join(dir, "nov20-24.csv");
    writeFileSync(file, sampleHistoryDays("2025-11-20", "2025-11-25"));
    const { code, stderr } = await run("compare", SAMPLE, "--history", file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: history: the dataset has none of the window's 120 hours/);
  });

  it("compare takes a stored dataset id, and exits 2 naming --history for an unknown one", async () => {
    const db = join(dir, "compare.db");
    const imported = JSON.parse((await run("history", "import", HISTORY, "--db", db, "--json")).stdout);
    expect((await run("compare", SAMPLE, "--history", String(imported.id), "--db", db, "--json")).code).toBe(0);
    const missing = await run("compare", SAMPLE, "--history", "42", "--db", db);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: --history: no history dataset 42/);
  });

  it("history estimate --out writes the plan with last year's estimates applied", async () => {
    const out = join(dir, "estimated.plan.json");
    const { code, stdout } = await run("history", "estimate", SAMPLE, "--history", HISTORY, "--growth", "0.2", "--out", out);
    expect(code).toBe(0);
    expect(stdout).toContain("inquiryConversionRate");
    const plan = JSON.parse(readFileSync(out, "utf8"));
    expect(plan.presales.curve).toMatchObject({ kind: "counts", intervalMin: 60 });
    expect((await run("staffing", out, "--json")).code).toBe(0);
  });

  it("roster --out writes xlsx, csv and ics files", async () => {
    for (const ext of ["xlsx", "csv", "ics"]) {
      const out = join(dir, `sample-roster.${ext}`);
      const { code, stdout } = await run("roster", SAMPLE, "--staff", "data/samples/mid-size-double11.staff.csv", "--out", out);
      expect(code).toBe(0);
      expect(stdout).toContain(`已写入: ${out}`);
      expect(existsSync(out)).toBe(true);
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, "sample-roster.xlsx"));
    expect(book.worksheets.map((w) => w.name)).toEqual(["排班名单", "11-10 排班", "11-11 排班", "11-12 排班", "11-13 排班", "11-14 排班", "覆盖"]);
    expect((await run("roster", SAMPLE, "--staff", "x.csv", "--out", "roster.pdf")).stderr).toMatch(/--out: must end in \.xlsx, \.csv or \.ics/);
    const one = join(dir, "FT001.ics");
    expect((await run("roster", SAMPLE, "--staff", "data/samples/mid-size-double11.staff.csv", "--out", one, "--person", "FT001")).code).toBe(0);
    const events = readFileSync(one, "utf8").match(/^SUMMARY:.*$/gm) ?? [];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.endsWith("· 汪梦"))).toBe(true);
  });
});

describe("the installed command (bin/peakcrew.js)", () => {
  it("npm run -s cli -- staffing … --json prints only JSON on stdout", () => {
    const out = spawnSync("npm", ["run", "-s", "cli", "--", "staffing", SAMPLE, "--json"], { encoding: "utf8" });
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).chain.agents).toBe(197);
  });

  it("exits 2 for bad input", () => {
    const out = spawnSync(process.execPath, ["bin/peakcrew.js", "erlang", "--arrivals", "x"], { encoding: "utf8" });
    expect(out.status).toBe(2);
  });

  it("serve binds 127.0.0.1, saves the sample plan, its roster and history into a new database and serves them; importing the sample again adds nothing", async () => {
    const child: ChildProcess = spawn(process.execPath, ["bin/peakcrew.js", "serve", "--port", "0", "--db", join(dir, "serve.db")]);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = "";
        child.stdout?.on("data", (chunk: Buffer) => {
          seen += chunk.toString();
          const match = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
          if (match) resolve(match[1] as string);
        });
        child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const plans = (await (await fetch(`${url}api/plans`)).json()) as { id: number; name: string }[];
      expect(plans).toHaveLength(1);
      const plan = (await (await fetch(`${url}api/plans/${plans[0]?.id}`)).json()) as { result: { chain: { agents: number } } };
      expect(plan.result.chain.agents).toBe(197);
      const roster = (await (await fetch(`${url}api/plans/${plans[0]?.id}/roster`)).json()) as { result: { status: string } };
      expect(roster.result.status).toBe("optimal");
      const history = (await (await fetch(`${url}api/history`)).json()) as { id: number; encoding: string }[];
      expect(history.map((h) => h.encoding)).toEqual(["gb18030"]);
      expect((await fetch(`${url}api/plans/${plans[0]?.id}/compare?history=${history[0]?.id}`)).status).toBe(200);
      expect((await fetch(url)).status).toBe(200);
      expect((await fetch(`${url}vendor/chart.js/chart.umd.min.js`)).status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    }
    // The README's next step, `history import` of the sample, finds it already stored.
    const imported = await run("history", "import", "data/samples/mid-size-double11.history.csv", "--name", "2025", "--db", join(dir, "serve.db"));
    expect(imported.stdout).toMatch(/^Already imported \(nothing added\): history 1 /);
    const store = openDb(join(dir, "serve.db"));
    expect(historyRepo(store).count()).toBe(1);
    store.close();
  });

  it("runs the compiled dist/ without tsx (a dev dependency): erlang answers with tsx made unloadable", () => {
    const noTsx = `export async function resolve(s, c, next) { if (s === "tsx" || s.startsWith("tsx/")) throw new Error("tsx loaded"); return next(s, c); }`;
    const register = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(noTsx)}`)});`;
    const argv = ["erlang", "--arrivals", "100", "--interval-min", "30", "--aht-sec", "180", "--target-sec", "20", "--service-level", "0.8"];
    const out = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(register)}`, "bin/peakcrew.js", ...argv], { encoding: "utf8" });
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/productive agents\s+14/);
  });

  it("`npm start --port 3103` (npm keeps --port, passes 3103 on): exit 2 showing `npm start -- --port 3103`", async () => {
    process.env.npm_config_port = "true";
    try {
      const { code, stderr } = await run("serve", "3103");
      expect(stderr).toBe("error: --port: npm kept --port for itself; pass it on with --: npm start -- --port 3103 (or PORT=3103 npm start)\n");
      expect(code).toBe(2);
    } finally {
      delete process.env.npm_config_port;
    }
  });

  it("a busy port (here from PORT): one line naming it and how to pick another, exit 2, no stack trace", async () => {
    const { createServer } = await import("node:net");
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ["bin/peakcrew.js", "serve", "--db", join(dir, "busy.db")], { env: { ...process.env, PORT: String(port) } });
        let stderr = "";
        child.stderr?.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        child.on("exit", (code) => resolve({ code, stderr }));
      });
      expect(out.stderr).toBe(`error: --port: port ${port} is in use by another program; pick another: npm start -- --port ${port + 1}, or PORT=${port + 1} npm start\n`);
      expect(out.code).toBe(2);
    } finally {
      taken.close();
    }
  }, 60_000);
});

describe("peakcrew replan", () => {
  const ACTUALS = "data/samples/mid-size-double11.actuals.csv";
  const STAFF = "data/samples/mid-size-double11.staff.csv";

  it("re-plans the sample night at 00:30 from the sample's GBK export: the basis, before → after, the change list in Chinese", async () => {
    const { code, stdout } = await run("replan", SAMPLE, "--staff", STAFF, "--actuals", ACTUALS, "--now", "2026-11-11T00:30");
    expect([0, 1]).toContain(code);
    expect(stdout).toMatch(/^当日调配：11-11 00:30，提前通知 60 分钟。/);
    expect(stdout).toMatch(/重新预测：售前 近2小时实际为预测的 1\.\d\d 倍/);
    expect(stdout).toMatch(/此刻起的缺口：调配前 [\d.]+ 人·时 → 调配后 [\d.]+ 人·时。/);
    expect(stdout).toMatch(/\n {2}\S+ \S+：延长至 \d\d:\d\d（连续值班 [\d.]+ 小时）\n/);
    expect(stdout).toContain("skipped summary rows (汇总)");
  });

  it("--json: reforecast, changes, shifts, coverage and the shortfall before and after; --out writes the new roster", async () => {
    const out = join(dir, "night.xlsx");
    const { stdout } = await run("replan", SAMPLE, "--staff", STAFF, "--actuals", ACTUALS, "--now", "2026-11-11T00:30", "--json", "--out", out);
    const r = JSON.parse(stdout);
    expect(r.reforecast.basis.presales).toMatchObject({ code: "ratio", hours: 2 });
    expect(r.changes.length).toBeGreaterThan(0);
    for (const c of r.changes) expect(["extend", "shorten", "rest", "callIn", "move", "cancel", "shift"]).toContain(c.kind);
    expect(r.shifts.length).toBe(r.roster.shifts.length);
    expect(r.coverage[0].start).toBe("2026-11-11T00:30:00.000+08:00");
    expect(r.shortfallAgentHours.after).toBeLessThan(r.shortfallAgentHours.before);
    expect(existsSync(out)).toBe(true);
  });

  it("exits 2 naming --now when it is off the grid or missing, and the line and column of a bad actuals cell", async () => {
    expect((await run("replan", SAMPLE, "--staff", STAFF, "--actuals", ACTUALS, "--now", "2026-11-11T00:20")).stderr).toMatch(/now: 2026-11-11T00:20 is not an interval start/);
    expect((await run("replan", SAMPLE, "--staff", STAFF, "--actuals", ACTUALS)).stderr).toMatch(/--now: is required/);
    const bad = join(dir, "bad-actuals.csv");
    writeFileSync(bad, "时间,分组,咨询人数\n2026-11-10 18:00,售前组,120\n2026-11-10 18:30,售前组,-5\n");
    const res = await run("replan", SAMPLE, "--staff", STAFF, "--actuals", bad, "--now", "2026-11-11T00:30");
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--actuals: line 3, column 3/);
  });
});
