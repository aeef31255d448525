import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "../../src/passwords.ts";
import { openDb } from "../../src/store/db.ts";
import { usersRepo } from "../../src/store/users.ts";
import { runCli } from "./run.ts";

// Each password set or checked runs scrypt at N = 2^17 (~0.4 s, more on a busy machine).
vi.setConfig({ testTimeout: 60_000 });

const dir = mkdtempSync(join(tmpdir(), "peakcrew-users-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const newDb = () => join(dir, `users-${++n}.db`);

const run = runCli;

const stored = (db: string, name: string) => {
  const handle = openDb(db);
  try {
    return usersRepo(handle).byName(name);
  } finally {
    handle.close();
  }
};

describe("peakcrew users", () => {
  it("add takes the password from standard input, stores its hash, and says so in Chinese", async () => {
    const db = newDb();
    const added = await run(["users", "add", "王经理", "--role", "manager", "--password-stdin", "--db", db], "long-enough-1\n");
    expect(added).toEqual({ code: 0, stdout: "已添加用户“王经理”：经理（全部权限）。\n", stderr: "" });
    const user = stored(db, "王经理");
    expect(user?.role).toBe("manager");
    expect(user?.passwordHash).not.toContain("long-enough-1");
    expect(await verifyPassword("long-enough-1", user?.passwordHash as string)).toBe(true);
    const list = await run(["users", "list", "--db", db, "--lang", "en"]);
    expect(list.stdout).toMatch(/^name\s+role\s+created\n.*\n王经理\s+manager \(everything\)\s+\d{4}-/);
  });

  it("refuses a taken name, a bad role, a short password, and a password given as an argument (exit 2, nothing stored)", async () => {
    const db = newDb();
    await run(["users", "add", "a", "--role", "viewer", "--password-stdin", "--db", db], "long-enough-1");
    expect(await run(["users", "add", "A", "--role", "hr", "--password-stdin", "--db", db], "long-enough-1")).toMatchObject({ code: 2, stderr: "错误：NAME：用户“A”已存在\n" });
    expect((await run(["users", "add", "b", "--role", "boss", "--password-stdin", "--db", db], "long-enough-1")).stderr).toBe("错误：--role：应为以下之一：manager、hr、viewer\n");
    expect((await run(["users", "add", "b", "--role", "hr", "--password-stdin", "--db", db], "short\n")).stderr).toBe("错误：password：至少 10 个字符\n");
    expect((await run(["users", "add", "b", "--role", "hr", "--password", "long-enough-1", "--db", db])).stderr).toMatch(
      /^错误：arguments：未知选项 --password（全部选项见 peakcrew users add --help）$/m,
    );
    // Without --password-stdin the password is asked on a terminal; the test's stdin is none.
    expect((await run(["users", "add", "b", "--role", "hr", "--db", db])).stderr).toMatch(/^错误：--password-stdin：标准输入不是终端/);
    expect(stored(db, "b")).toBeNull();
  });

  it("passwd sets a new password and ends the user's sessions", async () => {
    const db = newDb();
    await run(["users", "add", "李人事", "--role", "hr", "--password-stdin", "--db", db], "first-password");
    const handle = openDb(db);
    const id = usersRepo(handle).byName("李人事")?.id;
    handle.prepare("INSERT INTO sessions VALUES ('h', ?, 'a', 'a', 'z')").run(id);
    handle.close();
    expect((await run(["users", "passwd", "李人事", "--password-stdin", "--db", db], "second-password\n")).code).toBe(0);
    const user = stored(db, "李人事");
    expect(await verifyPassword("second-password", user?.passwordHash as string)).toBe(true);
    expect(await verifyPassword("first-password", user?.passwordHash as string)).toBe(false);
    const check = openDb(db);
    expect(check.prepare("SELECT COUNT(*) AS n FROM sessions").get()).toEqual({ n: 0 });
    check.close();
    expect((await run(["users", "passwd", "nobody", "--password-stdin", "--db", db], "second-password")).stderr).toBe("错误：NAME：没有用户“nobody”\n");
  });

  it("remove keeps the last manager while others depend on it, and removes everyone else", async () => {
    const db = newDb();
    await run(["users", "add", "m", "--role", "manager", "--password-stdin", "--db", db], "long-enough-1");
    await run(["users", "add", "v", "--role", "viewer", "--password-stdin", "--db", db], "long-enough-1");
    expect(await run(["users", "remove", "m", "--db", db])).toMatchObject({ code: 2, stderr: "错误：NAME：“m”是最后一个经理账号：先添加另一位经理，或先删除其他账号\n" });
    expect(await run(["users", "remove", "v", "--db", db])).toEqual({ code: 0, stdout: "已删除用户“v”及其会话。\n", stderr: "" });
    expect((await run(["users", "remove", "m", "--db", db])).code).toBe(0);
    expect((await run(["users", "list", "--db", db, "--json"])).stdout).toBe("[]\n");
  });
});

describe("peakcrew serve on a shared address", () => {
  it("refuses 0.0.0.0 without a manager: exit 2 and one Chinese line saying how to add one", async () => {
    const db = newDb();
    const res = await run(["serve", "--host", "0.0.0.0", "--port", "0", "--db", db]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe("");
    expect(res.stderr).toBe(`错误：--host：0.0.0.0 不是本机地址，共享前须先设置账号：peakcrew users add 姓名 --role manager --db ${db}（见 docs/security.md）\n`);
  });
});
