/**
 * `peakcrew chat-report FILE [--plan ID|PLAN.json] [--queue presales|aftersales] [--apply] [--out PLAN.json]`:
 * the chat model's K, AHT and slowdown estimated from the shop's per-agent 赤兔 / 千牛 service
 * report (CSV in GBK or UTF-8, or xlsx), each with its basis. With a stored plan (--plan ID),
 * --apply writes them into the queue's `service.chat` (the plan's version goes up); with a plan
 * file, --out writes the plan with them applied.
 */
import { existsSync, writeFileSync } from "node:fs";
import { loadCatalog } from "../../catalog.ts";
import { type ChatReportAnswer, calibrateFromFile } from "../../chat-report-file.ts";
import type { TextEncoding } from "../../csv.ts";
import { applyChatCalibration, currentSlowdown } from "../../domain/chat-estimate.ts";
import { InputError, withIssuePaths } from "../../domain/errors.ts";
import type { Lang } from "../../domain/export.ts";
import { type Plan, planStaffing, type QueueName } from "../../domain/staffing.ts";
import { HistoryImportSchema, parse, parsePlan } from "../../schemas.ts";
import { dbFileOf } from "../../config.ts";
import { openDb } from "../../store/db.ts";
import { plansRepo } from "../../store/plans.ts";
import { args, type Command, type CommandSpec, EXIT, type Io, printJson, readBytes, readJsonFile } from "../io.ts";
import { cliIssue, fmt, table } from "../text.ts";

const spec: CommandSpec = {
  name: "chat-report",
  usage: "FILE.csv|.xlsx [--plan ID|PLAN.json] [--queue presales|aftersales] [--apply] [--out PLAN.json] [--encoding utf-8|gb18030] [--db FILE] [--json]",
  summary: {
    zh: "从店铺的赤兔/千牛客服接待报表（每位客服一行）估算聊天模型的接待上限 K、处理时长和放慢系数，各附依据；--apply 写入已保存的方案，--out 写出方案文件。",
    en: "The chat model's K, handle time and slowdown estimated from the shop's 赤兔/千牛 per-agent service report, each with its basis; --apply writes them into a stored plan, --out into a plan file.",
  },
  positionals: 1,
  flags: [
    { name: "plan", value: "ID|PLAN.json", zh: "方案：已保存的编号，或方案文件", en: "the plan: a stored id, or a plan file" },
    { name: "queue", value: "presales|aftersales", zh: "应用到哪个队列（默认 presales，售前）", en: "the queue to apply to (default presales)" },
    { name: "apply", zh: "写入已保存的方案（--plan ID；方案版本加一）", en: "write into the stored plan (--plan ID; its version goes up)" },
    { name: "out", value: "PLAN.json", zh: "与 --plan PLAN.json 一起用：写出应用了估算的方案文件", en: "with --plan PLAN.json: write the plan file with the estimates applied" },
    { name: "encoding", value: "utf-8|gb18030", zh: "文件编码（默认自动识别）", en: "the file's encoding (default: detected)" },
    { name: "db", value: "FILE", zh: "数据库文件（--plan 给编号时）", en: "database file (when --plan is an id)" },
    { name: "json", zh: "输出一份 JSON（机器读取，不随语言变化）", en: "print one JSON document (for machines; the same in either language)" },
  ],
  example: "data/samples/chitu-service-report.csv --plan data/samples/mid-size-double11.plan.json --out 校准.plan.json",
};

const QUEUE_ZH: Record<QueueName, string> = { presales: "售前", aftersales: "售后" };
const KEY_TEXT: Record<string, { zh: string; en: string }> = {
  maxParallel: { zh: "最多同时接待 K", en: "most chats at once K" },
  typicalConcurrency: { zh: "典型同时接待数", en: "typical concurrency" },
  ahtSecAtTypical: { zh: "典型并发下会话时长（秒）", en: "AHT at typical concurrency (s)" },
  slowdownPerExtraChat: { zh: "每多一个会话的放慢系数", en: "slowdown per extra chat" },
  ahtSecAtOneChat: { zh: "单会话时长（秒）", en: "AHT at one chat (s)" },
  firstResponseSec: { zh: "平均首次响应（秒）", en: "first response (s)" },
};

async function run(argv: string[], io: Io, lang: Lang): Promise<number> {
  const { values, positionals } = args(argv, spec);
  const file = positionals[0] as string;
  const queue = values.queue ?? "presales";
  if (queue !== "presales" && queue !== "aftersales")
    throw new InputError([cliIssue("--queue", '须为 "presales"（默认，售前）或 "aftersales"（售后）', 'must be "presales" (default) or "aftersales"')]);
  const encoding = withIssuePaths(
    () => "--encoding",
    () => parse(HistoryImportSchema.shape.encoding, values.encoding),
  ) as TextEncoding | undefined;
  const planRef = values.plan as string | undefined;
  const storedId = planRef !== undefined && /^\d+$/.test(planRef) && !existsSync(planRef) ? Number(planRef) : null;
  if (values.apply && storedId === null)
    throw new InputError([
      cliIssue(
        "--apply",
        "用于已保存的方案：请给 --plan 编号（方案文件请用 --out FILE.json 写出）",
        "updates a stored plan: give --plan ID (for a plan file, --out FILE.json writes it with the estimates)",
      ),
    ]);
  if (values.out !== undefined && (planRef === undefined || storedId !== null))
    throw new InputError([cliIssue("--out", "须与 --plan PLAN.json 一起用：写出应用了估算的方案文件", "goes with --plan PLAN.json: the plan file with the estimates applied")]);

  const db = storedId === null ? null : openDb(dbFileOf(typeof values.db === "string" ? values.db : undefined));
  try {
    const plans = db && plansRepo(db);
    const record = plans && storedId !== null ? plans.get(storedId) : undefined;
    if (plans && !record) {
      const where = dbFileOf(typeof values.db === "string" ? values.db : undefined);
      throw new InputError([cliIssue("--plan", `${where} 中没有编号为 ${storedId} 的方案`, `no plan ${storedId} in ${where}`)]);
    }
    const plan: Plan | null = record ? record.input : planRef !== undefined ? parsePlan(readJsonFile(planRef)) : null;
    const slowdown = plan && currentSlowdown(plan, queue);
    const fallbackSlowdown =
      slowdown === null || slowdown === undefined ? undefined : { value: slowdown, en: `the plan's current ${queue} slowdown ${slowdown}`, zh: `方案当前${QUEUE_ZH[queue]}的放慢系数 ${slowdown}` };
    const answer = await calibrateFromFile(readBytes(file), { encoding, fileName: file, fallbackSlowdown }).catch((error: unknown) => {
      throw error instanceof InputError ? new InputError(error.issues.map((i) => ({ ...i, path: `${file}: ${i.path}` }))) : error;
    });
    let done = "";
    if (plan && (values.apply || values.out !== undefined)) {
      const input = parsePlan(applyChatCalibration(plan, queue, answer));
      if (plans && record) {
        const updated = plans.update(record.id, input, planStaffing(input, loadCatalog()), new Date().toISOString());
        done = lang === "zh" ? `已应用到方案 ${record.id} 的${QUEUE_ZH[queue]}队列（版本 ${updated?.version}）。\n` : `Applied to plan ${record.id}'s ${queue} queue (version ${updated?.version}).\n`;
      } else if (values.out !== undefined) {
        writeFileSync(values.out as string, `${JSON.stringify(input, null, 2)}\n`);
        done = lang === "zh" ? `已写入：${values.out}（${QUEUE_ZH[queue]}队列已应用这些估算）\n` : `Written: ${values.out} (the ${queue} queue with these estimates)\n`;
      }
    }
    if (values.json) printJson(io, { queue, ...answer });
    else io.stdout(`${chatReportText(answer, lang)}${done}`);
    return EXIT.ok;
  } finally {
    db?.close();
  }
}

export function chatReportText(a: ChatReportAnswer, lang: Lang): string {
  const zh = lang === "zh";
  const format = `${a.format.toUpperCase()}${a.encoding ? `, ${a.encoding.toUpperCase()}` : ""}`;
  const rows = a.estimates.map((e) => [
    KEY_TEXT[e.key]?.[lang] ?? e.key,
    fmt(e.value),
    e.sets ? `service.chat.${e.sets}${e.fallback ? (zh ? "（默认）" : " (fallback)") : ""}` : zh ? "仅供参考" : "(information)",
    e.basis[lang],
  ]);
  const { chat } = a;
  const list = a.ahtSecByParallel.map((x) => fmt(x)).join("/");
  return [
    zh ? `赤兔/千牛接待报表：${a.agents} 位客服（${format}）` : `赤兔/千牛 service report: ${a.agents} agents (${format})`,
    table(zh ? ["估算", "值", "设置到", "依据"] : ["estimate", "value", "sets", "basis"], rows),
    "",
    zh
      ? `聊天模型：K = ${chat.maxParallel}，单会话时长 ${fmt(chat.ahtSecAtOneChat)} 秒，每多一个会话放慢 ${fmt(chat.slowdownPerExtraChat)} → 同时 1…${chat.maxParallel} 个时每会话 ${list} 秒`
      : `Chat model: K = ${chat.maxParallel}, AHT at one chat ${fmt(chat.ahtSecAtOneChat)} s, slowdown ${fmt(chat.slowdownPerExtraChat)} per extra chat → AHT at 1…${chat.maxParallel} chats ${list} s`,
    ...(a.notes.length > 0 ? [`${zh ? "说明" : "Notes"}:`, ...a.notes.map((n) => `  · ${n}`)] : []),
    "",
  ].join("\n");
}

export const chatReport: Command = { spec, run };
