import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.ts";
import { loadSamplePlans } from "../../src/catalog.ts";
import { XLSX_TYPE } from "../../src/export/xlsx.ts";
import { createSolverPool, type SolverPool } from "../../src/solver/pool.ts";
import { actualsRepo } from "../../src/store/actuals.ts";
import { openDb } from "../../src/store/db.ts";
import { historyRepo } from "../../src/store/history.ts";
import { plansRepo } from "../../src/store/plans.ts";
import { rostersRepo } from "../../src/store/rosters.ts";
import { replansRepo } from "../../src/store/replans.ts";
import { catalog, planWith } from "../fixtures.ts";

const NOW = "2026-11-10T13:05:00.000Z";
let server: Server;
let base: string;
let solver: SolverPool;
let actuals: ReturnType<typeof actualsRepo>;

beforeEach(async () => {
  const db = openDb(":memory:");
  actuals = actualsRepo(db);
  solver = createSolverPool();
  const deps = {
    plans: plansRepo(db),
    rosters: rostersRepo(db),
    history: historyRepo(db),
    actuals,
    replans: replansRepo(db),
    catalog,
    samples: loadSamplePlans(),
    now: () => NOW,
    log: () => {},
    solver,
  };
  const app = createApp(deps);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await solver.close();
});

async function call(method: string, path: string, body?: string | Uint8Array, type = "application/json") {
  const res = await fetch(base + path, { method, headers: { "content-type": type }, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A saved plan on a 30-minute grid over Nov 10 00:00 – Nov 13 00:00; its id. */
async function halfHourPlan(): Promise<number> {
  const res = await call("POST", "/api/plans", JSON.stringify(planWith("intervalMin", 30)));
  expect(res.status).toBe(201);
  return res.body.id;
}

const gbk = (lines: string[]) => iconv.encode(`${lines.join("\r\n")}\r\n`, "gbk");
const CSV_HEADER = "时间,子账号,分组,咨询人数,平均首响(秒)";
const row = (start: string, queue: string, receptions: number, firstResponseSec: number | null = null) => ({ start, queue, receptions, agentsOnline: null, firstResponseSec });

describe("POST /api/plans/:id/actuals with a file", () => {
  it("201: a GBK 千牛 CSV is summed per interval and queue, with its notes, and GET reads the rows back", async () => {
    const id = await halfHourPlan();
    const file = gbk([CSV_HEADER, "2026-11-10 20:00,小美,售前组,120,20", "2026-11-10 20:00,小丽,售前组,80,30", "2026-11-10 20:00,阿强,售后组,9,-", "合计,,,209,"]);
    const res = await call("POST", `/api/plans/${id}/actuals`, file, "text/csv");
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      added: 2,
      replaced: 0,
      unchanged: 0,
      notes: ['read 平均首响(秒) "-" as unknown: line 4', "skipped summary rows (合计): line 5", "the file has one time only; its rows are taken as 30-minute rows, like the plan's"],
      fileIntervalMin: 30,
      // (120 × 20 + 80 × 30) ÷ 200 = 24 s
      actuals: [row("2026-11-10T20:00", "presales", 200, 24), row("2026-11-10T20:00", "aftersales", 9)],
    });
    expect((await call("GET", `/api/plans/${id}/actuals`)).body).toEqual({ planId: id, rows: res.body.actuals, replacements: 0 });
  });

  it("201: an xlsx export sent as the workbook MIME type", async () => {
    const id = await halfHourPlan();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Sheet1");
    sheet.addRow(["时段", "售前咨询人数", "售后咨询人数"]);
    sheet.addRow(["2026-11-10 21:00-22:00", 300, 10]);
    const res = await call("POST", `/api/plans/${id}/actuals`, Buffer.from(await book.xlsx.writeBuffer()), XLSX_TYPE);
    expect(res.status).toBe(201);
    expect(res.body.actuals).toEqual([
      row("2026-11-10T21:00", "presales", 150),
      row("2026-11-10T21:00", "aftersales", 5),
      row("2026-11-10T21:30", "presales", 150),
      row("2026-11-10T21:30", "aftersales", 5),
    ]);
    expect(res.body.notes).toEqual(["the file has 60-minute rows: each was split evenly into 2 of the plan's 30-minute intervals (agents online and first response copied to each)"]);
  });

  it("400: a bad time and a negative count are named by line and column, and nothing is stored", async () => {
    const id = await halfHourPlan();
    await call("POST", `/api/plans/${id}/actuals`, gbk([CSV_HEADER, "2026-11-10 19:00,小美,售前组,50,20"]), "text/csv");
    const res = await call(
      "POST",
      `/api/plans/${id}/actuals`,
      gbk([CSV_HEADER, "2026-11-10 20:00,小美,售前组,60,20", "2026-11-10 20:3O,小丽,售前组,80,30", "2026-11-10 21:00,阿强,售后组,-5,10"]),
      "text/csv",
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid-input");
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["line 3, column 1 (时间)", "line 4, column 4 (咨询人数)"]);
    expect(actuals.history(id).map((r) => [r.start, r.receptions])).toEqual([["2026-11-10T19:00", 50]]);
  });

  it("re-sending an interval replaces it and the replacement is recorded: GET shows the new value, replacements 1", async () => {
    const id = await halfHourPlan();
    await call("POST", `/api/plans/${id}/actuals`, gbk([CSV_HEADER, "2026-11-10 20:00,小美,售前组,120,20", "2026-11-10 20:30,小美,售前组,40,20"]), "text/csv");
    const again = await call("POST", `/api/plans/${id}/actuals`, gbk([CSV_HEADER, "2026-11-10 20:00,小美,售前组,120,20", "2026-11-10 20:30,小美,售前组,95,25"]), "text/csv");
    expect([again.body.added, again.body.replaced, again.body.unchanged]).toEqual([0, 1, 1]);
    const read = await call("GET", `/api/plans/${id}/actuals`);
    expect(read.body).toEqual({ planId: id, rows: [row("2026-11-10T20:00", "presales", 120, 20), row("2026-11-10T20:30", "presales", 95, 25)], replacements: 1 });
    expect(actuals.history(id).find((r) => r.receptions === 40)?.supersededAt).toBe(NOW);
  });
});

describe("POST /api/plans/:id/actuals with JSON rows", () => {
  it("201: rows on the grid are stored; optional figures default to null", async () => {
    const id = await halfHourPlan();
    const res = await call("POST", `/api/plans/${id}/actuals`, JSON.stringify({ rows: [{ start: "2026-11-10T18:30:00", queue: "presales", receptions: 12, firstResponseSec: 14 }] }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ added: 1, replaced: 0, unchanged: 0, notes: [], fileIntervalMin: null, actuals: [row("2026-11-10T18:30", "presales", 12, 14)] });
  });

  it("400 naming each row's path: off the grid, outside the window, a negative count, an unknown queue, twice the same interval; nothing stored", async () => {
    const id = await halfHourPlan();
    const rows = [
      { start: "2026-11-10T18:00", queue: "presales", receptions: 10 },
      { start: "2026-11-10T18:10", queue: "presales", receptions: 10 },
      { start: "2026-11-13T00:00", queue: "presales", receptions: 10 },
      { start: "2026-11-10T18:00", queue: "presales", receptions: 11 },
    ];
    const res = await call("POST", `/api/plans/${id}/actuals`, JSON.stringify({ rows }));
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toMatchObject([
      {
        path: "rows.1.start",
        message: "2026-11-10T18:10 is not on the plan's 30-minute grid (intervals start at 2026-11-10 18:00, 2026-11-10 18:30, …)",
        code: "actuals_start_off_grid",
        params: { value: "2026-11-10T18:10", interval: 30, first: "2026-11-10 18:00", second: "2026-11-10 18:30" },
      },
      { path: "rows.2.start", message: "2026-11-13T00:00 is outside the plan's window 2026-11-10 00:00 – 2026-11-13 00:00" },
      { path: "rows.3.start", message: "rows.0 has the same start and queue" },
    ]);
    const shape = await call(
      "POST",
      `/api/plans/${id}/actuals`,
      JSON.stringify({
        rows: [
          { start: "2026-11-10T18:00", queue: "售前", receptions: 1 },
          { start: "2026-11-10T18:00", queue: "presales", receptions: -1 },
        ],
      }),
    );
    expect(shape.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["rows.0.queue", "rows.1.receptions"]);
    expect((await call("GET", `/api/plans/${id}/actuals`)).body.rows).toEqual([]);
  });
});

describe("/api/plans/:id/actuals errors", () => {
  it("404 for a plan that does not exist, on POST and GET", async () => {
    const post = await call("POST", "/api/plans/99/actuals", JSON.stringify({ rows: [{ start: "2026-11-10T18:00", queue: "presales", receptions: 1 }] }));
    expect([post.status, post.body.error.code]).toEqual([404, "not-found"]);
    expect((await call("GET", "/api/plans/99/actuals")).status).toBe(404);
  });

  it("415 for a body that is neither JSON nor an export file; 400 for an empty file", async () => {
    const id = await halfHourPlan();
    expect((await call("POST", `/api/plans/${id}/actuals`, "<rows/>", "application/xml")).body.error.code).toBe("unsupported-media-type");
    const empty = await call("POST", `/api/plans/${id}/actuals`, new Uint8Array(), "text/csv");
    expect([empty.status, empty.body.error.issues[0].path]).toEqual([400, "body"]);
  });
});
