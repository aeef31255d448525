/** History and comparison as terminal text, in the page's words (web/labels.js "history.*"). */
import type { Comparison } from "../../domain/compare.ts";
import type { Alignment } from "../../domain/history.ts";
import type { HistoryDerivation } from "../../domain/history-estimates.ts";
import { LABELS } from "../../../web/labels.js";
import { fmt, type Lang, label, pct, say, table } from "../text.ts";

const at = (iso: string) => iso.replace("T", " ").slice(5, 16);

/** The hours the comparison or the estimates rest on when last year's data lacks some of the window's (the page's note). */
export function overlapLines(a: Alignment, lang: Lang): string[] {
  if (a.missing.length === 0) return [];
  const runs = a.missing.map((m) => label("history.missingRun", lang, { from: at(m.from), to: at(m.to), hours: fmt(m.hours) })).join(label("history.listSeparator", lang));
  return [label("history.partial", lang, { hours: fmt(a.hours), used: fmt(a.hoursUsed), missing: runs })];
}

/** Fields the page shows as percent (web/fields.js), shown so here too. */
const PERCENT_PATHS = new Set(["chain.csSalesShare", "chain.inquiryConversionRate", "aftersales.contactRate"]);

export function estimatesText(d: HistoryDerivation, lang: Lang): string {
  const value = (v: number | number[] | null, paths: string[]) =>
    v === null ? "—" : Array.isArray(v) ? label("history.values", lang, { count: v.length }) : paths.some((p) => PERCENT_PATHS.has(p)) ? pct(v) : fmt(v);
  const name = (key: string) => (`history.est.${key}` in LABELS ? label(`history.est.${key}`, lang) : key);
  const a = d.alignment;
  return [
    say(
      lang,
      `去年 ${a.lastYearStart.replace("T", " ")} 起 ${a.hours} 小时 ↔ 今年 ${a.thisYearStart.replace("T", " ")} 起；预计增长 ${fmt(d.growthRate * 100)} %。`,
      `Last year's ${a.lastYearStart.replace("T", " ")} + ${a.hours} h ↔ this year's ${a.thisYearStart.replace("T", " ")}; growth ${fmt(d.growthRate * 100)} %.`,
    ),
    ...overlapLines(a, lang),
    table(
      ["history.col.estimate", "history.col.value", "history.col.sets", "history.col.basis"].map((k) => label(k, lang)),
      d.estimates.map((e) => [name(e.key), value(e.value, e.paths), e.paths.join(", ") || `(${label("history.info", lang)})`, e.basis[lang]]),
    ),
    "",
  ].join("\n");
}

export function compareText(c: Comparison, lang: Lang): string {
  const zh = lang === "zh";
  const rate = (x: number | null) => (x === null ? "—" : fmt(x, 1));
  const last = c.totals.lastYear;
  const now = c.totals.thisYear;
  const basis = label(c.agentsBasis === "roster" ? "history.basis.roster" : "history.basis.requirement", lang);
  const growth = c.totals.receptionsGrowth === null ? "" : ` (${c.totals.receptionsGrowth >= 0 ? "+" : ""}${fmt(c.totals.receptionsGrowth * 100, 1)} %)`;
  const peak = (hour: string, receptions: number, agents: number | null) =>
    label("history.peakValue", lang, { hour: at(hour), receptions: fmt(receptions), agents: agents === null ? "—" : fmt(agents) });
  const totals = table(
    [label("history.metric", lang), label("history.lastYear", lang), label("history.thisYear", lang)],
    [
      [label("history.receptions", lang), fmt(last.receptions), `${fmt(Math.round(now.receptions))}${growth}`],
      [
        `  ${label("history.presales", lang)} / ${label("history.aftersales", lang)}`,
        `${fmt(last.presales)} / ${fmt(last.aftersales)}`,
        `${fmt(Math.round(now.presales))} / ${fmt(Math.round(now.aftersales))}`,
      ],
      [label("history.agentHours", lang), last.agentHours === null ? "—" : fmt(last.agentHours), fmt(Math.round(now.rosteredAgentHours ?? now.requiredAgentHours))],
      [label("history.perAgentHour", lang), rate(last.perAgentHour), rate(now.perAgentHour)],
      [
        label("history.peak", lang),
        peak(last.peak.hour, last.peak.receptions, last.peak.agents),
        peak(now.peak.hour, Math.round(now.peak.receptions), now.peak.agents === null ? null : Math.round(now.peak.agents)),
      ],
    ],
  );
  const hours = table(
    zh
      ? ["今年时段", "去年时段", "去年接待", "今年接待", "去年在岗", `今年在岗（${basis}）`, "去年每人每小时", "今年每人每小时", "更紧"]
      : ["this year", "last year", "recv then", "recv now", "agents then", `agents now (${basis})`, "per agent then", "per agent now", "thinner"],
    c.hours.map((h) => [
      at(h.start),
      at(h.lastYearHour),
      h.lastYear.receptions,
      Math.round(h.thisYear.receptions),
      h.lastYear.agents ?? "—",
      Math.round((h.thisYear.rosteredAgents ?? h.thisYear.requiredAgents) * 10) / 10,
      rate(h.lastYear.perAgentHour),
      rate(h.thisYear.perAgentHour),
      h.thinner ? say(lang, "是", "yes") : "",
    ]),
  );
  const tolerance = fmt(c.tolerance * 100);
  const risks =
    c.risks.length === 0
      ? [label("history.noRisk", lang, { tolerance })]
      : [
          say(
            lang,
            `风险：${c.risks.length} 个小时每位客服的接待量超过去年的 ${fmt(100 + c.tolerance * 100)} %：`,
            `Risk: ${c.risks.length} hours where each agent takes more than ${fmt(100 + c.tolerance * 100)} % of last year's load:`,
          ),
          ...c.risks.map((r) => {
            const agentsNow = fmt(Math.round(r.agents.thisYear * 10) / 10);
            return zh
              ? `  ${at(r.start)}：接待 ${fmt(Math.round(r.receptions.thisYear))}，${agentsNow} 人（每人 ${rate(r.perAgentHour.thisYear)}）；去年接待 ${fmt(r.receptions.lastYear)}，${fmt(r.agents.lastYear)} 人（每人 ${rate(r.perAgentHour.lastYear)}）；需再加 ${r.extraAgents} 人才与去年持平。`
              : `  ${at(r.start)}: ${fmt(Math.round(r.receptions.thisYear))} receptions for ${agentsNow} agents (${rate(r.perAgentHour.thisYear)} each) vs ${fmt(r.receptions.lastYear)} for ${fmt(r.agents.lastYear)} last year (${rate(r.perAgentHour.lastYear)}); +${r.extraAgents} agents to match.`;
          }),
        ];
  return [
    label("history.alignment", lang, { thisYear: c.alignment.thisYearStart.replace("T", " "), hours: c.alignment.hours, lastYear: c.alignment.lastYearStart.replace("T", " "), basis }),
    ...overlapLines(c.alignment, lang),
    totals,
    "",
    ...risks,
    "",
    say(lang, "逐小时", "Hour by hour"),
    hours,
    "",
  ].join("\n");
}
