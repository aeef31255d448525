// The staffing chain (sales → buyers → receptions → agents), the peak and its band, the model
// each queue ran, and the coverage chart: drawn from the last preview, with the roster's
// coverage over it while the form matches the saved scenario the roster was solved for.
import { drawCoverage, localLabel } from "./charts.js";
import { formatNumber, t } from "./i18n.js";
import { addView, state } from "./state.js";

const $ = (id) => document.getElementById(id);
let chart = null;

export function initPlanView() {
  addView(() => [state.preview, state.roster, state.dirty], renderPlan);
}

function renderPlan() {
  if (!state.preview) return;
  const { input, result } = state.preview;
  const chain = result.chain;
  const pct = (x) => `${formatNumber(x * 100, 1)} %`;
  const steps = [
    ["chain.sales", input.chain.salesTargetYuan, t("unit.yuan"), null],
    ["chain.csSales", chain.csSalesYuan, t("unit.yuan"), t("chain.op.share", { value: pct(input.chain.csSalesShare) })],
    ["chain.csBuyers", chain.csBuyers, "", t("chain.op.aov", { value: formatNumber(input.chain.csAvgOrderValueYuan) })],
    ["chain.receptions", chain.presalesReceptions, "", t("chain.op.conversion", { value: pct(input.chain.inquiryConversionRate) })],
    ...(chain.humanReceptions !== chain.presalesReceptions ? [["chain.human", chain.humanReceptions, "", t("chain.op.bot", { value: pct(input.presales.botResolutionRate) })]] : []),
    ["chain.agents", chain.agents, "", t("chain.op.saturation", { value: formatNumber(chain.saturationPerAgentDay, 1) })],
  ];
  $("chain").replaceChildren(
    ...steps.map(([key, value, unit, op]) => {
      const li = document.createElement("li");
      li.dataset.step = key;
      if (op) li.append(Object.assign(document.createElement("span"), { className: "op", textContent: op }));
      li.append(Object.assign(document.createElement("span"), { className: "step", textContent: t(key) }));
      li.append(Object.assign(document.createElement("strong"), { className: "value", textContent: `${formatNumber(value)}${unit ? ` ${unit}` : ""}` }));
      return li;
    }),
  );
  const peak = result.summary.presales.peak;
  const peakAfter = result.intervals.find((r) => r.start === peak.start)?.aftersales.scheduledAgents ?? 0;
  $("peak").textContent = t("chain.peak", {
    time: localLabel(peak.start),
    presales: peak.scheduledAgents,
    aftersales: peakAfter,
    average: chain.agents,
    ratio: formatNumber((peak.scheduledAgents + peakAfter) / Math.max(1, chain.agents), 1),
  });
  const band = result.peakBand;
  $("band").textContent = t("chain.band", { from: localLabel(band.start), to: localLabel(band.end), source: t(`chain.band.${band.source}`) });

  $("models").replaceChildren(...modelLines(result, input));

  const roster = state.roster && !state.dirty && state.roster.result.coverage.length === result.intervals.length ? state.roster.result : null;
  $("coverage-note").textContent = !state.roster ? t("chart.noRoster") : state.roster.stale || state.dirty ? t("chart.stale") : "";
  chart = drawCoverage($("coverage"), chart, result, roster);
}

/** One line per queue naming the model it ran (K and the AHT list for the chat model), and the chat model's service level at its peak in both conventions. */
function modelLines(result, input) {
  if (!result.models) return [];
  const pct = (x) => (typeof x === "number" ? `${formatNumber(x * 100, 2)} %` : "—");
  return ["presales", "aftersales"].flatMap((queue) => {
    const m = result.models[queue];
    const name = t(`queue.${queue}`);
    if (m.model === "factor") return [paragraph(t("model.factor", { queue: name, divisor: formatNumber(m.concurrency, 2) }), "model")];
    const lines = [paragraph(t("model.chat", { queue: name, k: m.parallel, aht: m.ahtSecByParallel.map((a) => formatNumber(a)).join(" / ") }), "model")];
    const peak = result.summary[queue].peak;
    const row = result.intervals.find((r) => r.start === peak.start)?.[queue];
    if (row?.serviceLevelVirtual !== undefined) {
      const convention = t(`opt.sl.${input[queue].service?.slConvention ?? "answeredWithin"}`);
      lines.push(paragraph(t("model.sl", { time: localLabel(peak.start), answered: pct(row.serviceLevelAnsweredWithin), virtual: pct(row.serviceLevelVirtual), convention }), "model-sl"));
    }
    return lines;
  });
}

function paragraph(text, className) {
  return Object.assign(document.createElement("p"), { textContent: text, className });
}
