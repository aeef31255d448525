/**
 * The night's re-plan as terminal text (`peakcrew replan`): the re-forecast's basis, the
 * shortfall before and after, and the change list in words — "FT012 汪梦：延长至 04:00（连续值班
 * 10 小时）". Chinese by default, English with `--lang en`.
 */
import { DateTime } from "luxon";
import type { Lang } from "../domain/export.ts";
import type { NightChange, NightReplan } from "../domain/night.ts";
import type { ReforecastBasis } from "../domain/reforecast.ts";
import { fmt, label, queueName } from "./text.ts";

// Status and queue words are the page's (web/labels.js), so the terminal and the page say the same.
const status = (n: NightReplan, lang: Lang) => label(`night.status.${n.status}`, lang);

const hhmm = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toFormat("HH:mm");
const day = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toFormat("MM-dd HH:mm");

export function nightText(n: NightReplan, lang: Lang = "zh"): string {
  const zh = lang === "zh";
  const q = { presales: queueName("presales", lang), aftersales: queueName("aftersales", lang) };
  const basis = (["presales", "aftersales"] as const).map((queue) => `${q[queue]} ${basisText(n.reforecast.basis[queue], lang)}`).join(zh ? "；" : "; ");
  const lines = zh
    ? [
        `当日调配：${day(n.now)}，提前通知 ${n.noticeMin} 分钟。`,
        `重新预测：${basis}（最多外推 ${fmt(n.reforecast.horizonHours)} 小时）。`,
        `此刻起的缺口：调配前 ${fmt(n.shortfallAgentHours.before)} 人·时 → 调配后 ${fmt(n.shortfallAgentHours.after)} 人·时。求解：${status(n, "zh")}，用时 ${fmt(Math.round(n.solveMs) / 1000)} 秒，比较了 ${fmt(n.options)} 个方案。`,
        `变更（${n.changes.length} 项）：`,
      ]
    : [
        `Re-plan on the night: now ${day(n.now)}, ${n.noticeMin} minutes' notice.`,
        `Re-forecast: ${basis} (extrapolated at most ${fmt(n.reforecast.horizonHours)} h).`,
        `Short from now on: ${fmt(n.shortfallAgentHours.before)} agent-hours before → ${fmt(n.shortfallAgentHours.after)} after. Solve: ${status(n, "en")}, ${fmt(Math.round(n.solveMs) / 1000)} s, ${fmt(n.options)} options weighed.`,
        `Changes (${n.changes.length}):`,
      ];
  return [...lines, ...n.changes.map((c) => `  ${changeText(c, lang)}`), ""].join("\n");
}

/** "近2小时实际为预测的 1.31 倍" and its run-rate and no-actuals siblings. */
export function basisText(b: ReforecastBasis, lang: Lang): string {
  const zh = lang === "zh";
  switch (b.code) {
    case "ratio": {
      const capped = b.capped ? (zh ? `（按上限 ${fmt(b.applied)} 倍计）` : ` (capped at ${fmt(b.applied)}×)`) : "";
      return zh ? `近${fmt(b.hours)}小时实际为预测的 ${b.ratio.toFixed(2)} 倍${capped}` : `the last ${fmt(b.hours)} h ran at ${b.ratio.toFixed(2)}× the forecast${capped}`;
    }
    case "run-rate":
      return zh
        ? `近${fmt(b.hours)}小时平均每时段 ${fmt(b.perInterval)} 人（预测 ${fmt(b.forecastPerInterval)} 人），按此延续`
        : `the last ${fmt(b.hours)} h averaged ${fmt(b.perInterval)} per interval (forecast ${fmt(b.forecastPerInterval)}), held flat`;
    case "no-actuals":
      return zh ? `近${fmt(b.hours)}小时没有实际数据，沿用预测` : `no actuals in the last ${fmt(b.hours)} h: the forecast stands`;
  }
}

/** One change in words: "FT012 汪梦：延长至 04:00（连续值班 10 小时）". */
export function changeText(c: NightChange, lang: Lang): string {
  const zh = lang === "zh";
  const who = `${c.personId} ${c.name}`;
  const stretch = zh ? `（连续值班 ${fmt(c.stretchHours)} 小时）` : ` (${fmt(c.stretchHours)} h continuous duty)`;
  const b = c.before;
  const a = c.after;
  switch (c.kind) {
    case "extend":
      return zh ? `${who}：延长至 ${hhmm(a!.end)}${stretch}` : `${who}: extend to ${hhmm(a!.end)}${stretch}`;
    case "shorten":
      return zh ? `${who}：提前到 ${hhmm(a!.end)} 下班（原定 ${hhmm(b!.end)}）` : `${who}: finish early at ${hhmm(a!.end)} (was ${hhmm(b!.end)})`;
    case "rest":
      return zh ? `${who}：现在下班休息（原定 ${hhmm(b!.end)} 下班）` : `${who}: go to rest now (was to finish at ${hhmm(b!.end)})`;
    case "callIn":
      return zh ? `${who}：加班 ${day(a!.start)}–${hhmm(a!.end)}，${queueName(a!.queue, "zh")}${stretch}` : `${who}: call in ${day(a!.start)}–${hhmm(a!.end)}, ${queueName(a!.queue, "en")}${stretch}`;
    case "cancel":
      return zh ? `${who}：取消 ${day(b!.start)} 班次` : `${who}: cancel the ${day(b!.start)} shift`;
    case "shift":
      return zh
        ? `${who}：取消 ${day(b!.start)} 班次，改为 ${day(a!.start).slice(0, 5) === day(b!.start).slice(0, 5) ? hhmm(a!.start) : day(a!.start)} 开始`
        : `${who}: move the ${day(b!.start)} shift to start at ${day(a!.start)}`;
    case "move":
      return zh ? `${who}：${day(b!.start)} 班次改到${queueName(a!.queue, "zh")}` : `${who}: the ${day(b!.start)} shift moves to ${queueName(a!.queue, "en")}`;
  }
}
