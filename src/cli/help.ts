/** `--help` text from a command's spec: usage, one line per flag, an example. */
import type { CommandGroup, CommandSpec } from "./io.ts";
import { type Lang, say } from "./text.ts";

/** The flags every command takes, listed after its own. */
const GLOBAL_FLAGS = [
  { flag: "--lang zh|en", zh: "输出语言：中文（默认）或英文", en: "language of the output: Chinese (default) or English" },
  { flag: "-h, --help", zh: "显示本帮助", en: "show this help" },
];

export function commandHelp(spec: CommandSpec, lang: Lang): string {
  const flags = [...spec.flags.map((f) => ({ flag: `--${f.name}${f.value === undefined ? "" : ` ${f.value}`}`, text: f[lang] })), ...GLOBAL_FLAGS.map((g) => ({ flag: g.flag, text: g[lang] }))];
  const width = Math.max(...flags.map((f) => f.flag.length));
  return [
    `${say(lang, "用法：", "usage: ")}peakcrew ${spec.name} ${spec.usage}`.trimEnd(),
    "",
    spec.summary[lang],
    "",
    say(lang, "选项：", "Options:"),
    ...flags.map((f) => `  ${f.flag.padEnd(width)}  ${f.text}`),
    "",
    say(lang, "示例：", "Example:"),
    `  peakcrew ${spec.name} ${spec.example}`,
    "",
  ].join("\n");
}

export function groupHelp(group: CommandGroup, lang: Lang): string {
  const subs = Object.values(group.subcommands).map((c) => c.spec);
  const width = Math.max(...subs.map((s) => s.name.length));
  return [
    `${say(lang, "用法：", "usage: ")}peakcrew ${group.name} <${Object.keys(group.subcommands).join("|")}> [${say(lang, "选项", "options")}]`,
    "",
    group.summary[lang],
    "",
    ...subs.map((s) => `  ${s.name.padEnd(width)}  ${s.summary[lang]}`),
    "",
    say(lang, `每个子命令的选项：peakcrew ${group.name} <子命令> --help`, `Each one's options: peakcrew ${group.name} <subcommand> --help`),
    "",
  ].join("\n");
}
