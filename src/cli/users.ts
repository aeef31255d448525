/**
 * `peakcrew users add|passwd|remove|list`: who may sign in when the server is shared
 * (docs/security.md "Access control"). A password is asked on the terminal (twice, not
 * echoed) or read from standard input with --password-stdin; never taken as an argument,
 * where it would stay in the shell history and the process list.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { InputError, withIssuePaths } from "../domain/errors.ts";
import type { Lang } from "../domain/export.ts";
import { hashPassword } from "../passwords.ts";
import { NewPasswordSchema, parse, RoleSchema, UserNameSchema } from "../schemas.ts";
import { openDb } from "../store/db.ts";
import { type Role, usersRepo } from "../store/users.ts";
import { dbFileOf } from "../config.ts";
import { args, EXIT, type Io, langOf } from "./common.ts";
import { table } from "./format.ts";

const ROLE_NAME: Record<Role, Record<Lang, string>> = {
  manager: { zh: "经理（全部权限）", en: "manager (everything)" },
  hr: { zh: "人事（排班、临时调配与导出）", en: "HR (rosters, re-plans and exports)" },
  viewer: { zh: "查看（只读）", en: "viewer (read only)" },
};

const COMMON = { db: { type: "string" }, lang: { type: "string" } } as const;

export async function usersCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case "add":
      return add(rest, io);
    case "passwd":
      return passwd(rest, io);
    case "remove":
      return remove(rest, io);
    case "list":
      return list(rest, io);
    default:
      throw new InputError([{ path: "command", message: `expected "users add", "users passwd", "users remove" or "users list", got "users ${sub ?? ""}"` }]);
  }
}

function withUsers<T>(db: unknown, use: (users: ReturnType<typeof usersRepo>) => T): T {
  const handle = openDb(dbFileOf(typeof db === "string" ? db : undefined));
  try {
    return use(usersRepo(handle));
  } finally {
    handle.close();
  }
}

async function add(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, { ...COMMON, role: { type: "string" }, "password-stdin": { type: "boolean" } }, 1);
  const lang = langOf(values.lang);
  const name = withIssuePaths(() => "NAME", () => parse(UserNameSchema, positionals[0]));
  if (values.role === undefined) throw new InputError([{ path: "--role", message: lang === "zh" ? '必填："manager"、"hr" 或 "viewer"' : 'is required: "manager", "hr" or "viewer"' }]);
  const role = withIssuePaths(() => "--role", () => parse(RoleSchema, values.role));
  withUsers(values.db, (users) => {
    if (users.byName(name)) throw new InputError([{ path: "NAME", message: lang === "zh" ? `用户“${name}”已存在` : `user "${name}" already exists` }]);
  });
  const hash = await hashPassword(await newPassword(io, values["password-stdin"] === true, lang));
  const added = withUsers(values.db, (users) => users.add(name, role, hash, new Date().toISOString()));
  if (!added) throw new InputError([{ path: "NAME", message: lang === "zh" ? `用户“${name}”已存在` : `user "${name}" already exists` }]);
  io.stdout(lang === "zh" ? `已添加用户“${name}”：${ROLE_NAME[role].zh}。\n` : `Added user "${name}": ${ROLE_NAME[role].en}.\n`);
  return EXIT.ok;
}

async function passwd(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, { ...COMMON, "password-stdin": { type: "boolean" } }, 1);
  const lang = langOf(values.lang);
  const name = positionals[0] as string;
  const missing = () => new InputError([{ path: "NAME", message: lang === "zh" ? `没有用户“${name}”` : `no user "${name}"` }]);
  if (!withUsers(values.db, (users) => users.byName(name))) throw missing();
  const hash = await hashPassword(await newPassword(io, values["password-stdin"] === true, lang));
  if (!withUsers(values.db, (users) => users.setPasswordHash(name, hash))) throw missing();
  io.stdout(lang === "zh" ? `已修改“${name}”的密码，其已登录的会话全部失效。\n` : `Changed the password of "${name}"; their sessions are signed out.\n`);
  return EXIT.ok;
}

function remove(argv: string[], io: Io): number {
  const { values, positionals } = args(argv, COMMON, 1);
  const lang = langOf(values.lang);
  const name = positionals[0] as string;
  withUsers(values.db, (users) => {
    const user = users.byName(name);
    if (!user) throw new InputError([{ path: "NAME", message: lang === "zh" ? `没有用户“${name}”` : `no user "${name}"` }]);
    // Without a manager, access is not configured: the others' accounts would stop meaning anything.
    if (user.role === "manager" && users.managerCount() === 1 && users.list().length > 1) {
      throw new InputError([
        {
          path: "NAME",
          message:
            lang === "zh" ? `“${name}”是最后一个经理账号：先添加另一位经理，或先删除其他账号` : `"${name}" is the last manager: add another manager first, or remove the other users first`,
        },
      ]);
    }
    users.remove(name);
  });
  io.stdout(lang === "zh" ? `已删除用户“${name}”及其会话。\n` : `Removed user "${name}" and their sessions.\n`);
  return EXIT.ok;
}

function list(argv: string[], io: Io): number {
  const { values } = args(argv, { ...COMMON, json: { type: "boolean" } }, 0);
  const lang = langOf(values.lang);
  const users = withUsers(values.db, (repo) => repo.list());
  if (values.json) {
    io.stdout(`${JSON.stringify(users)}\n`);
  } else if (users.length === 0) {
    io.stdout(lang === "zh" ? "还没有用户：本机（127.0.0.1）访问不需登录；共享前先添加经理账号。\n" : "No users yet: loopback needs no sign-in; add a manager before sharing.\n");
  } else {
    const header = lang === "zh" ? ["姓名", "角色", "创建时间"] : ["name", "role", "created"];
    io.stdout(`${table(header, users.map((u) => [u.name, ROLE_NAME[u.role][lang], u.createdAt.slice(0, 16).replace("T", " ")]))}\n`);
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
        { path: "--password-stdin", message: lang === "zh" ? "标准输入不是终端，无法询问密码：请用 --password-stdin 从标准输入传入" : "standard input is not a terminal: pass the password on it with --password-stdin" },
      ]);
    }
    password = await askHidden(lang === "zh" ? "密码：" : "Password: ");
    const again = await askHidden(lang === "zh" ? "再输入一次：" : "Again: ");
    if (again !== password) throw new InputError([{ path: "password", message: lang === "zh" ? "两次输入的密码不一致" : "the two passwords differ" }]);
  }
  return withIssuePaths(() => "password", () => parse(NewPasswordSchema, password));
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
