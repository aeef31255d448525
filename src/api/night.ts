/**
 * The night's routes (临时调配): re-plan the plan's roster from `now` with the actuals stored
 * so far, read the proposal, apply it (the roster it replaces is kept as a version), and read
 * or export the earlier versions.
 */
import type express from "express";
import * as z from "zod";
import { DEFAULT_REFORECAST } from "../domain/reforecast.ts";
import { codedPattern, parse } from "../schemas.ts";
import type { AppDeps } from "./app.ts";
import { AppError, notFound } from "./errors.ts";
import { sendRosterExport } from "./exports.ts";
import { cancelledWhenClosed, ExportQuery, IdParam, IdString } from "./http.ts";
import { SERVE_SOLVE_LIMIT_SEC } from "../config.ts";

const localDateTime = z.string().regex(codedPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "local_grid_time"), { message: "a local date-time on the plan's grid, e.g. 2026-11-11T00:30" });

export const ReplanRequest = z.strictObject({
  now: localDateTime,
  noticeMin: z.number().int().min(0).max(1440).default(60),
  method: z.enum(["ratio", "run-rate"]).default(DEFAULT_REFORECAST.method),
  windowHours: z.number().gt(0).max(24).default(DEFAULT_REFORECAST.windowHours),
  maxRatio: z.number().min(1).max(10).default(DEFAULT_REFORECAST.maxRatio),
  horizonHours: z.number().gt(0).max(48).default(DEFAULT_REFORECAST.horizonHours),
});
export const ReplanParams = IdParam.extend({ replanId: IdString });
export const VersionParams = IdParam.extend({ versionId: IdString });

export function nightRoutes(api: express.Router, deps: AppDeps): void {
  api.post("/plans/:id/replan", async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { now, noticeMin, ...reforecast } = parse(ReplanRequest, req.body);
    const plan = deps.plans.get(id);
    if (!plan) throw notFound(`plan ${id}`);
    const roster = deps.rosters.get(id);
    if (!roster) throw new AppError("no-roster", 409, `plan ${id} has no roster yet: solve it first, then re-plan it on the night`);
    if (roster.stale) throw new AppError("roster-stale", 409, `plan ${id} changed after its roster was solved: solve the roster again before re-planning`);
    const job = {
      plan: plan.input,
      staffing: plan.result,
      staffCsv: roster.staffCsv,
      current: roster.result,
      actuals: deps.actuals.current(id),
      options: { now, noticeMin, reforecast },
      timeLimitSec: deps.solveTimeLimitSec ?? SERVE_SOLVE_LIMIT_SEC,
    };
    const result = await deps.solver.run("replan", job, cancelledWhenClosed(res));
    res.status(201).json(deps.replans.create(id, roster.revision, result, deps.now()));
  });

  api.get("/plans/:id/replans", (req, res) => {
    const { id } = parse(IdParam, req.params);
    res.json(deps.replans.list(id));
  });

  api.get("/plans/:id/replans/:replanId", (req, res) => {
    const { id, replanId } = parse(ReplanParams, req.params);
    const replan = deps.replans.get(id, replanId);
    if (!replan) throw notFound(`re-plan ${replanId} of plan ${id}`);
    res.json(replan);
  });

  api.post("/plans/:id/replans/:replanId/apply", (req, res) => {
    const { id, replanId } = parse(ReplanParams, req.params);
    const outcome = deps.replans.apply(id, replanId, deps.now());
    switch (outcome.status) {
      case "ok":
        res.json(deps.rosters.get(id));
        return;
      case "missing":
        throw notFound(`re-plan ${replanId} of plan ${id}`);
      case "applied":
        throw new AppError("already-applied", 409, `re-plan ${replanId} was applied already`);
      case "changed":
        throw new AppError("roster-changed", 409, `the roster of plan ${id} changed after re-plan ${replanId} was made: re-plan again`);
      case "stale":
        throw new AppError("roster-stale", 409, `plan ${id} changed after its roster was solved: solve the roster again before applying a re-plan`);
    }
  });

  api.get("/plans/:id/roster/versions", (req, res) => {
    const { id } = parse(IdParam, req.params);
    res.json(deps.replans.versions(id));
  });

  api.get("/plans/:id/roster/versions/:versionId.:format", async (req, res) => {
    const { id, versionId } = parse(VersionParams, { id: req.params.id, versionId: req.params.versionId });
    const { lang, person } = parse(ExportQuery, req.query);
    const plan = deps.plans.get(id);
    const version = deps.replans.version(id, versionId);
    if (!plan || !version) throw notFound(`roster version ${versionId} of plan ${id}`);
    await sendRosterExport(res, version.result, { planId: id, planName: plan.name, format: req.params.format, lang, person, suffix: ` v${versionId}` });
  });

  api.get("/plans/:id/roster/versions/:versionId", (req, res) => {
    const { id, versionId } = parse(VersionParams, req.params);
    const version = deps.replans.version(id, versionId);
    if (!version) throw notFound(`roster version ${versionId} of plan ${id}`);
    res.json(version);
  });
}
