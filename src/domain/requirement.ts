/**
 * Required agents per interval (DESIGN.md §3), by the seed's saturation method or by
 * service level (Erlang C, or Erlang A when a patience is given, on AHT ÷ concurrency; or the
 * Erlang Chat model of chat.ts when the target sets `chat`).
 */
import { type ConcurrencyRule, concurrentChatsPerAgent } from "./chain.ts";
import { type ChatResult, requiredChatAgents } from "./chat.ts";
import { ceilCount } from "./count.ts";
import { type ErlangResult, requiredAgents } from "./erlang.ts";
import type { ChatSpec, ServiceTarget } from "./plan.ts";

export type { ChatSpec, ServiceTarget } from "./plan.ts";

/** Which model a service-level queue ran, with K and the AHT list for the chat model. */
export type QueueModel = { model: "factor"; concurrency: number } | { model: "erlang-chat"; parallel: number; ahtSecByParallel: number[] };

export type SaturationRow = {
  /** Unrounded: receptions ÷ (saturation ÷ workdayHours × intervalHours). */
  requiredExact: number;
  productiveAgents: number;
  scheduledAgents: number;
};

export type ServiceLevelRow = Omit<ErlangResult, "model" | "effectiveAhtSec"> & {
  /** Set when the row comes from the chat model (the factor method's rows carry no model). */
  model?: "erlang-chat";
  /** Share of chats lost because all lines are taken (chat model only). */
  blockProbability?: number;
  /** The chat model's service level in both conventions (chat.ts), whichever the target uses. */
  serviceLevelVirtual?: number;
  serviceLevelAnsweredWithin?: number;
};

export type RequirementRow = SaturationRow | ServiceLevelRow;

/**
 * The seed's method per interval: an agent serves `saturationPerAgentDay ÷ workdayHours`
 * receptions an hour, so an interval needs receptions ÷ (that × intervalHours) agents,
 * rounded up. Saturation already prices in the working day, so no shrinkage is added and
 * scheduled = productive.
 */
export function saturationRequirement(humanReceptions: readonly number[], saturationPerAgentDay: number, workdayHours: number, intervalMin: number): SaturationRow[] {
  const perAgentPerInterval = (saturationPerAgentDay / workdayHours) * (intervalMin / 60);
  return humanReceptions.map((r) => {
    const requiredExact = r / perAgentPerInterval;
    const agents = ceilCount(requiredExact);
    return { requiredExact, productiveAgents: agents, scheduledAgents: agents };
  });
}

/**
 * The service-level method per interval: the least agents meeting `target`, by the factor
 * method (Erlang C/A on ahtSec ÷ concurrency, see erlang.ts) or, when the target sets `chat`,
 * by the Erlang Chat model (chat.ts) with the target's patience, lines, convention, occupancy
 * cap and shrinkage.
 */
export function serviceLevelRequirement(humanReceptions: readonly number[], target: ServiceTarget, intervalMin: number): ServiceLevelRow[] {
  if (target.chat) return chatRequirement(humanReceptions, target, chatAhtSecList(target.chat, target.concurrency), intervalMin);
  const { ahtSec } = target;
  if (ahtSec === undefined) throw new RangeError("ahtSec is needed by the factor method");
  const params = { ...target, ahtSec, concurrency: resolveConcurrency(target.concurrency), intervalMin };
  return humanReceptions.map((arrivals) => {
    const { model: _model, effectiveAhtSec: _aht, ...row } = requiredAgents({ ...params, arrivals });
    return row;
  });
}

/** A concurrency given as a number is used as it is; a Qianniu rule is evaluated. */
export function resolveConcurrency(concurrency: number | ConcurrencyRule): number {
  return typeof concurrency === "number" ? concurrency : concurrentChatsPerAgent(concurrency);
}

/** The model a service-level target runs: the factor method's concurrency, or K and AHT_k of the chat model. */
export function queueModelOf(target: ServiceTarget): QueueModel {
  if (!target.chat) return { model: "factor", concurrency: resolveConcurrency(target.concurrency) };
  const ahtSecByParallel = chatAhtSecList(target.chat, target.concurrency);
  return { model: "erlang-chat", parallel: ahtSecByParallel.length, ahtSecByParallel };
}

/**
 * AHT_1 … AHT_K in seconds for a chat spec: the list as given, or derived by the linear
 * slowdown with K = `maxParallel`, else ⌊the Qianniu rule⌋ (e.g. 4.5 → 4). Throws RangeError
 * when K cannot be found (the schema refuses such plans first).
 */
export function chatAhtSecList(chat: ChatSpec, concurrency: number | ConcurrencyRule): number[] {
  if ("ahtSecByParallel" in chat) return [...chat.ahtSecByParallel];
  const parallel = chat.maxParallel ?? (typeof concurrency === "object" ? Math.floor(concurrentChatsPerAgent(concurrency)) : Number.NaN);
  if (!(parallel >= 1)) throw new RangeError("chat.maxParallel is needed when concurrency is not a Qianniu rule");
  return Array.from({ length: parallel }, (_, i) => chat.ahtSecAtOneChat * (1 + chat.slowdownPerExtraChat * i));
}

function chatRequirement(humanReceptions: readonly number[], target: ServiceTarget, ahtSecByParallel: number[], intervalMin: number): ServiceLevelRow[] {
  const params = {
    intervalMin,
    ahtSecByParallel,
    targetSec: target.targetSec,
    serviceLevel: target.serviceLevel,
    maxOccupancy: target.maxOccupancy,
    shrinkage: target.shrinkage,
    patienceSec: target.patienceSec,
    lines: target.lines,
    convention: target.slConvention ?? "answeredWithin",
  };
  // Intervals with the same arrivals share one answer; each search starts from the previous
  // interval's answer, which is seldom more than a few agents off (the answer does not depend on it).
  const answers = new Map<number, ChatResult>();
  let previous: number | undefined;
  return humanReceptions.map((arrivals) => {
    let r = answers.get(arrivals);
    if (!r) {
      r = requiredChatAgents({ ...params, arrivals }, previous);
      answers.set(arrivals, r);
    }
    if (r.productiveAgents > 0) previous = r.productiveAgents;
    return chatRow(r, (arrivals * (ahtSecByParallel.at(-1) as number)) / ahtSecByParallel.length / (intervalMin * 60));
  });
}

/** A chat result as a requirement row; `trafficErlangs` is the load in agents were each to hold K chats (λ · AHT_K ÷ K). */
function chatRow(r: ChatResult, trafficErlangs: number): ServiceLevelRow {
  return {
    model: r.model,
    stable: r.stable,
    serviceLevel: r.serviceLevel,
    serviceLevelVirtual: r.serviceLevelVirtual,
    serviceLevelAnsweredWithin: r.serviceLevelAnsweredWithin,
    occupancy: r.occupancy,
    waitProbability: r.waitProbability,
    blockProbability: r.blockProbability,
    asaSec: r.asaSec,
    abandonProbability: r.abandonProbability,
    productiveAgents: r.productiveAgents,
    scheduledAgents: r.scheduledAgents,
    trafficErlangs,
    meetsTarget: r.meetsTarget,
  };
}
