/**
 * Required agents per interval (DESIGN.md §3), by the seed's saturation method or by
 * service level (Erlang C, or Erlang A when a patience is given).
 */
import { type ConcurrencyRule, concurrentChatsPerAgent } from "./chain.ts";
import { ceilCount } from "./count.ts";
import { type ErlangParams, type ErlangResult, requiredAgents } from "./erlang.ts";

/** What a queue promises its customers, for the service-level method. */
export type ServiceTarget = Omit<ErlangParams, "arrivals" | "intervalMin" | "concurrency"> & {
  /** Effective concurrent chats per agent, or the Qianniu rule to derive it. */
  concurrency: number | ConcurrencyRule;
};

export type SaturationRow = {
  /** Unrounded: receptions ÷ (saturation ÷ workdayHours × intervalHours). */
  requiredExact: number;
  productiveAgents: number;
  scheduledAgents: number;
};

export type ServiceLevelRow = Omit<ErlangResult, "model" | "effectiveAhtSec">;

export type RequirementRow = SaturationRow | ServiceLevelRow;

/**
 * The seed's method per interval: an agent serves `saturationPerAgentDay ÷ workdayHours`
 * receptions an hour, so an interval needs receptions ÷ (that × intervalHours) agents,
 * rounded up. Saturation already prices in the working day, so no shrinkage is added and
 * scheduled = productive.
 */
export function saturationRequirement(
  humanReceptions: readonly number[],
  saturationPerAgentDay: number,
  workdayHours: number,
  intervalMin: number,
): SaturationRow[] {
  const perAgentPerInterval = (saturationPerAgentDay / workdayHours) * (intervalMin / 60);
  return humanReceptions.map((r) => {
    const requiredExact = r / perAgentPerInterval;
    const agents = ceilCount(requiredExact);
    return { requiredExact, productiveAgents: agents, scheduledAgents: agents };
  });
}

/** The service-level method per interval: the least agents meeting `target` (see erlang.ts). */
export function serviceLevelRequirement(
  humanReceptions: readonly number[],
  target: ServiceTarget,
  intervalMin: number,
): ServiceLevelRow[] {
  const params = { ...target, concurrency: resolveConcurrency(target.concurrency), intervalMin };
  return humanReceptions.map((arrivals) => {
    const { model: _model, effectiveAhtSec: _aht, ...row } = requiredAgents({ ...params, arrivals });
    return row;
  });
}

/** A concurrency given as a number is used as it is; a Qianniu rule is evaluated. */
export function resolveConcurrency(concurrency: number | ConcurrencyRule): number {
  return typeof concurrency === "number" ? concurrency : concurrentChatsPerAgent(concurrency);
}
