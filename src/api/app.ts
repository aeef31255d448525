/**
 * createApp(deps) → the Express app: the JSON API under /api and the page from web/.
 * Each route is a straight line: parse at the edge → domain → store → respond.
 */
import { fileURLToPath } from "node:url";
import express from "express";
import { z } from "zod";
import { evaluateAgents, requiredAgents } from "../domain/erlang.ts";
import { type Catalog, planStaffing } from "../domain/staffing.ts";
import { parse, parseDesignInstance, parseErlangRequest, parsePlan } from "../schemas.ts";
import type { SolverThread } from "../solver/thread.ts";
import type { Sample } from "../catalog.ts";
import type { PlansRepo } from "../store/plans.ts";
import type { RostersRepo } from "../store/rosters.ts";
import { readCsv } from "../csv.ts";
import { InputError } from "../domain/errors.ts";
import { parseStaff } from "../domain/staff.ts";
import { AppError, errorHandler, notFound } from "./errors.ts";

export type AppDeps = {
  plans: PlansRepo;
  rosters: RostersRepo;
  catalog: Catalog;
  samples: Sample[];
  /** The clock, as an ISO timestamp; tests fake it. */
  now: () => string;
  log?: (message: string, error: unknown) => void;
  /** Runs solver jobs off the event loop. */
  solver: SolverThread;
  /** Time limit for one shift design or roster, seconds. */
  solveTimeLimitSec?: number;
  /** Largest accepted JSON body. */
  bodyLimit?: string;
};

const WEB_DIR = fileURLToPath(new URL("../../web/", import.meta.url));
const IdParam = z.strictObject({ id: z.coerce.number().int().positive() });
const RosterRequest = z.strictObject({ staffCsv: z.string().min(1, { message: "the staff CSV is empty" }) });

export function createApp(deps: AppDeps): express.Express {
  const { plans, catalog, now } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: deps.bodyLimit ?? "2mb" }));

  const api = express.Router();

  api.post("/staffing", (req, res) => {
    res.json(planStaffing(parsePlan(req.body), catalog));
  });

  api.post("/erlang", (req, res) => {
    const { agents, ...params } = parseErlangRequest(req.body);
    res.json(agents === undefined ? requiredAgents(params) : evaluateAgents(params, agents));
  });

  api.post("/design", async (req, res) => {
    const instance = parseDesignInstance(req.body);
    res.json(await deps.solver.run("design", { instance, timeLimitSec: deps.solveTimeLimitSec ?? 30 }, cancelledWhenClosed(res)));
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
    const { staffCsv } = parse(RosterRequest, req.body);
    const plan = plans.get(id);
    if (!plan) throw notFound(`plan ${id}`);
    const people = withPathPrefix("staffCsv", () => parseStaff(readCsv(staffCsv), plan.input.zone));
    const job = { plan: plan.input, staffing: plan.result, people, timeLimitSec: deps.solveTimeLimitSec ?? 30 };
    const result = await deps.solver.run("roster", job, cancelledWhenClosed(res));
    res.status(201).json(deps.rosters.save(id, staffCsv, result, now()));
  });

  api.get("/plans/:id/roster", (req, res) => {
    const { id } = parse(IdParam, req.params);
    const roster = deps.rosters.get(id);
    if (!roster) throw notFound(`roster of plan ${id}`);
    res.json(roster);
  });

  api.delete("/plans/:id/roster", (req, res) => {
    const { id } = parse(IdParam, req.params);
    if (!deps.rosters.delete(id)) throw notFound(`roster of plan ${id}`);
    res.status(204).end();
  });

  api.use((req) => {
    throw new AppError("not-found", 404, `no route ${req.method} /api${req.path}`);
  });

  app.use("/api", api);
  app.use(express.static(WEB_DIR));
  app.use("/vendor/chart.js", express.static(fileURLToPath(new URL("../../node_modules/chart.js/dist/", import.meta.url))));
  app.use("/vendor/chartjs-plugin-annotation", express.static(fileURLToPath(new URL("../../node_modules/chartjs-plugin-annotation/dist/", import.meta.url))));
  app.use(errorHandler(deps.log ?? ((message, error) => console.error(message, error))));
  return app;
}

/** A signal that fires when the client goes away before the response is sent (the page's Cancel). */
function cancelledWhenClosed(res: express.Response): AbortSignal {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Runs `parse`, prefixing the paths of its input issues (e.g. "staffCsv: line 3, column 2 (name)"). */
function withPathPrefix<T>(prefix: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.issues.map((i) => ({ path: `${prefix}: ${i.path}`, message: i.message })));
    throw error;
  }
}
