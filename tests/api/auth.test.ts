// Sign-in, roles and the audit log through the real HTTP stack: the app on port 0, fetch with
// the cookie the server set. Only the clock is faked (sessions expire by it).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/api/app.ts";
import { accessFor, isLoopback } from "../../src/api/auth.ts";
import { loadSamplePlans } from "../../src/catalog.ts";
import { InputError } from "../../src/domain/errors.ts";
import { hashPassword } from "../../src/passwords.ts";
import { createSolverPool, type SolverPool } from "../../src/solver/pool.ts";
import { auditRepo } from "../../src/store/audit.ts";
import { type Db, openDb } from "../../src/store/db.ts";
import { reposOf } from "../../src/store/repos.ts";
import { type Role, usersRepo } from "../../src/store/users.ts";
import { catalog, planInput } from "../fixtures.ts";

// Each sign-in runs scrypt at N = 2^17 (~0.4 s, more on a busy machine): room for a few per test.
vi.setConfig({ testTimeout: 60_000 });

const START = "2026-11-10T08:00:00.000Z";
const PASSWORD: Record<Role, string> = { manager: "manager-pass-1", hr: "hr-pass-0001", viewer: "viewer-pass-1" };
const NAME: Record<Role, string> = { manager: "王经理", hr: "李人事", viewer: "张查看" };
const HOUR = 3_600_000;
let hashes: Record<Role, string>;
let clock: string;
let db: Db;
let server: Server | undefined;
let solver: SolverPool | undefined;
let base: string;

beforeAll(async () => {
  // Hashed once: scrypt at N = 2^17 takes ~0.4 s each.
  hashes = { manager: await hashPassword(PASSWORD.manager), hr: await hashPassword(PASSWORD.hr), viewer: await hashPassword(PASSWORD.viewer) };
}, 60_000);

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await solver?.close();
  server = undefined;
  solver = undefined;
});

/** The app on port 0 with a new in-memory database holding `roles`' users, as served on `host`. */
async function start(roles: Role[] = ["manager", "hr", "viewer"], host = "127.0.0.1", trustProxy?: string) {
  clock = START;
  db = openDb(":memory:");
  const users = usersRepo(db);
  for (const role of roles) users.add(NAME[role], role, hashes[role], START);
  const access = accessFor(db, { host, dbFile: ":memory:", trustProxy });
  solver = createSolverPool();
  const app = createApp({
    ...reposOf(db),
    catalog,
    samples: loadSamplePlans(),
    now: () => clock,
    log: () => {},
    solver,
    access,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function call(method: string, path: string, options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json", ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const json = res.headers.get("content-type")?.startsWith("application/json");
  return { status: res.status, body: json ? JSON.parse(text) : text, headers: res.headers };
}

/** Signs in as `role`; the cookie to send back. */
async function login(role: Role): Promise<string> {
  const res = await call("POST", "/api/login", { body: { name: NAME[role], password: PASSWORD[role] } });
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") as string).split(";")[0] as string;
}

const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe("starting on a shared address", () => {
  it("loopback is 127.0.0.0/8, ::1 and localhost; 0.0.0.0, ::, LAN addresses and host names are not", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"]) expect(isLoopback(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "128.0.0.1", "example.com", ""]) expect(isLoopback(host), host).toBe(false);
  });

  it("is refused on 0.0.0.0 without a manager (an HR user alone is not enough), naming --host and how to add one", () => {
    const empty = openDb(":memory:");
    expect(() => accessFor(empty, { host: "0.0.0.0", dbFile: "team.db" })).toThrow(InputError);
    usersRepo(empty).add("李人事", "hr", "x", START);
    try {
      accessFor(empty, { host: "0.0.0.0", dbFile: "team.db" });
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).issues).toEqual([{ path: "--host", message: expect.stringContaining("peakcrew users add 姓名 --role manager --db team.db") }]);
    }
    expect(accessFor(empty, { host: "127.0.0.1", dbFile: "team.db" }).shared).toBe(false);
    usersRepo(empty).add("王经理", "manager", "x", START);
    expect(accessFor(empty, { host: "0.0.0.0", dbFile: "team.db" }).shared).toBe(true);
  });

  it("a trust-proxy value Express cannot read is bad input on --trust-proxy", () => {
    expect(() => accessFor(openDb(":memory:"), { host: "127.0.0.1", dbFile: ":memory:", trustProxy: "not-an-address" })).toThrow(/--trust-proxy/);
  });

  it("a shared server whose last manager is removed while it runs answers 503, never opens", async () => {
    await start(["manager"], "0.0.0.0");
    usersRepo(db).remove(NAME.manager);
    const res = await call("GET", "/api/plans");
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("access-not-configured");
  });
});

describe("loopback without users", () => {
  it("is open to the single local user, whose writes are audited as 'local'", async () => {
    await start([]);
    expect((await call("GET", "/api/me")).body).toEqual({ name: "local", role: "manager", mode: "open" });
    const created = await call("POST", "/api/plans", { body: planInput() });
    expect(created.status).toBe(201);
    const rows = auditRepo(db).page(10, null);
    expect(rows).toEqual([expect.objectContaining({ userName: "local", method: "POST", path: "/api/plans", status: 201, summary: expect.stringContaining(`id=${created.body.id}`) })]);
    expect((await call("POST", "/api/login", { body: { name: "x", password: "y" } })).body.error.code).toBe("access-not-configured");
  });
});

describe("POST /api/login", () => {
  it("sets an HttpOnly, SameSite=Strict session cookie for / (not Secure over plain HTTP) and answers who signed in", async () => {
    await start();
    const res = await call("POST", "/api/login", { body: { name: NAME.hr, password: PASSWORD.hr } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: NAME.hr, role: "hr", expiresAt: "2026-11-10T20:00:00.000Z" });
    const cookie = res.headers.get("set-cookie") as string;
    expect(cookie).toMatch(/^peakcrew_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("Max-Age=43200");
    expect(cookie).not.toContain("Secure");
    // Only the token's hash is stored.
    const token = cookie.split(";")[0]?.split("=")[1] as string;
    const stored = db.prepare("SELECT token_hash FROM sessions").all() as { token_hash: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toContain(token);
    expect((await call("GET", "/api/me", { cookie: cookie.split(";")[0] })).body).toEqual({ name: NAME.hr, role: "hr", mode: "users" });
  });

  it("the cookie is Secure behind a trusted TLS proxy, and a forwarded https from an untrusted peer is ignored", async () => {
    await start(["manager"], "127.0.0.1", "loopback");
    const proxied = await call("POST", "/api/login", { body: { name: NAME.manager, password: PASSWORD.manager }, headers: { "x-forwarded-proto": "https" } });
    expect(proxied.headers.get("set-cookie")).toContain("; Secure");
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await solver?.close();
    await start(["manager"]);
    const direct = await call("POST", "/api/login", { body: { name: NAME.manager, password: PASSWORD.manager }, headers: { "x-forwarded-proto": "https" } });
    expect(direct.headers.get("set-cookie")).not.toContain("Secure");
  });

  it("a wrong password and an unknown name get the same 401 invalid-login, no cookie, and an audit row", async () => {
    await start();
    const wrong = await call("POST", "/api/login", { body: { name: NAME.manager, password: PASSWORD.viewer } });
    const unknown = await call("POST", "/api/login", { body: { name: "nobody", password: PASSWORD.manager } });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual({ code: "invalid-login", message: "wrong name or password", issues: [] });
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    expect(count("sessions")).toBe(0);
    expect(
      auditRepo(db)
        .page(10, null)
        .map((r) => [r.userName, r.path, r.status, r.summary]),
    ).toEqual([
      [null, "/api/login", 401, "login failed: nobody"],
      [null, "/api/login", 401, `login failed: ${NAME.manager}`],
    ]);
  });

  it("after 5 failures for a name from one address, even the right password waits (429); other names still may sign in", async () => {
    await start();
    for (let i = 0; i < 5; i++) expect((await call("POST", "/api/login", { body: { name: NAME.viewer, password: "guess-guess" } })).status).toBe(401);
    const limited = await call("POST", "/api/login", { body: { name: NAME.viewer, password: PASSWORD.viewer } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("too-many-attempts");
    expect(Number(limited.headers.get("retry-after"))).toBe(15 * 60);
    expect((await call("POST", "/api/login", { body: { name: NAME.hr, password: PASSWORD.hr } })).status).toBe(200);
  });

  it("bad input is 400 naming the field, before any password is checked", async () => {
    await start();
    const res = await call("POST", "/api/login", { body: { name: "", password: "x", extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["(root)", "name"]);
  });
});

describe("sessions", () => {
  it("without a session every API route but health and login is 401 unauthorized; a made-up token too", async () => {
    await start();
    expect((await call("GET", "/api/health")).status).toBe(200);
    for (const [method, path] of [
      ["GET", "/api/plans"],
      ["POST", "/api/plans"],
      ["GET", "/api/me"],
      ["GET", "/api/nowhere"],
    ] as const) {
      const res = await call(method, path, { body: method === "POST" ? planInput() : undefined });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
    expect((await call("GET", "/api/plans", { cookie: `peakcrew_session=${"A".repeat(43)}` })).status).toBe(401);
    expect(count("plans")).toBe(0);
  });

  it("logout ends the session: the same cookie is then 401, and the session row is gone", async () => {
    await start();
    const cookie = await login("manager");
    expect((await call("GET", "/api/plans", { cookie })).status).toBe(200);
    const out = await call("POST", "/api/logout", { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^peakcrew_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(count("sessions")).toBe(0);
    expect((await call("GET", "/api/plans", { cookie })).status).toBe(401);
    expect(auditRepo(db).page(1, null)[0]).toMatchObject({ userName: NAME.manager, path: "/api/logout", status: 204, summary: "logout" });
  });

  it("a session ends 12 h after sign-in however busy, and after 2 h unused", async () => {
    await start();
    const cookie = await login("viewer");
    // Used every 90 minutes: the idle limit never bites, the absolute one does at 12 h.
    for (let minutes = 90; minutes < 12 * 60; minutes += 90) {
      clock = new Date(Date.parse(START) + minutes * 60_000).toISOString();
      expect((await call("GET", "/api/plans", { cookie })).status, `${minutes} min`).toBe(200);
    }
    clock = new Date(Date.parse(START) + 12 * HOUR).toISOString();
    expect((await call("GET", "/api/plans", { cookie })).status).toBe(401);
    expect(count("sessions")).toBe(0);

    clock = START;
    const idle = await login("viewer");
    clock = new Date(Date.parse(START) + 2 * HOUR - 1000).toISOString();
    expect((await call("GET", "/api/plans", { cookie: idle })).status).toBe(200);
    clock = new Date(Date.parse(clock) + 2 * HOUR).toISOString();
    expect((await call("GET", "/api/plans", { cookie: idle })).status).toBe(401);
  });

  it("a new password signs the user's sessions out", async () => {
    await start();
    const cookie = await login("hr");
    usersRepo(db).setPasswordHash(NAME.hr, hashes.viewer);
    expect((await call("GET", "/api/plans", { cookie })).status).toBe(401);
  });
});

describe("roles", () => {
  it("a viewer reads and previews but cannot save a plan (403 forbidden, nothing stored) or read the audit log", async () => {
    await start();
    const cookie = await login("viewer");
    expect((await call("GET", "/api/plans", { cookie })).status).toBe(200);
    expect((await call("POST", "/api/staffing", { cookie, body: planInput() })).status).toBe(200);
    const post = await call("POST", "/api/plans", { cookie, body: planInput() });
    expect(post.status).toBe(403);
    expect(post.body.error).toEqual({ code: "forbidden", message: "the viewer role may not POST /api/plans (needs manager)", issues: [] });
    expect(count("plans")).toBe(0);
    // Express routes ignore case and a trailing slash; the role rules do too.
    for (const path of ["/api/audit", "/api/AUDIT", "/api/audit/"]) expect((await call("GET", path, { cookie })).status, path).toBe(403);
    expect((await call("POST", "/api/PLANS/", { cookie, body: planInput() })).status).toBe(403);
    expect(count("plans")).toBe(0);
  });

  it("HR solves and deletes a plan's roster but cannot create or edit the plan; a manager can", async () => {
    await start();
    const manager = await login("manager");
    const hr = await login("hr");
    const oneDay = { ...planInput(), window: { start: "2026-11-11T00:00", end: "2026-11-12T00:00" }, shifts: { lengthsHours: [4, 8] } };
    expect((await call("POST", "/api/plans", { cookie: hr, body: oneDay })).status).toBe(403);
    const plan = await call("POST", "/api/plans", { cookie: manager, body: oneDay });
    expect(plan.status).toBe(201);
    const three = "id,name,skills,kind,trained,maxHours\nA1,王芳,presales|aftersales,fulltime,yes,12\nA2,李梅,presales,fulltime,yes,12\nA3,张伟,aftersales,fulltime,yes,12\n";
    expect((await call("POST", `/api/plans/${plan.body.id}/roster`, { cookie: hr, body: { staffCsv: three } })).status).toBe(201);
    const edit = await call("PUT", `/api/plans/${plan.body.id}`, { cookie: hr, body: { ...oneDay, name: "改名" } });
    expect(edit.status).toBe(403);
    expect(edit.body.error.code).toBe("forbidden");
    expect((await call("GET", `/api/plans/${plan.body.id}`, { cookie: hr })).body.name).toBe(oneDay.name);
    expect((await call("GET", `/api/plans/${plan.body.id}/roster.csv`, { cookie: hr })).status).toBe(200);
    expect((await call("DELETE", `/api/plans/${plan.body.id}`, { cookie: hr })).status).toBe(403);
    expect((await call("PUT", `/api/plans/${plan.body.id}`, { cookie: manager, body: { ...oneDay, name: "改名" } })).status).toBe(200);
    expect((await call("DELETE", `/api/plans/${plan.body.id}/roster`, { cookie: hr })).status).toBe(204);
  });
});

describe("the audit log", () => {
  it("records each write with who, what, when and status; managers page it newest first", async () => {
    await start();
    const manager = await login("manager");
    const viewer = await login("viewer");
    clock = "2026-11-10T09:00:00.000Z";
    const plan = await call("POST", "/api/plans", { cookie: manager, body: planInput() });
    await call("DELETE", `/api/plans/${plan.body.id}`, { cookie: viewer });
    await call("POST", "/api/plans", { body: planInput() });
    await call("POST", "/api/staffing", { cookie: viewer, body: planInput() });
    await call("GET", "/api/plans", { cookie: viewer });
    const first = await call("GET", "/api/audit?limit=3", { cookie: manager });
    expect(first.status).toBe(200);
    expect(
      first.body.entries.map((e: { userName: string | null; role: string | null; method: string; path: string; status: number; summary: string }) => [
        e.userName,
        e.role,
        e.method,
        e.path,
        e.status,
        e.summary,
      ]),
    ).toEqual([
      [null, null, "POST", "/api/plans", 401, "unauthorized"],
      [NAME.viewer, "viewer", "DELETE", `/api/plans/${plan.body.id}`, 403, "forbidden"],
      [NAME.manager, "manager", "POST", "/api/plans", 201, `id=${plan.body.id} name=${planInput().name} version=1`],
    ]);
    expect(first.body.entries[0]).toMatchObject({ at: "2026-11-10T09:00:00.000Z", ip: expect.stringMatching(/127\.0\.0\.1/) });
    const rest = await call("GET", `/api/audit?limit=3&before=${first.body.next}`, { cookie: manager });
    expect(rest.body.entries.map((e: { summary: string }) => e.summary)).toEqual(["login", "login"]);
    expect(rest.body.next).toBeNull();
    expect(count("audit_log")).toBe(5);
  });
});
