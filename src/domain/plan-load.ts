/**
 * The plan's derived load against the limits (limits.ts): a plan whose fields are each within
 * range can still multiply out to more than any shop (a top sales target with a 1-yuan order),
 * so before the requirement is computed the arrivals and the agents each interval would need
 * are checked, and so is the work the Erlang search would do over the whole window. Each check
 * is cheap (one pass over the intervals) and bounds what comes after it.
 */
import { InputError } from "./errors.ts";
import { offeredLoad, searchStartAgents } from "./erlang.ts";
import { CHAT_INTERVAL_WORK, MAX_AGENTS_PER_INTERVAL, MAX_ARRIVALS_PER_INTERVAL, MAX_PLAN_CHAT_WORK, MAX_PLAN_ERLANG_WORK } from "./limits.ts";
import { chatAhtSecList, resolveConcurrency, type ServiceTarget } from "./requirement.ts";

export type LoadQueue = {
  name: "presales" | "aftersales";
  /** Receptions per interval that reach a human. */
  humanReceptions: readonly number[];
  /** Receptions one agent handles in an interval (saturation method), or the service target. */
  method: { saturationPerInterval: number } | { service: ServiceTarget };
};

const TOO_MUCH = "lower chain.salesTargetYuan or check the order values, capacity and handle times";
const fmt = (x: number) => Math.round(x).toLocaleString("en");

/**
 * Throws InputError (path `chain.salesTargetYuan`) when an interval brings more than
 * MAX_ARRIVALS_PER_INTERVAL chats, needs more than MAX_AGENTS_PER_INTERVAL agents, or the whole
 * service-level requirement would cost more than the plan's work budget. `starts` names the
 * interval in the message.
 */
export function checkPlanLoad(queues: readonly LoadQueue[], intervalMin: number, starts: readonly string[]): void {
  const { erlangWork, chatWork } = planLoadWork(queues, intervalMin, starts);
  if (erlangWork > MAX_PLAN_ERLANG_WORK || chatWork > MAX_PLAN_CHAT_WORK) {
    const [over, work] = chatWork > MAX_PLAN_CHAT_WORK ? ["the Erlang Chat model", chatWork] : ["the service-level method", erlangWork];
    throw tooMuch(`the plan's requirement by ${over} is larger than one plan may compute (about ${fmt(work)} agent-steps of search); shorten the window or use a coarser interval`);
  }
}

/**
 * The search work the plan's service-level requirement would cost (see checkPlanLoad), by
 * model; throws for an interval beyond the arrival or agent cap.
 */
export function planLoadWork(queues: readonly LoadQueue[], intervalMin: number, starts: readonly string[]): { erlangWork: number; chatWork: number } {
  let erlangWork = 0;
  let chatWork = 0;
  for (const queue of queues) {
    const label = queue.name === "presales" ? "pre-sales" : "after-sales";
    const agentsFor = agentsEstimate(queue.method, intervalMin);
    for (let i = 0; i < queue.humanReceptions.length; i++) {
      const arrivals = queue.humanReceptions[i] as number;
      if (!(arrivals <= MAX_ARRIVALS_PER_INTERVAL)) {
        throw tooMuch(`${label} receives ${fmt(arrivals)} chats at ${starts[i]}; at most ${fmt(MAX_ARRIVALS_PER_INTERVAL)} per interval`);
      }
      const { agents, chat } = agentsFor(arrivals);
      if (!(agents <= MAX_AGENTS_PER_INTERVAL)) {
        throw tooMuch(`${label} needs at least ${fmt(agents)} agents at ${starts[i]}; at most ${fmt(MAX_AGENTS_PER_INTERVAL)} per interval`);
      }
      if (chat) chatWork += chat;
      else if ("service" in queue.method) erlangWork += agents;
    }
  }
  return { erlangWork, chatWork };
}

/**
 * The least agents an interval's arrivals need under the method: the saturation method's
 * exact figure, or where the service-level search starts (load ÷ occupancy cap); for the
 * chat model also the interval's search work (limits.ts, MAX_PLAN_CHAT_WORK).
 */
function agentsEstimate(method: LoadQueue["method"], intervalMin: number): (arrivals: number) => { agents: number; chat?: number } {
  if ("saturationPerInterval" in method) return (arrivals) => ({ agents: arrivals / method.saturationPerInterval });
  const target = method.service;
  if (target.chat) {
    const aht = chatAhtSecList(target.chat, target.concurrency);
    const parallel = aht.length;
    return (arrivals) => {
      const agents = offeredLoad({ arrivals, ahtSec: aht.at(-1) as number, concurrency: parallel, intervalMin }) / target.maxOccupancy;
      return { agents, chat: CHAT_INTERVAL_WORK + agents * parallel * 2 * Math.log2(2 + agents) };
    };
  }
  const concurrency = resolveConcurrency(target.concurrency);
  const ahtSec = target.ahtSec;
  // Without a handle time the factor method refuses the target itself (requirement.ts).
  if (ahtSec === undefined) return () => ({ agents: 0 });
  return (arrivals) => ({ agents: arrivals === 0 ? 0 : searchStartAgents({ ...target, ahtSec, concurrency, intervalMin, arrivals }) });
}

function tooMuch(message: string): InputError {
  return new InputError([{ path: "chain.salesTargetYuan", message: `${message}: ${TOO_MUCH}` }]);
}
