/** `POST /api/erlang` and `peakcrew erlang`: one interval's queueing question, Erlang C/A or the chat model. */
import * as z from "zod";
import type { ChatParams } from "../domain/chat.ts";
import { type ErlangParams, searchStartAgents } from "../domain/erlang.ts";
import * as L from "../domain/limits.ts";
import { arrivals, coded, concurrency, erlangIntervalMin, nonDecreasing, occupancyCap, openFraction, parse, seconds, targetSec } from "./fields.ts";

/** `POST /api/erlang` and `peakcrew erlang`: one interval's queueing question. */
export const ErlangRequestSchema = z
  .strictObject({
    arrivals: arrivals().describe("Chats offered to agents in the interval (a count)."),
    intervalMin: erlangIntervalMin().describe("Interval length, minutes."),
    ahtSec: seconds().describe("Average handle time of one chat, seconds."),
    targetSec: targetSec().describe("Target answer time T, seconds: `serviceLevel` of the chats are to be answered within T."),
    serviceLevel: openFraction().describe("Target share answered within `targetSec`, a fraction in (0, 1), e.g. 0.8."),
    maxOccupancy: occupancyCap(1).describe("Highest acceptable occupancy, a fraction; 1 is no cap."),
    shrinkage: z.number().min(0).max(0.9).default(0).describe("Share of paid time agents are away (breaks, meetings): scheduled = productive ÷ (1 − shrinkage)."),
    concurrency: concurrency().default(1).describe("Effective chats one agent holds at once; the handle time is divided by it."),
    patienceSec: seconds().optional().describe("Mean patience, seconds: given, Erlang A (customers abandon); absent, Erlang C."),
    agents: z.number().int().min(0).max(L.MAX_AGENTS_PER_INTERVAL).optional().describe("Evaluate this many productive agents instead of finding the fewest that meet the target."),
  })
  // Only once every field is in range: the search's first step, refused where it lies beyond its cap.
  .refine((request) => request.agents !== undefined || searchStartAgents(request) <= L.MAX_AGENTS_PER_INTERVAL, {
    path: ["arrivals"],
    when: (payload) => payload.issues.length === 0,
    params: coded("erlang_search_cap", { maximum: L.MAX_AGENTS_PER_INTERVAL }, "").params,
    error: (issue) => `this load needs at least ${searchStartAgents(issue.input as ErlangParams).toLocaleString("en")} agents; the search stops at ${L.MAX_AGENTS_PER_INTERVAL.toLocaleString("en")}`,
  })
  .describe("One interval of one queue: the fewest agents meeting the service level and occupancy cap (Erlang C, or A with `patienceSec`), or the figures for `agents`.");

/** `peakcrew erlang --aht-sec A1,A2,…`: one interval's chat-queue question (src/domain/chat.ts). */
export const ChatRequestSchema = z
  .strictObject({
    arrivals: arrivals(),
    intervalMin: erlangIntervalMin(),
    ahtSecByParallel: z.array(seconds()).min(1).max(L.MAX_CONCURRENCY),
    targetSec: targetSec(),
    serviceLevel: openFraction(),
    maxOccupancy: occupancyCap(1),
    shrinkage: z.number().min(0).max(0.9).default(0),
    patienceSec: seconds().optional(),
    lines: z.number().int().min(1).max(1_000_000).optional(),
    convention: z.enum(["virtual", "answeredWithin"]).default("answeredWithin"),
    agents: z.number().int().min(0).max(L.MAX_AGENTS_PER_INTERVAL).optional(),
  })
  .superRefine((request, ctx) => nonDecreasing(request.ahtSecByParallel, ["ahtSecByParallel"], ctx));

/** A chat-queue question as the domain takes it. */
export function parseChatRequest(data: unknown): ChatParams & { agents?: number | undefined } {
  return parse(ChatRequestSchema, data);
}

/** An Erlang question as the domain takes it. */
export function parseErlangRequest(data: unknown): ErlangParams & { agents?: number | undefined } {
  return parse(ErlangRequestSchema, data);
}
