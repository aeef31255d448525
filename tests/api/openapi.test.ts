// The OpenAPI document (src/api/openapi.ts) against the official OpenAPI 3.1 schema, against
// the routes the app registers at runtime, and its examples against the running app.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import type express from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.ts";
import { accessFor } from "../../src/api/auth.ts";
import { openapiDocument } from "../../src/api/openapi.ts";
import { loadSamplePlans } from "../../src/catalog.ts";
import { DUMMY_HASH } from "../../src/passwords.ts";
import { createSolverPool, type SolverPool } from "../../src/solver/pool.ts";
import { type Db, openDb } from "../../src/store/db.ts";
import { reposOf } from "../../src/store/repos.ts";
import { usersRepo } from "../../src/store/users.ts";
import { catalog } from "../fixtures.ts";

type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema?: object; examples?: Record<string, { value: unknown }> }> };
};
type Document = { paths: Record<string, Record<string, Operation>> };

const NOW = "2026-11-01T08:00:00.000Z";
let db: Db;
let solver: SolverPool;
let app: express.Express;
let server: Server;
let base: string;

/** The app as `peakcrew serve` builds it on loopback, with access control installed (open until a manager exists). */
beforeEach(async () => {
  db = openDb(":memory:");
  solver = createSolverPool({ workers: 1 });
  app = createApp({
    ...reposOf(db),
    catalog,
    samples: loadSamplePlans(),
    now: () => NOW,
    log: () => {},
    solver,
    access: accessFor(db, { host: "127.0.0.1", dbFile: ":memory:" }),
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await solver.close();
});

type Layer = { route?: { path: string; methods: Record<string, boolean> }; rawPath?: unknown; handle?: { stack?: Layer[] } };

/** "METHOD /path" of every route the app registers, through the routers mounted in it, with Express's `:name` as `{name}`. */
function registeredRoutes(router: { stack: Layer[] }, prefix = ""): string[] {
  return router.stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, "{$1}");
      return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${path}`);
    }
    if (!layer.handle?.stack) return [];
    const mount = typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : "";
    return registeredRoutes({ stack: layer.handle.stack }, `${prefix}${mount}`);
  });
}

function documentedRoutes(doc: Document): string[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
}

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document by the official schema", async () => {
    const reply = await fetch(`${base}/api/openapi.json`);
    expect(reply.status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate((await reply.json()) as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("would be refused with a response that has no description (the validator can fail)", async () => {
    const broken = structuredClone(openapiDocument()) as { paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>> };
    const ok = broken.paths["/api/erlang"]?.post?.responses["200"];
    expect(ok?.description).toBeTruthy();
    delete ok?.description;
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("names exactly the /api routes the app registers, method and path", () => {
    const served = registeredRoutes(app.router as unknown as { stack: Layer[] }).filter((route) => route.split(" ")[1]?.startsWith("/api/"));
    expect(served).toContain("POST /api/erlang");
    expect(served).toContain("GET /api/health");
    expect(new Set(documentedRoutes(openapiDocument() as Document))).toEqual(new Set(served));
  });

  it("declares each path's {name} as a path parameter, and no other", () => {
    const doc = openapiDocument() as Document;
    for (const [path, operations] of Object.entries(doc.paths)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, operation] of Object.entries(operations)) {
        const declared = (operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
        expect(declared.sort(), `${method} ${path}`).toEqual(templated);
      }
    }
  });

  it("is served without a session when accounts exist, while the API itself needs one", async () => {
    usersRepo(db).add("王经理", "manager", DUMMY_HASH, NOW);
    const doc = await fetch(`${base}/api/openapi.json`);
    expect(doc.status).toBe(200);
    expect(await doc.json()).toEqual(openapiDocument());
    expect((await fetch(`${base}/api/plans`)).status).toBe(401);
  });
});

describe("the document's examples", () => {
  /** Each JSON example in the document (refs resolved), with its operation and schema. */
  async function examples() {
    const validator = new Validator();
    await validator.validate(openapiDocument());
    const doc = validator.resolveRefs() as Document;
    return Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => {
        const json = operation.requestBody?.content["application/json"];
        return Object.entries(json?.examples ?? {}).map(([name, example]) => ({ route: `${method.toUpperCase()} ${path}`, name, schema: json?.schema ?? {}, value: example.value }));
      }),
    );
  }

  it("cover the calculators and saving a plan", async () => {
    const routes = new Set((await examples()).map((e) => e.route));
    expect([...routes].sort()).toEqual(["POST /api/design", "POST /api/erlang", "POST /api/plans", "POST /api/staffing"]);
  });

  it("are valid against their schema (JSON Schema 2020-12, strict)", async () => {
    const ajv = new Ajv2020({ strict: true, validateFormats: false });
    for (const { route, name, schema, value } of await examples()) {
      const validate = ajv.compile(schema);
      expect(validate(value), `${route} ${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("are each accepted by the running app (status < 400)", async () => {
    for (const { route, name, value } of await examples()) {
      const [method, path = ""] = route.split(" ");
      expect(path, "an example on a templated path needs a resource to fill it").not.toContain("{");
      const reply = await fetch(`${base}${path}`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(value) });
      expect(reply.status, `${route} ${name}: ${await reply.clone().text()}`).toBeLessThan(400);
    }
  });

  // The published worked example (pyworkforce README), as in tests/domain/erlang.test.ts and the README.
  it("answer the Erlang example with its published figures (14 productive, 20 scheduled)", async () => {
    const erlangC = (await examples()).find((e) => e.route === "POST /api/erlang" && e.name === "erlang-c");
    const reply = await fetch(`${base}/api/erlang`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(erlangC?.value) });
    expect(await reply.json()).toMatchObject({ model: "erlang-c", productiveAgents: 14, scheduledAgents: 20 });
  });
});
