import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DATA_DIR } from "../../src/catalog.ts";
import { planInput, serviceTarget } from "../fixtures.ts";
import { type Harness, startApp } from "./harness.ts";

const SAMPLE = readFileSync(join(DATA_DIR, "samples/chitu-service-report.csv"));
let app: Harness;

beforeEach(async () => {
  app = await startApp();
});
afterEach(() => app.stop());

async function call(method: string, path: string, body?: string | Uint8Array, type = "application/json") {
  const res = await app.send(method, path, body === undefined ? {} : { body: Buffer.from(body), headers: { "content-type": type } });
  return { status: res.status, body: res.text ? JSON.parse(res.text) : undefined };
}

/** A saved service-level plan whose queues run the factor method (no chat yet); its id. */
async function servicePlan(withService = true): Promise<number> {
  const p = planInput();
  const plan = withService ? { ...p, requirement: { method: "service-level" }, presales: { ...p.presales, service: serviceTarget() }, aftersales: { ...p.aftersales, service: serviceTarget() } } : p;
  const res = await call("POST", "/api/plans", JSON.stringify(plan));
  expect(res.status).toBe(201);
  return res.body.id;
}

describe("POST /api/plans/:id/chat-report", () => {
  it("200: the GBK sample's estimates with their basis, and nothing saved", async () => {
    const id = await servicePlan();
    const res = await call("POST", `/api/plans/${id}/chat-report`, SAMPLE, "text/csv");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ planId: id, queue: "presales", current: null, format: "csv", encoding: "gb18030", agents: 20, chat: { maxParallel: 4 } });
    expect(res.body.estimates.map((e: { key: string }) => e.key)).toEqual(["maxParallel", "typicalConcurrency", "ahtSecAtTypical", "slowdownPerExtraChat", "ahtSecAtOneChat", "firstResponseSec"]);
    expect(res.body.estimates.every((e: { basis: { zh: string; en: string } }) => e.basis.zh.length > 0 && e.basis.en.length > 0)).toBe(true);
    const stored = await call("GET", `/api/plans/${id}`);
    expect([stored.body.version, stored.body.input.presales.service.chat]).toEqual([1, undefined]);
  });

  it("400 naming the line and column of a bad cell; 404 for no plan; 400 for an empty body or an unknown queue", async () => {
    const id = await servicePlan();
    const bad = iconv.encode("客服昵称,接待人数,平均接待时长,在线总时长\r\n小美,100,很久,8小时\r\n", "gbk");
    const res = await call("POST", `/api/plans/${id}/chat-report`, bad, "text/csv");
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid-input", issues: [{ path: "line 2, column 3 (平均接待时长)" }] });
    expect((await call("POST", "/api/plans/99/chat-report", SAMPLE, "text/csv")).status).toBe(404);
    expect((await call("POST", `/api/plans/${id}/chat-report`, new Uint8Array(), "text/csv")).body.error.issues).toEqual([
      { path: "body", message: expect.any(String), code: "body_empty", params: {} },
    ]);
    expect((await call("POST", `/api/plans/${id}/chat-report?queue=vip`, SAMPLE, "text/csv")).body.error.issues[0].path).toBe("queue");
  });
});

describe("POST /api/plans/:id/chat-report/apply", () => {
  it("200: writes the estimates into the chosen queue's service.chat, bumps the version, and the staffing runs the chat model", async () => {
    const id = await servicePlan();
    const estimate = await call("POST", `/api/plans/${id}/chat-report?queue=aftersales`, SAMPLE, "text/csv");
    const res = await call("POST", `/api/plans/${id}/chat-report/apply?queue=aftersales`, SAMPLE, "application/octet-stream");
    expect(res.status).toBe(200);
    expect(res.body.plan.version).toBe(2);
    expect(res.body.plan.input.aftersales.service.chat).toEqual(estimate.body.chat);
    expect(res.body.plan.input.presales.service.chat).toBeUndefined();
    expect(res.body.plan.result.models.aftersales).toEqual({ model: "erlang-chat", parallel: 4, ahtSecByParallel: expect.any(Array) });
    const stored = await call("GET", `/api/plans/${id}`);
    expect(stored.body.input.aftersales.service.chat).toEqual(estimate.body.chat);
    // Now the queue has a chat spec: the estimate shows it as the current one.
    expect((await call("POST", `/api/plans/${id}/chat-report?queue=aftersales`, SAMPLE, "text/csv")).body.current).toEqual(estimate.body.chat);
  });

  it("400 and nothing saved: a bad file, or a queue without a service target", async () => {
    const id = await servicePlan();
    const bad = Buffer.from("接待人数,平均接待时长,在线总时长\n100,2:30,8小时\n");
    const res = await call("POST", `/api/plans/${id}/chat-report/apply`, bad, "text/csv");
    expect([res.status, res.body.error.issues[0].path]).toEqual([400, "line 2, column 2 (平均接待时长)"]);
    const plain = await servicePlan(false);
    const noService = await call("POST", `/api/plans/${plain}/chat-report/apply`, SAMPLE, "text/csv");
    expect([noService.status, noService.body.error.issues[0].path]).toEqual([400, "presales.service"]);
    for (const planId of [id, plain]) {
      const stored = await call("GET", `/api/plans/${planId}`);
      expect(stored.body.version).toBe(1);
    }
  });
});
