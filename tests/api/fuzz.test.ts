/**
 * Property-based fuzzing of every endpoint: random methods, paths, ids, queries, bodies, body
 * types and origin headers. Whatever arrives, the answer is never a 5xx, never later than a
 * bound, and every error body has the API's error shape. Bounded in runs to stay a few seconds.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { openapiDocument } from "../../src/api/openapi.ts";
import { XLSX_TYPE } from "../../src/export/xlsx.ts";
import { createSolverPool } from "../../src/solver/pool.ts";
import { planInput } from "../fixtures.ts";
import { errorOf, type Harness, startApp } from "./harness.ts";

let app: Harness;
beforeAll(async () => {
  app = await startApp({ solver: createSolverPool({ workers: 1 }), solveTimeLimitSec: 5 });
  // Plan 1 exists, so id routes reach their handlers as well as their 404s.
  await app.send("POST", "/api/plans", { body: JSON.stringify(planInput()) });
});
afterAll(() => app.stop());

/** The page, every documented API route (tests/api/openapi.test.ts holds them equal to the app's routes), and paths that match none. */
const ROUTES = [
  "/",
  "/index.html",
  "/api",
  ...Object.keys((openapiDocument() as { paths: Record<string, unknown> }).paths).map((p) => p.replace("{format}", ":format").replace(/\{\w+\}/g, ":id")),
  "/api/:any",
  "/:any",
];

const segment = fc.oneof(
  fc.constantFrom("1", "2", "0", "1e0", "0x1", "+1", "%201", "1.0", "-1", "01", "9007199254740993", "%", "%E0%A4%A", "..", "%2e%2e", "%00", "a%2Fb"),
  fc.nat().map(String),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const format = fc.constantFrom("xlsx", "csv", "ics", "json", "", "%");
const path = fc.record({ route: fc.constantFrom(...ROUTES), ids: fc.array(segment, { minLength: 3, maxLength: 3 }), format }).map(({ route, ids, format }) => {
  let i = 0;
  return route.replace(/:id|:any/g, () => ids[i++] as string).replace(":format", format);
});
const query = fc
  .dictionary(
    fc.constantFrom("history", "growth", "tolerance", "lang", "person", "name", "zone", "encoding", "fileName", "x"),
    fc.oneof(fc.string({ maxLength: 10 }), fc.double().map(String), fc.constantFrom("1", "zh", "en", "gb18030", "0.1")),
    { maxKeys: 3 },
  )
  .map((q) => (Object.keys(q).length ? `?${new URLSearchParams(q)}` : ""));
const planLike = fc
  .record({ key: fc.constantFrom("name", "window", "intervalMin", "chain", "presales", "zone", "staffCsv"), value: fc.jsonValue() })
  .map(({ key, value }) => JSON.stringify({ ...planInput(), [key]: value }));
const body = fc.option(
  fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    planLike,
    fc.record({ staffCsv: fc.string({ maxLength: 200 }) }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 300 }),
    fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
    fc.constantFrom("时间,售前接待量\n2025-11-11 00:00,12\n", "{", '{"rows":[{"start":"x"}]}', "\uFEFF\u0000"),
  ),
  { nil: undefined },
);
const contentType = fc.option(
  fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "text/csv",
    "text/plain",
    "application/octet-stream",
    XLSX_TYPE,
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded",
    "x/y; ===",
    "",
  ),
  { nil: undefined },
);
const originHeaders = fc.constantFrom<Record<string, string>>({}, {}, { "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "cross-site" }, { origin: "http://evil.example" }, { origin: "null" });
const host = fc.constantFrom<"own" | string>("own", "own", "own", "evil.example", "localhost");

describe("fuzzing every endpoint", () => {
  it("never a 5xx, never a hang, every error in the error shape", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"), path, query, body, contentType, originHeaders, host, async (method, p, q, b, type, origin, h) => {
        const headers: Record<string, string> = { ...origin, host: h === "own" ? app.host : `${h}:${app.port}` };
        if (type !== undefined) headers["content-type"] = type;
        const res = await app.send(method, `${p}${q}`, { body: b, headers, signal: AbortSignal.timeout(20_000) });
        if (res.status >= 500) throw new Error(`${method} ${p}${q} → ${res.status} ${res.text.slice(0, 300)}`);
        if (res.status >= 400 && method !== "HEAD") errorOf(res);
      }),
      { numRuns: 1500 },
    );
    if (app.logged.length > 0) throw new Error(`internal errors were logged: ${String(app.logged[0])}`);
  });
});
