/** `peakcrew design` and `POST /api/design`: a shift design instance (shared/bench/README.md's format). */
import * as z from "zod";
import * as L from "../domain/limits.ts";
import type { DesignInstance } from "../domain/shifts.ts";
import { breakRule, coded, intervalArray, minuteOfWindow, parse, positive, shiftHours, shiftMinutes } from "./fields.ts";

/** `peakcrew design` and `POST /api/design`: the instance format of shared/bench/README.md. */
export const DesignInstanceSchema = z
  .object({
    name: z.string().optional(),
    start: z.iso.datetime({ offset: true, message: "an ISO date-time with offset, e.g. 2026-11-10T00:00:00+08:00" }),
    intervalMinutes: z.number().int().min(L.MIN_INTERVAL_MIN).max(L.MAX_INTERVAL_MIN),
    demand: intervalArray(z.number().int().min(0).max(L.MAX_AGENTS_PER_INTERVAL)).min(1),
    shiftLengthsHours: z.array(shiftHours()).max(20).optional(),
    shiftStartStepMinutes: z.number().int().positive().max(1440).optional(),
    breakRule: breakRule().nullable().optional(),
    maxContinuousHours: positive().max(48).optional(),
    costPerHour: positive().max(1e6).optional(),
    templates: z
      .array(
        z.strictObject({
          name: z.string().optional(),
          startMinute: minuteOfWindow(),
          lengthMinutes: shiftMinutes(),
          cost: z.number().min(0).max(1e9).optional(),
          breaks: z
            .array(
              z.strictObject({
                startMinute: minuteOfWindow(),
                lengthMinutes: shiftMinutes(),
              }),
            )
            .max(10)
            .optional(),
          maxCount: z.number().int().min(0).max(L.MAX_AGENTS_PER_INTERVAL).optional(),
        }),
      )
      .max(10_000)
      .optional(),
    cyclic: z.boolean().optional(),
  })
  .superRefine((instance, ctx) => {
    if (!instance.shiftLengthsHours?.length && !instance.templates?.length) {
      ctx.addIssue({ code: "custom", path: ["shiftLengthsHours"], ...coded("design_needs_shifts", {}, "give shift lengths (a generated grid) or templates, or both") });
    }
    const days = (instance.demand.length * instance.intervalMinutes) / (24 * 60);
    if (days > L.MAX_WINDOW_DAYS) {
      ctx.addIssue({
        code: "custom",
        path: ["demand"],
        ...coded(
          "design_too_long",
          { count: instance.demand.length, interval: instance.intervalMinutes, days: Number(days.toFixed(1)), maximum: L.MAX_WINDOW_DAYS },
          `${instance.demand.length} intervals of ${instance.intervalMinutes} min span ${days.toFixed(1)} days; at most ${L.MAX_WINDOW_DAYS}`,
        ),
      });
    }
  });

/** A design instance as the domain takes it. */
export function parseDesignInstance(data: unknown): DesignInstance {
  return parse(DesignInstanceSchema, data);
}
