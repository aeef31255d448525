/**
 * `npm run bench`: times the staffing engine, shift design, rosters (full and short pools), the history import
 * and the compiled CLI's start-up beside CBC (bench/startup.ts).
 * Speed is measured here, never in a test.
 * Each case runs a few warm-up rounds, then reports the median and best of the timed rounds.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { loadCatalog, loadSamplePlans } from "../src/catalog.ts";
import { resample, toShares } from "../src/domain/curve.ts";
import { serviceLevelRequirement, type ServiceTarget } from "../src/domain/requirement.ts";
import { type ErlangParams, requiredAgents } from "../src/domain/erlang.ts";
import { type Plan, planStaffing } from "../src/domain/staffing.ts";
import { parsePlan } from "../src/schemas.ts";
import { readHistoryCsv } from "../src/csv.ts";
import { MAX_CSV_ROWS } from "../src/domain/limits.ts";
import { openDb } from "../src/store/db.ts";
import { historyRepo } from "../src/store/history.ts";
import { startupBench } from "./startup.ts";

const catalog = loadCatalog();
const template = catalog.defaultTemplate;

type Case = { name: string; intervals: number; run: () => { peakAgents: number } };

function time(c: Case, rounds = 9, warmup = 3) {
  let peakAgents = 0;
  for (let i = 0; i < warmup; i++) peakAgents = c.run().peakAgents;
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    c.run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)] as number, best: ms[0] as number, peakAgents };
}

/** Human receptions per 5-minute interval over the template's 7 days, scaled to `total`. */
function sevenDaysAt5Min(total: number): number[] {
  const count = (7 * 24 * 60) / 5;
  const shares = toShares(resample(template.presalesWeights, 0, 60, 0, 5, count), "bench");
  return shares.map((s) => s * total);
}

const presalesTarget: ServiceTarget = { ahtSec: 540, targetSec: 30, serviceLevel: 0.8, maxOccupancy: 0.9, shrinkage: 0.15, concurrency: 4.5 };
const aftersalesTarget: ServiceTarget = { ahtSec: 720, targetSec: 60, serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.15, concurrency: 3 };

function requirementCase(name: string, presalesTotal: number, patienceSec?: number): Case {
  const presales = sevenDaysAt5Min(presalesTotal);
  const aftersales = sevenDaysAt5Min(presalesTotal / 4);
  return {
    name,
    intervals: presales.length * 2,
    run: () => {
      const p = serviceLevelRequirement(presales, { ...presalesTarget, patienceSec }, 5);
      const a = serviceLevelRequirement(aftersales, { ...aftersalesTarget, patienceSec: patienceSec && patienceSec * 2 }, 5);
      return { peakAgents: Math.max(...p.map((r) => r.productiveAgents), ...a.map((r) => r.productiveAgents)) };
    },
  };
}

function planCase(name: string, plan: Plan): Case {
  const intervals = planStaffing(plan, catalog).intervals.length * 2;
  return { name, intervals, run: () => ({ peakAgents: planStaffing(plan, catalog).summary.presales.peak.scheduledAgents }) };
}

const sample = parsePlan((loadSamplePlans()[0] as { content: unknown }).content);
const weekAt15 = parsePlan({ ...sample, name: "7 days at 15 min", window: { start: "2026-11-10T00:00", end: "2026-11-17T00:00" }, intervalMin: 15 });
const bigShop = parsePlan({ ...weekAt15, name: "large shop", chain: { ...sample.chain, salesTargetYuan: 900_000_000 } });

/** The same 7 days at 5 minutes with the Erlang Chat model: AHT 540 s at one chat, 15 % slower per extra chat, K = 4. */
function chatCase(name: string, presalesTotal: number): Case {
  const presales = sevenDaysAt5Min(presalesTotal);
  const target: ServiceTarget = { ...presalesTarget, patienceSec: 120, chat: { ahtSecAtOneChat: 540, slowdownPerExtraChat: 0.15, maxParallel: 4 } };
  return {
    name,
    intervals: presales.length,
    run: () => ({ peakAgents: Math.max(...serviceLevelRequirement(presales, target, 5).map((r) => r.productiveAgents)) }),
  };
}

/** The sample as it was before it moved to the chat model: the factor method (Erlang A on AHT ÷ concurrency). */
const sampleFactor = parsePlan({
  ...sample,
  name: "sample, factor method",
  presales: { ...sample.presales, service: { ...sample.presales.service, chat: undefined, ahtSec: 540 } },
  aftersales: { ...sample.aftersales, service: { ...sample.aftersales.service, chat: undefined, ahtSec: 720, concurrency: 3 } },
});

/**
 * The worst main-thread work the limits allow (docs/security.md "Limits"; the bar is 200 ms):
 * a 31-day plan at 15 minutes with a flat curve, so every interval is busy, at a sales target
 * just inside the plan's search budget (MAX_PLAN_SEARCH_AGENTS), by the factor method and by
 * the chat model; the largest Erlang question the search cap allows.
 */
const monthFlat = (target: number) =>
  parsePlan({
    ...sampleFactor,
    name: `31 d × 15 min, flat, ${target / 1e8}亿, factor method`,
    window: { start: "2026-10-20T00:00", end: "2026-11-20T00:00" },
    intervalMin: 15,
    chain: { ...sample.chain, salesTargetYuan: target },
    presales: { ...sampleFactor.presales, curve: { kind: "counts", intervalMin: 15, values: new Array(31 * 96).fill(1) } },
  });
const monthFlatChat = (target: number) => parsePlan({ ...monthFlat(target), presales: { ...sample.presales, curve: monthFlat(target).presales.curve }, aftersales: sample.aftersales });
function erlangCase(name: string, params: Omit<ErlangParams, "shrinkage" | "concurrency" | "maxOccupancy">): Case {
  const full = { ...params, shrinkage: 0, concurrency: 1, maxOccupancy: 1 };
  return { name, intervals: 1, run: () => ({ peakAgents: requiredAgents(full).productiveAgents }) };
}

const cases: Case[] = [
  requirementCase("requirement, Erlang C, 7 d × 5 min, mid-size shop", 150_000),
  requirementCase("requirement, Erlang A, 7 d × 5 min, mid-size shop", 150_000, 120),
  requirementCase("requirement, Erlang C, 7 d × 5 min, large shop", 3_000_000),
  requirementCase("requirement, Erlang A, 7 d × 5 min, large shop", 3_000_000, 120),
  chatCase("requirement, Erlang Chat (K 4, patience), 7 d × 5 min, pre-sales, large shop", 3_000_000),
  planCase("plan: sample (5 d × 30 min, Erlang Chat, K from the Qianniu rule)", sample),
  planCase("plan: sample on the factor method (Erlang A)", sampleFactor),
  planCase("plan: sample over 7 d × 15 min (Erlang Chat)", weekAt15),
  planCase("plan: large shop (9亿) 7 d × 15 min (Erlang Chat)", bigShop),
  planCase("at the caps: plan 31 d × 15 min, flat curve, 20亿 (factor method, Erlang A)", monthFlat(2e9)),
  planCase("at the caps: plan 31 d × 15 min, flat curve, 40亿 (Erlang Chat)", monthFlatChat(4e9)),
  planCase("at the caps: plan 7 d × 15 min, 40亿 (Erlang Chat)", parsePlan({ ...weekAt15, chain: { ...sample.chain, salesTargetYuan: 4e9 } })),
  erlangCase("at the caps: Erlang C, 199,800 Erlangs (999,000 arrivals × 360 s ÷ 30 min)", { arrivals: 999_000, intervalMin: 30, ahtSec: 360, targetSec: 20, serviceLevel: 0.8 }),
  erlangCase("at the caps: Erlang A, 199,800 Erlangs, patience 2 h", { arrivals: 999_000, intervalMin: 30, ahtSec: 360, targetSec: 20, serviceLevel: 0.8, patienceSec: 7200 }),
  erlangCase("at the caps: Erlang A, 199,800 Erlangs, patience 1 s, SL 99 % at 0 s", { arrivals: 999_000, intervalMin: 30, ahtSec: 360, targetSec: 0, serviceLevel: 0.99, patienceSec: 1 }),
];

const rows = cases.map((c) => ({ c, t: time(c) }));
const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
console.log("## Staffing engine (in process)\n");
printTable(
  ["case", "interval×queue", "peak agents", "median ms", "best ms"],
  rows.map(({ c, t }) => [c.name, String(c.intervals), String(t.peakAgents), t.median.toFixed(1), t.best.toFixed(1)]),
);
console.log(`\nnode ${process.version}, process RSS after these cases: ${rssMb} MB`);

// Shift design on the shared instances, each run in a fresh process like the peers' figures.
const benchDir = new URL("../../shared/bench/instances/", import.meta.url);
const instances = readdirSync(benchDir)
  .filter((f) => f.endsWith(".json"))
  .sort((a, b) => sizeRank(a) - sizeRank(b));
const designRows = instances.map((file) => {
  const runs = [0, 1, 2].map(() => {
    const t0 = performance.now();
    const out = execFileSync(process.execPath, ["--import", "tsx", "bench/design-once.ts", new URL(file, benchDir).pathname], { encoding: "utf8" });
    return { wallS: (performance.now() - t0) / 1000, ...JSON.parse(out) };
  });
  runs.sort((a, b) => a.wallS - b.wallS);
  const median = runs[1];
  return [
    median.name,
    `${median.shifts} / ${median.intervals}`,
    median.status,
    String(median.paidHours),
    String(median.lowerBoundHours),
    median.gap === null ? "—" : `${(median.gap * 100).toFixed(2)} %`,
    (median.solveMs / 1000).toFixed(2),
    median.wallS.toFixed(2),
    String(Math.round(median.peakRssMb)),
  ];
});
console.log("\n## Shift design, shared/bench instances (median of 3 fresh processes)\n");
printTable(["instance", "shifts / intervals", "status", "paid h", "LP bound h", "gap", "solve s", "process s", "peak MB"], designRows);

// Named rosters at scale, each in a fresh process.
const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(2)} %`);
const num = (x: number | null) => (x === null ? "—" : String(Math.round(x * 100) / 100));
const rosterRows = [
  [500, 3, 1],
  [2000, 7, 1],
  [2000, 7, 0.7],
].map(([people, days, keep = 1]) => {
  const t0 = performance.now();
  const r = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "bench/roster-once.ts", String(people), String(days), String(keep)], { encoding: "utf8" }));
  const wallS = (performance.now() - t0) / 1000;
  return [
    `${people} people${keep < 1 ? ` cut to ${keep * 100} %` : ""} × ${days} d × 15 min`,
    r.status,
    r.method,
    String(r.shifts),
    String(r.paidHours),
    num(r.lowerBoundHours),
    pct(r.gap),
    String(r.findings),
    num(r.shortBefore),
    num(r.shortAgentHours),
    num(r.shortLowerBoundHours),
    pct(r.shortGap),
    String(r.hires),
    (r.solveMs / 1000).toFixed(2),
    wallS.toFixed(2),
    String(Math.round(r.peakRssMb)),
  ];
});
console.log("\n## Named roster (fresh process each)\n");
printTable(
  ["case", "status", "method", "shifts", "paid h", "paid bound h", "paid gap", "findings", "short before h", "short agent-h", "short bound", "short gap", "hires", "solve s", "process s", "peak MB"],
  rosterRows,
);

// Short pools: the sample plan with cuts of its staff. "before" is what design then assign
// (the roster before the team model, still the first thing tried) leaves short.
const cutRows = ["no-support", "every-2nd", "fulltime-only", "keep-70"].map((cut) => {
  const r = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "bench/sample-cut-once.ts", cut], { encoding: "utf8" }));
  return [
    `sample, ${cut} (${r.people} people)`,
    r.status,
    num(r.shortBefore),
    num(r.short),
    num(r.shortBound),
    pct(r.shortGap),
    `${num(r.weighted)} / ${num(r.weightedBound)}`,
    pct(r.weightedGap),
    String(r.paidHours),
    num(r.paidBound),
    pct(r.paidGap),
    `${r.hires}${r.hiresClose ? "" : " (not enough)"}`,
    String(r.findings),
    (r.solveMs / 1000).toFixed(2),
    String(Math.round(r.peakRssMb)),
  ];
});
console.log("\n## Short pools: the sample plan with cuts of its staff (fresh process each)\n");
printTable(
  ["case", "status", "short before h", "short h", "short bound h", "short gap", "weighted / bound", "weighted gap", "paid h", "paid bound h", "paid gap", "hires", "findings", "solve s", "peak MB"],
  cutRows,
);

// The night's re-plan at Nov 11 00:30 (the roster is solved first, untimed), each in a fresh process.
const nightRows = [["sample"], ["2000", "3"]].map((argv) => {
  const r = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "bench/replan-once.ts", ...argv], { encoding: "utf8" }));
  return [
    argv[0] === "sample" ? `sample (${r.people} people, GBK actuals export)` : `${r.people} people × ${argv[1]} d × 15 min, actuals +30 %`,
    r.status,
    String(r.options),
    String(r.changes),
    Object.entries(r.kinds)
      .map(([k, n]) => `${k} ${n}`)
      .join(", "),
    num(r.shortBefore),
    num(r.shortAfter),
    String(r.findings),
    num(r.maxStretch),
    (r.replanMs / 1000).toFixed(2),
    String(Math.round(r.peakRssMb)),
  ];
});
console.log("\n## The night's re-plan (临时调配) at 11-11 00:30 (fresh process each)\n");
printTable(["case", "status", "options", "changes", "kinds", "short from now, before h", "after h", "findings", "longest stretch h", "re-plan s", "peak MB"], nightRows);

// History import at the row cap: MAX_CSV_ROWS hourly rows (two years), GBK-encoded with Chinese headers, from the
// file's bytes to a committed SQLite row; then the same file through the CLI in a fresh process.
const historyDir = mkdtempSync(join(tmpdir(), "peakcrew-bench-"));
const historyFile = join(historyDir, "history-at-cap.csv");
const historyLines = ["时间,售前接待量,售后接待量,在线客服数,平均首响(秒),销售额,订单数"];
for (let i = 0; i < MAX_CSV_ROWS; i++) {
  const hour = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000).toISOString();
  historyLines.push(`${hour.slice(0, 10)} ${hour.slice(11, 16)},${(i * 37) % 5000},${(i * 11) % 900},${1 + ((i * 7) % 300)},${(i * 3) % 60},${((i * 37) % 5000) * 120},${(i * 13) % 2000}`);
}
writeFileSync(historyFile, iconv.encode(historyLines.join("\r\n"), "gbk"));
const historyDb = openDb(join(historyDir, "bench.db"));
const historyMs: number[] = [];
for (let round = 0; round < 6; round++) {
  const t0 = performance.now();
  const parsed = readHistoryCsv(readFileSync(historyFile));
  historyRepo(historyDb).create({ name: "bench", zone: "Asia/Shanghai", sourceFile: historyFile, ...parsed }, new Date().toISOString());
  if (round > 0) historyMs.push(performance.now() - t0);
}
historyDb.close();
historyMs.sort((a, b) => a - b);
const cliT0 = performance.now();
execFileSync(process.execPath, ["bin/peakcrew.js", "history", "import", historyFile, "--db", join(historyDir, "cli.db")], { encoding: "utf8" });
const cliS = (performance.now() - cliT0) / 1000;
console.log(`\n## History import at the row cap (${MAX_CSV_ROWS.toLocaleString("en")} hourly rows, GBK, 7 columns)\n`);
printTable(
  ["case", "bytes", "median ms", "best ms"],
  [
    ["decode + parse + check + store (in process, 5 rounds)", String(statSync(historyFile).size), (historyMs[2] as number).toFixed(0), (historyMs[0] as number).toFixed(0)],
    ["`peakcrew history import` (fresh process, compiled CLI)", String(statSync(historyFile).size), (cliS * 1000).toFixed(0), "—"],
  ],
);
rmSync(historyDir, { recursive: true, force: true });

await startupBench();

function sizeRank(file: string): number {
  return ["-S.", "-M.", "-L.", "-XL."].findIndex((s) => file.includes(s));
}

function printTable(header: string[], body: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const r of body) console.log(line(r));
}
