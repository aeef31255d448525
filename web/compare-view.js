// Two saved scenarios side by side: their required (and rostered) agents overlaid in one
// chart and their totals in a table, each scenario with its saved roster when it has one.
import { api } from "./api.js";
import { drawComparison, localLabel } from "./charts.js";
import { formatNumber, t } from "./i18n.js";
import { addView, render, state } from "./state.js";

const $ = (id) => document.getElementById(id);
let chart = null;

export function initCompareView() {
  const choose = () => {
    state.compareIds = [$("compare-a").value, $("compare-b").value];
    render();
    loadCompare();
  };
  $("compare-a").addEventListener("change", choose);
  $("compare-b").addEventListener("change", choose);
  addView(() => [state.plans, state.compareIds], renderChoice);
  addView(() => [state.compareSides], renderCompare);
}

/** The scenarios saved now (`state.plans`) to compare: the first two. */
export function defaultCompareIds(plans) {
  const ids = plans.map((p) => String(p.id));
  return ids.length === 0 ? [] : [ids[0], ids[1] ?? ids[0]];
}

/** Fetches the two chosen scenarios and their rosters. */
export async function loadCompare() {
  const ids = state.compareIds.filter(Boolean);
  if (ids.length < 2) return;
  state.compareSides = await Promise.all(
    ids.map(async (id, i) => ({
      tag: i === 0 ? "A" : "B",
      plan: await api("GET", `/plans/${id}`),
      roster: await api("GET", `/plans/${id}/roster`).catch(() => null),
    })),
  );
  render();
}

function renderChoice() {
  for (const [i, id] of ["compare-a", "compare-b"].entries()) {
    $(id).replaceChildren(...state.plans.map((p) => new Option(p.name, String(p.id))));
    if (state.compareIds[i] !== undefined) $(id).value = state.compareIds[i];
  }
}

function renderCompare() {
  const sides = state.compareSides;
  if (!sides) return;
  const [a, b] = sides;
  $("compare-note").textContent = a.plan.result.window.start !== b.plan.result.window.start ? t("compare.sameWindow") : "";
  chart = drawComparison($("compare-chart"), chart, sides);
  const sum = (xs) => xs.reduce((s, x) => s + x, 0);
  const rows = [
    ["compare.salesTarget", (s) => formatNumber(s.plan.input.chain.salesTargetYuan)],
    ["compare.receptions", (s) => formatNumber(s.plan.result.summary.presales.receptions)],
    ["compare.aftersalesReceptions", (s) => formatNumber(s.plan.result.summary.aftersales.receptions)],
    ["compare.chainAgents", (s) => formatNumber(s.plan.result.chain.agents)],
    ["compare.peakPresales", (s) => `${formatNumber(s.plan.result.summary.presales.peak.scheduledAgents)} (${localLabel(s.plan.result.summary.presales.peak.start)})`],
    ["compare.peakAftersales", (s) => `${formatNumber(s.plan.result.summary.aftersales.peak.scheduledAgents)} (${localLabel(s.plan.result.summary.aftersales.peak.start)})`],
    ["compare.agentHours", (s) => formatNumber(s.plan.result.summary.presales.scheduledAgentHours + s.plan.result.summary.aftersales.scheduledAgentHours)],
    ["compare.paidHours", (s) => (s.roster ? formatNumber(s.roster.result.paidHours) : t("compare.noRoster"))],
    ["compare.shortHours", (s) => (s.roster ? formatNumber(sum(s.roster.result.shortfallRuns.map((r) => r.agentHoursShort)), 1) : t("compare.noRoster"))],
  ];
  const head = document.createElement("tr");
  for (const text of [t("compare.metric"), `A · ${a.plan.name}`, `B · ${b.plan.name}`]) head.append(Object.assign(document.createElement("th"), { textContent: text }));
  $("compare-table").replaceChildren(
    head,
    ...rows.map(([key, value]) => {
      const tr = document.createElement("tr");
      tr.append(Object.assign(document.createElement("td"), { textContent: t(key) }));
      for (const side of sides) tr.append(Object.assign(document.createElement("td"), { className: "num", textContent: value(side) }));
      return tr;
    }),
  );
}
