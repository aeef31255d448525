/**
 * The `peakcrew` command line: the same straight line as the API, with a file in and text
 * or JSON out. This file only dispatches: each command lives in src/cli/commands/<name>.ts with
 * its flags and help. Exit codes (DESIGN.md): 0 done, 1 done but the target is not met
 * (shortfall, infeasible or timeout), 2 bad input (stderr names the field or flag), 3 internal
 * error. Text is Chinese unless `--lang en`.
 */
import { InputError } from "../domain/errors.ts";
import { commandHelp, groupHelp } from "./help.ts";
import { type Command, type CommandGroup, EXIT, type Io, langOf, readJsonFile } from "./io.ts";
import { cliIssue, issueLines, type Lang, say } from "./text.ts";

export { EXIT, type Io, readJsonFile };

// Each command's module is imported when it runs (`await import`), not above, and so are the
// server, the store, the CSV reader, HiGHS and the export writers inside them: loading them all
// would make every command, even `peakcrew erlang`, start several times slower. `npm run bench`
// measures the start-up.
const COMMANDS: Record<string, { load: () => Promise<Command | CommandGroup>; zh: string; en: string }> = {
  serve: { load: async () => (await import("./commands/serve.ts")).serve, zh: "网页与 API（默认只监听 127.0.0.1）", en: "the web page and API (127.0.0.1 unless told)" },
  staffing: { load: async () => (await import("./commands/staffing.ts")).staffing, zh: "人数公式、咨询曲线和每个时段的所需人数", en: "the chain, the curve and required agents per interval" },
  erlang: {
    load: async () => (await import("./commands/erlang.ts")).erlang,
    zh: "单个时段的排队计算（Erlang C/A，或一组处理时长的 Erlang Chat）",
    en: "one interval's queueing answer (Erlang C/A, or Erlang Chat for a list of handle times)",
  },
  design: { load: async () => (await import("./commands/design.ts")).design, zh: "按需求曲线求最优班次（shared/bench 格式）", en: "optimal shifts for a requirement curve (shared/bench format)" },
  roster: { load: async () => (await import("./commands/roster.ts")).roster, zh: "排班到人，逐条校验规则；--out 导出", en: "the named roster, checked against every rule; --out exports it" },
  history: { load: async () => (await import("./commands/history.ts")).history, zh: "去年每小时数据：导入、列表、估算参数", en: "last year's hourly data: import, list, estimate" },
  compare: { load: async () => (await import("./commands/compare.ts")).compare, zh: "今年方案（和排班）与去年逐小时对比", en: "this year's plan (and roster) against last year, hour by hour" },
  replan: {
    load: async () => (await import("./commands/replan.ts")).replan,
    zh: "当日调配：按实际重新预测，给出变更清单和新排班",
    en: "the night's re-plan: re-forecast from the actuals, change list, new roster",
  },
  "chat-report": {
    load: async () => (await import("./commands/chat-report.ts")).chatReport,
    zh: "从赤兔/千牛接待报表估算聊天模型的 K、处理时长和放慢系数",
    en: "the chat model's K, AHT and slowdown from the 赤兔/千牛 service report",
  },
  users: { load: async () => (await import("./commands/users.ts")).users, zh: "共享服务器时可登录的账号", en: "who may sign in when the server is shared" },
};

function usage(lang: Lang): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    `${say(lang, "用法：", "usage: ")}peakcrew <${say(lang, "命令", "command")}> [${say(lang, "选项", "options")}] [--lang zh|en]`,
    "",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c[lang]}`),
    "",
    say(lang, "每个命令的用法、选项和示例：peakcrew <命令> --help（或 peakcrew help <命令>）", "Each command's usage, options and an example: peakcrew <command> --help (or peakcrew help <command>)"),
    say(
      lang,
      "默认输出中文；加 --lang en 输出英文。--json 输出一份 JSON（不随语言变化）。",
      "Output is Chinese by default; --lang en for English. --json prints one JSON document (the same in either language).",
    ),
    "",
  ].join("\n");
}

/** Runs one command; resolves to its exit code. `serve` resolves once listening. */
export async function main(argv: string[], io: Io): Promise<number> {
  let lang: Lang = "zh";
  try {
    const global = globalFlags(argv);
    lang = global.lang;
    const [name, ...rest] = global.argv;
    if (name === undefined || name === "help" || name === "--help" || name === "-h") {
      const topic = name === "help" ? rest[0] : undefined;
      if (topic === undefined) {
        io.stdout(usage(lang));
        return name === undefined && !global.help ? EXIT.badInput : EXIT.ok;
      }
      return await help([topic, ...rest.slice(1)], io, lang);
    }
    if (global.help) return await help([name, ...rest], io, lang);
    const entry = COMMANDS[name];
    if (!entry) throw new UsageError([cliIssue("command", `没有“${name}”这个命令`, `unknown command "${name}"`)], usage(lang));
    const command = await entry.load();
    if ("subcommands" in command) {
      const [sub, ...subArgv] = rest;
      const chosen = sub === undefined ? undefined : command.subcommands[sub];
      if (!chosen) {
        const names = Object.keys(command.subcommands).map((s) => `${name} ${s}`);
        throw new UsageError(
          [cliIssue("command", `应为 ${names.join("、")}，收到“${name} ${sub ?? ""}”`, `expected ${names.map((n) => `"${n}"`).join(", ")}, got "${name} ${sub ?? ""}"`)],
          groupHelp(command, lang),
        );
      }
      return await chosen.run(subArgv, io, lang);
    }
    return await command.run(rest, io, lang);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${issueLines(error.issues, lang)}\n${error instanceof UsageError ? `\n${error.help}` : ""}`);
      return EXIT.badInput;
    }
    io.stderr(`${say(lang, "内部错误", "internal error")}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.internal;
  }
}

/** `peakcrew <command> [sub] --help` and `peakcrew help <command> [sub]`. */
async function help([name, sub]: (string | undefined)[], io: Io, lang: Lang): Promise<number> {
  const entry = name === undefined ? undefined : COMMANDS[name];
  if (!entry) {
    io.stdout(usage(lang));
    return name === undefined ? EXIT.ok : EXIT.badInput;
  }
  const command = await entry.load();
  if (!("subcommands" in command)) io.stdout(commandHelp(command.spec, lang));
  else {
    const chosen = sub === undefined ? undefined : command.subcommands[sub];
    io.stdout(chosen ? commandHelp(chosen.spec, lang) : groupHelp(command, lang));
  }
  return EXIT.ok;
}

/** --lang and --help (-h) anywhere before `--`, taken out of argv so every command has them. */
function globalFlags(argv: string[]): { lang: Lang; help: boolean; argv: string[] } {
  const rest: string[] = [];
  let lang: string | undefined;
  let help = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") break;
    if (a === "--help" || a === "-h") help = true;
    else if (a === "--lang") lang = argv[++i] ?? "";
    else if (a.startsWith("--lang=")) lang = a.slice("--lang=".length);
    else rest.push(a);
  }
  rest.push(...argv.slice(i));
  // A bad --lang is said in Chinese, the default, since the language it asked for is unknown.
  return { lang: langOf(lang), help, argv: rest };
}

/** Bad input that also shows the usage it broke (an unknown command or subcommand). */
class UsageError extends InputError {
  constructor(
    issues: ConstructorParameters<typeof InputError>[0],
    readonly help: string,
  ) {
    super(issues);
  }
}
