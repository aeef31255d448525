/**
 * `peakcrew erlang --aht-sec A1,A2,…`: the chat model (src/domain/chat.ts) for one interval,
 * K = the number of handle times. Text or one JSON document out; bad values exit 2 naming the flag.
 */
import { type ChatResult, chatFigures, requiredChatAgents } from "../domain/chat.ts";
import { InputError, type InputIssue } from "../domain/errors.ts";
import { parseChatRequest } from "../schemas.ts";
import { EXIT, type Io } from "./common.ts";
import { table } from "./format.ts";

const NUMBER_FLAGS = {
  arrivals: "arrivals",
  "interval-min": "intervalMin",
  "target-sec": "targetSec",
  "service-level": "serviceLevel",
  "max-occupancy": "maxOccupancy",
  shrinkage: "shrinkage",
  "patience-sec": "patienceSec",
  lines: "lines",
  agents: "agents",
} as const;

const FLAG_OF: Record<string, string> = {
  ...Object.fromEntries(Object.entries(NUMBER_FLAGS).map(([flag, field]) => [field, `--${flag}`])),
  ahtSecByParallel: "--aht-sec",
  convention: "--sl-convention",
};

/** Runs the chat model on already-parsed flag values (strings, as parseArgs gives them). */
export function chatCommand(values: Record<string, string | boolean | (string | boolean)[] | undefined>, io: Io): number {
  const fields: Record<string, unknown> = {};
  const issues: InputIssue[] = [];
  if (values.concurrency !== undefined) issues.push({ path: "--concurrency", message: "does not apply to a list of handle times (the chat model)" });
  for (const [flag, field] of Object.entries(NUMBER_FLAGS)) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (typeof raw !== "string" || raw.trim() === "" || !Number.isFinite(n)) issues.push({ path: `--${flag}`, message: `not a number: "${raw}"` });
    else fields[field] = n;
  }
  const aht = String(values["aht-sec"]).split(",").map((s) => s.trim());
  if (aht.some((s) => s === "" || !Number.isFinite(Number(s)))) issues.push({ path: "--aht-sec", message: `a comma-separated list of seconds, e.g. 180,210,240: "${values["aht-sec"]}"` });
  else fields.ahtSecByParallel = aht.map(Number);
  const convention = values["sl-convention"];
  if (convention !== undefined) {
    if (convention === "virtual" || convention === "answered") fields.convention = convention === "virtual" ? "virtual" : "answeredWithin";
    else issues.push({ path: "--sl-convention", message: `must be "virtual" or "answered": "${convention}"` });
  }
  let request: ReturnType<typeof parseChatRequest> | undefined;
  try {
    request = parseChatRequest(fields);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const i of error.issues) {
      const path = FLAG_OF[i.path.split(".")[0] as string] ?? i.path;
      if (issues.some((known) => known.path === path)) continue;
      issues.push({ path, message: /received undefined/.test(i.message) ? "is required" : i.message });
    }
  }
  if (issues.length > 0 || !request) throw new InputError(issues);
  const { agents, ...params } = request;
  const result = agents === undefined ? requiredChatAgents(params) : chatFigures(params, agents);
  io.stdout(values.json ? `${JSON.stringify(result)}\n` : chatText(result, agents !== undefined));
  return result.meetsTarget ? EXIT.ok : EXIT.notMet;
}

function chatText(r: ChatResult, given: boolean): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const sec = (x: number | null) => (x === null ? "unbounded" : `${x.toFixed(2)} s`);
  const chosen = r.convention === "virtual" ? "virtual" : "answered within";
  const rows: [string, string][] = [
    ["model", `Erlang Chat (erlang-chat): up to ${r.parallel} chats per agent, handle time by chats held`],
    [given ? "productive agents (given)" : "productive agents", String(r.productiveAgents)],
    ["scheduled agents", String(r.scheduledAgents)],
    [`service level (${chosen}, the target's)`, r.stable ? pct(r.serviceLevel) : "0 % (unstable: capacity ≤ arrivals)"],
    ["service level, virtual (infinitely patient chat)", pct(r.serviceLevelVirtual)],
    ["service level, answered within T ÷ offered", pct(r.serviceLevelAnsweredWithin)],
    ["occupancy (chats in service ÷ agents × K)", pct(r.occupancy)],
    ["wait probability", pct(r.waitProbability)],
    ["average wait per offered chat", sec(r.asaSec)],
    ["average wait, infinitely patient chat (CCmath ASA)", sec(r.virtualAsaSec)],
    ["abandonment", pct(r.abandonProbability)],
    ["blocked (lines full)", pct(r.blockProbability)],
    ["meets target", r.meetsTarget ? "yes" : "no"],
  ];
  return `${table(["figure", "value"], rows)}\n`;
}


