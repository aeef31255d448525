// Last year against this year: the words, the totals table, the risk table and the estimates
// table, drawn from GET /api/plans/:id/compare and …/history-estimates answers.
import { localLabel } from "./charts.js";
import { formatNumber, language, t } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const cell = (tag, text, className) => Object.assign(document.createElement(tag), { textContent: text, className: className ?? "" });
const row = (cells) => {
  const tr = document.createElement("tr");
  tr.append(...cells);
  return tr;
};
const hourLabel = (localHour) => `${localHour.slice(5, 10)} ${localHour.slice(11, 16)}`;
const rate = (x) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : formatNumber(x, 1));

/** The comparison in words, totals and the risk table. */
export function renderYearOnYear(c) {
  const last = c.totals.lastYear;
  const now = c.totals.thisYear;
  const growth = c.totals.receptionsGrowth === null ? "—" : `${c.totals.receptionsGrowth >= 0 ? "+" : ""}${formatNumber(c.totals.receptionsGrowth * 100, 1)}%`;
  const tolerance = formatNumber(c.tolerance * 100);
  const words = [
    cell(
      "p",
      t("history.alignment", { thisYear: hourLabel(c.alignment.thisYearStart), lastYear: hourLabel(c.alignment.lastYearStart), hours: c.alignment.hours, basis: t(`history.basis.${c.agentsBasis}`) }),
      "note",
    ),
    ...overlap(c.alignment),
    cell("p", t("history.growthLine", { last: formatNumber(last.receptions), now: formatNumber(now.receptions), growth })),
  ];
  if (c.risks.length === 0) words.push(cell("p", t("history.noRisk", { tolerance }), "ok"));
  else {
    const worst = c.risks.reduce((a, b) => (b.extraAgents > a.extraAgents ? b : a));
    words.push(cell("p", t("history.riskCount", { count: c.risks.length, tolerance, worst: localLabel(worst.start), extra: worst.extraAgents }), "short"));
  }
  $("history-summary").replaceChildren(...words);

  const agentHoursNow = now.rosteredAgentHours ?? now.requiredAgentHours;
  const totals = [
    ["history.receptions", formatNumber(last.receptions), `${formatNumber(now.receptions)} (${growth})`],
    ["history.presales", formatNumber(last.presales), formatNumber(now.presales)],
    ["history.aftersales", formatNumber(last.aftersales), formatNumber(now.aftersales)],
    ["history.agentHours", last.agentHours === null ? "—" : formatNumber(last.agentHours), formatNumber(agentHoursNow)],
    ["history.perAgentHour", rate(last.perAgentHour), rate(now.perAgentHour)],
    [
      "history.peak",
      t("history.peakValue", { hour: hourLabel(last.peak.hour), receptions: formatNumber(last.peak.receptions), agents: last.peak.agents === null ? "—" : formatNumber(last.peak.agents) }),
      t("history.peakValue", { hour: localLabel(now.peak.hour), receptions: formatNumber(now.peak.receptions), agents: formatNumber(now.peak.agents, 1) }),
    ],
  ];
  $("history-table").replaceChildren(
    row([cell("th", t("history.metric")), cell("th", t("history.lastYear")), cell("th", t("history.thisYear"))]),
    ...totals.map(([key, a, b]) => row([cell("td", t(key)), cell("td", a, "num"), cell("td", b, "num")])),
  );

  $("risk-table").replaceChildren(
    row(["history.col.hour", "history.col.receptions", "history.col.agents", "history.col.load", "history.col.extra"].map((k) => cell("th", t(k)))),
    ...c.risks.map((r) =>
      row([
        cell("td", localLabel(r.start)),
        cell("td", `${formatNumber(r.receptions.lastYear)} → ${formatNumber(r.receptions.thisYear)}`, "num"),
        cell("td", `${formatNumber(r.agents.lastYear)} → ${formatNumber(r.agents.thisYear, 1)}`, "num"),
        cell("td", `${rate(r.perAgentHour.lastYear)} → ${rate(r.perAgentHour.thisYear)}`, "num short"),
        cell("td", `+${formatNumber(r.extraAgents)}`, "num short"),
      ]),
    ),
  );
}

/** The window's hours last year's data lacks, in words (none when it covers the window). */
function overlap(alignment) {
  if (alignment.missing.length === 0) return [];
  const runs = alignment.missing.map((m) => t("history.missingRun", { from: localLabel(m.from), to: localLabel(m.to), hours: formatNumber(m.hours) }));
  return [cell("p", t("history.partial", { used: formatNumber(alignment.hoursUsed), hours: formatNumber(alignment.hours), missing: runs.join(t("history.listSeparator")) }), "note partial")];
}

/** Clears the comparison (no dataset, or it does not cover the plan's window). */
export function clearYearOnYear() {
  for (const id of ["history-summary", "history-table", "risk-table", "estimate-table"]) $(id).replaceChildren();
}

/** The estimates with their basis, in the page's language. */
export function renderEstimates(derivation) {
  const value = (e) => {
    if (e.value === null) return "—";
    if (Array.isArray(e.value)) return t("history.values", { count: e.value.length });
    return formatNumber(e.value, e.value < 1 ? 4 : 2);
  };
  $("estimate-table").replaceChildren(
    row(["history.col.estimate", "history.col.value", "history.col.sets", "history.col.basis"].map((k) => cell("th", t(k)))),
    ...derivation.estimates.map((e) =>
      row([
        cell("td", t(`history.est.${e.key}`)),
        cell("td", value(e), "num"),
        cell("td", e.paths.length ? e.paths.join(", ") : t("history.info"), "note"),
        cell("td", e.basis[language()] ?? e.basis.en, "note"),
      ]),
    ),
  );
}
