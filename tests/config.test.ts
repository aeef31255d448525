import { describe, expect, it } from "vitest";
import { DEFAULT_DB_FILE, DEFAULT_HOST, DEFAULT_PORT, readConfig, SERVE_SOLVE_LIMIT_SEC } from "../src/config.ts";
import { InputError } from "../src/domain/errors.ts";

const issuesOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error.issues;
    throw error;
  }
  throw new Error("no error");
};

describe("readConfig", () => {
  it("with no flags and no variables, the defaults: port 3000, 127.0.0.1, data/peakcrew.db, 30 s", () => {
    expect(readConfig({}, {})).toEqual({ port: DEFAULT_PORT, host: DEFAULT_HOST, dbFile: DEFAULT_DB_FILE, solveLimitSec: SERVE_SOLVE_LIMIT_SEC });
    expect([DEFAULT_PORT, DEFAULT_HOST, SERVE_SOLVE_LIMIT_SEC]).toEqual([3000, "127.0.0.1", 30]);
    expect(DEFAULT_DB_FILE).toMatch(/[\\/]data[\\/]peakcrew\.db$/);
  });

  it("reads PORT, PEAKCREW_DB and PEAKCREW_TIME_LIMIT_SEC when the flags are not given", () => {
    expect(readConfig({}, { PORT: "3103", PEAKCREW_DB: "/tmp/x.db", PEAKCREW_TIME_LIMIT_SEC: "5" })).toMatchObject({ port: 3103, dbFile: "/tmp/x.db", solveLimitSec: 5 });
  });

  it("a flag beats its variable", () => {
    const env = { PORT: "3103", PEAKCREW_DB: "/tmp/x.db", PEAKCREW_TIME_LIMIT_SEC: "5" };
    expect(readConfig({ port: "8080", db: "/tmp/y.db", "time-limit-sec": "9", host: "0.0.0.0" }, env)).toEqual({ port: 8080, host: "0.0.0.0", dbFile: "/tmp/y.db", solveLimitSec: 9 });
  });

  it("does not take the host from a HOST variable (shells export one with the machine's name)", () => {
    expect(readConfig({}, { HOST: "build-box" }).host).toBe("127.0.0.1");
  });

  it("a bad value names where it came from: --port, PORT, PEAKCREW_TIME_LIMIT_SEC", () => {
    expect(issuesOf(() => readConfig({ port: "80a" }, {}))).toEqual([{ path: "--port", message: 'must be a port number, 0–65535 (0 picks a free one), got "80a"' }]);
    expect(issuesOf(() => readConfig({}, { PORT: "70000" }))[0]?.path).toBe("PORT");
    expect(issuesOf(() => readConfig({ port: " " }, {}))[0]?.path).toBe("--port");
    expect(issuesOf(() => readConfig({}, { PEAKCREW_TIME_LIMIT_SEC: "0" }))[0]?.path).toBe("PEAKCREW_TIME_LIMIT_SEC");
  });
});
