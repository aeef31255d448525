/**
 * The roster as terminal text (`peakcrew roster`): status and proof, the shortfall with its
 * bound, what it would take to close it (人手缺口与招聘建议), then the shifts. Chinese by
 * default, English with `--lang en`.
 */
import { DateTime } from "luxon";
import type { Lang } from "../domain/export.ts";
import type { HiringAnswer } from "../domain/hiring.ts";
import type { RosterResult } from "../domain/roster.ts";
import { hasLabel } from "../../web/labels.js";
import { fmt, label, pct as percent, queueName, table } from "./text.ts";

// Status, method, queue and hire-profile words are the page's (web/labels.js), so the terminal and the page say the same.
const status = (r: RosterResult, lang: Lang) => label(`roster.status.${r.status}`, lang);
const method = (r: RosterResult, lang: Lang) => label(`roster.method.${r.method}`, lang);
/** A default hire profile by the page's name for it; a plan's own profile by the name the plan gives it. */
const hireName = (hire: { profileId: string; name: string }, lang: Lang) => (hasLabel(`hire.${hire.profileId}`) ? label(`hire.${hire.profileId}`, lang) : hire.name);

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toFormat("MM-dd HH:mm");
const pct = (x: number | null) => percent(x);
const num = (x: number | null) => (x === null ? "—" : fmt(x));

export function rosterText(r: RosterResult, lang: Lang = "zh"): string {
  const zh = lang === "zh";
  const q = { presales: queueName("presales", lang), aftersales: queueName("aftersales", lang) };
  const head = zh
    ? [
        `排班：${status(r, "zh")}（${method(r, "zh")}）。${r.people.length} 人 ${r.shifts.length} 个班次，带薪工时 ${fmt(r.paidHours)}；下界 ${num(r.lowerBoundHours)}，差距 ${pct(r.gap)}；用时 ${fmt(Math.round(r.solveMs))} ms。`,
        `规则检查发现：${r.findings.length}。最长连续值班：${fmt(Math.max(0, ...r.people.map((p) => p.longestStretchHours)))} 小时。`,
      ]
    : [
        `Roster: ${status(r, "en")} (${method(r, "en")}). ${r.shifts.length} shifts for ${r.people.length} people, ${fmt(r.paidHours)} paid hours; lower bound ${num(r.lowerBoundHours)} h, gap ${pct(r.gap)}; ${fmt(Math.round(r.solveMs))} ms.`,
        `Rule findings: ${r.findings.length}. Longest continuous stretch: ${fmt(Math.max(0, ...r.people.map((p) => p.longestStretchHours)))} h.`,
      ];
  const lines = [
    ...head,
    shortfallLine(r, lang),
    ...(r.untrainedTemps.length > 0
      ? [
          zh
            ? `未排（临时客服尚未培训）：${r.untrainedTemps.map((p) => `${p.name}（${p.id}）`).join("、")}。`
            : `Not rostered (temps not yet trained): ${r.untrainedTemps.map((p) => `${p.name} (${p.id})`).join(", ")}.`,
        ]
      : []),
    ...(r.aftersalesDeferral ? [deferralText(r, r.aftersalesDeferral, lang)] : []),
    ...r.shortfallRuns.map((run) =>
      zh
        ? `缺口：${at(run.from)} 至 ${at(run.to)} 还需最多 ${run.maxShort} 名${q[run.queue]}客服（共 ${fmt(run.agentHoursShort)} 人·时）。`
        : `Short: ${run.maxShort} more ${q[run.queue]} agents from ${at(run.from)} to ${at(run.to)} (${fmt(run.agentHoursShort)} agent-hours).`,
    ),
    ...(r.hiring ? [hiringText(r.hiring, lang)] : []),
  ];
  const shifts = table(
    zh ? ["工号", "姓名", "子账号", "岗位", "开始", "结束", "用餐", "工时"] : ["id", "name", "sub-account", "queue", "start", "end", "break", "hours"],
    r.shifts.map((s) => [s.personId, s.name, s.subAccount, q[s.queue], at(s.start), at(s.end), s.breaks.map((b) => `${at(b.start).slice(6)}–${at(b.end).slice(6)}`).join(" ") || "—", s.hours]),
  );
  return [...lines, "", shifts, ""].join("\n");
}

/** The shortfall, its proven bound and gap (plain agent-hours), and the weighted figures the status rests on. */
export function shortfallLine(r: RosterResult, lang: Lang): string {
  const w = r.weightedShortfall;
  if (r.shortfallAgentHours <= 0) return lang === "zh" ? "缺口：无，需求全部覆盖。" : "Short: nothing; every interval is covered.";
  return lang === "zh"
    ? `缺口：售前 ${fmt(r.shortfallByQueue.presales)} 人·时，售后 ${fmt(r.shortfallByQueue.aftersales)} 人·时；这支团队至少缺 ${num(r.shortfallLowerBoundHours)} 人·时（已证明的下界），差距 ${pct(r.shortfallGap)}。加权缺口 ${fmt(w.hours)}（下界 ${num(w.lowerBound)}，差距 ${pct(w.gap)}；高峰售前 ×${w.weights.presalesPeak}，其他售前 ×${w.weights.presales}，售后 ×${w.weights.aftersales}）。`
    : `Short: ${fmt(r.shortfallByQueue.presales)} pre-sales and ${fmt(r.shortfallByQueue.aftersales)} after-sales agent-hours; no roster of this team can leave less than ${num(r.shortfallLowerBoundHours)} (proven bound), gap ${pct(r.shortfallGap)}. Weighted: ${fmt(w.hours)} (bound ${num(w.lowerBound)}, gap ${pct(w.gap)}; peak pre-sales ×${w.weights.presalesPeak}, other pre-sales ×${w.weights.presales}, after-sales ×${w.weights.aftersales}).`;
}

/** "再招 14 名晚间支援客服（11-10 18:00–11-11 03:00）可补齐全部售前缺口。" */
export function hiringText(h: HiringAnswer, lang: Lang = "zh"): string {
  const zh = lang === "zh";
  if (!h.complete && h.hires.length === 0)
    return zh ? "招聘建议：求解时间不够，未能算出；可延长时限（--time-limit-sec）后重试。" : "Hiring: not worked out in the time limit; try again with a longer --time-limit-sec.";
  if (h.hires.length === 0) return zh ? "招聘建议：现有招聘类型都排不进缺口所在的时段。" : "Hiring: none of the hire profiles can work the short hours.";
  const parts = h.hires.map((x) => (zh ? `${x.count} 名${hireName(x, lang)}（${windowsText(x.windows, lang)}）` : `${x.count} × ${hireName(x, lang)} (${windowsText(x.windows, lang)})`));
  const queues = (["presales", "aftersales"] as const).filter((q) => h.shortfallBeforeHours[q] > 0).map((q) => queueName(q, lang));
  if (h.closesGap) {
    return zh ? `招聘建议：再招 ${parts.join("、")}可补齐全部${queues.join("和")}缺口。` : `Hiring: ${parts.join(", ")} would close the whole ${queues.join(" and ")} gap.`;
  }
  const left = (["presales", "aftersales"] as const).filter((q) => h.shortfallAfterHours[q] > 0);
  const rest = left.map((q) => (zh ? `${queueName(q, "zh")} ${fmt(h.shortfallAfterHours[q])} 人·时` : `${fmt(h.shortfallAfterHours[q])} ${queueName(q, "en")} agent-hours`));
  return zh
    ? `招聘建议：再招 ${parts.join("、")}后仍缺 ${rest.join("、")}（这些时段不在任何招聘类型的可排时段内）。`
    : `Hiring: with ${parts.join(", ")}, ${rest.join(" and ")} would still be short (no hire profile can work those hours).`;
}

/** One window as "11-10 18:00–11-11 03:00"; daily windows as "11-10 至 11-14 每天 09:00–18:00". */
function windowsText(windows: { start: string; end: string }[], lang: Lang): string {
  const first = windows[0];
  const last = windows.at(-1);
  if (!first || !last) return "";
  const one = (w: { start: string; end: string }) => `${at(w.start)}–${at(w.end).slice(at(w.start).slice(0, 5) === at(w.end).slice(0, 5) ? 6 : 0)}`;
  if (windows.length === 1) return one(first);
  const day = (iso: string) => at(iso).slice(0, 5);
  const hours = `${at(first.start).slice(6)}–${at(first.end).slice(6)}`;
  return lang === "zh" ? `${day(first.start)} 至 ${day(last.start)} 每天 ${hours}` : `daily ${hours}, ${day(first.start)} to ${day(last.start)}`;
}

function deferralText(r: RosterResult, deferral: NonNullable<RosterResult["aftersalesDeferral"]>, lang: Lang): string {
  const waited = (r.coverage.reduce((sum, c) => sum + c.aftersales.deferred, 0) * r.intervalMin) / 60;
  return lang === "zh"
    ? `售后稍后：${at(deferral.from)}–${at(deferral.to)} 进线的售后最多可等 ${fmt(deferral.maxHours)} 小时；其中 ${fmt(waited)} 人·时等待后处理。`
    : `After-sales later: after-sales arriving ${at(deferral.from)}–${at(deferral.to)} may wait up to ${fmt(deferral.maxHours)} h; ${fmt(waited)} agent-hours of it waited.`;
}
