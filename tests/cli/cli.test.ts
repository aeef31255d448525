import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { openDb } from "../../src/store/db.ts";
import { historyRepo } from "../../src/store/history.ts";
import { FACTOR_SAMPLE_PLAN, planWith, SAMPLE_PLAN, sampleHistoryDays } from "../fixtures.ts";
import { runCli } from "./run.ts";

const SAMPLE = SAMPLE_PLAN;
/** The sample on the factor method (before issue 12), for goldens that rest on its requirement. */
const FACTOR_SAMPLE = FACTOR_SAMPLE_PLAN;
const dir = mkdtempSync(join(tmpdir(), "peakcrew-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => runCli(argv);

function writeJson(name: string, content: unknown) {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

/** Every command's flags, written out here (not read from the specs) so a flag missing from its help fails. */
const FLAGS: Record<string, string[]> = {
  serve: ["--port", "--host", "--db", "--time-limit-sec", "--trust-proxy", "--allowed-host"],
  staffing: ["--json"],
  erlang: [
    "--arrivals",
    "--interval-min",
    "--aht-sec",
    "--target-sec",
    "--service-level",
    "--max-occupancy",
    "--shrinkage",
    "--concurrency",
    "--patience-sec",
    "--agents",
    "--lines",
    "--sl-convention",
    "--json",
  ],
  design: ["--time-limit-sec", "--json"],
  roster: ["--staff", "--out", "--person", "--time-limit-sec", "--json"],
  "history import": ["--name", "--zone", "--encoding", "--db", "--json"],
  "history list": ["--db", "--json"],
  "history estimate": ["--history", "--growth", "--out", "--db", "--json"],
  compare: ["--history", "--staff", "--tolerance", "--time-limit-sec", "--db", "--json"],
  replan: ["--staff", "--actuals", "--now", "--notice-min", "--method", "--window-hours", "--out", "--time-limit-sec", "--json"],
  "chat-report": ["--plan", "--queue", "--apply", "--out", "--encoding", "--db", "--json"],
  "users add": ["--role", "--password-stdin", "--db"],
  "users passwd": ["--password-stdin", "--db"],
  "users remove": ["--db"],
  "users list": ["--db", "--json"],
};

describe("--help", () => {
  for (const [command, flags] of Object.entries(FLAGS)) {
    it(`${command} --help: usage, every flag on its own line, an example; Chinese, or English with --lang en`, async () => {
      const zh = await run(...command.split(" "), "--help");
      expect([zh.code, zh.stderr]).toEqual([0, ""]);
      expect(zh.stdout).toMatch(new RegExp(`^用法：peakcrew ${command} `));
      for (const flag of [...flags, "--lang zh|en", "-h, --help"]) expect(zh.stdout).toMatch(new RegExp(`^ {2}${flag.replace(/[|]/g, "\\|")}\\b.*[\\u4e00-\\u9fff]`, "m"));
      expect(zh.stdout).toMatch(new RegExp(`\n示例：\n {2}peakcrew ${command} \\S`));
      const en = await run(...command.split(" "), "-h", "--lang", "en");
      expect(en.code).toBe(0);
      expect(en.stdout).toMatch(new RegExp(`^usage: peakcrew ${command} `));
      for (const flag of flags) expect(en.stdout).toMatch(new RegExp(`^ {2}${flag}\\b`, "m"));
      expect(en.stdout).toMatch(/\nExample:\n/);
      expect((await run("help", ...command.split(" "))).stdout).toBe(zh.stdout);
    });
  }

  it("peakcrew --help lists every command (exit 0); no command at all prints it and exits 2; an unknown one exits 2 naming it", async () => {
    const help = await run("--help");
    expect(help.code).toBe(0);
    for (const command of new Set(Object.keys(FLAGS).map((c) => c.split(" ")[0] as string))) expect(help.stdout).toMatch(new RegExp(`^ {2}${command} +\\S`, "m"));
    expect(help.stdout).toMatch(/^用法：peakcrew <命令>/);
    expect((await run("-h", "--lang", "en")).stdout).toMatch(/^usage: peakcrew <command>/);
    expect((await run()).code).toBe(2);
    const unknown = await run("rostr");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^错误：command：没有“rostr”这个命令\n\n用法：peakcrew <命令>/);
    expect((await run("history", "--help")).stdout).toMatch(/^ {2}history estimate +\S/m);
    expect((await run("history", "lst")).stderr).toMatch(/^错误：command：应为 history import、history list、history estimate，收到“history lst”/);
  });
});

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

  it("prints readable tables in Chinese by default, in the page's words, numbers with thousands separators", async () => {
    const { code, stdout } = await run("staffing", SAMPLE);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^店铺销售额 × 客服销售占比\s+csSalesYuan\s+10,500,000$/m);
    // 210 at 11-11 00:00: the chat model's peak, checked against the independent reference in tests/domain/staffing.test.ts.
    expect(stdout).toMatch(/^售前\s+83,333\.33\s+66,666\.67\s+210\s+11-11 00:00\s+2,601$/m);
    expect(stdout).toMatch(/^售前：Erlang Chat 模型，每人最多同时接待 4 个会话，处理时长 300\/345\/390\/435 秒（同时接待 1…4 个时）。$/m);
    // 420 × (1 + 0.15) = 483 exactly; the number is printed as such, not "483.00".
    expect(stdout).toMatch(/^售后：Erlang Chat 模型，每人最多同时接待 3 个会话，处理时长 420\/483\/546 秒/m);
    expect(stdout).toMatch(/^时段\s+售前接待量\s+售前在岗\s+售前排班\s+售前服务水平 %\s+售后接待量/m);
    // The service level reads as percent (92.5), as on the page, not as the fraction 0.925.
    expect(stdout).toMatch(/^11-10 00:00\s+68\.66\s+5\s+6\s+92\.5\s/m);
    expect(stdout).not.toMatch(/pre recv|Model presales|^presales /m);
  });

  it("--lang en prints the same in English", async () => {
    const { code, stdout } = await run("staffing", SAMPLE, "--lang", "en");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^shop sales × CS share\s+csSalesYuan\s+10,500,000$/m);
    expect(stdout).toMatch(/^pre-sales\s+83,333\.33\s+66,666\.67\s+210\s+11-11 00:00/m);
    expect(stdout).toMatch(/^pre-sales: the Erlang Chat model, at most 4 chats per agent, handling time 300\/345\/390\/435 s \(holding 1…4\)\.$/m);
    expect(stdout).toMatch(/^start\s+pre-sales recv\s+pre-sales prod\s+pre-sales sched\s+pre-sales SL %/m);
    expect(stdout).not.toMatch(/售前/);
  });

  it("prints one line per queue naming the model it ran: the chat model's K and AHT list, or the factor", async () => {
    const sample = JSON.parse(readFileSync(FACTOR_SAMPLE, "utf8"));
    sample.presales.service = { ...sample.presales.service, concurrency: { sessionMin: 9, repliesPerMin: 5, questionsPerSession: 10 }, chat: { ahtSecAtOneChat: 200, slowdownPerExtraChat: 0.25 } };
    const { code, stdout } = await run("staffing", writeJson("chat.plan.json", sample));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^售前：Erlang Chat 模型，每人最多同时接待 4 个会话，处理时长 200\/250\/300\/350 秒/m);
    expect(stdout).toMatch(/^售后：系数法，Erlang 按处理时长 ÷ \d/m);
  });

  it("exit 2 naming the field for a plan with a bad value", async () => {
    const { code, stdout, stderr } = await run("staffing", writeJson("bad.json", planWith("chain.csSalesShare", "35%")), "--json");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe("错误：chain.csSalesShare：应为数字\n");
  });

  it("errors are Chinese by default naming the field, English with --lang en (web/issues.js)", async () => {
    const file = writeJson("too-big.json", planWith("chain.csSalesShare", 1.5));
    const zh = await run("staffing", file);
    expect([zh.code, zh.stdout, zh.stderr]).toEqual([2, "", "错误：chain.csSalesShare：不能大于 1\n"]);
    const en = await run("staffing", file, "--lang", "en");
    expect([en.code, en.stderr]).toEqual([2, "error: chain.csSalesShare: must be at most 1\n"]);
    expect((await run("staffing", SAMPLE, "--lang", "fr")).stderr).toBe('错误：--lang：须为 "zh"（默认）或 "en"\n');
  });

  it("exit 2 naming the file when it is missing or not JSON", async () => {
    const missing = await run("staffing", join(dir, "nope.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^错误：.*nope\.json：无法读取：ENOENT$/m);
    expect((await run("staffing", join(dir, "nope.json"), "--lang", "en")).stderr).toMatch(/^error: .*nope\.json: cannot read: ENOENT$/m);
    const broken = await run("staffing", writeJson("broken.json", "{ not json"));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json：不是有效的 JSON/);
  });

  it("exit 2 for an unknown flag or a missing file argument", async () => {
    const unknown = await run("staffing", SAMPLE, "--jsn");
    expect([unknown.code, unknown.stderr]).toEqual([2, "错误：arguments：未知选项 --jsn（全部选项见 peakcrew staffing --help）\n"]);
    expect((await run("staffing")).stderr).toBe("错误：arguments：需要 1 个文件参数，收到 0 个（peakcrew staffing --help）\n");
    expect((await run("staffing", "--lang", "en")).stderr).toMatch(/^error: arguments: expected 1 file argument/);
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
    const { stdout } = await run("erlang", ...example, "--patience-sec", "60", "--lang", "en");
    expect(stdout).toMatch(/Erlang A/);
    expect(stdout).toMatch(/abandonment/);
    const zh = await run("erlang", ...example, "--patience-sec", "60");
    expect(zh.stdout).toMatch(/^模型\s+Erlang A（M\/M\/n\+M，含放弃）$/m);
    expect(zh.stdout).toMatch(/^放弃率\s+[\d.]+ %$/m);
    expect(zh.stdout).toMatch(/^达到目标\s+是$/m);
  });

  it("prints Chinese by default: the page's words, percents as percent, seconds as 秒", async () => {
    const { code, stdout } = await run("erlang", ...example);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^在岗人数\s+14$/m);
    expect(stdout).toMatch(/^服务水平\s+88\.84 %$/m);
    expect(stdout).toMatch(/^有效处理时长\s+180 秒$/m);
  });

  it("exit 2 naming each bad or missing flag", async () => {
    const bad = ["--arrivals", "many", "--interval-min", "30", "--aht-sec", "180", "--service-level", "80"];
    const { code, stderr } = await run("erlang", ...bad);
    expect(code).toBe(2);
    expect(stderr).toBe("错误：--arrivals：不是数字：“many”\n错误：--target-sec：必填\n错误：--service-level：须小于 1\n");
    const en = await run("erlang", ...bad, "--lang", "en");
    expect(en.stderr).toMatch(/^error: --arrivals: not a number/m);
    expect(en.stderr).toMatch(/^error: --target-sec: is required/m);
    expect(en.stderr).toMatch(/^error: --service-level: must be less than 1/m);
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
    const zh = await run("erlang", ...chat);
    expect(zh.stdout).toMatch(/^模型\s+Erlang Chat 模型（erlang-chat）：每人最多同时接待 3 个会话/m);
    expect(zh.stdout).toMatch(/^在岗人数\s+6$/m);
    const { code, stdout } = await run("erlang", ...chat, "--lang", "en");
    expect(code).toBe(0);
    expect(stdout).toMatch(/Erlang Chat \(erlang-chat\): up to 3 chats/);
    expect(stdout).toMatch(/service level, virtual/);
    expect(stdout).toMatch(/service level, answered within T/);
    expect(stdout).toMatch(/productive agents\s+6\n/);
  });

  it("exit 2 naming the flag for a bad list, lines, convention, or --concurrency", async () => {
    expect((await run("erlang", ...chat, "--aht-sec", "180,,240")).stderr).toMatch(/--aht-sec：应为逗号分隔的秒数/);
    expect((await run("erlang", ...chat, "--aht-sec", "180,,240", "--lang", "en")).stderr).toMatch(/--aht-sec: a comma-separated list/);
    expect((await run("erlang", ...chat, "--aht-sec", "180,-1")).stderr).toMatch(/--aht-sec/);
    expect((await run("erlang", ...chat, "--lines", "2.5")).stderr).toMatch(/--lines/);
    const bad = await run("erlang", ...chat, "--sl-convention", "strict");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sl-convention：须为 "virtual" 或 "answered"/);
    expect((await run("erlang", ...chat, "--concurrency", "2", "--lang", "en")).stderr).toMatch(/--concurrency: does not apply/);
  });

  it("one handle time keeps the Erlang C/A command; --lines or --sl-convention with it exit 2", async () => {
    const one = ["--arrivals", "100", "--interval-min", "30", "--aht-sec", "180", "--target-sec", "20", "--service-level", "0.8"];
    expect(JSON.parse((await run("erlang", ...one, "--json")).stdout)).toMatchObject({ model: "erlang-c", productiveAgents: 14 });
    const lines = await run("erlang", ...one, "--lines", "100");
    expect(lines.code).toBe(2);
    expect(lines.stderr).toMatch(/--lines：只用于一组处理时长/);
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
    expect(stdout).toMatch(/未排（临时客服尚未培训）：.*（TMP010）、/);
    // The sample lets after-sales wait 2 h in the peak band, but waiting saves no paid hours
    // there (its after-sales is thin at the peak), so nobody is kept waiting.
    expect(stdout).toContain("售后稍后：11-10 20:00–11-11 02:00 进线的售后最多可等 2 小时；其中 0 人·时等待后处理。");
  });

  it("roster --lang en: the same in English", async () => {
    const { code, stdout } = await run("roster", SAMPLE, "--staff", "data/samples/mid-size-double11.staff.csv", "--lang", "en");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Roster: Optimal \(design then assign\)\./);
    expect(stdout).toMatch(/Rule findings: 0\./);
    expect(stdout).toContain("Short: nothing; every interval is covered.");
  });

  it("roster with the sample pool less its support staff: exit 1, the shortfall with its bound, and the hires that close it", async () => {
    const lines = readFileSync("data/samples/mid-size-double11.staff.csv", "utf8").split(/\r?\n/);
    const staff = join(dir, "no-support.csv");
    writeFileSync(staff, lines.filter((line) => !line.includes(",支援,")).join("\n"));
    const { code, stdout } = await run("roster", FACTOR_SAMPLE, "--staff", staff);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^排班：人手不足（按团队整体优化）。/);
    expect(stdout).toMatch(/缺口：售前 \d+(\.\d+)? 人·时，售后 \d+(\.\d+)? 人·时；这支团队至少缺 \d+(\.\d+)? 人·时（已证明的下界）/);
    expect(stdout).toMatch(/招聘建议：再招 \d+ 名.+（.+）可补齐全部售前缺口。/);
  }, 90_000);

  it("roster exits 2 naming the line and column of a bad staff row, or the missing --staff", async () => {
    const bad = join(dir, "staff.csv");
    writeFileSync(bad, "工号,姓名,子账号,技能,类型,已培训,可排时段,最长工时\nA1,王芳,,售前,全职,也许,,40\n");
    const res = await run("roster", SAMPLE, "--staff", bad);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('错误：第 2 行，第 6 列（已培训）："也许" 不是 是/否（yes/no）\n');
    expect((await run("roster", SAMPLE)).stderr).toBe("错误：--staff：必填：人员名单 CSV\n");
  });

  it("the installed command says a staff CSV's missing columns in Chinese (第 1 行), and in English with --lang en", () => {
    const bad = join(dir, "staff-missing.csv");
    writeFileSync(bad, "工号,姓名,技能,可上班时间\nA1,张三,售前,bad\n");
    const cli = (...argv: string[]) => spawnSync(process.execPath, ["bin/peakcrew.js", "roster", SAMPLE, "--staff", bad, ...argv], { encoding: "utf8" });
    const zh = cli();
    expect(zh.status).toBe(2);
    expect(zh.stderr).toBe("错误：第 1 行：缺少列：kind / 类型\n错误：第 1 行：缺少列：trained / 已培训\n错误：第 1 行：缺少列：maxHours / 最长工时\n");
    const en = cli("--lang", "en");
    expect(en.status).toBe(2);
    expect(en.stderr).toBe("error: line 1: missing column kind / 类型\nerror: line 1: missing column trained / 已培训\nerror: line 1: missing column maxHours / 最长工时\n");
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
    expect(plain.stdout).toMatch(/^已导入过（未重复添加）：去年数据 1“gbk”（gb18030）：600 小时/);
    const again = await run("history", "import", utf8, "--name", "utf8", "--db", db, "--lang", "en");
    expect(again.stdout).toMatch(/^Already imported \(nothing added\): history 1 "gbk" \(gb18030\): 600 hours/);
    const store = openDb(db);
    const repo = historyRepo(store);
    expect(repo.count()).toBe(1);
    expect(repo.withRows(1)?.rows).toHaveLength(600);
    store.close();
    const listed = await run("history", "list", "--db", db);
    expect(listed.stdout).toMatch(/^编号\s+名称\s+开始\s+结束\s+小时数\s+编码$/m);
    expect(listed.stdout).toMatch(/gbk .*gb18030/);
  });

  it("a file with a bad row exits 2 naming the file, line and column, and imports nothing", async () => {
    const db = join(dir, "bad-history.db");
    const file = writeJson("bad-history.csv", "时间,售前接待量,售后接待量\n2025-11-10 00:00,10,1\n2025-11-10 01:00,10,-3\n");
    const { code, stderr } = await run("history", "import", file, "--db", db);
    expect(code).toBe(2);
    expect(stderr).toBe(`错误：${file}: 第 3 行，第 3 列（售后接待量）："-3" 不是大于等于 0 的数量\n`);
    const store = openDb(db);
    expect(historyRepo(store).count()).toBe(0);
    store.close();
  });

  it("compare prints totals, the risk list and the hours; --json is one document", async () => {
    const text = await run("compare", FACTOR_SAMPLE, "--history", HISTORY, "--lang", "en");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("↔ last year's 2025-11-10 00:00");
    expect(text.stdout).toMatch(/Risk: \d+ hours/);
    expect(text.stdout).toMatch(/11-11 00:00: 6,878 receptions for 242 agents/);
    const zh = await run("compare", FACTOR_SAMPLE, "--history", HISTORY);
    expect(zh.stdout).toMatch(/^今年 2026-11-10 00:00 起 120 小时 ↔ 去年 2025-11-10 00:00 起（按日期与钟点对齐）。今年的人数按需求/);
    expect(zh.stdout).toMatch(/^风险：\d+ 个小时每位客服的接待量超过去年的 110 %：$/m);
    expect(zh.stdout).toMatch(/^ {2}11-11 00:00：接待 6,878，242 人/m);
    expect(zh.stdout).toMatch(/^接待量（售前\+售后）\s+88,593\s/m);
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
    expect(text.stdout).toContain("这 120 小时里去年数据只有 72 小时，缺 11-13 00:00 至 11-15 00:00（48 小时）：对比和估算只用两年都有的这 72 小时。");
    expect((await run("compare", SAMPLE, "--history", file, "--lang", "en")).stdout).toContain(
      "Last year's data has 72 of the 120 hours; it lacks 11-13 00:00 – 11-15 00:00 (48 h). The comparison and the estimates use only the 72 hours both years have.",
    );
    const json = JSON.parse((await run("compare", SAMPLE, "--history", file, "--json")).stdout);
    expect(json.hours).toHaveLength(72);
    expect(json.alignment.missing).toEqual([{ from: "2026-11-13T00:00:00.000+08:00", to: "2026-11-15T00:00:00.000+08:00", hours: 48, lastYear: { from: "2025-11-13T00:00", to: "2025-11-15T00:00" } }]);
    const estimate = await run("history", "estimate", SAMPLE, "--history", file, "--lang", "en");
    expect(estimate.code).toBe(0);
    expect(estimate.stdout).toContain("Last year's data has 72 of the 120 hours");
    expect(estimate.stdout).toMatch(/Pre-sales curve \(receptions per hour\) +— .*needs every hour of the window; last year's data lacks 48 of its 120 hours/);
    expect((await run("history", "estimate", SAMPLE, "--history", file)).stdout).toMatch(/^售前曲线（每小时接待） +— /m);
  });

  it("exits 2 naming history when the file has none of the window's hours", async () => {
    const file = join(dir, "nov20-24.csv");
    writeFileSync(file, sampleHistoryDays("2025-11-20", "2025-11-25"));
    const { code, stderr } = await run("compare", SAMPLE, "--history", file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^错误：history：去年数据没有这 120 小时中的任何一小时/);
  });

  it("compare takes a stored dataset id, and exits 2 naming --history for an unknown one", async () => {
    const db = join(dir, "compare.db");
    const imported = JSON.parse((await run("history", "import", HISTORY, "--db", db, "--json")).stdout);
    expect((await run("compare", SAMPLE, "--history", String(imported.id), "--db", db, "--json")).code).toBe(0);
    const missing = await run("compare", SAMPLE, "--history", "42", "--db", db);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`错误：--history：${db} 中没有编号为 42 的去年数据\n`);
  });

  it("history estimate --out writes the plan with last year's estimates applied", async () => {
    const out = join(dir, "estimated.plan.json");
    const { code, stdout } = await run("history", "estimate", SAMPLE, "--history", HISTORY, "--growth", "0.2", "--out", out);
    expect(code).toBe(0);
    // The conversion reads as percent, as the page shows it: 32,213 orders ÷ 73,656 receptions = 43.73 %.
    expect(stdout).toMatch(/^询单转化率\s+43\.73 %\s+chain\.inquiryConversionRate\s/m);
    expect(stdout).toContain(`已写入：${out}`);
    const plan = JSON.parse(readFileSync(out, "utf8"));
    expect(plan.presales.curve).toMatchObject({ kind: "counts", intervalMin: 60 });
    expect((await run("staffing", out, "--json")).code).toBe(0);
  });

  it("roster --out writes xlsx, csv and ics files and prints a summary, not the table", async () => {
    for (const ext of ["xlsx", "csv", "ics"]) {
      const out = join(dir, `sample-roster.${ext}`);
      const { code, stdout } = await run("roster", SAMPLE, "--staff", "data/samples/mid-size-double11.staff.csv", "--out", out);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^最优：\d+ 个班次、\d+ 人，共 \d{1,3}(,\d{3})* 个带薪工时（下界 [\d,]+，差距 0 %）。\n缺口：无，需求全部覆盖。\n已写入：/);
      expect(stdout.endsWith(`已写入：${out}\n`)).toBe(true);
      expect(stdout).not.toContain("工号");
      expect(existsSync(out)).toBe(true);
    }
    const en = await run("roster", SAMPLE, "--staff", "data/samples/mid-size-double11.staff.csv", "--out", join(dir, "en.csv"), "--lang", "en");
    expect(en.stdout).toMatch(/^Optimal: \d+ shifts for \d+ people, [\d,]+ paid hours \(bound [\d,]+, gap 0 %\)\.\nShort: nothing; every interval is covered\.\nWritten: /);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, "sample-roster.xlsx"));
    expect(book.worksheets.map((w) => w.name)).toEqual(["排班名单", "11-10 排班", "11-11 排班", "11-12 排班", "11-13 排班", "11-14 排班", "覆盖"]);
    expect((await run("roster", SAMPLE, "--staff", "x.csv", "--out", "roster.pdf")).stderr).toMatch(/--out：须以 \.xlsx、\.csv 或 \.ics 结尾/);
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
          const match = /^PeakCrew 已启动：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
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
    expect(imported.stdout).toMatch(/^已导入过（未重复添加）：去年数据 1“/);
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
    expect(out.stdout).toMatch(/在岗人数\s+14/);
  });

  it("`npm start --port 3103` (npm keeps --port, passes 3103 on): exit 2 showing `npm start -- --port 3103`", async () => {
    process.env.npm_config_port = "true";
    try {
      const { code, stderr } = await run("serve", "3103", "--lang", "en");
      expect(stderr).toBe("error: --port: npm kept --port for itself; pass it on with --: npm start -- --port 3103 (or PORT=3103 npm start)\n");
      expect(code).toBe(2);
      expect((await run("serve", "3103")).stderr).toBe("错误：--port：npm 把 --port 留给了自己；请用 -- 传下去：npm start -- --port 3103（或 PORT=3103 npm start）\n");
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
      expect(out.stderr).toBe(`错误：--port：端口 ${port} 已被其他程序占用；请换一个：npm start -- --port ${port + 1}，或 PORT=${port + 1} npm start\n`);
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
    expect(stdout).toMatch(/此刻起的缺口：调配前 [\d.,]+ 人·时 → 调配后 [\d.,]+ 人·时。/);
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
    expect((await run("replan", SAMPLE, "--staff", STAFF, "--actuals", ACTUALS, "--now", "2026-11-11T00:20", "--lang", "en")).stderr).toMatch(/now: 2026-11-11T00:20 is not an interval start/);
    expect((await run("replan", SAMPLE, "--staff", STAFF, "--actuals", ACTUALS)).stderr).toMatch(/^错误：--now：必填：方案时段网格上的本地时间/);
    const bad = join(dir, "bad-actuals.csv");
    writeFileSync(bad, "时间,分组,咨询人数\n2026-11-10 18:00,售前组,120\n2026-11-10 18:30,售前组,-5\n");
    const res = await run("replan", SAMPLE, "--staff", STAFF, "--actuals", bad, "--now", "2026-11-11T00:30");
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--actuals: 第 3 行，第 3 列/);
  });
});
