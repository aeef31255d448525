/**
 * The server's configuration, read once from the flags and the environment (a flag beats its
 * variable): port, host, database file and the solve time limit, with their defaults.
 * `peakcrew serve` reads it and hands the values down; nothing else reads the environment.
 */
import { join } from "node:path";
import { InputError, type InputIssue } from "./domain/errors.ts";
import { DATA_DIR } from "./paths.ts";

export const DEFAULT_PORT = 3000;
/** Loopback only unless told: the page has no login of its own. */
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_DB_FILE = join(DATA_DIR, "peakcrew.db");
/** Seconds one shift design or roster may take in the server (the page waits for it). */
export const SERVE_SOLVE_LIMIT_SEC = 30;
/** Seconds one shift design or roster may take on the command line. */
export const CLI_SOLVE_LIMIT_SEC = 60;

export type Config = { port: number; host: string; dbFile: string; solveLimitSec: number };

/** The flags `serve` takes for these settings (strings as parseArgs gives them). */
export type ConfigFlags = { port?: string; host?: string; db?: string; "time-limit-sec"?: string };

/** --db, else PEAKCREW_DB, else data/peakcrew.db. */
export function dbFileOf(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.PEAKCREW_DB || DEFAULT_DB_FILE;
}

/** --port / PORT, --host, --db / PEAKCREW_DB, --time-limit-sec / PEAKCREW_TIME_LIMIT_SEC; a bad value names the flag or variable it came from. */
export function readConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): Config {
  const issues: InputIssue[] = [];
  const setting = (flag: keyof ConfigFlags, variable: string): { value: string; path: string } | undefined => {
    if (flags[flag] !== undefined) return { value: flags[flag], path: `--${flag}` };
    const fromEnv = env[variable];
    return fromEnv === undefined || fromEnv === "" ? undefined : { value: fromEnv, path: variable };
  };
  const port = setting("port", "PORT");
  const portNumber = port === undefined ? DEFAULT_PORT : Number(port.value);
  if (port && (port.value.trim() === "" || !Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535)) {
    issues.push({ path: port.path, message: `must be a port number, 0–65535 (0 picks a free one), got "${port.value}"` });
  }
  const limit = setting("time-limit-sec", "PEAKCREW_TIME_LIMIT_SEC");
  const limitSec = limit === undefined ? SERVE_SOLVE_LIMIT_SEC : Number(limit.value);
  if (limit && !(limitSec > 0 && Number.isFinite(limitSec))) issues.push({ path: limit.path, message: `must be a positive number of seconds, got "${limit.value}"` });
  if (issues.length > 0) throw new InputError(issues);
  // No HOST variable: some shells export one with the machine's name, which would open the server to the network.
  return { port: portNumber, host: flags.host ?? DEFAULT_HOST, dbFile: dbFileOf(flags.db, env), solveLimitSec: limitSec };
}
