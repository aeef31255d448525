/**
 * Every API route for the OpenAPI document (openapi.ts), keyed as Express registers it under
 * /api ("POST /plans/:id/roster"), with the zod schemas its handler parses. A route the app
 * serves and this table does not name fails tests/api/openapi.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { XLSX_TYPE } from "../export/xlsx.ts";
import { DATA_DIR } from "../paths.ts";
import {
  ActualsRowsSchema,
  ActualsUploadSchema,
  AuditQuerySchema,
  DesignInstanceSchema,
  ErlangRequestSchema,
  HistoryImportSchema,
  LoginRequestSchema,
  PlanSchema,
  RosterRequestSchema,
} from "../schemas.ts";
import { ChatReportQuery } from "./chat-report.ts";
import { ACTUALS_FILE_TYPES, ApplyHistoryRequest, CompareQuery, ExportQuery, HistoryEstimatesQuery, IdParam, RenameRequest } from "./http.ts";
import { ReplanParams, ReplanRequest, VersionParams } from "./night.ts";

type Example = { summary: string; value: unknown };

export type Route = {
  summary: string;
  description?: string;
  tag: string;
  /** The path parameters, as the handler parses them. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** The JSON body. */
  json?: z.ZodType;
  examples?: Record<string, Example | { $ref: string }>;
  /** A file sent as the body, by content type. */
  files?: string[];
  /** The success answers by status: a JSON body's description, or a description with the body's content types. */
  ok: Record<number, string | { description: string; types: string[] }>;
  /** Error answers particular to this route; the shared ones (400, 401, 403, 404, 413, 415, 421, 503) follow from its inputs and `public`. */
  errors?: Record<number, string>;
  /** Served without a session. */
  public?: true;
};

export const TAGS = [
  { name: "calculators", description: "Stateless: nothing is stored." },
  { name: "plans", description: "Saved plans (scenarios), their inputs and results." },
  { name: "rosters", description: "A plan's named roster, its shortfall and hires, and its exports." },
  { name: "history", description: "Last year's hourly data, the comparison and the estimates from it." },
  { name: "night", description: "The night (实时数据, 临时调配): actuals so far, re-plans and roster versions." },
  { name: "chat model", description: "Calibrating a plan's chat model from the shop's service report." },
  { name: "access", description: "Sign-in, the audit log and this document." },
];

const ROSTER_FILE_TYPES = { xlsx: XLSX_TYPE, csv: "text/csv", ics: "text/calendar" };
const FileFormat = z.enum(Object.keys(ROSTER_FILE_TYPES) as ["xlsx", "csv", "ics"]).describe("The file: Excel, CSV or a calendar (`?person=ID`: one person's).");
const REPORT_FILE_TYPES = ["text/csv", XLSX_TYPE, "application/octet-stream"];
const rosterFile = (description: string) => ({ description, types: Object.values(ROSTER_FILE_TYPES) });

/** The README's Erlang example (14 productive agents, 20 scheduled), in its three forms. */
const ERLANG_C = { arrivals: 100, intervalMin: 30, ahtSec: 180, targetSec: 20, serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 };
const ERLANG_EXAMPLES = {
  "erlang-c": { summary: "100 chats in 30 min, AHT 180 s, 80 % within 20 s, occupancy ≤ 85 %, shrinkage 30 %", value: ERLANG_C },
  "erlang-a": { summary: "The same with customers abandoning after 60 s on average (Erlang A)", value: { ...ERLANG_C, patienceSec: 60 } },
  evaluate: { summary: "The figures for 12 productive agents", value: { ...ERLANG_C, agents: 12 } },
};

/** shared/bench's d11-S instance: one Double-11 day, hourly, shifts of 4–12 h. */
const DESIGN_EXAMPLE = {
  name: "d11-S",
  start: "2026-11-10T12:00:00+08:00",
  intervalMinutes: 60,
  demand: [6, 6, 6, 6, 6, 6, 12, 21, 26, 30, 31, 38, 54, 36, 19, 9, 6, 6, 5, 5, 7, 10, 13, 13],
  shiftLengthsHours: [4, 6, 8, 10, 12],
  shiftStartStepMinutes: 60,
  breakRule: null,
  maxContinuousHours: 12,
  costPerHour: 1,
};

/** Schemas that several routes take, kept once under components/schemas. */
export const NAMED_SCHEMAS: Record<string, z.ZodType> = { Plan: PlanSchema };

/** Examples that several routes show, kept once under components/examples. */
export function namedExamples(): Record<string, Example> {
  const samplePlan = JSON.parse(readFileSync(join(DATA_DIR, "samples", "mid-size-double11.plan.json"), "utf8")) as unknown;
  return { SamplePlan: { summary: "The sample plan (data/samples/mid-size-double11.plan.json)", value: samplePlan } };
}

/** What a request that queues a solve (a shift design, a roster, a re-plan) may answer besides. */
const SOLVE_ERRORS = {
  413: "The solve outgrew the worker's memory budget (`solve-too-large`).",
  422: "The solve ran well past its time limit and was stopped (`solve-overrun`).",
  503: "The solve queue is full (`solver-busy`) or the server is stopping (`shutting-down`), with Retry-After; or a shared server has no manager account (`access-not-configured`).",
};

const planExamples = { sample: { $ref: "#/components/examples/SamplePlan" } };
const plan = (summary: string) => ({ summary, json: PlanSchema, tag: "plans" });

export const ROUTES: Record<string, Route> = {
  "POST /staffing": {
    ...plan("A plan's staffing: the chain, demand and requirement per interval"),
    tag: "calculators",
    examples: planExamples,
    ok: { 200: "The chain step by step, demand and required agents per interval and queue." },
  },
  "POST /erlang": {
    summary: "One interval's queueing answer (Erlang C, or Erlang A with patienceSec)",
    description: "The fewest productive agents meeting the service level and occupancy cap, and the agents to schedule after shrinkage; with `agents`, the figures for that many.",
    tag: "calculators",
    json: ErlangRequestSchema,
    examples: ERLANG_EXAMPLES,
    ok: { 200: "model, productiveAgents, scheduledAgents, trafficErlangs, serviceLevel, occupancy, waitProbability, asaSec, abandonProbability, meetsTarget." },
  },
  "POST /design": {
    summary: "Shift design for a requirement curve (the shared/bench instance format)",
    tag: "calculators",
    json: DesignInstanceSchema,
    examples: { "d11-S": { summary: "shared/bench's d11-S: one day, hourly, shifts of 4–12 h", value: DESIGN_EXAMPLE } },
    ok: { 200: "The shifts chosen, their cost, the lower bound and the gap." },
    errors: SOLVE_ERRORS,
  },
  "GET /samples": { summary: "The sample plans and staff CSVs in data/samples/", tag: "plans", ok: { 200: "[{id, file, plan, staffCsv}]" } },
  "GET /plans": { summary: "The saved plans", tag: "plans", ok: { 200: "The plans, newest first." } },
  "POST /plans": { ...plan("Save a plan"), examples: planExamples, ok: { 201: "The plan saved, with its result, id and version." } },
  "GET /plans/:id": { summary: "A saved plan with its result", tag: "plans", params: IdParam, ok: { 200: "The plan." } },
  "PUT /plans/:id": { ...plan("Replace a plan's input"), params: IdParam, ok: { 200: "The plan, its version one up; its roster turns stale." } },
  "DELETE /plans/:id": { summary: "Delete a plan", tag: "plans", params: IdParam, ok: { 204: "Deleted." } },
  "POST /plans/:id/roster": {
    summary: "Solve the plan's named roster from a staff CSV",
    description: "The staff CSV's columns: `id,name,subAccount,skills,kind,trained,availability,maxHours` or `工号,姓名,子账号,技能,类型,已培训,可排时段,最长工时`.",
    tag: "rosters",
    params: IdParam,
    json: RosterRequestSchema,
    ok: { 201: "The roster saved, with the plan version it was solved from." },
    errors: { 409: "The plan changed during the solve (`plan-changed`): nothing saved, solve again.", ...SOLVE_ERRORS },
  },
  "GET /plans/:id/roster": { summary: "The plan's roster", tag: "rosters", params: IdParam, ok: { 200: "The roster; `stale` once the plan changed." } },
  "DELETE /plans/:id/roster": { summary: "Delete the plan's roster", tag: "rosters", params: IdParam, ok: { 204: "Deleted." } },
  "GET /plans/:id/roster/hiring": {
    summary: "The roster's shortfall and the hiring answer (人手缺口与招聘建议)",
    tag: "rosters",
    params: IdParam,
    ok: { 200: "{planId, stale, shortfallAgentHours, shortfallByQueue, shortfallLowerBoundHours, hiring (null when nothing is short)}" },
  },
  "GET /plans/:id/roster.:format": {
    summary: "The roster as a file: xlsx, csv or ics",
    tag: "rosters",
    params: IdParam.extend({ format: FileFormat }),
    query: ExportQuery,
    ok: { 200: rosterFile("The file, named after the plan.") },
  },
  "POST /plans/:id/actuals": {
    summary: "The night's actuals so far (实时数据): JSON rows or the shop's export file",
    description:
      "JSON rows on the plan's grid, or the 千牛/赤兔 export as the body (CSV in GBK or UTF-8, or xlsx; `?encoding`, `?fileName`). " +
      "A re-sent interval replaces the current figures and the replacement is kept; a bad cell answers 400 naming the line and column: nothing stored.",
    tag: "night",
    params: IdParam,
    query: ActualsUploadSchema,
    json: ActualsRowsSchema,
    files: ACTUALS_FILE_TYPES,
    ok: { 201: "{added, replaced, unchanged, notes, fileIntervalMin, actuals}" },
    errors: { 415: "Neither JSON nor an export file (`unsupported-media-type`)." },
  },
  "GET /plans/:id/actuals": { summary: "The current actuals and how many were replaced", tag: "night", params: IdParam, ok: { 200: "{planId, rows, replacements}" } },
  "GET /history": { summary: "Last year's datasets", tag: "history", ok: { 200: "The datasets, without their rows." } },
  "POST /history": {
    summary: "Import a last-year CSV (the file as the body)",
    description: "Columns `时间,售前接待量,售后接待量,在线客服数,平均首响(秒),销售额,订单数` or `time,presales,aftersales,agents,firstResponseSec,sales,orders`; GBK or UTF-8.",
    tag: "history",
    query: HistoryImportSchema,
    files: ["text/csv", "application/octet-stream"],
    ok: { 201: "The dataset stored.", 200: "The same hours were imported before: the dataset already stored, nothing added." },
  },
  "GET /history/:id": { summary: "A dataset with its rows", tag: "history", params: IdParam, ok: { 200: "The dataset." } },
  "PUT /history/:id": { summary: "Rename a dataset", tag: "history", params: IdParam, json: RenameRequest, ok: { 200: "The dataset renamed." } },
  "DELETE /history/:id": { summary: "Delete a dataset", tag: "history", params: IdParam, ok: { 204: "Deleted." } },
  "GET /plans/:id/history-estimates": {
    summary: "Plan parameters estimated from a dataset, with their basis",
    tag: "history",
    params: IdParam,
    query: HistoryEstimatesQuery,
    ok: { 200: "The estimates and how each was derived." },
  },
  "POST /plans/:id/apply-history": {
    summary: "Apply a dataset's estimates to the plan and save it",
    tag: "history",
    params: IdParam,
    json: ApplyHistoryRequest,
    ok: { 200: "{plan, derivation}" },
  },
  "GET /plans/:id/compare": {
    summary: "The plan (and its current roster) against a dataset, hour by hour",
    tag: "history",
    params: IdParam,
    query: CompareQuery,
    ok: { 200: "Hours, totals and risks over the hours both years have (`alignment`)." },
  },
  "POST /plans/:id/replan": {
    summary: "Re-forecast from the actuals and re-plan the roster from `now` (临时调配)",
    tag: "night",
    params: IdParam,
    json: ReplanRequest,
    ok: { 201: "The proposal: {id, now, result: {reforecast, changes, roster, coverage, shortfallAgentHours, status}}." },
    errors: { 409: "No roster yet (`no-roster`), or the plan changed after it was solved (`roster-stale`).", ...SOLVE_ERRORS },
  },
  "GET /plans/:id/replans": { summary: "The plan's re-plan proposals", tag: "night", params: IdParam, ok: { 200: "The proposals." } },
  "GET /plans/:id/replans/:replanId": { summary: "One re-plan proposal", tag: "night", params: ReplanParams, ok: { 200: "The proposal." } },
  "POST /plans/:id/replans/:replanId/apply": {
    summary: "Make a proposal the plan's roster (the replaced one is kept as a version)",
    tag: "night",
    params: ReplanParams,
    ok: { 200: "The roster now current." },
    errors: { 409: "Applied already (`already-applied`), or the roster or plan changed since (`roster-changed`, `roster-stale`)." },
  },
  "GET /plans/:id/roster/versions": { summary: "The roster versions replaced by re-plans", tag: "night", params: IdParam, ok: { 200: "The versions." } },
  "GET /plans/:id/roster/versions/:versionId": { summary: "One earlier roster version", tag: "night", params: VersionParams, ok: { 200: "The version." } },
  "GET /plans/:id/roster/versions/:versionId.:format": {
    summary: "An earlier roster version as a file: xlsx, csv or ics",
    tag: "night",
    params: VersionParams.extend({ format: FileFormat }),
    query: ExportQuery,
    ok: { 200: rosterFile("The file, named after the plan and version.") },
  },
  "POST /plans/:id/chat-report": {
    summary: "Estimate the chat model (K, AHT, slowdown) from the 赤兔/千牛 service report; nothing saved",
    tag: "chat model",
    params: IdParam,
    query: ChatReportQuery,
    files: REPORT_FILE_TYPES,
    ok: { 200: "{planId, queue, current, estimates with their basis}" },
  },
  "POST /plans/:id/chat-report/apply": {
    summary: "Write the estimates into the queue's service.chat and save the plan",
    tag: "chat model",
    params: IdParam,
    query: ChatReportQuery,
    files: REPORT_FILE_TYPES,
    ok: { 200: "{plan, queue, calibration}" },
  },
  "GET /health": { summary: "Liveness", tag: "access", public: true, ok: { 200: '{"ok": true}' } },
  "POST /login": {
    summary: "Sign in: sets the session cookie",
    tag: "access",
    public: true,
    json: LoginRequestSchema,
    ok: { 200: "{name, role, expiresAt}, and the session cookie." },
    errors: {
      401: "Wrong name or password (`invalid-login`).",
      409: "No accounts are set up (`access-not-configured`): the server is open on loopback.",
      429: "Too many failed sign-ins (`too-many-attempts`); Retry-After says when to try again.",
    },
  },
  "POST /logout": { summary: "Sign out: ends the session", tag: "access", public: true, ok: { 204: "Signed out." } },
  "GET /me": { summary: "Who is signed in", tag: "access", ok: { 200: '{name, role, mode: "users" | "open"}' } },
  "GET /audit": {
    summary: "The audit log of writes, newest first (managers)",
    tag: "access",
    query: AuditQuerySchema,
    ok: { 200: "{entries, next}: `next` is the `before` of the next page, or null." },
  },
  "GET /openapi.json": { summary: "This document", tag: "access", public: true, ok: { 200: "OpenAPI 3.1." } },
};
