/**
 * Issue 13's reproductions through the HTTP app: each hostile or careless input gets a prompt
 * 400 naming the field and the limit (before the limits: a hung event loop, a hung solver,
 * answers above the search cap, 500s, a 31 MB error body, null figures).
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError, errorHandler, finiteNumbersOnly } from "../../src/api/errors.ts";
import { MAX_AGENTS_PER_INTERVAL, MAX_CSV_ROWS, MAX_ERROR_ISSUES } from "../../src/domain/limits.ts";
import { planWith, serviceTarget } from "../fixtures.ts";
import { type Harness, startApp } from "./harness.ts";

let h: Harness;
beforeEach(async () => {
  h = await startApp();
});
afterEach(() => h.stop());

async function send(method: string, path: string, body: unknown, contentType = "application/json") {
  const reply = await h.send(method, path, { body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": contentType } });
  return { status: reply.status, bytes: reply.text.length, body: JSON.parse(reply.text) };
}

const paths = (body: { error: { issues: { path: string }[] } }) => body.error.issues.map((i) => i.path);
const erlang = { arrivals: 100, intervalMin: 30, ahtSec: 180, targetSec: 20, serviceLevel: 0.8 };
const slPlan = (queue: "presales" | "aftersales", field: string, value: unknown) => {
  const plan = planWith("requirement", { method: "service-level" }) as Record<string, Record<string, unknown>>;
  for (const q of ["presales", "aftersales"] as const) (plan[q] as Record<string, unknown>).service = serviceTarget();
  ((plan[queue] as Record<string, Record<string, unknown>>).service as Record<string, unknown>)[field] = value;
  return plan;
};

describe("POST /api/erlang at and beyond its limits", () => {
  it.each([
    ["arrivals", 1e300],
    ["arrivals", 1e9],
    ["intervalMin", 1e-300],
    ["ahtSec", 1e300],
    ["patienceSec", 1e-320],
    ["maxOccupancy", 1e-320],
    ["concurrency", 1e308],
  ])("400 naming %s = %s", async (field, value) => {
    const res = await send("POST", "/api/erlang", { ...erlang, [field]: value });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual([field]);
  });

  it("a load within the arrival cap that needs more agents than the search's cap is 400, not cap + 1", async () => {
    // 1,000,000 chats of 2 h in 5 min: 24,000,000 Erlangs.
    const res = await send("POST", "/api/erlang", { ...erlang, arrivals: 1_000_000, ahtSec: 7200, intervalMin: 5 });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]).toMatchObject({ path: "arrivals" });
    expect(res.body.error.issues[0].message).toContain(MAX_AGENTS_PER_INTERVAL.toLocaleString("en"));
  });

  it("the largest load the cap allows is answered with at most the cap", async () => {
    // 199,800 Erlangs (a = 999,000 × 360 ÷ 1,800): the search starts below the cap.
    const res = await send("POST", "/api/erlang", { ...erlang, arrivals: 999_000, ahtSec: 360, intervalMin: 30 });
    expect(res.status).toBe(200);
    expect(res.body.productiveAgents).toBeLessThanOrEqual(MAX_AGENTS_PER_INTERVAL);
  });
});

describe("POST /api/plans at and beyond its limits; nothing stored", () => {
  it.each([
    ["chain.salesTargetYuan", 1e300],
    ["chain.salesTargetYuan", 1e15],
    ["window", { start: "2026-11-10T00:00", end: "2036-11-10T00:00" }],
    ["shifts", { lengthsHours: [2 ** 53] }], // the issue sent 9007199254740993, which is 2⁵³ as a double
    ["aftersales.shopAvgOrderValueYuan", 1e-9],
  ])("400 naming %s", async (path, value) => {
    const res = await send("POST", "/api/plans", planWith(path, value));
    expect(res.status).toBe(400);
    expect(paths(res.body)[0]).toContain(path === "window" ? "window.end" : path === "shifts" ? "shifts.lengthsHours" : path);
    expect(h.deps.plans.list()).toHaveLength(0);
  });

  it.each([
    ["maxOccupancy", 1e-320],
    ["concurrency", 1e308],
    ["patienceSec", 1e-320],
  ])("400 naming presales.service.%s", async (field, value) => {
    const res = await send("POST", "/api/plans", slPlan("presales", field, value));
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual([`presales.service.${field}`]);
    expect(h.deps.plans.list()).toHaveLength(0);
  });

  it("a plan whose fields are each in range but multiply out beyond any shop is 400 naming the sales target", async () => {
    // 1,000 亿 at 1 yuan per order: 10¹¹ orders' after-sales contacts.
    const plan = planWith("chain.salesTargetYuan", 1e11) as { aftersales: Record<string, unknown>; chain: Record<string, unknown> };
    plan.aftersales.shopAvgOrderValueYuan = 1;
    plan.chain.csAvgOrderValueYuan = 1;
    const res = await send("POST", "/api/plans", plan);
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(["chain.salesTargetYuan"]);
    expect(res.body.error.issues[0].message).toMatch(/at most 1,000,000 per interval/);
    expect(h.deps.plans.list()).toHaveLength(0);
  });
});

describe("POST /api/design at its limits", () => {
  const instance = { start: "2026-11-10T00:00:00+08:00", intervalMinutes: 60, demand: [1, 2, 3, 2] };

  it("400 for a shift length of 2^53 + 1 hours, before the solver sees it", async () => {
    const res = await send("POST", "/api/design", { ...instance, shiftLengthsHours: [2 ** 53] });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(["shiftLengthsHours.0"]);
  });

  it("400 naming shiftLengthsHours when the lengths and starts would make more shifts than the cap", async () => {
    // 31 days at 5 minutes, 16-hour shifts with a break anywhere: 340,743 shifts.
    const demand = new Array((31 * 24 * 60) / 5).fill(1);
    const res = await send("POST", "/api/design", {
      ...instance,
      intervalMinutes: 5,
      demand,
      shiftLengthsHours: [16],
      breakRule: { minShiftHours: 8, breakMinutes: 60, window: [0, 1] },
    });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(["shiftLengthsHours"]);
  });

  it("400 for a demand longer than 31 days", async () => {
    const res = await send("POST", "/api/design", { ...instance, demand: new Array(32 * 24).fill(1), shiftLengthsHours: [8] });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(["demand"]);
  });
});

describe("history uploads: row cap and a capped error body", () => {
  const header = "时间,售前接待量,售后接待量\n";

  it("a file with more rows than the cap is 400 naming the line, and nothing stored", async () => {
    const rows = Array.from({ length: MAX_CSV_ROWS + 1 }, (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().slice(0, 16).replace("T", " ")},1,1`);
    const res = await send("POST", "/api/history?name=big", header + rows.join("\n"), "text/csv");
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].message).toContain(`more than ${MAX_CSV_ROWS.toLocaleString("en")} rows`);
    expect(h.deps.history.count()).toBe(0);
  });

  it("a file bad throughout answers with the first issues and a count of the rest, each echoed value cut short", async () => {
    const junk = "x".repeat(5000);
    const rows = Array.from({ length: 150 }, () => `${junk},${junk},1`);
    const res = await send("POST", "/api/history?name=bad", header + rows.join("\n"), "text/csv");
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toHaveLength(MAX_ERROR_ISSUES + 1);
    expect(res.body.error.issues.at(-1)).toEqual({ path: "(more)", message: expect.stringMatching(/^and \d+ more issues$/), code: "more_issues", params: { count: expect.any(Number) } });
    expect(res.bytes).toBeLessThan(10_000);
    expect(h.deps.history.count()).toBe(0);
  });
});

describe("the JSON answer never carries NaN or Infinity", () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY])("a route answering %s gets 422 non-finite-result naming the field, not a null figure", async (value) => {
    const app = express();
    app.set("json replacer", finiteNumbersOnly);
    app.get("/figure", (_req, res) => {
      res.json({ serviceLevel: value });
    });
    app.use(errorHandler(() => {}));
    const probe = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const res = await fetch(`http://127.0.0.1:${(probe.address() as AddressInfo).port}/figure`);
    const body = (await res.json()) as { error: { code: string; message: string } };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(res.status).toBe(422);
    expect(body.error.code).toBe("non-finite-result");
    expect(body.error.message).toContain("serviceLevel");
  });

  it("finite numbers pass unchanged", () => {
    expect(JSON.stringify({ a: 1.5, b: [0, -2] }, finiteNumbersOnly)).toBe('{"a":1.5,"b":[0,-2]}');
    expect(() => JSON.stringify({ a: Number.NaN }, finiteNumbersOnly)).toThrow(AppError);
  });
});
