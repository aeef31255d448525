import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planInput } from "../fixtures.ts";
import { errorOf, type Harness, startApp } from "./harness.ts";

let app: Harness;
beforeEach(async () => {
  app = await startApp();
});
afterEach(() => app.stop());

const plan = () => JSON.stringify(planInput());
const savePlan = async () => JSON.parse((await app.send("POST", "/api/plans", { body: plan() })).text).id as number;

describe("Host (DNS rebinding)", () => {
  it("answers to loopback names and the bound address with the server's port", async () => {
    for (const host of [app.host, `localhost:${app.port}`, `LOCALHOST:${app.port}`, `[::1]:${app.port}`]) {
      expect((await app.send("GET", "/api/plans", { headers: { host } })).status, host).toBe(200);
    }
  });

  it("421 host-not-allowed for any other name, port or spelling, on the API and the page", async () => {
    const others = [`evil.example:${app.port}`, "127.0.0.1:1", "127.0.0.1", `127.0.0.1:${app.port}@evil.example`, `localhost.:${app.port}`, `127.0.0.1:${app.port}/x`];
    for (const host of others) {
      for (const path of ["/api/plans", "/"]) {
        const res = await app.send("GET", path, { headers: { host } });
        expect(res.status, `${host} ${path}`).toBe(421);
        expect(errorOf(res).code).toBe("host-not-allowed");
      }
    }
  });

  it("a rebinding page cannot delete: DELETE with a foreign Host is refused and the plan stays", async () => {
    const id = await savePlan();
    expect((await app.send("DELETE", `/api/plans/${id}`, { headers: { host: `evil.example:${app.port}` } })).status).toBe(421);
    expect((await app.send("GET", `/api/plans/${id}`)).status).toBe(200);
  });

  it("answers to a configured name (--allowed-host) on any port", async () => {
    await app.stop();
    app = await startApp({ allowedHosts: ["peak.example.com"] });
    expect((await app.send("GET", "/api/plans", { headers: { host: "peak.example.com" } })).status).toBe(200);
    expect((await app.send("GET", "/api/plans", { headers: { host: "other.example.com" } })).status).toBe(421);
  });
});

describe("cross-site writes (CSRF)", () => {
  it("403 cross-site-request for a write whose Origin is another site, and nothing is stored", async () => {
    for (const origin of ["http://evil.example", "null", `http://localhost:${app.port + 1}`, `https://evil.example:${app.port}`]) {
      const res = await app.send("POST", "/api/plans", { body: plan(), headers: { origin } });
      expect(res.status, origin).toBe(403);
      expect(errorOf(res).code).toBe("cross-site-request");
    }
    expect(JSON.parse((await app.send("GET", "/api/plans")).text)).toEqual([]);
  });

  it("403 for a write whose Sec-Fetch-Site is cross-site or same-site; a DELETE too", async () => {
    const id = await savePlan();
    for (const site of ["cross-site", "same-site"]) {
      expect((await app.send("POST", "/api/plans", { body: plan(), headers: { "sec-fetch-site": site } })).status, site).toBe(403);
      expect((await app.send("DELETE", `/api/plans/${id}`, { headers: { "sec-fetch-site": site } })).status, site).toBe(403);
    }
    expect(JSON.parse((await app.send("GET", "/api/plans")).text)).toHaveLength(1);
  });

  it("the page's own writes pass: same Origin, Sec-Fetch-Site same-origin; and clients that send neither", async () => {
    const own = { origin: `http://${app.host}`, "sec-fetch-site": "same-origin" };
    expect((await app.send("POST", "/api/plans", { body: plan(), headers: own })).status).toBe(201);
    expect((await app.send("POST", "/api/plans", { body: plan() })).status).toBe(201);
  });

  it("reads from another site are not refused by this check (the browser keeps their answers from the page)", async () => {
    expect((await app.send("GET", "/api/plans", { headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" } })).status).toBe(200);
  });
});

describe("the body type of writes", () => {
  it("415 for what an HTML form can send (text/plain, urlencoded, multipart) and for an untyped body; nothing stored", async () => {
    const csv = "时间,售前接待量\n2025-11-11 00:00,1\n";
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      for (const path of ["/api/history", "/api/plans"]) {
        const res = await app.send("POST", path, { body: path === "/api/history" ? csv : plan(), headers: { "content-type": type } });
        expect(res.status, `${type} ${path}`).toBe(415);
        expect(errorOf(res).code).toBe("unsupported-media-type");
      }
    }
    const untyped = await app.send("POST", "/api/plans", { body: plan(), headers: { "content-type": "" } });
    expect(untyped.status).toBe(415);
    expect(JSON.parse((await app.send("GET", "/api/history")).text)).toEqual([]);
    expect(JSON.parse((await app.send("GET", "/api/plans")).text)).toEqual([]);
  });

  it("a write with no body needs no type (DELETE, apply); JSON with a charset and CSV files pass", async () => {
    const id = await savePlan();
    expect((await app.send("POST", `/api/plans/${id}/replans/1/apply`)).status).toBe(404);
    expect((await app.send("POST", "/api/plans", { body: plan(), headers: { "content-type": "application/json; charset=utf-8" } })).status).toBe(201);
    expect((await app.send("DELETE", `/api/plans/${id}`)).status).toBe(204);
  });
});

describe("security headers", () => {
  it("the page and the API carry a CSP that allows only this origin and forbids framing, nosniff, no referrer", async () => {
    for (const path of ["/", "/api/plans", "/api/plans/abc"]) {
      const { headers } = await app.send("GET", path);
      const csp = String(headers["content-security-policy"]);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["referrer-policy"]).toBe("no-referrer");
      expect(headers["strict-transport-security"]).toBeUndefined();
    }
  });

  it("an unknown page is a 404 in the error shape", async () => {
    const res = await app.send("GET", "/nope.html");
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe("not-found");
  });
});

describe("strict ids", () => {
  const LOOSE = ["1e0", "0x1", "+1", "1.0", "%201", "1%20", "01", "0", "-1", "1n", "Infinity", "9007199254740992", "12345678901234567", "%EF%BC%91"];

  it("400 invalid-input on every :id route for any spelling of 1 but the plain one; the DELETE deletes nothing", async () => {
    const id = await savePlan();
    expect(id).toBe(1);
    for (const loose of LOOSE) {
      for (const [method, path] of [
        ["GET", `/api/plans/${loose}`],
        ["DELETE", `/api/plans/${loose}`],
        ["GET", `/api/plans/${loose}/roster`],
        ["GET", `/api/plans/${loose}/roster.csv`],
        ["POST", `/api/plans/${loose}/chat-report`],
        ["GET", `/api/history/${loose}`],
        ["DELETE", `/api/history/${loose}`],
        ["GET", `/api/plans/1/replans/${loose}`],
        ["GET", `/api/plans/1/roster/versions/${loose}.csv`],
        ["GET", `/api/plans/1/compare?history=${loose}`],
      ] as const) {
        const res = await app.send(method, path);
        expect(res.status, `${method} ${path}`).toBe(400);
        expect(errorOf(res).code).toBe("invalid-input");
      }
    }
    // Without a suffix, versions/1.0 is the export route (version 1, format "0"), which has no such format: 404.
    const dotted = await app.send("GET", "/api/plans/1/roster/versions/1.0");
    expect([dotted.status, errorOf(dotted).code]).toEqual([404, "not-found"]);
    expect((await app.send("GET", "/api/plans/1")).status).toBe(200);
    expect((await app.send("GET", "/api/plans/9007199254740991")).status).toBe(404);
  });
});
