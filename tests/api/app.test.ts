import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppDeps, createApp } from "../../src/api/app.ts";
import { loadSamplePlans } from "../../src/catalog.ts";
import { openDb } from "../../src/store/db.ts";
import { jobs } from "../../src/solver/jobs.ts";
import { createSolverPool, type SolverPool } from "../../src/solver/pool.ts";
import { plansRepo } from "../../src/store/plans.ts";
import { historyRepo } from "../../src/store/history.ts";
import { actualsRepo } from "../../src/store/actuals.ts";
import { rostersRepo } from "../../src/store/rosters.ts";
import { replansRepo } from "../../src/store/replans.ts";
import iconv from "iconv-lite";
import { catalog, FACTOR_SAMPLE_PLAN, planInput, planWith, sampleHistoryDays } from "../fixtures.ts";

const NOW = "2026-11-01T08:00:00.000Z";
let server: Server;
let base: string;
let plans: ReturnType<typeof plansRepo>;
let rosters: ReturnType<typeof rostersRepo>;
let history: ReturnType<typeof historyRepo>;
let logged: unknown[];
let solver: SolverPool;
let db: ReturnType<typeof openDb>;

async function start(overrides: Partial<AppDeps> = {}) {
  db = openDb(":memory:");
  plans = plansRepo(db);
  rosters = rostersRepo(db);
  history = historyRepo(db);
  logged = [];
  solver = createSolverPool();
  const app = createApp({
    plans,
    rosters,
    history,
    actuals: actualsRepo(db),
    replans: replansRepo(db),
    catalog,
    samples: loadSamplePlans(),
    now: () => NOW,
    log: (_m, e) => logged.push(e),
    solver,
    ...overrides,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stop() {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await solver.close();
}

/** Stops the app started for this test and starts one with `overrides` in its deps. */
async function restart(overrides: Partial<AppDeps>) {
  await stop();
  await start(overrides);
}

beforeEach(() => start());
afterEach(() => stop());

/**
 * The real solver jobs, run in-process behind a gate: run() reports that the solve started,
 * waits for open(), then solves for real. Only the timing is faked, so a test can change the
 * plan at a known moment during the solve.
 */
function gatedSolver() {
  let started = () => {};
  let open = () => {};
  const solveStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const thread: SolverPool = {
    async run(name, input) {
      started();
      await gate;
      return jobs[name](input);
    },
    async close() {},
  };
  return { thread, solveStarted, open: () => open() };
}

const send = async (method: string, path: string, body?: unknown, raw?: string) => {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
};

describe("POST /api/staffing", () => {
  it("returns the chain, the intervals and both queues' requirement", async () => {
    const res = await send("POST", "/api/staffing", planInput());
    expect(res.status).toBe(200);
    expect(res.body.chain.agents).toBe(5);
    expect(res.body.intervals).toHaveLength(72);
    expect(res.body.intervals[24].presales.scheduledAgents).toBeGreaterThan(0);
    expect(res.body.intervals[60].aftersales.receptions).toBeGreaterThan(0);
  });

  it("400 invalid-input names every bad field", async () => {
    const plan = planWith("chain.csSalesShare", 2);
    (plan as { intervalMin: number }).intervalMin = 7;
    const res = await send("POST", "/api/staffing", plan);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid-input");
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["chain.csSalesShare", "intervalMin"]);
  });

  it("400 bodies carry each refinement's code and params for the page's Chinese (web/issues.js)", async () => {
    const plan = planWith("requirement", { method: "service-level" });
    (plan as { aftersales: Record<string, unknown> }).aftersales.lagDayShares = [0.5, 0.4];
    const res = await send("POST", "/api/staffing", plan);
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.error.issues.map((i: { path: string }) => [i.path, i]));
    expect(byPath["aftersales.lagDayShares"]).toEqual({ path: "aftersales.lagDayShares", message: "lag shares must sum to 1", code: "lag_shares_sum", params: {} });
    expect(byPath["presales.service"]).toMatchObject({ message: 'required when requirement.method is "service-level"', code: "service_required" });
    const interval = await send("POST", "/api/staffing", planWith("intervalMin", 7));
    expect(interval.body.error.issues).toEqual([{ path: "intervalMin", message: "must be 15, 30 or 60", code: "invalid_value", params: { values: ["15", "30", "60"] } }]);
  });

  it("400 for a window outside the built-in curve, naming the window", async () => {
    const res = await send("POST", "/api/staffing", planWith("window", { start: "2026-12-01T00:00", end: "2026-12-02T00:00" }));
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe("window");
  });

  it("400 invalid-json for a body that is not JSON", async () => {
    const res = await send("POST", "/api/staffing", undefined, "{not json");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid-json");
  });

  it("400 naming the required fields when there is no body at all", async () => {
    const res = await send("POST", "/api/staffing");
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(["name", "chain", "presales", "aftersales"]));
  });
});

describe("POST /api/erlang", () => {
  it("answers the published Erlang C example: 14 productive, 20 scheduled", async () => {
    const res = await send("POST", "/api/erlang", { arrivals: 100, intervalMin: 30, ahtSec: 180, targetSec: 20, serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ model: "erlang-c", productiveAgents: 14, scheduledAgents: 20, meetsTarget: true });
  });

  it("evaluates a given headcount with agents, including an unstable one", async () => {
    const res = await send("POST", "/api/erlang", { arrivals: 100, intervalMin: 30, ahtSec: 180, targetSec: 20, serviceLevel: 0.8, agents: 9 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ productiveAgents: 9, stable: false, asaSec: null, meetsTarget: false });
  });

  it("400 names a service level given in percent", async () => {
    const res = await send("POST", "/api/erlang", { arrivals: 100, intervalMin: 30, ahtSec: 180, targetSec: 20, serviceLevel: 80 });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "serviceLevel", message: expect.stringMatching(/fraction/), code: "too_big", params: { maximum: 1, inclusive: false, origin: "number" } }]);
  });
});

describe("POST /api/design", () => {
  const benchInstance = (size: string) => JSON.parse(readFileSync(new URL(`../fixtures/bench/d11-${size}.json`, import.meta.url), "utf8"));

  it("designs the bench S instance optimally (402 paid hours) in the solver thread", async () => {
    const res = await send("POST", "/api/design", benchInstance("S"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "optimal", paidHours: 402, lowerBoundHours: 402, gap: 0 });
  });

  it("answers another request while a large design is solving", async () => {
    const design = send("POST", "/api/design", benchInstance("XL"));
    let designDone = false;
    void design.then(() => {
      designDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const list = await send("GET", "/api/plans");
    expect(list.status).toBe(200);
    expect(designDone).toBe(false);
    expect((await design).body.status).toBe("optimal");
  });

  it("400 naming the field for a bad instance, with the domain's grid checks too", async () => {
    const bad = await send("POST", "/api/design", { ...benchInstance("S"), demand: [1, -2] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("demand.1");
    const offGrid = await send("POST", "/api/design", { ...benchInstance("S"), shiftStartStepMinutes: 90 });
    expect(offGrid.status).toBe(400);
    expect(offGrid.body.error.issues[0]).toMatchObject({ path: "shiftStartStepMinutes", code: "multiple_of_interval", params: { interval: benchInstance("S").intervalMinutes } });
  });
});

describe("/api/plans", () => {
  it("creates a plan with its results (201), lists, gets, replaces and deletes it", async () => {
    const created = await send("POST", "/api/plans", planInput());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 1, name: "test plan", createdAt: NOW, updatedAt: NOW });
    expect(created.body.result.chain.agents).toBe(5);
    expect(plans.get(1)?.input.chain.salesTargetYuan).toBe(500_000);

    expect((await send("GET", "/api/plans")).body).toEqual([{ id: 1, name: "test plan", createdAt: NOW, updatedAt: NOW }]);
    expect((await send("GET", "/api/plans/1")).body.result.chain.presalesReceptions).toBe(2500);

    const replaced = await send("PUT", "/api/plans/1", planWith("chain.salesTargetYuan", 1_000_000));
    expect(replaced.status).toBe(200);
    expect(replaced.body.result.chain.presalesReceptions).toBe(5000);
    expect(plans.get(1)?.result.chain.presalesReceptions).toBe(5000);

    expect((await send("DELETE", "/api/plans/1")).status).toBe(204);
    expect(plans.count()).toBe(0);
  });

  it("an invalid plan is not saved (400, nothing stored)", async () => {
    const res = await send("POST", "/api/plans", planWith("chain.csAvgOrderValueYuan", "cheap"));
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe("chain.csAvgOrderValueYuan");
    expect(plans.count()).toBe(0);
  });

  it("an invalid replacement leaves the stored plan as it was", async () => {
    await send("POST", "/api/plans", planInput());
    const res = await send("PUT", "/api/plans/1", planWith("window", { start: "2026-11-10T00:00", end: "2026-11-09T00:00" }));
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe("window.end");
    expect(plans.get(1)?.input.window.end).toBe("2026-11-13T00:00");
  });

  it("404 not-found for a plan that does not exist, on get, put and delete", async () => {
    for (const [method, body] of [["GET"], ["PUT", planInput()], ["DELETE"]] as const) {
      const res = await send(method, "/api/plans/42", body);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not-found");
    }
  });

  it("400 naming id for an id that is not a number", async () => {
    const res = await send("GET", "/api/plans/abc");
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe("id");
  });
});

describe("/api/plans/:id/roster", () => {
  const sample = loadSamplePlans()[0] as { content: unknown; staffCsv?: string };
  const staffCsv = sample.staffCsv as string;

  it("solves the sample plan with the sample staff (201), validated, and stores it; get and delete", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    const res = await send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv });
    expect(res.status).toBe(201);
    expect(res.body.result).toMatchObject({ status: "optimal", findings: [], gap: 0 });
    expect(res.body.result.shortfallRuns).toEqual([]);
    expect(res.body.result.untrainedTemps).toHaveLength(12);
    expect(Math.max(...res.body.result.people.map((p: { longestStretchHours: number }) => p.longestStretchHours))).toBeLessThanOrEqual(12);
    expect(rosters.get(plan.body.id)?.result.paidHours).toBe(res.body.result.paidHours);

    const got = await send("GET", `/api/plans/${plan.body.id}/roster`);
    expect(got.body).toMatchObject({ planId: plan.body.id, stale: false });
    expect((await send("DELETE", `/api/plans/${plan.body.id}/roster`)).status).toBe(204);
    expect((await send("GET", `/api/plans/${plan.body.id}/roster`)).status).toBe(404);
  });

  it("answers another request while a roster is solving", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    const solving = send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv });
    let done = false;
    void solving.then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await send("GET", `/api/plans/${plan.body.id}`)).status).toBe(200);
    expect(done).toBe(false);
    expect((await solving).status).toBe(201);
  });

  it("a solve the client abandons (the page's Cancel) is stopped: nothing stored, and the next solve runs", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    const controller = new AbortController();
    const abandoned = fetch(`${base}/api/plans/${plan.body.id}/roster`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ staffCsv }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect(await abandoned).toBeInstanceOf(Error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rosters.get(plan.body.id)).toBeUndefined();
    expect(logged).toEqual([]);
    expect((await send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv })).status).toBe(201);
  });

  it("400 naming the CSV line and column of a bad staff row; nothing stored", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    const bad = `${staffCsv.trimEnd()}\nX1,,,售前,全职,是,,lots\n`;
    const res = await send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([
      { path: "staffCsv: line 322, column 2 (姓名)", message: "empty", code: "empty", params: {} },
      { path: "staffCsv: line 322, column 8 (最长工时)", message: '"lots" is not a number of hours ≥ 0', code: "staff_bad_hours", params: { value: '"lots"' } },
    ]);
    expect(rosters.get(plan.body.id)).toBeUndefined();
  });

  it("GET …/roster/hiring: with three people for a day, the shortfall and how many of which profile would close it", async () => {
    const oneDay = { ...planInput(), window: { start: "2026-11-11T00:00", end: "2026-11-12T00:00" }, shifts: { lengthsHours: [4, 8] } };
    const plan = await send("POST", "/api/plans", oneDay);
    const three = "id,name,skills,kind,trained,maxHours\nA1,王芳,presales|aftersales,fulltime,yes,12\nA2,李梅,presales,fulltime,yes,12\nA3,张伟,aftersales,fulltime,yes,12\n";
    expect((await send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv: three })).status).toBe(201);
    const res = await send("GET", `/api/plans/${plan.body.id}/roster/hiring`);
    expect(res.status).toBe(200);
    expect(res.body.shortfallAgentHours).toBeGreaterThan(0);
    expect(res.body.shortfallLowerBoundHours).toBeLessThanOrEqual(res.body.shortfallAgentHours);
    expect(res.body.hiring.totalHires).toBeGreaterThan(0);
    expect(res.body.hiring.hires.reduce((sum: number, h: { count: number }) => sum + h.count, 0)).toBe(res.body.hiring.totalHires);
    expect(res.body.hiring.people).toHaveLength(res.body.hiring.totalHires);
  });

  it("GET …/roster/hiring is null when nothing is short, and 404 without a roster", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    expect((await send("GET", `/api/plans/${plan.body.id}/roster/hiring`)).status).toBe(404);
    await send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv });
    const res = await send("GET", `/api/plans/${plan.body.id}/roster/hiring`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ shortfallAgentHours: 0, hiring: null });
  });

  it("404 for the roster of a plan that does not exist", async () => {
    expect((await send("POST", "/api/plans/99/roster", { staffCsv })).status).toBe(404);
  });

  it("a roster solved from the plan's current version records that version and is not stale", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    const updated = await send("PUT", `/api/plans/${plan.body.id}`, sample.content);
    expect(updated.body.version).toBe(2);
    const res = await send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ planId: plan.body.id, planVersion: 2, stale: false });
    expect(rosters.get(plan.body.id)).toMatchObject({ planVersion: 2, stale: false });
  });

  it("a PUT of the plan after its roster was solved makes GET roster answer stale, with the version it was solved from", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    await send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv });
    expect((await send("PUT", `/api/plans/${plan.body.id}`, sample.content)).body.version).toBe(2);
    const got = await send("GET", `/api/plans/${plan.body.id}/roster`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ planId: plan.body.id, planVersion: 1, stale: true });
  });

  it("deleting the plan deletes its roster", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    await send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv });
    expect((await send("DELETE", `/api/plans/${plan.body.id}`)).status).toBe(204);
    expect((await send("GET", `/api/plans/${plan.body.id}/roster`)).status).toBe(404);
    expect(rosters.get(plan.body.id)).toBeUndefined();
  });

  it("409 plan-changed when the plan is updated while its roster is solving; nothing stored", async () => {
    const gated = gatedSolver();
    await restart({ solver: gated.thread });
    const plan = await send("POST", "/api/plans", sample.content);
    const solving = send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv });
    await gated.solveStarted;
    expect((await send("PUT", `/api/plans/${plan.body.id}`, sample.content)).status).toBe(200);
    gated.open();
    const res = await solving;
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({
      code: "plan-changed",
      message: `plan ${plan.body.id} changed during the solve (version 1 → 2); the roster was not saved: solve again`,
      issues: [],
    });
    expect((await send("GET", `/api/plans/${plan.body.id}/roster`)).status).toBe(404);
    expect(rosters.get(plan.body.id)).toBeUndefined();
  });

  it("404 not-found, never 500, when the plan is deleted while its roster is solving; nothing stored", async () => {
    const gated = gatedSolver();
    await restart({ solver: gated.thread });
    const plan = await send("POST", "/api/plans", sample.content);
    const solving = send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv });
    await gated.solveStarted;
    expect((await send("DELETE", `/api/plans/${plan.body.id}`)).status).toBe(204);
    gated.open();
    const res = await solving;
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: "not-found", message: `plan ${plan.body.id} was deleted during the solve; the roster was not saved`, issues: [] });
    expect(rosters.get(plan.body.id)).toBeUndefined();
    expect(logged).toEqual([]);
  });
});

describe("/api/history, compare and exports", () => {
  const sample = loadSamplePlans()[0] as { content: unknown; staffCsv?: string; historyCsv?: Buffer };
  const upload = async (bytes: Uint8Array | string, query: string) => {
    const res = await fetch(`${base}/api/history?${query}`, { method: "POST", headers: { "content-type": "text/csv" }, body: bytes });
    return { status: res.status, body: JSON.parse(await res.text()) };
  };

  it("imports the GBK sample (201), lists, renames and deletes it", async () => {
    const res = await upload(sample.historyCsv as Buffer, "name=去年双11");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "去年双11", zone: "Asia/Shanghai", encoding: "gb18030", summary: { from: "2025-11-01T00:00", hours: 600, missingHours: 0 } });
    expect((await send("GET", "/api/history")).body).toHaveLength(1);
    // The same hours again, as GBK or as UTF-8: 200 with the stored dataset, nothing added.
    const again = await upload(sample.historyCsv as Buffer, "name=again");
    const utf8 = await upload(iconv.decode(sample.historyCsv as Buffer, "gb18030"), "name=utf8");
    expect([again.status, again.body.id, again.body.name]).toEqual([200, res.body.id, "去年双11"]);
    expect([utf8.status, utf8.body.id]).toEqual([200, res.body.id]);
    expect(history.count()).toBe(1);
    // Other hours (the same file less its last day) are a new dataset.
    expect((await upload(sampleHistoryDays("2025-11-01", "2025-11-25"), "name=shorter")).status).toBe(201);
    expect(history.count()).toBe(2);
    expect((await send("DELETE", `/api/history/${res.body.id + 1}`)).status).toBe(204);
    expect((await send("PUT", `/api/history/${res.body.id}`, { name: "2025" })).body.name).toBe("2025");
    expect((await send("DELETE", `/api/history/${res.body.id}`)).status).toBe(204);
    expect(history.count()).toBe(0);
  });

  it("400 naming the line and column of a bad row; nothing stored", async () => {
    const res = await upload("时间,售前接待量,售后接待量\n2025-11-10 00:00,10,1\n2025-11-10 01:00,lots,1\n", "name=bad");
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "csv: line 3, column 2 (售前接待量)", message: '"lots" is not a count ≥ 0', code: "csv_not_count", params: { value: '"lots"' } }]);
    expect(history.count()).toBe(0);
  });

  it("400 for a missing name or an unknown zone; nothing stored", async () => {
    const res = await upload("time,presales,aftersales\n2025-11-10 00:00,1,1\n", "zone=Mars/Base");
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["name", "zone"]);
    expect(history.count()).toBe(0);
  });

  it("compares the sample plan (on the factor method) with the sample history: totals, hours and the risk list", async () => {
    const plan = await send("POST", "/api/plans", JSON.parse(readFileSync(FACTOR_SAMPLE_PLAN, "utf8")));
    const dataset = await upload(sample.historyCsv as Buffer, "name=2025");
    const res = await send("GET", `/api/plans/${plan.body.id}/compare?history=${dataset.body.id}`);
    expect(res.status).toBe(200);
    expect(res.body.agentsBasis).toBe("requirement");
    expect(res.body.alignment).toEqual({ yearsBack: 1, thisYearStart: "2026-11-10T00:00", lastYearStart: "2025-11-10T00:00", hours: 120, hoursUsed: 120, missing: [] });
    expect(res.body.hours).toHaveLength(120);
    // This year's receptions are the plan's own: 83,333.3 pre-sales over the window (the chain's total).
    expect(res.body.totals.thisYear.presales).toBeCloseTo(83_333.33, 1);
    // The synthetic year staffed Nov 10 20:00 – Nov 11 02:00 at about 22 receptions per agent; the plan at about 28.
    const risky = res.body.risks.map((r: { start: string }) => r.start.slice(5, 16));
    expect(risky.slice(0, 6)).toEqual(["11-10T20:00", "11-10T21:00", "11-10T22:00", "11-10T23:00", "11-11T00:00", "11-11T01:00"]);
    expect((await send("GET", `/api/plans/${plan.body.id}/compare?history=99`)).status).toBe(404);
    expect((await send("GET", `/api/plans/${plan.body.id}/compare?history=x`)).body.error.issues[0].path).toBe("history");
  });

  it("a 72-hour GBK export (Nov 10–12) compares against the 5-day sample plan over those hours, listing the 48 missing", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    const full = await upload(sample.historyCsv as Buffer, "name=full");
    const bytes = sampleHistoryDays("2025-11-10", "2025-11-13");
    const short = await upload(bytes, "name=72h");
    expect(short.status).toBe(201);
    expect(short.body).toMatchObject({ encoding: "gb18030", summary: { from: "2025-11-10T00:00", to: "2025-11-13T00:00", hours: 72 } });
    const res = await send("GET", `/api/plans/${plan.body.id}/compare?history=${short.body.id}`);
    expect(res.status).toBe(200);
    expect(res.body.alignment).toEqual({
      yearsBack: 1,
      thisYearStart: "2026-11-10T00:00",
      lastYearStart: "2025-11-10T00:00",
      hours: 120,
      hoursUsed: 72,
      missing: [{ from: "2026-11-13T00:00:00.000+08:00", to: "2026-11-15T00:00:00.000+08:00", hours: 48, lastYear: { from: "2025-11-13T00:00", to: "2025-11-15T00:00" } }],
    });
    // The 72 hours compared are exactly the first 72 of the comparison with the whole file.
    const whole = await send("GET", `/api/plans/${plan.body.id}/compare?history=${full.body.id}`);
    expect(res.body.hours).toEqual(whole.body.hours.slice(0, 72));
    // Last year's total is the file's own: Σ (售前 + 售后) over its 72 rows, read here with a plain split.
    const fileReceptions = iconv
      .decode(bytes, "gb18030")
      .trim()
      .split("\r\n")
      .slice(1)
      .reduce((sum, line) => sum + Number(line.split(",")[1]) + Number(line.split(",")[2]), 0);
    expect(res.body.totals.lastYear.receptions).toBe(fileReceptions);
    expect(res.body.risks.every((r: { start: string }) => r.start < "2026-11-13")).toBe(true);
    // A file starting later (Nov 12 on) lacks the window's first 48 hours: its hours keep their places.
    const late = await upload(sampleHistoryDays("2025-11-12", "2025-11-26"), "name=from-12");
    const fromTwelfth = await send("GET", `/api/plans/${plan.body.id}/compare?history=${late.body.id}`);
    expect(fromTwelfth.body.alignment).toMatchObject({ hoursUsed: 72, missing: [{ from: "2026-11-10T00:00:00.000+08:00", to: "2026-11-12T00:00:00.000+08:00", hours: 48 }] });
    expect(fromTwelfth.body.hours).toEqual(whole.body.hours.slice(48));

    const estimates = await send("GET", `/api/plans/${plan.body.id}/history-estimates?history=${short.body.id}&growth=0.2`);
    expect(estimates.status).toBe(200);
    const byKey = new Map(estimates.body.estimates.map((e: { key: string }) => [e.key, e]));
    expect(byKey.get("presalesCurve")).toMatchObject({ value: null, basis: { zh: expect.stringContaining("去年数据缺 48 / 120 小时") } });
    expect(byKey.get("inquiryConversionRate")).toMatchObject({
      value: expect.any(Number),
      basis: { zh: expect.stringContaining("仅用去年数据有的 72 / 120 小时（缺 2025-11-13 00:00 – 2025-11-15 00:00（48 小时））") },
    });
    const applied = await send("POST", `/api/plans/${plan.body.id}/apply-history`, { historyId: short.body.id, growthRate: 0.2 });
    expect(applied.status).toBe(200);
    expect(applied.body.plan.input.presales.curve).toEqual((sample.content as { presales: { curve: unknown } }).presales.curve);
    expect(applied.body.plan.input.chain.inquiryConversionRate).toBe((byKey.get("inquiryConversionRate") as { value: number }).value);
  });

  it("400 naming history when the file has none of the window's hours", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    const late = await upload(sampleHistoryDays("2025-11-20", "2025-11-25"), "name=late");
    for (const path of [`compare?history=${late.body.id}`, `history-estimates?history=${late.body.id}`]) {
      const res = await send("GET", `/api/plans/${plan.body.id}/${path}`);
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        {
          path: "history",
          message:
            "the dataset has none of the window's 120 hours: aligned with the plan's window it needs hours in 2025-11-10 00:00 – 2025-11-15 00:00, and it covers 2025-11-20 00:00 – 2025-11-25 00:00",
          code: "history_no_overlap",
          params: { hours: 120, needed: "2025-11-10 00:00 – 2025-11-15 00:00", covers: "2025-11-20 00:00 – 2025-11-25 00:00" },
        },
      ]);
    }
  });

  it("estimates from the history and applies them to the plan in one step", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    const dataset = await upload(sample.historyCsv as Buffer, "name=2025");
    const estimates = await send("GET", `/api/plans/${plan.body.id}/history-estimates?history=${dataset.body.id}&growth=0.2`);
    expect(estimates.status).toBe(200);
    const conversion = estimates.body.estimates.find((e: { key: string }) => e.key === "inquiryConversionRate");
    expect(conversion.value).toBeGreaterThan(0.4);
    expect(conversion.basis.zh).toContain("订单数");
    const applied = await send("POST", `/api/plans/${plan.body.id}/apply-history`, { historyId: dataset.body.id, growthRate: 0.2 });
    expect(applied.status).toBe(200);
    expect(applied.body.plan.input.chain.inquiryConversionRate).toBe(conversion.value);
    expect(applied.body.plan.input.presales.curve.kind).toBe("counts");
    // Forecast pre-sales = last year's × 1.2 (the estimates make the chain reproduce last year's
    // receptions), up to the rounding of the conversion (4 places) and the order value (2 places).
    const lastYear = (applied.body.plan.input.presales.curve.values as number[]).reduce((a, b) => a + b, 0);
    expect(Math.abs(applied.body.plan.result.summary.presales.receptions / (lastYear * 1.2) - 1)).toBeLessThan(0.001);
    expect(plans.get(plan.body.id)?.input.chain.inquiryConversionRate).toBe(conversion.value);
  });

  it("exports a solved roster as xlsx, csv and ics; 404 before it is solved", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    expect((await fetch(`${base}/api/plans/${plan.body.id}/roster.xlsx`)).status).toBe(404);
    await send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv: sample.staffCsv });
    const xlsx = await fetch(`${base}/api/plans/${plan.body.id}/roster.xlsx?lang=en`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    // An ASCII name for old clients (never "?" marks), and the plan's own name in UTF-8.
    const disposition = xlsx.headers.get("content-disposition") as string;
    expect(disposition).toContain(`attachment; filename=peakcrew-plan-${plan.body.id}-roster.xlsx; filename*=UTF-8''`);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] as string)).toMatch(/^双11 中型店铺.* roster\.xlsx$/);
    expect([...new Uint8Array(await xlsx.arrayBuffer()).subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const csv = await fetch(`${base}/api/plans/${plan.body.id}/roster.csv`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect((await csv.text()).split("\r\n")[0]).toBe("工号,姓名,子账号,技能/队列,开始,结束,休息,时长(小时)");
    const ics = await fetch(`${base}/api/plans/${plan.body.id}/roster.ics?person=FT001`);
    const text = await ics.text();
    expect(text).toContain("DTSTART;TZID=Asia/Shanghai:");
    expect(text.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/api/plans/${plan.body.id}/roster.ics?person=NOBODY`)).status).toBe(404);
    expect((await fetch(`${base}/api/plans/${plan.body.id}/roster.pdf`)).status).toBe(404);
  });
});

describe("errors and limits", () => {
  it("404 for an unknown API route", async () => {
    const res = await send("GET", "/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not-found");
  });

  it("413 payload-too-large for a body over the limit, and nothing saved", async () => {
    const huge = planWith("presales.curve", { kind: "counts", intervalMin: 60, values: new Array(1_200_000).fill(1) });
    const res = await send("POST", "/api/plans", huge);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload-too-large");
    expect(plans.count()).toBe(0);
  });

  it("500 internal-error without a stack trace, and the error is logged", async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const broken = plansRepo(openDb(":memory:"));
    await start({
      plans: {
        ...broken,
        list: () => {
          throw new Error("disk on fire at /secret/path");
        },
      },
    });
    const res = await send("GET", "/api/plans");
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: "internal-error", message: "internal error", issues: [] } });
    expect(logged).toHaveLength(1);
  });

  it("serves an icon at /favicon.ico and /favicon.svg (no 404 in the browser's console)", async () => {
    for (const path of ["/favicon.ico", "/favicon.svg"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^image\/svg\+xml/);
      expect(await res.text()).toMatch(/^<svg /);
    }
  });

  it("GET /api/samples lists the shipped sample plans", async () => {
    const res = await send("GET", "/api/samples");
    expect(res.status).toBe(200);
    expect(res.body.map((s: { id: string }) => s.id)).toContain("mid-size-double11");
  });
});

describe("the night: actuals, re-plan, apply, versions", () => {
  const sample = loadSamplePlans()[0] as { content: unknown; staffCsv?: string };
  const staffCsv = sample.staffCsv as string;
  const actualsCsv = readFileSync(new URL("../../data/samples/mid-size-double11.actuals.csv", import.meta.url));
  const postFile = async (path: string, bytes: Buffer) => {
    const res = await fetch(base + path, { method: "POST", headers: { "content-type": "text/csv" }, body: new Uint8Array(bytes) });
    return { status: res.status, body: await res.json() };
  };

  it("a re-plan needs a roster first: 409 no-roster, and 400 naming now when it is off the grid", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    expect((await send("POST", `/api/plans/${plan.body.id}/replan`, { now: "2026-11-11T00:30" })).body.error.code).toBe("no-roster");
    await send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv });
    const off = await send("POST", `/api/plans/${plan.body.id}/replan`, { now: "2026-11-11T00:20" });
    expect(off.status).toBe(400);
    expect(off.body.error.issues[0].path).toBe("now");
    expect((await send("POST", `/api/plans/${plan.body.id}/replan`, { now: "00:30" })).body.error.issues[0].path).toBe("now");
  });

  it("actuals in, re-plan at 00:30 (201, kept as a proposal), apply (the roster is replaced, the original kept as version 1 and exportable), apply again 409", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    const id = plan.body.id;
    const solved = await send("POST", `/api/plans/${id}/roster`, { staffCsv });
    expect((await postFile(`/api/plans/${id}/actuals`, actualsCsv)).status).toBe(201);

    const replan = await send("POST", `/api/plans/${id}/replan`, { now: "2026-11-11T00:30" });
    expect(replan.status).toBe(201);
    expect(replan.body).toMatchObject({ planId: id, now: "2026-11-11T00:30:00.000+08:00", appliedAt: null });
    expect(replan.body.result.reforecast.basis.presales.code).toBe("ratio");
    expect(replan.body.result.changes.length).toBeGreaterThan(0);
    // A proposal changes nothing yet.
    expect((await send("GET", `/api/plans/${id}/roster`)).body.createdAt).toBe(solved.body.createdAt);

    const applied = await send("POST", `/api/plans/${id}/replans/${replan.body.id}/apply`);
    expect(applied.status).toBe(200);
    expect(applied.body.result.method).toBe("replan");
    expect(applied.body.result.shifts).toEqual(replan.body.result.roster.shifts);
    const versions = await send("GET", `/api/plans/${id}/roster/versions`);
    expect(versions.body).toHaveLength(1);
    expect(versions.body[0]).toMatchObject({ planId: id, replanId: replan.body.id, createdAt: solved.body.createdAt });
    const original = await send("GET", `/api/plans/${id}/roster/versions/${versions.body[0].id}`);
    expect(original.body.result.shifts).toEqual(solved.body.result.shifts);
    const xlsx = await fetch(`${base}/api/plans/${id}/roster/versions/${versions.body[0].id}.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toMatch(/v1\.xlsx/);

    const again = await send("POST", `/api/plans/${id}/replans/${replan.body.id}/apply`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already-applied");
    expect((await send("POST", `/api/plans/${id}/replans/999/apply`)).status).toBe(404);
  });

  it("a proposal whose roster has been replaced since is refused (409 roster-changed), even within the same millisecond; after a plan edit, apply and re-plan answer 409 roster-stale", async () => {
    const plan = await send("POST", "/api/plans", sample.content);
    const id = plan.body.id;
    await send("POST", `/api/plans/${id}/roster`, { staffCsv });
    const replan = await send("POST", `/api/plans/${id}/replan`, { now: "2026-11-11T00:30" });
    // A second proposal from the same roster, applied first: the roster's revision moves on.
    const other = await send("POST", `/api/plans/${id}/replan`, { now: "2026-11-11T01:00" });
    expect((await send("POST", `/api/plans/${id}/replans/${other.body.id}/apply`)).status).toBe(200);
    const refused = await send("POST", `/api/plans/${id}/replans/${replan.body.id}/apply`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("roster-changed");
    expect((await send("GET", `/api/plans/${id}/roster/versions`)).body).toHaveLength(1);

    // A proposal made before the plan changed cannot be applied; a stale roster cannot be re-planned.
    const third = await send("POST", `/api/plans/${id}/replan`, { now: "2026-11-11T01:30" });
    await send("PUT", `/api/plans/${id}`, { ...(sample.content as object), name: "改过的方案" });
    const staleApply = await send("POST", `/api/plans/${id}/replans/${third.body.id}/apply`);
    expect(staleApply.status).toBe(409);
    expect(staleApply.body.error.code).toBe("roster-stale");
    const stale = await send("POST", `/api/plans/${id}/replan`, { now: "2026-11-11T00:30" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("roster-stale");
  });
});
