/**
 * The plan's derived load against the limits (limits.ts): a plan whose fields are each within
 * range can still multiply out to more than any shop (a top sales target with a 1-yuan order),
 * so before the requirement is computed the arrivals and the agents each interval would need
 * are checked, and so is the work the Erlang search would do over the whole window. Each check
 * is cheap (one pass over the intervals) and bounds what comes after it.
 */
import { InputError, issue } from "./errors.ts";
import type { IssueParams } from "./issue-codes.ts";
import { offeredLoad, searchStartAgents } from "./erlang.ts";
import { MAX_AGENTS_PER_INTERVAL, MAX_ARRIVALS_PER_INTERVAL, MAX_PLAN_SEARCH_AGENTS } from "./limits.ts";
import { chatAhtSecList, resolveConcurrency, type ServiceTarget } from "./requirement.ts";

export type LoadQueue = {
  name: "presales" | "aftersales";
  /** Receptions per interval that reach a human. */
  humanReceptions: readonly number[];
  /** Receptions one agent handles in an interval (saturation method), or the service target. */
  method: { saturationPerInterval: number } | { service: ServiceTarget };
};

const TOO_MUCH = "lower chain.salesTargetYuan or check the order values, capacity and handle times";
type TooMuch = "load_too_many_arrivals" | "load_too_many_agents" | "load_search_too_big";
const fmt = (x: number) => Math.round(x).toLocaleString("en");

/**
 * Throws InputError (path `chain.salesTargetYuan`) when an interval brings more than
 * MAX_ARRIVALS_PER_INTERVAL chats, needs more than MAX_AGENTS_PER_INTERVAL agents, or the whole
 * service-level requirement would cost more than the plan's work budget. `starts` names the
 * interval in the message.
 */
export function checkPlanLoad(queues: readonly LoadQueue[], intervalMin: number, starts: readonly string[]): void {
  const work = planSearchAgents(queues, intervalMin, starts);
  if (work > MAX_PLAN_SEARCH_AGENTS) {
    throw tooMuch(
      "load_search_too_big",
      { work, maximum: MAX_PLAN_SEARCH_AGENTS },
      `the plan's service-level requirement is larger than one plan may compute (its search starts from ${fmt(work)} agent-intervals; at most ${fmt(MAX_PLAN_SEARCH_AGENTS)}); shorten the window or use a coarser interval`,
    );
  }
}

/**
 * Σ over intervals and queues of the agents the service-level search starts from (0 for the
 * saturation method); throws for an interval beyond the arrival or agent cap.
 */
export function planSearchAgents(queues: readonly LoadQueue[], intervalMin: number, starts: readonly string[]): number {
  let work = 0;
  for (const queue of queues) {
    const label = queue.name === "presales" ? "pre-sales" : "after-sales";
    const agentsFor = agentsEstimate(queue.method, intervalMin);
    for (let i = 0; i < queue.humanReceptions.length; i++) {
      const arrivals = queue.humanReceptions[i] as number;
      if (!(arrivals <= MAX_ARRIVALS_PER_INTERVAL)) {
        throw tooMuch(
          "load_too_many_arrivals",
          { queue: queue.name, arrivals: Math.round(arrivals), at: starts[i] ?? "", maximum: MAX_ARRIVALS_PER_INTERVAL },
          `${label} receives ${fmt(arrivals)} chats at ${starts[i]}; at most ${fmt(MAX_ARRIVALS_PER_INTERVAL)} per interval`,
        );
      }
      const agents = agentsFor(arrivals);
      if (!(agents <= MAX_AGENTS_PER_INTERVAL)) {
        throw tooMuch(
          "load_too_many_agents",
          { queue: queue.name, agents: Math.round(agents), at: starts[i] ?? "", maximum: MAX_AGENTS_PER_INTERVAL },
          `${label} needs at least ${fmt(agents)} agents at ${starts[i]}; at most ${fmt(MAX_AGENTS_PER_INTERVAL)} per interval`,
        );
      }
      if ("service" in queue.method) work += agents;
    }
  }
  return work;
}

/**
 * The least agents an interval's arrivals need under the method: the saturation method's
 * exact figure, or where the service-level search starts (load ÷ occupancy cap; for the chat
 * model the load at K chats per agent).
 */
function agentsEstimate(method: LoadQueue["method"], intervalMin: number): (arrivals: number) => number {
  if ("saturationPerInterval" in method) return (arrivals) => arrivals / method.saturationPerInterval;
  const target = method.service;
  if (target.chat) {
    const aht = chatAhtSecList(target.chat, target.concurrency);
    const ahtSec = aht.at(-1) as number;
    return (arrivals) => offeredLoad({ arrivals, ahtSec, concurrency: aht.length, intervalMin }) / target.maxOccupancy;
  }
  const concurrency = resolveConcurrency(target.concurrency);
  const ahtSec = target.ahtSec;
  // Without a handle time the factor method refuses the target itself (requirement.ts).
  if (ahtSec === undefined) return () => 0;
  return (arrivals) => (arrivals === 0 ? 0 : searchStartAgents({ ...target, ahtSec, concurrency, intervalMin, arrivals }));
}

function tooMuch<C extends TooMuch>(code: C, params: IssueParams<C>, message: string): InputError {
  return new InputError([{ path: "chain.salesTargetYuan", ...issue(code, params, `${message}: ${TOO_MUCH}`) }]);
}
