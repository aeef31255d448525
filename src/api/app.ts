/**
 * createApp(deps) → the Express app: the JSON API under /api and the page from web/.
 * Each route is a straight line: parse at the edge → domain → store → respond.
 */
import { join } from "node:path";
import express from "express";
import { evaluateAgents, requiredAgents } from "../domain/erlang.ts";
import { type Catalog, type Plan, planStaffing } from "../domain/staffing.ts";
import type { ActualRow } from "../domain/actuals.ts";
import { ActualsUploadSchema, HistoryImportSchema, parse, parseActualsRequest, parseDesignInstance, parseErlangRequest, parsePlan, RosterRequestSchema } from "../schemas.ts";
import { InvalidJsonError, type JsonBody } from "../solver/json-body.ts";
import type { SolverPool } from "../solver/pool.ts";
import type { Sample } from "../catalog.ts";
import type { PlansRepo } from "../store/plans.ts";
import type { RosterRecord, RostersRepo, SaveOutcome } from "../store/rosters.ts";
import { readHistoryCsv } from "../csv.ts";
import { compareWithHistory } from "../domain/compare.ts";
import { applyHistory, deriveFromHistory } from "../domain/history-estimates.ts";
import type { HistoryRepo } from "../store/history.ts";
import type { ReplansRepo } from "../store/replans.ts";
import type { ActualsRepo } from "../store/actuals.ts";
import { readActualsFile } from "../actuals-file.ts";
import { InputError, issue, withIssuePaths } from "../domain/errors.ts";
import { AppError, errorHandler, finiteNumbersOnly, notFound } from "./errors.ts";
import { MAX_UPLOAD_BYTES } from "../domain/limits.ts";
import { XLSX_TYPE } from "../export/xlsx.ts";
import { sendRosterExport } from "./exports.ts";
import { ACTUALS_FILE_TYPES, ApplyHistoryRequest, CompareQuery, cancelledWhenClosed, ExportQuery, HistoryEstimatesQuery, IdParam, RenameRequest } from "./http.ts";
import { nightRoutes } from "./night.ts";
import { openapiDocument } from "./openapi.ts";
import { chatReportRoutes } from "./chat-report.ts";
import { type AccessDeps, installAccess } from "./auth.ts";
import { NODE_MODULES_DIR, WEB_DIR } from "../paths.ts";
import { SERVE_SOLVE_LIMIT_SEC } from "../config.ts";
import { hostCheck, sameOriginWrites, securityHeaders, solveGate, writeBodyTypes } from "./edge.ts";

export type AppDeps = {
  plans: PlansRepo;
  rosters: RostersRepo;
  history: HistoryRepo;
  /** The night's actual receptions so far, per plan. */
  actuals: ActualsRepo;
  /** The night's re-plans and the roster versions they replaced. */
  replans: ReplansRepo;
  catalog: Catalog;
  samples: Sample[];
  /** The clock, as an ISO timestamp; tests fake it. */
  now: () => string;
  log?: (message: string, error: unknown) => void;
  /** Runs solver jobs off the event loop. */
  solver: SolverPool;
  /** Time limit for one shift design or roster, seconds. */
  solveTimeLimitSec?: number;
  /** Largest accepted JSON body. */
  bodyLimit?: string;
  /** Largest accepted file upload (history CSV, actuals CSV or xlsx). */
  uploadLimit?: string;
  /** Sign-in, roles and the audit log (auth.ts); without it the API is open and unaudited (tests of other routes). */
  access?: AccessDeps;
  /** Host names the server answers to besides loopback and the address it is reached on (--allowed-host). */
  allowedHosts?: string[];
};

/** The solve routes whose large JSON bodies are parsed on the worker (as express routes: any case, a trailing slash). */
const SOLVE_BODY_PATH = /^\/api\/(design|plans\/[^/]+\/roster)\/?$/i;
/** A solve body up to this size is parsed here (a 64 KB staff CSV body: 0.7 ms); a larger one on the worker. */
const PARSE_HERE_BYTES = 64 * 1024;

/**
 * A solve request's body as its value, or, when large, as its bytes for the worker to parse: a
 * burst of 1.3 MB roster bodies parsed here back to back held this thread for 0.2–0.4 s, while
 * a small bad body should get its 400 at once rather than wait in the solve queue. Either way
 * it answers as express.json does elsewhere: 415 for a charset other than UTF-8, 400
 * invalid-json for a body that is not a JSON object or array; no body is `{}`.
 */
function solveBody(req: express.Request): { value: unknown } | JsonBody {
  const bytes: unknown = req.body;
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) return { value: bytes ?? {} };
  const charset = /;\s*charset\s*=\s*"?([^";]+)/i.exec(req.headers["content-type"] ?? "")?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") throw new AppError("unsupported-charset", 415, `unsupported charset "${charset}": send UTF-8`);
  const decoder = new TextDecoder(); // drops a UTF-8 byte-order mark, as express.json does
  const first = decoder.decode(bytes.subarray(0, 64)).trimStart()[0];
  if (first !== "{" && first !== "[") throw new InvalidJsonError();
  if (bytes.length > PARSE_HERE_BYTES) return { json: bytes };
  try {
    return { value: JSON.parse(decoder.decode(bytes)) };
  } catch {
    throw new InvalidJsonError();
  }
}

export function createApp(deps: AppDeps): express.Express {
  const { plans, catalog, now } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("json replacer", finiteNumbersOnly);
  app.use(securityHeaders(), hostCheck(deps.allowedHosts), sameOriginWrites(), writeBodyTypes());
  // The API's description (openapi.ts): public like the page, so it is served before access control.
  app.get("/api/openapi.json", (_req, res) => {
    res.json(openapiDocument());
  });
  if (deps.access) installAccess(app, deps.access, now, deps.log ?? console.error);
  app.use(solveGate(deps.solver));
  // A body declared larger than any route takes is refused before a byte of it is read; the error
  // handler then closes the connection instead of reading the rest to throw it away.
  if (deps.bodyLimit === undefined && deps.uploadLimit === undefined) {
    app.use((req, _res, next) => {
      if (Number(req.headers["content-length"]) > MAX_UPLOAD_BYTES) throw new AppError("payload-too-large", 413, `request body is larger than ${MAX_UPLOAD_BYTES} bytes`);
      next();
    });
  }
  // A solve's JSON body is read as bytes; `solveBody` parses a small one here and leaves a large
  // one to the worker (solver/json-body.ts).
  const rawSolveBody = express.raw({ type: "application/json", limit: deps.bodyLimit ?? "2mb" });
  app.use((req, res, next) => (req.method === "POST" && SOLVE_BODY_PATH.test(req.path) ? rawSolveBody(req, res, next) : next()));
  app.use(express.json({ limit: deps.bodyLimit ?? "2mb" }));
  const upload = (type: string[] | (() => boolean)) => express.raw({ type, limit: deps.uploadLimit ?? MAX_UPLOAD_BYTES });

  const api = express.Router();

  api.post("/staffing", (req, res) => {
    res.json(planStaffing(parsePlan(req.body), catalog));
  });

  api.post("/erlang", (req, res) => {
    const { agents, ...params } = parseErlangRequest(req.body);
    res.json(agents === undefined ? requiredAgents(params) : evaluateAgents(params, agents));
  });

  api.post("/design", async (req, res) => {
    const body = solveBody(req);
    const instance = "json" in body ? body : parseDesignInstance(body.value);
    res.json(await deps.solver.run("design", { instance, timeLimitSec: deps.solveTimeLimitSec ?? SERVE_SOLVE_LIMIT_SEC }, cancelledWhenClosed(res)));
  });

  api.get("/samples", (_req, res) => {
    res.json(deps.samples.map((s) => ({ id: s.id, file: s.file, plan: s.content, staffCsv: s.staffCsv })));
  });

  api.get("/plans", (_req, res) => {
    res.json(plans.list());
  });

  api.post("/plans", (req, res) => {
    const plan = parsePlan(req.body);
    const result = planStaffing(plan, catalog);
    res.status(201).json(plans.create(plan, result, now()));
  });

  api.get("/plans/:id", (req, res) => {
    const { id } = parse(IdParam, req.params);
    const record = plans.get(id);
    if (!record) throw notFound(`plan ${id}`);
    res.json(record);
  });

  api.put("/plans/:id", (req, res) => {
    const { id } = parse(IdParam, req.params);
    const plan = parsePlan(req.body);
    const result = planStaffing(plan, catalog);
    const record = plans.update(id, plan, result, now());
    if (!record) throw notFound(`plan ${id}`);
    res.json(record);
  });

  api.delete("/plans/:id", (req, res) => {
    const { id } = parse(IdParam, req.params);
    if (!plans.delete(id)) throw notFound(`plan ${id}`);
    res.status(204).end();
  });

  api.post("/plans/:id/roster", async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const body = solveBody(req);
    const staffCsv = "json" in body ? body : parse(RosterRequestSchema, body.value).staffCsv;
    const plan = plans.get(id);
    if (!plan) throw notFound(`plan ${id}`);
    const job = { plan: plan.input, staffing: plan.result, staffCsv, timeLimitSec: deps.solveTimeLimitSec ?? SERVE_SOLVE_LIMIT_SEC };
    const solved = await deps.solver.run("roster", job, cancelledWhenClosed(res));
    res.status(201).json(savedRoster(id, deps.rosters.saveIfCurrent(id, plan.version, solved.staffCsv, solved.roster, now())));
  });

  api.get("/plans/:id/roster", (req, res) => {
    const { id } = parse(IdParam, req.params);
    const roster = deps.rosters.get(id);
    if (!roster) throw notFound(`roster of plan ${id}`);
    res.json(roster);
  });

  /** 人手缺口与招聘建议: the roster's hiring answer (null when nothing is short), with the shortfall it answers. */
  api.get("/plans/:id/roster/hiring", (req, res) => {
    const { id } = parse(IdParam, req.params);
    const roster = deps.rosters.get(id);
    if (!roster) throw notFound(`roster of plan ${id}`);
    const { shortfallAgentHours, shortfallByQueue, shortfallLowerBoundHours, hiring } = roster.result;
    res.json({ planId: id, stale: roster.stale, shortfallAgentHours, shortfallByQueue, shortfallLowerBoundHours, hiring });
  });

  api.delete("/plans/:id/roster", (req, res) => {
    const { id } = parse(IdParam, req.params);
    if (!deps.rosters.delete(id)) throw notFound(`roster of plan ${id}`);
    res.status(204).end();
  });

  api.get("/plans/:id/roster.:format", async (req, res) => {
    const { id } = parse(IdParam, { id: req.params.id });
    const { lang, person } = parse(ExportQuery, req.query);
    const plan = plans.get(id);
    const roster = deps.rosters.get(id);
    if (!plan || !roster) throw notFound(`roster of plan ${id}`);
    await sendRosterExport(res, roster.result, { planId: id, planName: plan.name, format: req.params.format, lang, person });
  });

  /**
   * 实时数据: the night's actuals so far, as JSON rows or the shop's export file (CSV or xlsx);
   * re-sent intervals replace the current figures, and the replacement is kept.
   */
  api.post("/plans/:id/actuals", upload(ACTUALS_FILE_TYPES), async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const plan = plans.get(id);
    if (!plan) throw notFound(`plan ${id}`);
    const { rows, notes, fileIntervalMin } = await actualsOf(req, plan.input);
    const counts = deps.actuals.append(id, rows, now());
    if (!counts) throw notFound(`plan ${id}`);
    res.status(201).json({ ...counts, notes, fileIntervalMin, actuals: deps.actuals.current(id) });
  });

  api.get("/plans/:id/actuals", (req, res) => {
    const { id } = parse(IdParam, req.params);
    if (!plans.get(id)) throw notFound(`plan ${id}`);
    res.json({ planId: id, rows: deps.actuals.current(id), replacements: deps.actuals.replacements(id) });
  });

  api.get("/history", (_req, res) => {
    res.json(deps.history.list());
  });

  api.post(
    "/history",
    upload(() => true),
    (req, res) => {
      const options = parse(HistoryImportSchema, req.query);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes.length === 0) throw new InputError([{ path: "body", ...issue("body_empty", {}, "send the CSV file as the request body") }]);
      const parsed = withIssuePaths(
        (path) => `csv: ${path}`,
        () => readHistoryCsv(bytes, options.encoding),
      );
      // The same hours imported again: 200 with the dataset already stored, nothing added.
      const { dataset, created } = deps.history.importOnce({ name: options.name, zone: options.zone, sourceFile: null, ...parsed }, now());
      res.status(created ? 201 : 200).json(dataset);
    },
  );

  api.get("/history/:id", (req, res) => {
    const { id } = parse(IdParam, req.params);
    const dataset = deps.history.get(id);
    if (!dataset) throw notFound(`history dataset ${id}`);
    res.json(dataset);
  });

  api.put("/history/:id", (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { name } = parse(RenameRequest, req.body);
    const dataset = deps.history.rename(id, name);
    if (!dataset) throw notFound(`history dataset ${id}`);
    res.json(dataset);
  });

  api.delete("/history/:id", (req, res) => {
    const { id } = parse(IdParam, req.params);
    if (!deps.history.delete(id)) throw notFound(`history dataset ${id}`);
    res.status(204).end();
  });

  api.get("/plans/:id/history-estimates", (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { history, growth } = parse(HistoryEstimatesQuery, req.query);
    const { plan, dataset } = planAndDataset(id, history);
    res.json(deriveFromHistory(dataset.rows, dataset.columns, plan.input, growth));
  });

  api.post("/plans/:id/apply-history", (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { historyId, growthRate } = parse(ApplyHistoryRequest, req.body);
    const { plan, dataset } = planAndDataset(id, historyId);
    const derivation = deriveFromHistory(dataset.rows, dataset.columns, plan.input, growthRate);
    const input = parsePlan(applyHistory(plan.input, derivation));
    const record = plans.update(id, input, planStaffing(input, catalog), now());
    res.json({ plan: record, derivation });
  });

  api.get("/plans/:id/compare", (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { history, tolerance } = parse(CompareQuery, req.query);
    const { plan, dataset } = planAndDataset(id, history);
    const roster = deps.rosters.get(id);
    // A roster solved before the plan last changed may not match its grid: compare the requirement then.
    const current = roster && !roster.stale ? roster.result : null;
    res.json({ planId: id, historyId: history, ...compareWithHistory(plan.result, current, dataset.rows, tolerance) });
  });

  nightRoutes(api, deps);
  chatReportRoutes(
    api,
    deps,
    upload(() => true),
  );

  api.use((req) => {
    throw new AppError("not-found", 404, `no route ${req.method} /api${req.path}`);
  });

  /** A saved plan and a history dataset with its rows, or 404 naming the one missing. */
  function planAndDataset(planId: number, historyId: number) {
    const plan = plans.get(planId);
    if (!plan) throw notFound(`plan ${planId}`);
    const dataset = deps.history.withRows(historyId);
    if (!dataset) throw notFound(`history dataset ${historyId}`);
    return { plan, dataset };
  }

  app.use("/api", api);
  app.use(express.static(WEB_DIR));
  // Browsers and tools that ask for /favicon.ico get the page's SVG icon, not a 404.
  app.get("/favicon.ico", (_req, res) => res.type("image/svg+xml").sendFile("favicon.svg", { root: WEB_DIR }));
  app.use("/vendor/chart.js", express.static(join(NODE_MODULES_DIR, "chart.js", "dist")));
  app.use("/vendor/chartjs-plugin-annotation", express.static(join(NODE_MODULES_DIR, "chartjs-plugin-annotation", "dist")));
  app.use((req) => {
    throw new AppError("not-found", 404, `no page ${req.path}`);
  });
  app.use(errorHandler(deps.log ?? ((message, error) => console.error(message, error))));
  return app;
}

/**
 * The rows of an actuals request: a file body read onto the plan's grid (with its notes and
 * interval), or JSON rows checked against the grid (no notes; fileIntervalMin null).
 */
async function actualsOf(req: express.Request, plan: Plan): Promise<{ rows: ActualRow[]; notes: string[]; fileIntervalMin: number | null }> {
  const grid = { zone: plan.zone, intervalMin: plan.intervalMin, window: plan.window };
  if (Buffer.isBuffer(req.body)) {
    const { encoding, fileName } = parse(ActualsUploadSchema, req.query);
    if (req.body.length === 0) throw new InputError([{ path: "body", ...issue("body_empty", {}, "send the export file as the request body") }]);
    return readActualsFile(req.body, { ...grid, encoding, fileName });
  }
  if (!req.is("application/json")) {
    throw new AppError("unsupported-media-type", 415, `send JSON {"rows": […]} or the export file as text/csv, application/octet-stream or ${XLSX_TYPE}`);
  }
  return { rows: parseActualsRequest(req.body, plan), notes: [], fileIntervalMin: null };
}

/**
 * The roster a solve saved, or the error saying why it was not: the plan was deleted (404
 * not-found) or changed (409 plan-changed) while the roster was solving.
 */
function savedRoster(planId: number, outcome: SaveOutcome): RosterRecord {
  switch (outcome.status) {
    case "ok":
      return outcome.roster;
    case "missing":
      throw new AppError("not-found", 404, `plan ${planId} was deleted during the solve; the roster was not saved`);
    case "changed":
      throw new AppError("plan-changed", 409, `plan ${planId} changed during the solve (version ${outcome.expectedVersion} → ${outcome.currentVersion}); the roster was not saved: solve again`);
  }
}
