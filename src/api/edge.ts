/**
 * The HTTP edge, before any route: security headers (helmet), the Host check against DNS
 * rebinding (421), the cross-site write check against CSRF (403), the body type of writes
 * (415), and a solve refused before its body is read when the solve queue is full (503).
 */
import type express from "express";
import helmet from "helmet";
import { XLSX_TYPE } from "../export/xlsx.ts";
import { QueueFullError, type SolverPool } from "../solver/pool.ts";
import { AppError } from "./errors.ts";

/** What a write may carry: JSON, or a file (CSV, xlsx, bytes; browsers label a .csv as vnd.ms-excel on Windows). */
export const WRITE_TYPES = ["application/json", "text/csv", "application/octet-stream", "application/vnd.ms-excel", XLSX_TYPE];
/** Names a browser may use for this server wherever it is bound; the port must be the one the request came in on. */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** The routes that queue a solve (as express routes them: any case, a trailing slash). */
const SOLVE_PATH = /^\/api\/(design|plans\/[^/]+\/(roster|replan))\/?$/i;

/** The page's policy: its scripts, styles and data come from this origin only, and nothing may frame it. */
export const securityHeaders = (): express.RequestHandler =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Served over plain HTTP on a loopback or LAN address: HSTS and upgrade-insecure-requests would break it.
    strictTransportSecurity: false,
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
  });

/**
 * 421 unless the Host names this server: a loopback name or the address the connection came
 * in on, with its port, or one of `allowedHosts` (any port). A page on another origin whose
 * name resolves here (DNS rebinding) sends its own name, so it is refused.
 */
export function hostCheck(allowedHosts: string[] = []): express.RequestHandler {
  const configured = new Set(allowedHosts.map((h) => h.trim().toLowerCase()).filter(Boolean));
  return (req, _res, next) => {
    const host = hostOf(req.headers.host);
    const port = String(req.socket.localPort);
    const local = req.socket.localAddress ? addressName(req.socket.localAddress) : undefined;
    const ok = host !== undefined && (configured.has(host.name) || configured.has(`${host.name}:${host.port}`) || ((LOOPBACK_NAMES.includes(host.name) || host.name === local) && host.port === port));
    if (!ok) throw new AppError("host-not-allowed", 421, `this server does not answer to host "${req.headers.host ?? ""}"; start it with --allowed-host NAME to add a name`);
    next();
  };
}

/**
 * 403 for a write sent by another site: a browser says so in Sec-Fetch-Site (anything but
 * same-origin, or none for a typed URL) and in Origin (which must be this Host). Clients that
 * send neither (curl, scripts) are not browsers acting for a visited page, and pass.
 */
export function sameOriginWrites(): express.RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.headers["sec-fetch-site"];
    if (site !== undefined && site !== "same-origin" && site !== "none") {
      throw new AppError("cross-site-request", 403, `writes are accepted only from this server's own page (Sec-Fetch-Site: ${site})`);
    }
    const origin = req.headers.origin;
    const host = hostOf(req.headers.host);
    if (origin !== undefined && (!host || originHost(origin) !== (host.port === "80" ? host.name : `${host.name}:${host.port}`))) {
      throw new AppError("cross-site-request", 403, `writes are accepted only from this server's own page (Origin: ${origin})`);
    }
    next();
  };
}

/**
 * 415 for a write whose body is not JSON or a file type, or has a body and no type: an HTML
 * form can send only urlencoded, multipart or text/plain bodies, so no form can write.
 */
export function writeBodyTypes(): express.RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const type = req.headers["content-type"];
    const emptyBody = req.headers["transfer-encoding"] === undefined && (req.headers["content-length"] ?? "0") === "0";
    if (type !== undefined ? !WRITE_TYPES.includes(mediaType(type)) : !emptyBody) {
      throw new AppError(
        "unsupported-media-type",
        415,
        `send the body as application/json (or a file as text/csv, application/octet-stream or ${XLSX_TYPE}), not ${req.headers["content-type"] ?? "untyped"}`,
      );
    }
    next();
  };
}

/**
 * 503 with Retry-After for a solve request beyond what the pool can hold (running + waiting),
 * counting the requests admitted and not yet answered, so a burst is refused before its
 * bodies are read, parsed or its plans loaded; the pool's own queue check stays the last word.
 */
export function solveGate(solver: SolverPool): express.RequestHandler {
  let admitted = 0;
  return (req, res, next) => {
    if (req.method !== "POST" || !SOLVE_PATH.test(req.path)) return next();
    if (solver.isFull?.() || (solver.capacity !== undefined && admitted >= solver.capacity)) throw new QueueFullError(solver.retryAfterSec ?? 5);
    admitted++;
    res.once("close", () => admitted--);
    next();
  };
}

/** A Host header as a lower-case name (IPv6 in brackets) and port ("80" when absent), or undefined when malformed. */
function hostOf(header: string | undefined): { name: string; port: string } | undefined {
  if (!header) return undefined;
  try {
    const url = new URL(`http://${header}`);
    const spelled = header.toLowerCase();
    if (url.host !== spelled && `${url.host}:80` !== spelled) return undefined; // userinfo, paths, other spellings
    return { name: url.hostname, port: url.port || "80" };
  } catch {
    return undefined;
  }
}

/** `text/csv; charset=utf-8` → `text/csv`. */
function mediaType(header: string): string {
  return (header.split(";")[0] ?? "").trim().toLowerCase();
}

/** A socket address as a Host would spell it: IPv6 in brackets, IPv4-mapped IPv6 as IPv4. */
function addressName(address: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4) return v4[1] as string;
  return address.includes(":") ? `[${address.toLowerCase()}]` : address;
}

function originHost(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host : undefined;
  } catch {
    return undefined;
  }
}
