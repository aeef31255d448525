import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSolverPool } from "../../src/solver/pool.ts";
import { planInput } from "../fixtures.ts";
import { errorOf, type Harness, startApp } from "./harness.ts";

const instance = (size: string) => readFileSync(new URL(`../fixtures/bench/d11-${size}.json`, import.meta.url), "utf8");
const staffCsv = readFileSync(new URL("../../data/samples/mid-size-double11.staff.csv", import.meta.url), "utf8");
let app: Harness;
afterEach(() => app.stop());

/** Resolves once `ready()` holds, checking every few milliseconds. */
async function until(ready: () => boolean | undefined) {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("the solve queue over HTTP", () => {
  it("503 solver-busy with Retry-After once the queue is full, for designs and rosters; GET /api/plans still answers", async () => {
    app = await startApp({ solver: createSolverPool({ workers: 1, maxWaiting: 1, retryAfterSec: 7 }), solveTimeLimitSec: 60 });
    const id = JSON.parse((await app.send("POST", "/api/plans", { body: JSON.stringify(planInput()) })).text).id;
    const controller = new AbortController();
    const held = [0, 1].map(() => app.send("POST", "/api/design", { body: instance("XL"), signal: controller.signal }).catch(() => undefined));
    await until(() => app.deps.solver.isFull?.());

    const design = await app.send("POST", "/api/design", { body: instance("S") });
    const roster = await app.send("POST", `/api/plans/${id}/roster`, { body: JSON.stringify({ staffCsv }) });
    for (const res of [design, roster]) {
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("7");
      expect(errorOf(res).code).toBe("solver-busy");
    }
    // The roster's 1.3 MB body was refused unread: the connection closes rather than the server reading it to throw it away.
    expect(roster.headers.connection).toBe("close");
    const plans = await app.send("GET", "/api/plans");
    expect(plans.status).toBe(200);
    expect(JSON.parse(plans.text)).toHaveLength(1);
    expect(app.logged).toEqual([]);

    controller.abort();
    await Promise.all(held);
    await until(() => !app.deps.solver.isFull?.());
    expect((await app.send("POST", "/api/design", { body: instance("S") })).status).toBe(200);
  });

  it("an error on a request without a body keeps the connection (a GET 404 is not closed)", async () => {
    app = await startApp();
    const res = await app.send("GET", "/api/plans/9/roster");
    expect(res.status).toBe(404);
    expect(res.headers.connection).not.toBe("close");
  });

  it("a body declared over the upload cap is refused unread: 413, and the connection closes", async () => {
    app = await startApp();
    const big = Buffer.alloc(3 * 2 ** 20, 0x41); // 3 MB, over the 2 MB cap
    const refused = await app.send("POST", "/api/history?name=big", { body: big, headers: { "content-type": "text/csv" } });
    expect(refused.status).toBe(413);
    expect(errorOf(refused).code).toBe("payload-too-large");
    expect(refused.headers.connection).toBe("close");
    expect(JSON.parse((await app.send("GET", "/api/history")).text)).toEqual([]);
  });

  it("413 solve-too-large, not 500, when a solve passes its worker's memory budget; the next solve still runs", async () => {
    // Measured: the S design solves within a 16 MB heap, the XL design needs more than 32 MB.
    app = await startApp({ solver: createSolverPool({ workers: 1, memoryMb: 24 }), solveTimeLimitSec: 60 });
    const res = await app.send("POST", "/api/design", { body: instance("XL") });
    expect(res.status).toBe(413);
    expect(errorOf(res).code).toBe("solve-too-large");
    expect((await app.send("POST", "/api/design", { body: instance("S") })).status).toBe(200);
    expect(app.logged).toEqual([]);
  });

  it("a bad staff CSV is read in the worker and still answers 400 naming the line", async () => {
    app = await startApp();
    const id = JSON.parse((await app.send("POST", "/api/plans", { body: JSON.stringify(planInput()) })).text).id;
    const res = await app.send("POST", `/api/plans/${id}/roster`, { body: JSON.stringify({ staffCsv: "工号,姓名\nA1,\n" }) });
    expect(res.status).toBe(400);
    expect(errorOf(res).issues[0]?.path).toMatch(/^staffCsv: /);
  });

  it("a large solve body is parsed on the worker, not the HTTP thread: the roster saves its CSV, and no JSON.parse here reads the body", async () => {
    app = await startApp({ solveTimeLimitSec: 60 });
    const id = JSON.parse((await app.send("POST", "/api/plans", { body: JSON.stringify(planInput()) })).text).id;
    app.deps.plans.get(id); // the plan's own parse, cached before the spy
    // The sample's 26 KB CSV, padded past the 64 KB that are parsed on the HTTP thread (JSON allows the trailing spaces).
    const body = JSON.stringify({ staffCsv }) + " ".repeat(70_000);
    const parse = vi.spyOn(JSON, "parse");
    try {
      const res = await app.send("POST", `/api/plans/${id}/roster`, { body });
      expect(res.status).toBe(201);
      expect(parse.mock.calls.filter(([text]) => text === body)).toEqual([]);
    } finally {
      parse.mockRestore();
    }
    expect(app.deps.rosters.get(id)?.staffCsv).toBe(staffCsv);
  });

  it("the worker's reading of a solve body answers as the HTTP thread did: 400 invalid-json, 400 naming staffCsv or the design's field", async () => {
    app = await startApp();
    const id = JSON.parse((await app.send("POST", "/api/plans", { body: JSON.stringify(planInput()) })).text).id;
    for (const path of [`/api/plans/${id}/roster`, "/api/design"]) {
      const res = await app.send("POST", path, { body: '{"staffCsv": "工号' });
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: "invalid-json", message: "request body is not valid JSON" });
    }
    const empty = await app.send("POST", `/api/plans/${id}/roster`, { body: JSON.stringify({ staffCsv: "" }) });
    expect(empty.status).toBe(400);
    expect(errorOf(empty).issues).toMatchObject([{ path: "staffCsv", message: "the staff CSV is empty" }]);
    const design = await app.send("POST", "/api/design", { body: JSON.stringify({ ...JSON.parse(instance("S")), intervalMinutes: 2 }) });
    expect(design.status).toBe(400);
    expect(errorOf(design).issues[0]?.path).toBe("intervalMinutes");
    const none = await app.send("POST", `/api/plans/${id}/roster`);
    expect(none.status).toBe(400);
    expect(errorOf(none).issues[0]?.path).toBe("staffCsv");
    expect(app.logged).toEqual([]);
  });

  it("a small bad solve body answers at once, without waiting behind a running solve; as express.json would: invalid-json, 415 for another charset, no body names staffCsv", async () => {
    app = await startApp({ solveTimeLimitSec: 60 });
    const id = JSON.parse((await app.send("POST", "/api/plans", { body: JSON.stringify(planInput()) })).text).id;
    const controller = new AbortController();
    let heldDone = false;
    const held = app.send("POST", "/api/design", { body: instance("XL"), signal: controller.signal }).then(
      () => (heldDone = true),
      () => (heldDone = true),
    );
    for (const body of ["{bad", '"x"', "null", "  7"]) {
      const res = await app.send("POST", `/api/plans/${id}/roster`, { body });
      expect(res.status, body).toBe(400);
      expect(errorOf(res).code).toBe("invalid-json");
    }
    const latin1 = await app.send("POST", `/api/plans/${id}/roster`, { body: JSON.stringify({ staffCsv }).slice(0, 100), headers: { "content-type": "application/json; charset=latin1" } });
    expect(latin1.status).toBe(415);
    expect(errorOf(latin1).code).toBe("unsupported-charset");
    const empty = await app.send("POST", `/api/plans/${id}/roster`, { body: "" });
    expect(empty.status).toBe(400);
    expect(errorOf(empty).issues[0]?.path).toBe("staffCsv");
    const bom = await app.send("POST", "/API/Design/", { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"intervalMinutes": 2}')]) });
    expect(bom.status).toBe(400);
    expect(errorOf(bom).code).toBe("invalid-input");
    // All of it answered while the XL design still held the only worker.
    expect(heldDone).toBe(false);
    controller.abort();
    await held;
  });
});
