/**
 * `peakcrew users add|passwd|remove|list`: who may sign in when the server is shared
 * (docs/security.md "Access control"). A password is asked on the terminal (twice, not
 * echoed) or read from standard input with --password-stdin; never taken as an argument,
 * where it would stay in the shell history and the process list.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { InputError, withIssuePaths } from "../../domain/errors.ts";
import type { Lang } from "../../domain/export.ts";
import { hashPassword } from "../../passwords.ts";
import { NewPasswordSchema, parse, RoleSchema, UserNameSchema } from "../../schemas.ts";
import { openDb } from "../../store/db.ts";
import { type Role, usersRepo } from "../../store/users.ts";
import { dbFileOf } from "../../config.ts";
import { args, type Command, type CommandGroup, type CommandSpec, EXIT, type FlagSpec, type Io, printJson } from "../io.ts";
import { table } from "../text.ts";

const ROLE_NAME: Record<Role, Record<Lang, string>> = {
  manager: { zh: "经理（全部权限）", en: "manager (everything)" },
  hr: { zh: "人事（排班、临时调配与导出）", en: "HR (rosters, re-plans and exports)" },
  viewer: { zh: "查看（只读）", en: "viewer (read only)" },
};

const DB: FlagSpec = {
  name: "db",
  value: "FILE",
  zh: "数据库文件（默认 PEAKCREW_DB 或 data/peakcrew.db，与 serve 相同）",
  en: "database file (default PEAKCREW_DB or data/peakcrew.db, as serve uses)",
};
const PASSWORD_STDIN: FlagSpec = {
  name: "password-stdin",
  zh: "从标准输入读密码（一行）；不给则在终端询问两次，不回显",
  en: "read the password from standard input (one line); else asked twice on the terminal, not echoed",
};

const addSpec: CommandSpec = {
  name: "users add",
  usage: "NAME --role manager|hr|viewer [--password-stdin] [--db FILE]",
  summary: { zh: "添加可登录的账号（密码在终端询问，或从标准输入读入；从不作为参数）。", en: "Adds an account (the password is asked, or read from standard input; never an argument)." },
  positionals: 1,
  flags: [
    {
      name: "role",
      value: "manager|hr|viewer",
      zh: "角色：经理（全部权限）、人事（排班、调配与导出）或查看（只读）",
      en: "role: manager (everything), hr (rosters, re-plans and exports) or viewer (read only)",
    },
    PASSWORD_STDIN,
    DB,
  ],
  example: "王经理 --role manager",
};
const passwdSpec: CommandSpec = {
  name: "users passwd",
  usage: "NAME [--password-stdin] [--db FILE]",
  summary: { zh: "修改密码；此人已登录的会话全部失效。", en: "Changes a password; the person's sessions are signed out." },
  positionals: 1,
  flags: [PASSWORD_STDIN, DB],
  example: "王经理",
};
const removeSpec: CommandSpec = {
  name: "users remove",
  usage: "NAME [--db FILE]",
  summary: { zh: "删除账号及其会话（不能删除最后一个经理，除非已没有其他账号）。", en: "Removes an account and its sessions (not the last manager while others remain)." },
  positionals: 1,
  flags: [DB],
  example: "王经理",
};
const listSpec: CommandSpec = {
  name: "users list",
  usage: "[--db FILE] [--json]",
  summary: { zh: "列出账号。", en: "Lists the accounts." },
  positionals: 0,
  flags: [DB, { name: "json", zh: "输出一份 JSON（机器读取，不随语言变化）", en: "print one JSON document (for machines; the same in either language)" }],
  example: "--db data/peakcrew.db",
};

function withUsers<T>(db: unknown, use: (users: ReturnType<typeof usersRepo>) => T): T {
  const handle = openDb(dbFileOf(typeof db === "string" ? db : undefined));
  try {
    return use(usersRepo(handle));
  } finally {
    handle.close();
  }
}

async function add(argv: string[], io: Io, lang: Lang): Promise<number> {
  const { values, positionals } = args(argv, addSpec);
  const name = withIssuePaths(
    () => "NAME",
    () => parse(UserNameSchema, positionals[0]),
  );
  if (values.role === undefined) throw new InputError([{ path: "--role", message: lang === "zh" ? '必填："manager"、"hr" 或 "viewer"' : 'is required: "manager", "hr" or "viewer"' }]);
  const role = withIssuePaths(
    () => "--role",
    () => parse(RoleSchema, values.role),
  );
  withUsers(values.db, (users) => {
    if (users.byName(name)) throw new InputError([{ path: "NAME", message: lang === "zh" ? `用户“${name}”已存在` : `user "${name}" already exists` }]);
  });
  const hash = await hashPassword(await newPassword(io, values["password-stdin"] === true, lang));
  const added = withUsers(values.db, (users) => users.add(name, role, hash, new Date().toISOString()));
  if (!added) throw new InputError([{ path: "NAME", message: lang === "zh" ? `用户“${name}”已存在` : `user "${name}" already exists` }]);
  io.stdout(lang === "zh" ? `已添加用户“${name}”：${ROLE_NAME[role].zh}。\n` : `Added user "${name}": ${ROLE_NAME[role].en}.\n`);
  return EXIT.ok;
}

async function passwd(argv: string[], io: Io, lang: Lang): Promise<number> {
  const { values, positionals } = args(argv, passwdSpec);
  const name = positionals[0] as string;
  const missing = () => new InputError([{ path: "NAME", message: lang === "zh" ? `没有用户“${name}”` : `no user "${name}"` }]);
  if (!withUsers(values.db, (users) => users.byName(name))) throw missing();
  const hash = await hashPassword(await newPassword(io, values["password-stdin"] === true, lang));
  if (!withUsers(values.db, (users) => users.setPasswordHash(name, hash))) throw missing();
  io.stdout(lang === "zh" ? `已修改“${name}”的密码，其已登录的会话全部失效。\n` : `Changed the password of "${name}"; their sessions are signed out.\n`);
  return EXIT.ok;
}

function remove(argv: string[], io: Io, lang: Lang): number {
  const { values, positionals } = args(argv, removeSpec);
  const name = positionals[0] as string;
  withUsers(values.db, (users) => {
    const user = users.byName(name);
    if (!user) throw new InputError([{ path: "NAME", message: lang === "zh" ? `没有用户“${name}”` : `no user "${name}"` }]);
    // Without a manager, access is not configured: the others' accounts would stop meaning anything.
    if (user.role === "manager" && users.managerCount() === 1 && users.list().length > 1) {
      throw new InputError([
        {
          path: "NAME",
          message: lang === "zh" ? `“${name}”是最后一个经理账号：先添加另一位经理，或先删除其他账号` : `"${name}" is the last manager: add another manager first, or remove the other users first`,
        },
      ]);
    }
    users.remove(name);
  });
  io.stdout(lang === "zh" ? `已删除用户“${name}”及其会话。\n` : `Removed user "${name}" and their sessions.\n`);
  return EXIT.ok;
}

function list(argv: string[], io: Io, lang: Lang): number {
  const { values } = args(argv, listSpec);
  const users = withUsers(values.db, (repo) => repo.list());
  if (values.json) {
    printJson(io, users);
  } else if (users.length === 0) {
    io.stdout(lang === "zh" ? "还没有用户：本机（127.0.0.1）访问不需登录；共享前先添加经理账号。\n" : "No users yet: loopback needs no sign-in; add a manager before sharing.\n");
  } else {
    const header = lang === "zh" ? ["姓名", "角色", "创建时间"] : ["name", "role", "created"];
    io.stdout(
      `${table(
        header,
        users.map((u) => [u.name, ROLE_NAME[u.role][lang], u.createdAt.slice(0, 16).replace("T", " ")]),
      )}\n`,
    );
  }
  return EXIT.ok;
}

/** The new password: from standard input (one line) with --password-stdin, else asked twice on the terminal. */
async function newPassword(io: Io, fromStdin: boolean, lang: Lang): Promise<string> {
  let password: string;
  if (fromStdin) {
    password = (await (io.stdin ?? readStdin)()).replace(/\r?\n$/, "");
  } else {
    if (!process.stdin.isTTY) {
      throw new InputError([
        {
          path: "--password-stdin",
          message: lang === "zh" ? "标准输入不是终端，无法询问密码：请用 --password-stdin 从标准输入传入" : "standard input is not a terminal: pass the password on it with --password-stdin",
        },
      ]);
    }
    password = await askHidden(lang === "zh" ? "密码：" : "Password: ");
    const again = await askHidden(lang === "zh" ? "再输入一次：" : "Again: ");
    if (again !== password) throw new InputError([{ path: "password", message: lang === "zh" ? "两次输入的密码不一致" : "the two passwords differ" }]);
  }
  return withIssuePaths(
    () => "password",
    () => parse(NewPasswordSchema, password),
  );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Asks on the terminal without echoing the answer. */
function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

const sub = (spec: CommandSpec, run: Command["run"]): Command => ({ spec, run });

export const users: CommandGroup = {
  name: "users",
  summary: { zh: "共享服务器时可登录的账号（见 docs/security.md）。", en: "Who may sign in when the server is shared (docs/security.md)." },
  subcommands: { add: sub(addSpec, add), passwd: sub(passwdSpec, passwd), remove: sub(removeSpec, remove), list: sub(listSpec, list) },
};
