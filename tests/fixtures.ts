/** Test data: one valid plan; each test overrides the one field it is about. */
import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { loadCatalog } from "../src/catalog.ts";
import { InputError, type InputIssue } from "../src/domain/errors.ts";
import type { PlanInput } from "../src/schemas.ts";

export const catalog = loadCatalog();

/** The sample plan as shipped (the Erlang Chat model on both queues). */
export const SAMPLE_PLAN = "data/samples/mid-size-double11.plan.json";

/**
 * The sample plan as it was before it moved to the chat model: the factor method (AHT 540 s ÷
 * the Qianniu rule's 4.5 for pre-sales, 720 s ÷ 3 for after-sales). Tests of the roster's
 * shortfall, the hires and the comparison keep their goldens on it: with the factor its
 * pre-sales peak needs 239 agents, more than the pool without support staff can give.
 */
export const FACTOR_SAMPLE_PLAN = "tests/fixtures/factor-sample.plan.json";

/** The sample's last-year file (GBK, 2025-11-01 – 11-25 by the hour). */
export const SAMPLE_HISTORY = "data/samples/mid-size-double11.history.csv";

/**
 * The sample history cut to the days [fromDay, toDay) ("2025-11-10", "2025-11-13" = 72 hours),
 * encoded GB18030 as a Chinese CS tool exports it: the header and those days' rows, CRLF.
 */
export function sampleHistoryDays(fromDay: string, toDay: string): Buffer {
  const [header, ...rows] = iconv
    .decode(readFileSync(SAMPLE_HISTORY), "gb18030")
    .split(/\r?\n/)
    .filter((line) => line !== "");
  const days = rows.filter((line) => line.slice(0, 10) >= fromDay && line.slice(0, 10) < toDay);
  return iconv.encode(`${[header, ...days].join("\r\n")}\r\n`, "gb18030");
}

/** A small valid plan: the seller-guide shop (50万 target) over the default 3-day window. */
export function planInput(): PlanInput {
  return {
    name: "test plan",
    zone: "Asia/Shanghai",
    window: { start: "2026-11-10T00:00", end: "2026-11-13T00:00" },
    intervalMin: 60,
    workdayHours: 8,
    chain: { salesTargetYuan: 500_000, csSalesShare: 0.2, csAvgOrderValueYuan: 100, inquiryConversionRate: 0.4 },
    presales: {
      curve: { kind: "builtin", id: "double11" },
      botResolutionRate: 0,
      capacity: { basis: "messages", messagesPerCustomer: 10, secondsPerMessage: 5, utilization: 1 },
    },
    aftersales: {
      shopAvgOrderValueYuan: 100,
      contactRate: 0.1,
      botResolutionRate: 0,
      capacity: { basis: "perAgentDay", saturationPerAgentDay: 200 },
    },
    requirement: { method: "saturation" },
  };
}

/** A service-level target for either queue. */
export function serviceTarget() {
  return { ahtSec: 300, targetSec: 30, serviceLevel: 0.8, maxOccupancy: 0.9, shrinkage: 0.2, concurrency: 3 };
}

/** `planInput()` with `path` (dotted) set to `value`. */
export function planWith(path: string, value: unknown): Record<string, unknown> {
  const plan = structuredClone(planInput()) as Record<string, unknown>;
  const keys = path.split(".");
  let target = plan;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys.at(-1) as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return plan;
}

/** The issues of the InputError that `fn` throws; fails the test if it throws none. */
export function inputIssuesOf(fn: () => unknown): InputIssue[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.issues;
    throw error;
  }
  throw new Error("expected an InputError");
}
