import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppDeps, createApp } from "../../src/api/app.ts";
import { loadSamplePlans } from "../../src/catalog.ts";
import { openDb } from "../../src/store/db.ts";
import { createSolverThread, type SolverThread } from "../../src/solver/thread.ts";
import { plansRepo } from "../../src/store/plans.ts";
import { historyRepo } from "../../src/store/history.ts";
import { rostersRepo } from "../../src/store/rosters.ts";
import { catalog, planInput, planWith } from "../fixtures.ts";

const NOW = "2026-11-01T08:00:00.000Z";
let server: Server;
let base: string;
let plans: ReturnType<typeof plansRepo>;
let rosters: ReturnType<typeof rostersRepo>;
let history: ReturnType<typeof historyRepo>;
let logged: unknown[];
let solver: SolverThread;

async function start(overrides: Partial<AppDeps> = {}) {
  const db = openDb(":memory:");
  plans = plansRepo(db);
  rosters = rostersRepo(db);
  history = historyRepo(db);
  logged = [];
  solver = createSolverThread();
  const app = createApp({ plans, rosters, history, catalog, samples: loadSamplePlans(), now: () => NOW, log: (_m, e) => logged.push(e), solver, ...overrides });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(() => start());
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await solver.close();
});

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
    expect(res.body.error.issues).toEqual([{ path: "serviceLevel", message: expect.stringMatching(/fraction/) }]);
  });
});

describe("POST /api/design", () => {
  const benchInstance = (size: string) => JSON.parse(readFileSync(new URL(`../../../shared/bench/instances/d11-${size}.json`, import.meta.url), "utf8"));

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
    expect(offGrid.body.error.issues[0].path).toBe("shiftStartStepMinutes");
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
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["staffCsv: line 322, column 2 (name)", "staffCsv: line 322, column 8 (maxHours)"]);
    expect(rosters.get(plan.body.id)).toBeUndefined();
  });

  it("404 for the roster of a plan that does not exist", async () => {
    expect((await send("POST", "/api/plans/99/roster", { staffCsv })).status).toBe(404);
  });

  it("a changed plan marks its roster stale, and deleting the plan deletes its roster", async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await solver.close();
    let tick = 0;
    await start({ now: () => new Date(Date.UTC(2026, 10, 1, 0, 0, tick++)).toISOString() });
    const plan = await send("POST", "/api/plans", sample.content);
    await send("POST", `/api/plans/${plan.body.id}/roster`, { staffCsv });
    await send("PUT", `/api/plans/${plan.body.id}`, sample.content);
    expect((await send("GET", `/api/plans/${plan.body.id}/roster`)).body.stale).toBe(true);
    await send("DELETE", `/api/plans/${plan.body.id}`);
    expect(rosters.get(plan.body.id)).toBeUndefined();
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
    await start({ plans: { ...broken, list: () => { throw new Error("disk on fire at /secret/path"); } } });
    const res = await send("GET", "/api/plans");
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: "internal-error", message: "internal error", issues: [] } });
    expect(logged).toHaveLength(1);
  });

  it("GET /api/samples lists the shipped sample plans", async () => {
    const res = await send("GET", "/api/samples");
    expect(res.status).toBe(200);
    expect(res.body.map((s: { id: string }) => s.id)).toContain("mid-size-double11");
  });
});
