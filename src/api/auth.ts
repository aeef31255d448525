/**
 * Access control (docs/security.md "Access control"): sign-in with session cookies, roles,
 * and the audit log of writes. Access is *configured* when the database has a manager; then
 * every /api route but /health, /login, /logout (here) and /openapi.json (served before this
 * router, app.ts) needs a session, and the role matrix (roles.ts) decides what it may do.
 * Without a manager the API is open to whoever reaches it, which the server allows only on
 * loopback (`accessFor` refuses to start otherwise, and a shared server whose last manager is
 * removed while it runs answers 503).
 */
import { createHash, randomBytes } from "node:crypto";
import { BlockList, isIP } from "node:net";
import express from "express";
import { InputError } from "../domain/errors.ts";
import { DUMMY_HASH, verifyPassword } from "../passwords.ts";
import { AuditQuerySchema, LoginRequestSchema, parse } from "../schemas.ts";
import { type AuditRepo, auditRepo } from "../store/audit.ts";
import type { Db } from "../store/db.ts";
import { type Role, type SessionsRepo, sessionsRepo, type UsersRepo, usersRepo } from "../store/users.ts";
import { AppError } from "./errors.ts";
import { loginLimiter } from "./login-limit.ts";
import { isCalculator, requiredRole, roleAllows } from "./roles.ts";

export const SESSION_COOKIE = "peakcrew_session";

export type AccessDeps = {
  users: UsersRepo;
  sessions: SessionsRepo;
  audit: AuditRepo;
  /** The server listens beyond loopback: without a manager it answers 503, never open. */
  shared: boolean;
  /** Express's "trust proxy" (e.g. "loopback", 1): behind a TLS proxy, makes req.secure and req.ip true to the client. */
  trustProxy?: string | number;
  /** A session ends this long after sign-in (default 12 h)… */
  sessionHours?: number;
  /** …or after this long unused (default 2 h). */
  idleHours?: number;
};

type Who = { name: string; role: Role };
const LOCAL: Who = { name: "local", role: "manager" };
const HOUR_MS = 3_600_000;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");
LOOPBACK.addSubnet("::ffff:127.0.0.0", 104, "ipv6");

/** Whether `host` is a loopback address (127.0.0.0/8, ::1) or "localhost". */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  if (h === "localhost") return true;
  const family = isIP(h);
  return family !== 0 && LOOPBACK.check(h, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The access deps for a server on `host` with database `db`; refuses (bad input on --host) a
 * non-loopback host when no manager exists, saying how to add one, and a "trust proxy" value
 * Express cannot read (bad input on --trust-proxy).
 */
export function accessFor(db: Db, options: { host: string; dbFile: string; trustProxy?: string | number }): AccessDeps {
  const users = usersRepo(db);
  const shared = !isLoopback(options.host);
  if (shared && users.managerCount() === 0) {
    const dbFlag = options.dbFile === ":memory:" ? "" : ` --db ${options.dbFile}`;
    throw new InputError([{ path: "--host", message: `${options.host} 不是本机地址，共享前须先设置账号：peakcrew users add 姓名 --role manager${dbFlag}（见 docs/security.md）` }]);
  }
  if (options.trustProxy !== undefined) {
    try {
      express().set("trust proxy", options.trustProxy);
    } catch (error) {
      throw new InputError([{ path: "--trust-proxy", message: `${(error as Error).message}: give "loopback", a hop count or addresses` }]);
    }
  }
  return { users, sessions: sessionsRepo(db), audit: auditRepo(db), shared, trustProxy: options.trustProxy };
}

/** Puts access control in front of the app's /api routes (call before the routes and body parsers). */
export function installAccess(app: express.Express, access: AccessDeps, now: () => string, log: (message: string, error: unknown) => void): void {
  if (access.trustProxy !== undefined) app.set("trust proxy", access.trustProxy);
  app.use("/api", accessRouter(access, now, log));
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The session token in the request's cookie (32 random bytes, base64url), or null. */
function tokenOf(req: express.Request): string | null {
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([A-Za-z0-9_-]{43})(?:;|$)`).exec(req.headers.cookie ?? "");
  return match?.[1] ?? null;
}

function accessRouter(access: AccessDeps, now: () => string, log: (message: string, error: unknown) => void): express.Router {
  const { users, sessions, audit } = access;
  const sessionMs = (access.sessionHours ?? 12) * HOUR_MS;
  const idleMs = (access.idleHours ?? 2) * HOUR_MS;
  const limiter = loginLimiter();
  const router = express.Router();
  const configured = () => users.managerCount() > 0;
  const who = (res: express.Response) => res.locals.who as Who | undefined;

  /** The audit log: every request but reads and the calculators, written when the response ends (499 if the client left first). */
  router.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS" || isCalculator(req.method, req.path)) return next();
    const at = now();
    const path = `/api${req.path}`.slice(0, 300);
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      res.locals.responseBody = body;
      return json(body);
    };
    res.on("close", () => {
      try {
        const user = who(res);
        const status = res.writableFinished ? res.statusCode : 499;
        const summary = (res.locals.auditSummary as string | undefined) ?? summaryOf(res.locals.responseBody);
        audit.record({ at, userName: user?.name ?? null, role: user?.role ?? null, ip: req.ip ?? null, method: req.method, path, status, summary });
      } catch (error) {
        log("audit log write failed", error);
      }
    });
    next();
  });

  router.get("/health", (_req, res) => {
    res.json({ ok: true });
  });

  router.post("/login", express.json({ limit: "8kb" }), async (req, res) => {
    const { name, password } = parse(LoginRequestSchema, req.body);
    if (!configured()) throw new AppError("access-not-configured", 409, "no users are set up: this server is open on loopback; add one with `peakcrew users add`");
    const ip = req.ip ?? "";
    const nowMs = Date.parse(now());
    const wait = limiter.retryAfterSec(ip, name, nowMs);
    if (wait > 0) {
      res.set("Retry-After", String(wait));
      res.locals.auditSummary = `login refused (too many attempts): ${name}`;
      throw new AppError("too-many-attempts", 429, `too many failed logins: try again in ${Math.ceil(wait / 60)} min`);
    }
    const user = users.byName(name);
    // An unknown name is checked against a dummy hash, so it takes as long as a wrong password.
    const ok = (await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)) && user !== null;
    if (!ok || !user) {
      limiter.failed(ip, name, nowMs);
      res.locals.auditSummary = `login failed: ${name}`;
      throw new AppError("invalid-login", 401, "wrong name or password");
    }
    limiter.succeeded(ip, name);
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(nowMs + sessionMs).toISOString();
    sessions.purge(now(), new Date(nowMs - idleMs).toISOString());
    sessions.create(hashToken(token), user.id, now(), expiresAt);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "strict", secure: req.secure, path: "/", maxAge: sessionMs });
    res.locals.who = { name: user.name, role: user.role } satisfies Who;
    res.locals.auditSummary = "login";
    res.json({ name: user.name, role: user.role, expiresAt });
  });

  router.post("/logout", (req, res) => {
    const token = tokenOf(req);
    if (token) {
      const user = sessions.find(hashToken(token));
      if (user) res.locals.who = { name: user.name, role: user.role } satisfies Who;
      sessions.remove(hashToken(token));
    }
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "strict", secure: req.secure, path: "/" });
    res.locals.auditSummary = "logout";
    res.status(204).end();
  });

  /** Who is asking: the session's user, "local" on an open loopback server; 401 / 503 otherwise. */
  router.use((req, res, next) => {
    if (!configured()) {
      if (access.shared) throw new AppError("access-not-configured", 503, "this server is shared but has no manager account: add one with `peakcrew users add NAME --role manager`");
      res.locals.who = LOCAL;
      return next();
    }
    const token = tokenOf(req);
    const current = now();
    const user = token ? sessions.find(hashToken(token)) : null;
    const nowMs = Date.parse(current);
    if (!token || !user || user.expiresAt <= current || Date.parse(user.lastSeenAt) + idleMs <= nowMs) {
      if (token && user) sessions.remove(hashToken(token));
      throw new AppError("unauthorized", 401, "sign in first (POST /api/login)");
    }
    // Seen-at is written at most once a minute, not on every request.
    if (nowMs - Date.parse(user.lastSeenAt) > 60_000) sessions.touch(hashToken(token), current);
    res.locals.who = { name: user.name, role: user.role } satisfies Who;
    next();
  });

  router.get("/me", (_req, res) => {
    const user = who(res) as Who;
    res.json({ name: user.name, role: user.role, mode: configured() ? "users" : "open" });
  });

  /** What each role may do (roles.ts); 403 naming the role and the request otherwise. */
  router.use((req, res, next) => {
    const user = who(res) as Who;
    const needed = requiredRole(req.method, req.path);
    if (!roleAllows(user.role, needed)) {
      throw new AppError("forbidden", 403, `the ${user.role} role may not ${req.method} /api${req.path} (needs ${needed})`);
    }
    next();
  });

  router.get("/audit", (req, res) => {
    const { limit, before } = parse(AuditQuerySchema, req.query);
    const entries = audit.page(limit, before ?? null);
    res.json({ entries, next: entries.length === limit ? (entries.at(-1)?.id ?? null) : null });
  });

  return router;
}

/** A short note of what a write did, from its JSON answer: the error code, or the ids and name it returned. */
function summaryOf(body: unknown): string {
  if (typeof body !== "object" || body === null) return "";
  const record = body as Record<string, unknown>;
  const error = record.error as { code?: unknown } | undefined;
  if (error && typeof error.code === "string") return error.code;
  return ["id", "planId", "name", "version", "status"]
    .filter((key) => typeof record[key] === "string" || typeof record[key] === "number")
    .map((key) => `${key}=${String(record[key]).slice(0, 80)}`)
    .join(" ");
}
