/**
 * The `peakcrew` command line: the same straight line as the API, with a file in and text
 * or JSON out. Exit codes (DESIGN.md): 0 done, 1 done but the target is not met (shortfall,
 * infeasible or timeout), 2 bad input (stderr names the field or flag), 3 internal error.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import { DateTime } from "luxon";
import { loadCatalog } from "../catalog.ts";
import { InputError, type InputIssue, withIssuePaths } from "../domain/errors.ts";
import { type ErlangResult, evaluateAgents, requiredAgents } from "../domain/erlang.ts";
import { planStaffing, QUEUES, type StaffingResult } from "../domain/staffing.ts";
import type { TextEncoding } from "../csv.ts";
import { type Comparison, compareWithHistory } from "../domain/compare.ts";
import type { Alignment } from "../domain/history.ts";
import { applyHistory, deriveFromHistory, type HistoryDerivation } from "../domain/history-estimates.ts";
import { type HistoryDatasetWithRows, historyRepo } from "../store/history.ts";
import { type DesignResult, designShifts } from "../domain/design.ts";
import { buildRoster } from "../domain/roster.ts";
import { GrowthRateSchema, HistoryImportSchema, parse, parseDesignInstance, parseErlangRequest, parsePlan, ToleranceSchema } from "../schemas.ts";
import { type ConfigFlags, dbFileOf, readConfig } from "../config.ts";
import { args, EXIT, exportRoster, type Io, langOf, readJsonFile, staffOf, timeLimitOf } from "./common.ts";
import { fmt, table } from "./format.ts";
import { chatCommand } from "./erlang-chat.ts";
import { rosterText } from "./roster-text.ts";

export { EXIT, type Io, readJsonFile };

// The server, the store, the CSV reader, HiGHS and the export writers are imported inside the
// commands that use them (`await import`), not above: loading them all would make every command,
// even `peakcrew erlang`, start several times slower. `npm run bench` measures the start-up.



const USAGE = `usage: peakcrew <command> [options]

  serve [--port N] [--host H] [--db FILE] [--time-limit-sec N] [--trust-proxy loopback|N|IP] [--allowed-host NAME]…
                                                the web page and API (binds 127.0.0.1 unless told; any other
                                                host needs a manager account; answers to loopback names, the
                                                bound address and each --allowed-host: docs/security.md; PORT,
                                                PEAKCREW_DB, PEAKCREW_TIME_LIMIT_SEC when the flag is not given)
  staffing PLAN.json [--json]                   the chain, the curve and required agents per interval
  erlang --arrivals N --interval-min M --aht-sec S --target-sec T --service-level P
         [--max-occupancy O] [--shrinkage R] [--concurrency C] [--patience-sec Q] [--agents K] [--json]
                                                one interval's queueing answer (Erlang C; Erlang A with a patience)
         --aht-sec S1,S2,…,SK [--patience-sec Q] [--lines L] [--sl-convention virtual|answered]
                                                a list of handle times (by chats held): the Erlang Chat model, K = its length
  design INSTANCE.json [--json] [--time-limit-sec N]
                                                optimal shifts for a requirement curve (shared/bench format)
  roster PLAN.json --staff STAFF.csv [--out FILE.xlsx|.csv|.ics [--person ID]] [--lang zh|en] [--json] [--time-limit-sec N]
                                                the named roster, checked against every rule; --out exports it
  history import FILE.csv [--name N] [--zone Z] [--encoding utf-8|gb18030] [--db FILE] [--json]
                                                stores last year's hourly data (GBK or UTF-8, detected)
  history list [--db FILE] [--json]             the stored datasets
  history estimate PLAN.json --history ID|FILE.csv [--growth G] [--out PLAN.json] [--db FILE] [--json]
                                                parameters estimated from last year; --out writes the plan with them applied
  compare PLAN.json --history ID|FILE.csv [--staff STAFF.csv] [--tolerance T] [--db FILE] [--json]
                                                this year's plan (and roster) against last year, hour by hour
  replan PLAN.json --staff STAFF.csv --actuals FILE.csv|.xlsx --now 2026-11-11T00:30 [--notice-min 60]
         [--method ratio|run-rate] [--window-hours 2] [--out FILE.xlsx|.csv|.ics] [--lang zh|en] [--json]
                                                the night's re-plan (临时调配): re-forecast from the actuals, change list, new roster
  chat-report FILE.csv|.xlsx [--plan ID|PLAN.json] [--queue presales|aftersales] [--apply] [--out PLAN.json]
         [--encoding utf-8|gb18030] [--lang zh|en] [--db FILE] [--json]
                                                the chat model's K, AHT and slowdown from the shop's 赤兔/千牛 per-agent
                                                service report, with their basis; --apply writes them into a stored plan
  users add NAME --role manager|hr|viewer [--password-stdin] [--db FILE] [--lang zh|en]
  users passwd NAME [--password-stdin] | users remove NAME | users list [--json]
                                                who may sign in when the server is shared (password asked, never an argument)`;

/** Runs one command; resolves to its exit code. `serve` resolves once listening. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "serve":
        return await serveCommand(rest, io);
      case "staffing":
        return staffingCommand(rest, io);
      case "erlang":
        return erlangCommand(rest, io);
      case "design":
        return await designCommand(rest, io);
      case "roster":
        return await rosterCommand(rest, io);
      case "history":
        return await historyCommand(rest, io);
      case "compare":
        return await compareCommand(rest, io);
      case "replan":
        return await (await import("./replan.ts")).replanCommand(rest, io);
      case "chat-report":
        return await (await import("./chat-report.ts")).chatReportCommand(rest, io);
      case "users":
        return await (await import("./users.ts")).usersCommand(rest, io);
      case undefined:
      case "help":
      case "--help":
        io.stdout(`${USAGE}\n`);
        return command === undefined ? EXIT.badInput : EXIT.ok;
      default:
        throw new InputError([{ path: "command", message: `unknown command "${command}"\n${USAGE}` }]);
    }
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${error.issues.map((i) => `error: ${i.path}: ${i.message}`).join("\n")}\n`);
      return EXIT.badInput;
    }
    io.stderr(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.internal;
  }
}


async function serveCommand(argv: string[], io: Io): Promise<number> {
  // `npm start --port 3103` gives --port to npm (npm_config_port=true) and only "3103" to us.
  const stray = argv.find((a) => /^\d+$/.test(a));
  if (stray !== undefined && process.env.npm_config_port !== undefined) {
    throw new InputError([{ path: "--port", message: `npm kept --port for itself; pass it on with --: npm start -- --port ${stray} (or PORT=${stray} npm start)` }]);
  }
  const { values } = args(
    argv,
    { port: { type: "string" }, host: { type: "string" }, db: { type: "string" }, "time-limit-sec": { type: "string" }, "trust-proxy": { type: "string" }, "allowed-host": { type: "string", multiple: true } },
    0,
  );
  const { "trust-proxy": trust, "allowed-host": hosts, ...flags } = values;
  const config = readConfig(flags as ConfigFlags);
  const trustProxy = typeof trust !== "string" ? undefined : /^\d+$/.test(trust) ? Number(trust) : trust;
  // Loaded here, not at the top: the server's packages (express, exceljs, …) would slow every other command's start.
  const { serve, envAllowedHosts } = await import("../server.ts");
  const allowedHosts = [...((hosts as string[] | undefined) ?? []), ...envAllowedHosts()];
  const running = await listening(() => serve({ ...config, trustProxy, allowedHosts }), config.port);
  io.stdout(`PeakCrew is serving ${running.url}  (database: ${config.dbFile})\n`);
  // SIGTERM / Ctrl-C: stop taking requests, finish or stop the solves, close the database, exit 0.
  const stop = (signal: NodeJS.Signals) => {
    io.stdout(`${signal}: PeakCrew is stopping…\n`);
    running.close().then(
      () => process.exit(EXIT.ok),
      (error: unknown) => {
        io.stderr(`internal error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(EXIT.internal);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return EXIT.ok;
}



/** HiGHS (WebAssembly) loads only for the commands that solve; see the note on lazy imports at the top. */
async function createSolve() {
  return (await import("../solver/highs.ts")).createSolve();
}

/** A busy or forbidden port is bad input: one line naming it and how to pick another, not a stack trace. */
async function listening<T>(start: () => Promise<T>, port: number): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EADDRINUSE" && code !== "EACCES") throw error;
    const other = port === 65535 ? 3001 : port + 1;
    const why = code === "EADDRINUSE" ? "is in use by another program" : "may not be opened by this user";
    throw new InputError([{ path: "--port", message: `port ${port} ${why}; pick another: npm start -- --port ${other}, or PORT=${other} npm start` }]);
  }
}

function staffingCommand(argv: string[], io: Io): number {
  const { values, positionals } = args(argv, { json: { type: "boolean" } }, 1);
  const result = planStaffing(parsePlan(readJsonFile(positionals[0] as string)), loadCatalog());
  io.stdout(values.json ? `${JSON.stringify(result)}\n` : staffingText(result));
  return EXIT.ok;
}

export function staffingText(r: StaffingResult): string {
  const c = r.chain;
  const chain = table(
    ["step", "field", "value"],
    [
      ["店铺销售额 × 客服销售占比", "csSalesYuan", c.csSalesYuan],
      ["÷ 客服客单价", "csBuyers", c.csBuyers],
      ["÷ 询单转化率", "presalesReceptions", c.presalesReceptions],
      ["× (1 − 店小蜜解决率)", "humanReceptions", c.humanReceptions],
      ["÷ 客服饱和接待量", "agentsExact", c.agentsExact],
      ["客服人数 (rounded up)", "agents", c.agents],
    ],
  );
  const hhmm = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toFormat("MM-dd HH:mm");
  const summary = table(
    ["queue", "receptions", "to humans", "peak agents", "peak at", "scheduled agent-h"],
    QUEUES.map((q) => {
      const s = r.summary[q];
      return [q, s.receptions, s.humanReceptions, s.peak.scheduledAgents, hhmm(s.peak.start), s.scheduledAgentHours];
    }),
  );
  const withSl = r.method === "service-level";
  const rows = r.intervals.map((row) => [
    hhmm(row.start),
    ...QUEUES.flatMap((q) => {
      const x = row[q];
      const cells: (string | number)[] = [x.humanReceptions, x.productiveAgents, x.scheduledAgents];
      if (withSl && "serviceLevel" in x) cells.push(x.serviceLevel);
      return cells;
    }),
  ]);
  const queueCols = (q: string) => [`${q} recv`, `${q} prod`, `${q} sched`, ...(withSl ? [`${q} SL`] : [])];
  const intervals = table(["start", ...queueCols("pre"), ...queueCols("after")], rows);
  return [
    `Chain (seed formula; saturation ${fmt(c.saturationPerAgentDay)} receptions per agent-day)`,
    chain,
    "",
    `The chain's headcount is a daily average; the peak needs more. Method: ${r.method}, ${r.intervalMin}-minute intervals, ${r.zone}.`,
    ...modelLines(r),
    `After-sales: ${fmt(r.aftersales.orders)} orders → ${fmt(r.aftersales.contactsTotal)} contacts, ${fmt(r.aftersales.contactsInWindow)} inside the window.`,
    summary,
    "",
    "Per interval (receptions reaching humans; productive and scheduled agents)",
    intervals,
    "",
  ].join("\n");
}

/** One line per queue naming the service-level model it ran (none for the saturation method). */
function modelLines(r: StaffingResult): string[] {
  if (!r.models) return [];
  const models = r.models;
  return QUEUES.map((q) => {
    const m = models[q];
    return m.model === "factor"
      ? `Model ${q}: factor (Erlang on AHT ÷ concurrency ${fmt(m.concurrency)})`
      : `Model ${q}: erlang-chat, K = ${m.parallel}, AHT by chats held ${m.ahtSecByParallel.map((a) => fmt(a)).join("/")} s`;
  });
}

const ERLANG_FLAGS = {
  arrivals: "arrivals",
  "interval-min": "intervalMin",
  "aht-sec": "ahtSec",
  "target-sec": "targetSec",
  "service-level": "serviceLevel",
  "max-occupancy": "maxOccupancy",
  shrinkage: "shrinkage",
  concurrency: "concurrency",
  "patience-sec": "patienceSec",
  agents: "agents",
} as const;

function erlangCommand(argv: string[], io: Io): number {
  const options = Object.fromEntries(Object.keys(ERLANG_FLAGS).map((f) => [f, { type: "string" as const }]));
  const { values } = args(argv, { ...options, lines: { type: "string" }, "sl-convention": { type: "string" }, json: { type: "boolean" } }, 0);
  if (typeof values["aht-sec"] === "string" && values["aht-sec"].includes(",")) return chatCommand(values, io);
  for (const flag of ["lines", "sl-convention"]) {
    if (values[flag] !== undefined) throw new InputError([{ path: `--${flag}`, message: "applies only to a list of handle times (--aht-sec 180,210,240: the chat model)" }]);
  }
  const fields: Record<string, number> = {};
  const issues: InputIssue[] = [];
  for (const [flag, field] of Object.entries(ERLANG_FLAGS)) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (typeof raw !== "string" || raw.trim() === "" || !Number.isFinite(n)) issues.push({ path: `--${flag}`, message: `not a number: "${raw}"` });
    else fields[field] = n;
  }
  const flagOf = Object.fromEntries(Object.entries(ERLANG_FLAGS).map(([flag, field]) => [field, `--${flag}`]));
  let request: ReturnType<typeof parseErlangRequest> | undefined;
  try {
    request = parseErlangRequest(fields);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const i of error.issues) {
      const path = flagOf[i.path] ?? i.path;
      if (issues.some((known) => known.path === path)) continue;
      issues.push({ path, message: /received undefined/.test(i.message) ? "is required" : i.message });
    }
  }
  if (issues.length > 0 || !request) throw new InputError(issues);
  const { agents, ...params } = request;
  const result = agents === undefined ? requiredAgents(params) : evaluateAgents(params, agents);
  io.stdout(values.json ? `${JSON.stringify(result)}\n` : erlangText(result, agents !== undefined));
  return result.meetsTarget ? EXIT.ok : EXIT.notMet;
}

function erlangText(r: ErlangResult, given: boolean): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const rows: [string, string][] = [
    ["model", r.model === "erlang-a" ? "Erlang A (M/M/n+M, with abandonment)" : "Erlang C (M/M/n)"],
    ["traffic (Erlangs)", fmt(r.trafficErlangs)],
    ["effective handle time", `${fmt(r.effectiveAhtSec)} s`],
    [given ? "productive agents (given)" : "productive agents", String(r.productiveAgents)],
    ["scheduled agents", String(r.scheduledAgents)],
    ["service level", r.stable ? pct(r.serviceLevel) : "0 % (unstable: agents ≤ traffic)"],
    ["occupancy", pct(r.occupancy)],
    ["wait probability", pct(r.waitProbability)],
    ["average wait (ASA)", r.asaSec === null ? "unbounded" : `${r.asaSec.toFixed(2)} s`],
    ...(r.model === "erlang-a" ? ([["abandonment", pct(r.abandonProbability)]] as [string, string][]) : []),
    ["meets target", r.meetsTarget ? "yes" : "no"],
  ];
  return `${table(["figure", "value"], rows)}\n`;
}


async function rosterCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(
    argv,
    { json: { type: "boolean" }, staff: { type: "string" }, "time-limit-sec": { type: "string" }, out: { type: "string" }, lang: { type: "string" }, person: { type: "string" } },
    1,
  );
  const timeLimitSec = timeLimitOf(values["time-limit-sec"]);
  const lang = langOf(values.lang);
  const out = values.out as string | undefined;
  if (out !== undefined && ![".xlsx", ".csv", ".ics"].includes(extname(out).toLowerCase())) {
    throw new InputError([{ path: "--out", message: "must end in .xlsx, .csv or .ics" }]);
  }
  const plan = parsePlan(readJsonFile(positionals[0] as string));
  const staffing = planStaffing(plan, loadCatalog());
  const result = buildRoster(plan, staffing, await staffOf(values.staff, plan.zone), { solve: await createSolve(), clock: () => performance.now(), timeLimitSec });
  const person = values.person as string | undefined;
  if (person !== undefined && (out === undefined || extname(out).toLowerCase() !== ".ics")) {
    throw new InputError([{ path: "--person", message: "goes with --out FILE.ics: one person's calendar" }]);
  }
  if (person !== undefined && !result.shifts.some((s) => s.personId === person)) {
    throw new InputError([{ path: "--person", message: `"${person}" has no shift in this roster` }]);
  }
  if (out !== undefined) writeFileSync(out, await exportRoster(result, plan.name, out, lang, person));
  io.stdout(values.json ? `${JSON.stringify(result)}\n` : `${rosterText(result, lang)}${out === undefined ? "" : `${lang === "zh" ? "已写入" : "Written"}: ${out}\n`}`);
  return result.shortfallAgentHours > 0 || result.status === "timeout" ? EXIT.notMet : EXIT.ok;
}




async function historyCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "import") return historyImport(rest, io);
  if (sub === "list") return historyList(rest, io);
  if (sub === "estimate") return historyEstimate(rest, io);
  throw new InputError([{ path: "command", message: `expected "history import", "history list" or "history estimate", got "history ${sub ?? ""}"` }]);
}

/** The database the CLI stores history in: --db, else PEAKCREW_DB, else data/peakcrew.db (what `serve` uses). */
async function openStore(db: unknown) {
  const { openDb } = await import("../store/db.ts");
  return openDb(dbFileOf(typeof db === "string" ? db : undefined));
}

async function historyImport(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(
    argv,
    { name: { type: "string" }, zone: { type: "string" }, encoding: { type: "string" }, db: { type: "string" }, json: { type: "boolean" } },
    1,
  );
  const file = positionals[0] as string;
  const options = withIssuePaths((path) => `--${path}`, () => parse(HistoryImportSchema, { name: values.name ?? file.replace(/^.*[\\/]/, "").replace(/\.csv$/i, ""), zone: values.zone, encoding: values.encoding }));
  const { readHistoryCsv } = await import("../csv.ts");
  const parsed = withIssuePaths((path) => `${file}: ${path}`, () => readHistoryCsv(readBytes(file), options.encoding as TextEncoding | undefined));
  const db = await openStore(values.db);
  try {
    const { dataset, created } = historyRepo(db).importOnce({ name: options.name, zone: options.zone, sourceFile: file, ...parsed }, new Date().toISOString());
    const s = dataset.summary;
    io.stdout(
      values.json
        ? `${JSON.stringify(dataset)}\n`
        : `${created ? "Imported" : "Already imported (nothing added):"} history ${dataset.id} "${dataset.name}" (${dataset.encoding}): ${s.hours} hours, ${s.from.replace("T", " ")} – ${s.to.replace("T", " ")}` +
            `${s.missingHours > 0 ? `, ${s.missingHours} hours missing` : ""}; busiest ${s.peak.hour.replace("T", " ")} with ${fmt(s.peak.receptions)} receptions.\n`,
    );
  } finally {
    db.close();
  }
  return EXIT.ok;
}

async function historyList(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, { db: { type: "string" }, json: { type: "boolean" } }, 0);
  const db = await openStore(values.db);
  try {
    const datasets = historyRepo(db).list();
    io.stdout(
      values.json
        ? `${JSON.stringify(datasets)}\n`
        : `${table(
            ["id", "name", "from", "to", "hours", "encoding"],
            datasets.map((d) => [d.id, d.name, d.summary.from.replace("T", " "), d.summary.to.replace("T", " "), d.summary.hours, d.encoding]),
          )}\n`,
    );
  } finally {
    db.close();
  }
  return EXIT.ok;
}

async function historyEstimate(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(
    argv,
    { history: { type: "string" }, growth: { type: "string" }, out: { type: "string" }, db: { type: "string" }, json: { type: "boolean" } },
    1,
  );
  const plan = parsePlan(readJsonFile(positionals[0] as string));
  const growth = withIssuePaths(() => "--growth", () => parse(GrowthRateSchema, values.growth));
  const dataset = await loadHistory(values.history, values.db);
  const derivation = deriveFromHistory(dataset.rows, dataset.columns, plan, growth);
  const out = values.out as string | undefined;
  if (out !== undefined) writeFileSync(out, `${JSON.stringify(parsePlan(applyHistory(plan, derivation)), null, 2)}\n`);
  io.stdout(values.json ? `${JSON.stringify(derivation)}\n` : `${estimatesText(derivation)}${out === undefined ? "" : `Written: ${out} (the plan with these applied)\n`}`);
  return EXIT.ok;
}

function estimatesText(d: HistoryDerivation): string {
  const value = (v: number | number[] | null) => (v === null ? "—" : Array.isArray(v) ? `${v.length} values` : fmt(v));
  return [
    `Last year's ${d.alignment.lastYearStart.replace("T", " ")} + ${d.alignment.hours} h ↔ this year's ${d.alignment.thisYearStart.replace("T", " ")}; growth ${fmt(d.growthRate * 100)} %.`,
    ...overlapLines(d.alignment),
    table(
      ["estimate", "value", "sets", "basis"],
      d.estimates.map((e) => [e.key, value(e.value), e.paths.join(", ") || "(information)", e.basis.en]),
    ),
    "",
  ].join("\n");
}

/** A dataset by id from the database, or read straight from a CSV file. */
async function loadHistory(ref: unknown, dbFile: unknown): Promise<HistoryDatasetWithRows> {
  if (typeof ref !== "string") throw new InputError([{ path: "--history", message: "is required: a history dataset id, or a history CSV file" }]);
  if (/\.csv$/i.test(ref) || existsSync(ref)) {
    const { readHistoryCsv } = await import("../csv.ts");
    const parsed = withIssuePaths((path) => `${ref}: ${path}`, () => readHistoryCsv(readBytes(ref)));
    return { id: 0, name: ref, zone: "Asia/Shanghai", sourceFile: ref, createdAt: "", ...parsed };
  }
  const id = Number(ref);
  if (!Number.isInteger(id) || id <= 0) throw new InputError([{ path: "--history", message: `"${ref}" is neither a dataset id nor a CSV file` }]);
  const db = await openStore(dbFile);
  try {
    const dataset = historyRepo(db).withRows(id);
    if (!dataset) throw new InputError([{ path: "--history", message: `no history dataset ${id} in ${dbFileOf(typeof dbFile === "string" ? dbFile : undefined)}` }]);
    return dataset;
  } finally {
    db.close();
  }
}

async function compareCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(
    argv,
    { history: { type: "string" }, staff: { type: "string" }, tolerance: { type: "string" }, db: { type: "string" }, json: { type: "boolean" }, "time-limit-sec": { type: "string" } },
    1,
  );
  const plan = parsePlan(readJsonFile(positionals[0] as string));
  const tolerance = withIssuePaths(() => "--tolerance", () => parse(ToleranceSchema, values.tolerance));
  const dataset = await loadHistory(values.history, values.db);
  const staffing = planStaffing(plan, loadCatalog());
  const roster =
    values.staff === undefined
      ? null
      : buildRoster(plan, staffing, await staffOf(values.staff, plan.zone), { solve: await createSolve(), clock: () => performance.now(), timeLimitSec: timeLimitOf(values["time-limit-sec"]) });
  const comparison = compareWithHistory(staffing, roster, dataset.rows, tolerance);
  io.stdout(values.json ? `${JSON.stringify(comparison)}\n` : compareText(comparison));
  return EXIT.ok;
}

function compareText(c: Comparison): string {
  const at = (iso: string) => iso.replace("T", " ").slice(5, 16);
  const rate = (x: number | null) => (x === null ? "—" : x.toFixed(1));
  const last = c.totals.lastYear;
  const now = c.totals.thisYear;
  const agentsWord = c.agentsBasis === "roster" ? "rostered" : "required";
  const totals = table(
    ["", "last year", "this year"],
    [
      ["receptions", fmt(last.receptions), `${fmt(Math.round(now.receptions))}${c.totals.receptionsGrowth === null ? "" : ` (${c.totals.receptionsGrowth >= 0 ? "+" : ""}${(c.totals.receptionsGrowth * 100).toFixed(1)} %)`}`],
      ["  pre-sales / after-sales", `${fmt(last.presales)} / ${fmt(last.aftersales)}`, `${fmt(Math.round(now.presales))} / ${fmt(Math.round(now.aftersales))}`],
      [`agent-hours (${agentsWord})`, last.agentHours === null ? "—" : fmt(last.agentHours), fmt(Math.round(now.rosteredAgentHours ?? now.requiredAgentHours))],
      ["receptions per agent-hour", rate(last.perAgentHour), rate(now.perAgentHour)],
      ["busiest hour", `${at(last.peak.hour)}: ${fmt(last.peak.receptions)} receptions, ${last.peak.agents ?? "—"} agents`, `${at(now.peak.hour)}: ${fmt(Math.round(now.peak.receptions))} receptions, ${fmt(Math.round(now.peak.agents ?? 0))} agents`],
    ],
  );
  const hours = table(
    ["this year", "last year", "recv then", "recv now", "agents then", `agents now (${agentsWord})`, "per agent then", "per agent now", "thinner"],
    c.hours.map((h) => [
      at(h.start),
      at(h.lastYearHour),
      h.lastYear.receptions,
      Math.round(h.thisYear.receptions),
      h.lastYear.agents ?? "—",
      Math.round((h.thisYear.rosteredAgents ?? h.thisYear.requiredAgents) * 10) / 10,
      rate(h.lastYear.perAgentHour),
      rate(h.thisYear.perAgentHour),
      h.thinner ? "yes" : "",
    ]),
  );
  const risks =
    c.risks.length === 0
      ? [`No hour is thinner than last year's by more than ${fmt(c.tolerance * 100)} %.`]
      : [
          `Risk: ${c.risks.length} hours where each agent takes more than ${fmt(100 + c.tolerance * 100)} % of last year's load:`,
          ...c.risks.map(
            (r) =>
              `  ${at(r.start)}: ${fmt(Math.round(r.receptions.thisYear))} receptions for ${fmt(Math.round(r.agents.thisYear * 10) / 10)} agents (${rate(r.perAgentHour.thisYear)} each) vs ${fmt(r.receptions.lastYear)} for ${fmt(r.agents.lastYear)} last year (${rate(r.perAgentHour.lastYear)}); +${r.extraAgents} agents to match.`,
          ),
        ];
  return [
    `This year's ${c.alignment.thisYearStart.replace("T", " ")} + ${c.alignment.hours} h against last year's ${c.alignment.lastYearStart.replace("T", " ")}; this year's agents: ${agentsWord}.`,
    ...overlapLines(c.alignment),
    totals,
    "",
    ...risks,
    "",
    "Hour by hour",
    hours,
    "",
  ].join("\n");
}

/** The hours the comparison or the estimates rest on when last year's data lacks some of the window's. */
function overlapLines(a: Alignment): string[] {
  if (a.missing.length === 0) return [];
  const at = (iso: string) => iso.replace("T", " ").slice(5, 16);
  const runs = a.missing.map((m) => `${at(m.from)} – ${at(m.to)} (${m.hours} h)`).join(", ");
  return [`Last year's data has ${a.hoursUsed} of the ${a.hours} hours; missing (this year's clock): ${runs}. Only the ${a.hoursUsed} hours both years have are used.`];
}

/** Reads a file's bytes; a missing file is bad input naming it. */
function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new InputError([{ path: file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
}

async function designCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, { json: { type: "boolean" }, "time-limit-sec": { type: "string" } }, 1);
  const timeLimitSec = timeLimitOf(values["time-limit-sec"]);
  const instance = parseDesignInstance(readJsonFile(positionals[0] as string));
  const result = designShifts(instance, { solve: await createSolve(), clock: () => performance.now(), timeLimitSec });
  io.stdout(values.json ? `${JSON.stringify(result)}\n` : designText(result));
  return result.status === "optimal" || result.status === "feasible" ? EXIT.ok : EXIT.notMet;
}

function designText(r: DesignResult): string {
  const hhmm = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toFormat("MM-dd HH:mm");
  const head = [
    `${r.name}: ${r.status}. Paid ${fmt(r.paidHours)} h, cost ${fmt(r.cost)}; lower bound ${r.lowerBound === null ? "—" : fmt(r.lowerBound)}, gap ${r.gap === null ? "—" : `${(r.gap * 100).toFixed(2)} %`}; ${fmt(r.solveMs)} ms.`,
    `${r.model.shifts} candidate shifts × ${r.model.intervals} intervals; stages: ${r.stages.map((s) => `${s.stage} ${fmt(s.ms)} ms`).join(", ")}.`,
  ];
  const shifts = table(
    ["start", "end", "hours", "break", "agents"],
    r.agentsPerShift.map((s) => [hhmm(s.start), hhmm(s.end), s.lengthHours, s.breaks.map((b) => `${hhmm(b.start).slice(6)}–${hhmm(b.end).slice(6)}`).join(" ") || "—", s.agents]),
  );
  const uncovered = r.uncovered.length === 0 ? [] : ["", "Cannot be covered:", table(["interval", "short"], r.uncovered.map((u) => [hhmm(u.start), u.shortfall]))];
  return [...head, "", shifts, ...uncovered, ""].join("\n");
}
