/**
 * Calibrating a plan's chat model from the shop's per-agent 赤兔 / 千牛 service report (the file
 * as the body, CSV or xlsx): estimate (nothing saved), or apply the estimates to one queue's
 * `service.chat` in one step, a plan update like any other (its version goes up).
 */
import type express from "express";
import * as z from "zod";
import { type ChatReportAnswer, calibrateFromFile } from "../chat-report-file.ts";
import { applyChatCalibration, currentSlowdown } from "../domain/chat-estimate.ts";
import { InputError, issue } from "../domain/errors.ts";
import { planStaffing, type QueueName } from "../domain/staffing.ts";
import { ActualsUploadSchema, parse, parsePlan } from "../schemas.ts";
import type { PlanRecord } from "../store/plans.ts";
import type { AppDeps } from "./app.ts";
import { notFound } from "./errors.ts";
import { IdParam } from "./http.ts";

/** ?queue=presales|aftersales (default presales), &encoding=utf-8|gb18030, &fileName=… (a .xlsx name picks the workbook reader). */
export const ChatReportQuery = ActualsUploadSchema.extend({ queue: z.enum(["presales", "aftersales"], { message: 'must be "presales" or "aftersales"' }).default("presales") });

export function chatReportRoutes(api: express.Router, deps: AppDeps, upload: express.RequestHandler): void {
  /** The estimates with their basis for the plan's queue; nothing is saved. */
  api.post("/plans/:id/chat-report", upload, async (req, res) => {
    const { plan, queue, answer } = await calibrate(req);
    res.json({ planId: plan.id, queue, current: plan.input[queue].service?.chat ?? null, ...answer });
  });

  /** The same estimates written into the queue's `service.chat`; answers the updated plan and the estimates. */
  api.post("/plans/:id/chat-report/apply", upload, async (req, res) => {
    const { plan, queue, answer } = await calibrate(req);
    const input = parsePlan(applyChatCalibration(plan.input, queue, answer));
    const record = deps.plans.update(plan.id, input, planStaffing(input, deps.catalog), deps.now());
    if (!record) throw notFound(`plan ${plan.id}`);
    res.json({ plan: record, queue, calibration: answer });
  });

  async function calibrate(req: express.Request): Promise<{ plan: PlanRecord; queue: QueueName; answer: ChatReportAnswer }> {
    const { id } = parse(IdParam, req.params);
    const { queue, encoding, fileName } = parse(ChatReportQuery, req.query);
    const plan = deps.plans.get(id);
    if (!plan) throw notFound(`plan ${id}`);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) throw new InputError([{ path: "body", ...issue("body_empty", {}, "send the service report (CSV or xlsx) as the request body") }]);
    const slowdown = currentSlowdown(plan.input, queue);
    const fallbackSlowdown =
      slowdown === null ? undefined : { value: slowdown, en: `the plan's current ${queue} slowdown ${slowdown}`, zh: `方案当前${queue === "presales" ? "售前" : "售后"}的放慢系数 ${slowdown}` };
    const answer = await calibrateFromFile(bytes, { encoding, fileName, fallbackSlowdown });
    return { plan, queue, answer };
  }
}
