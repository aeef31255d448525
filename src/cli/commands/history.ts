/** `peakcrew history import|list|estimate`: last year's hourly data, stored and used. */
import { existsSync, writeFileSync } from "node:fs";
import type { TextEncoding } from "../../csv.ts";
import { InputError, withIssuePaths } from "../../domain/errors.ts";
import { applyHistory, deriveFromHistory } from "../../domain/history-estimates.ts";
import { GrowthRateSchema, HistoryImportSchema, parse, parsePlan } from "../../schemas.ts";
import type { HistoryDatasetWithRows } from "../../store/history.ts";
import { dbFileOf } from "../../config.ts";
import { args, type Command, type CommandGroup, type CommandSpec, EXIT, type Io, openStore, printJson, readBytes, readJsonFile } from "../io.ts";
import { cliIssue, fmt, type Lang, say, table } from "../text.ts";
import { estimatesText } from "./history-text.ts";

const JSON_FLAG = { name: "json", zh: "输出一份 JSON（机器读取，不随语言变化）", en: "print one JSON document (for machines; the same in either language)" };
const DB_FLAG = { name: "db", value: "FILE", zh: "数据库文件（默认 PEAKCREW_DB 或 data/peakcrew.db，与 serve 相同）", en: "database file (default PEAKCREW_DB or data/peakcrew.db, as serve uses)" };
export const HISTORY_FLAG = { name: "history", value: "ID|FILE.csv", zh: "去年数据：已导入的编号，或直接给 CSV 文件（必填）", en: "last year's data: a stored dataset id, or a CSV file (required)" };

const importSpec: CommandSpec = {
  name: "history import",
  usage: "FILE.csv [--name N] [--zone Z] [--encoding utf-8|gb18030] [--db FILE] [--json]",
  summary: {
    zh: "导入去年每小时的数据（GBK 或 UTF-8，自动识别）；同一份数据只存一次。",
    en: "Stores last year's hourly data (GBK or UTF-8, detected); the same data is stored once.",
  },
  positionals: 1,
  flags: [
    { name: "name", value: "N", zh: "数据名称（默认取文件名）", en: "the dataset's name (default: the file's)" },
    { name: "zone", value: "Z", zh: "数据的时区（默认 Asia/Shanghai）", en: "the data's time zone (default Asia/Shanghai)" },
    { name: "encoding", value: "utf-8|gb18030", zh: "文件编码（默认自动识别）", en: "the file's encoding (default: detected)" },
    DB_FLAG,
    JSON_FLAG,
  ],
  example: "data/samples/mid-size-double11.history.csv --name 2025",
};

async function historyImport(argv: string[], io: Io, lang: Lang): Promise<number> {
  const { values, positionals } = args(argv, importSpec);
  const file = positionals[0] as string;
  const options = withIssuePaths(
    (path) => `--${path}`,
    () => parse(HistoryImportSchema, { name: values.name ?? file.replace(/^.*[\\/]/, "").replace(/\.csv$/i, ""), zone: values.zone, encoding: values.encoding }),
  );
  const { readHistoryCsv } = await import("../../csv.ts");
  const parsed = withIssuePaths(
    (path) => `${file}: ${path}`,
    () => readHistoryCsv(readBytes(file), options.encoding as TextEncoding | undefined),
  );
  const { historyRepo } = await import("../../store/history.ts");
  const db = await openStore(values.db);
  try {
    const { dataset, created } = historyRepo(db).importOnce({ name: options.name, zone: options.zone, sourceFile: file, ...parsed }, new Date().toISOString());
    if (values.json) {
      printJson(io, dataset);
      return EXIT.ok;
    }
    const s = dataset.summary;
    const from = s.from.replace("T", " ");
    const to = s.to.replace("T", " ");
    const busiest = s.peak.hour.replace("T", " ");
    io.stdout(
      lang === "zh"
        ? `${created ? "已导入" : "已导入过（未重复添加）："}去年数据 ${dataset.id}“${dataset.name}”（${dataset.encoding}）：${fmt(s.hours)} 小时，${from} 至 ${to}${s.missingHours > 0 ? `，缺 ${fmt(s.missingHours)} 小时` : ""}；最忙 ${busiest}，接待 ${fmt(s.peak.receptions)}。\n`
        : `${created ? "Imported" : "Already imported (nothing added):"} history ${dataset.id} "${dataset.name}" (${dataset.encoding}): ${fmt(s.hours)} hours, ${from} – ${to}${s.missingHours > 0 ? `, ${fmt(s.missingHours)} hours missing` : ""}; busiest ${busiest} with ${fmt(s.peak.receptions)} receptions.\n`,
    );
  } finally {
    db.close();
  }
  return EXIT.ok;
}

const listSpec: CommandSpec = {
  name: "history list",
  usage: "[--db FILE] [--json]",
  summary: { zh: "列出已导入的去年数据。", en: "Lists the stored datasets." },
  positionals: 0,
  flags: [DB_FLAG, JSON_FLAG],
  example: "--db data/peakcrew.db",
};

async function historyList(argv: string[], io: Io, lang: Lang): Promise<number> {
  const { values } = args(argv, listSpec);
  const { historyRepo } = await import("../../store/history.ts");
  const db = await openStore(values.db);
  try {
    const datasets = historyRepo(db).list();
    if (values.json) printJson(io, datasets);
    else {
      const header = say(lang, "编号,名称,开始,结束,小时数,编码", "id,name,from,to,hours,encoding").split(",");
      io.stdout(
        `${table(
          header,
          datasets.map((d) => [d.id, d.name, d.summary.from.replace("T", " "), d.summary.to.replace("T", " "), d.summary.hours, d.encoding]),
        )}\n`,
      );
    }
  } finally {
    db.close();
  }
  return EXIT.ok;
}

const estimateSpec: CommandSpec = {
  name: "history estimate",
  usage: "PLAN.json --history ID|FILE.csv [--growth G] [--out PLAN.json] [--db FILE] [--json]",
  summary: {
    zh: "从去年数据估算方案参数（曲线、转化率、客单价、饱和接待量、售后咨询率等），各附依据；--out 写出应用了这些估算的方案。",
    en: "Plan parameters estimated from last year (curve, conversion, order value, saturation, after-sales rate…), each with its basis; --out writes the plan with them applied.",
  },
  positionals: 1,
  flags: [
    HISTORY_FLAG,
    { name: "growth", value: "G", zh: "预计增长，小数：0.2 即 +20 %（默认 0）", en: "expected growth as a fraction: 0.2 is +20 % (default 0)" },
    { name: "out", value: "PLAN.json", zh: "写出应用了估算的方案", en: "write the plan with the estimates applied" },
    DB_FLAG,
    JSON_FLAG,
  ],
  example: "data/samples/mid-size-double11.plan.json --history data/samples/mid-size-double11.history.csv --growth 0.2 --out 估算.plan.json",
};

async function historyEstimate(argv: string[], io: Io, lang: Lang): Promise<number> {
  const { values, positionals } = args(argv, estimateSpec);
  const plan = parsePlan(readJsonFile(positionals[0] as string));
  const growth = withIssuePaths(
    () => "--growth",
    () => parse(GrowthRateSchema, values.growth),
  );
  const dataset = await loadHistory(values.history, values.db);
  const derivation = deriveFromHistory(dataset.rows, dataset.columns, plan, growth);
  const out = values.out as string | undefined;
  if (out !== undefined) writeFileSync(out, `${JSON.stringify(parsePlan(applyHistory(plan, derivation)), null, 2)}\n`);
  if (values.json) printJson(io, derivation);
  else io.stdout(`${estimatesText(derivation, lang)}${out === undefined ? "" : say(lang, `已写入：${out}（应用了这些估算的方案）\n`, `Written: ${out} (the plan with these applied)\n`)}`);
  return EXIT.ok;
}

/** A dataset by id from the database, or read straight from a CSV file. */
export async function loadHistory(ref: unknown, dbFile: unknown): Promise<HistoryDatasetWithRows> {
  if (typeof ref !== "string") throw new InputError([cliIssue("--history", "必填：去年数据的编号，或去年数据 CSV 文件", "is required: a history dataset id, or a history CSV file")]);
  if (/\.csv$/i.test(ref) || existsSync(ref)) {
    const { readHistoryCsv } = await import("../../csv.ts");
    const parsed = withIssuePaths(
      (path) => `${ref}: ${path}`,
      () => readHistoryCsv(readBytes(ref)),
    );
    return { id: 0, name: ref, zone: "Asia/Shanghai", sourceFile: ref, createdAt: "", ...parsed };
  }
  const id = Number(ref);
  if (!Number.isInteger(id) || id <= 0) throw new InputError([cliIssue("--history", `“${ref}”既不是数据编号，也不是 CSV 文件`, `"${ref}" is neither a dataset id nor a CSV file`)]);
  const { historyRepo } = await import("../../store/history.ts");
  const db = await openStore(dbFile);
  try {
    const dataset = historyRepo(db).withRows(id);
    const where = dbFileOf(typeof dbFile === "string" ? dbFile : undefined);
    if (!dataset) throw new InputError([cliIssue("--history", `${where} 中没有编号为 ${id} 的去年数据`, `no history dataset ${id} in ${where}`)]);
    return dataset;
  } finally {
    db.close();
  }
}

const sub = (spec: CommandSpec, run: Command["run"]): Command => ({ spec, run });

export const history: CommandGroup = {
  name: "history",
  summary: { zh: "去年每小时数据：导入、列表、估算参数。", en: "Last year's hourly data: import, list, estimate." },
  subcommands: { import: sub(importSpec, historyImport), list: sub(listSpec, historyList), estimate: sub(estimateSpec, historyEstimate) },
};
