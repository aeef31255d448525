// The night's re-plan in words, as the CLI says it (src/cli/night-text.ts), with the labels in
// i18n.js: the re-forecast's basis, the shortfall before and after, and each change —
// "FT012 汪梦：延长至 04:00（连续值班 10 小时）". Times are the plan's own (the ISO strings
// carry the plan zone's offset). No chart.js here, so tests/web/night-text.test.ts can hold it
// against the CLI's words in Node.
import { t } from "./i18n.js";

const QUEUES = ["presales", "aftersales"];
/** The order the change groups are listed in: people added first, then people sent home. */
export const CHANGE_KINDS = ["extend", "callIn", "shift", "move", "shorten", "rest", "cancel"];

const hhmm = (iso) => iso.slice(11, 16);
/** "11-11 09:00", as charts.js's localLabel. */
const day = (iso) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;

/** Thousands separators; integers whole, others to 2 decimals (4 below 1), trailing zeros dropped — the CLI's `fmt` (src/cli/text.ts). */
export function fmt(n) {
  const digits = Number.isInteger(n) ? 0 : Math.abs(n) < 1 ? 4 : 2;
  return (n === 0 ? 0 : n).toLocaleString("zh-CN", { maximumFractionDigits: digits });
}

/** "近2小时实际为预测的 1.31 倍" and its run-rate and no-actuals siblings. */
export function basisText(b) {
  switch (b.code) {
    case "ratio":
      return t("night.basis.ratio", { hours: fmt(b.hours), ratio: b.ratio.toFixed(2), capped: b.capped ? t("night.basis.capped", { applied: fmt(b.applied) }) : "" });
    case "run-rate":
      return t("night.basis.run-rate", { hours: fmt(b.hours), perInterval: fmt(b.perInterval), forecast: fmt(b.forecastPerInterval) });
    default:
      return t("night.basis.no-actuals", { hours: fmt(b.hours) });
  }
}

/** The re-plan's summary lines: now and notice, the re-forecast, the shortfall, the solve. */
export function summaryLines(n) {
  const basis = QUEUES.map((queue) => `${t(`queue.${queue}`)} ${basisText(n.reforecast.basis[queue])}`).join(t("night.basisSep"));
  return {
    head: t("night.head", { now: day(n.now), notice: n.noticeMin }),
    basis: t("night.basis", { basis, hours: fmt(n.reforecast.horizonHours) }),
    shortfall: t("night.shortfall", { before: fmt(n.shortfallAgentHours.before), after: fmt(n.shortfallAgentHours.after) }),
    solve: t("night.solve", { status: t(`night.status.${n.status}`), seconds: fmt(Math.round(n.solveMs) / 1000), options: fmt(n.options) }),
  };
}

/** One change in words: "FT012 汪梦：延长至 04:00（连续值班 10 小时）". */
export function changeText(c) {
  const who = `${c.personId} ${c.name}`;
  const stretch = t("night.stretch", { hours: fmt(c.stretchHours) });
  const b = c.before;
  const a = c.after;
  switch (c.kind) {
    case "extend":
      return t("night.change.extend", { who, end: hhmm(a.end), stretch });
    case "shorten":
      return t("night.change.shorten", { who, end: hhmm(a.end), was: hhmm(b.end) });
    case "rest":
      return t("night.change.rest", { who, was: hhmm(b.end) });
    case "callIn":
      return t("night.change.callIn", { who, start: day(a.start), end: hhmm(a.end), queue: t(`queue.${a.queue}`), stretch });
    case "cancel":
      return t("night.change.cancel", { who, start: day(b.start) });
    case "shift": {
      // Chinese says the new start's time alone on the same day; English always gives the day.
      const sameDay = day(a.start).slice(0, 5) === day(b.start).slice(0, 5);
      return t("night.change.shift", { who, start: day(b.start), to: sameDay ? hhmm(a.start) : day(a.start), toDay: day(a.start) });
    }
    case "move":
      return t("night.change.move", { who, start: day(b.start), queue: t(`queue.${a.queue}`) });
  }
  return who;
}

/** When a change takes effect: the old end for an extension, the new start for a call-in, …; for sorting. */
function effectiveAt(c) {
  if (c.kind === "extend") return c.before.end;
  if (c.kind === "shorten") return c.after.end;
  return c.after?.start ?? c.before.start;
}

/** The changes grouped by kind (in CHANGE_KINDS order), each group by the time the change takes effect. */
export function changeGroups(changes) {
  return CHANGE_KINDS.map((kind) => ({
    kind,
    changes: changes.filter((c) => c.kind === kind).sort((x, y) => Date.parse(effectiveAt(x)) - Date.parse(effectiveAt(y)) || x.personId.localeCompare(y.personId)),
  })).filter((g) => g.changes.length > 0);
}
