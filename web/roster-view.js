// The roster card: the staff list for the next solve, the solve with its progress and cancel,
// the result in words (status, shortfall runs, the proven bound, the hiring suggestion and its
// button, after-sales deferral, rule findings), the downloads, and the Gantt with its filter.
import { localLabel } from "./charts.js";
import { api } from "./api.js";
import { drawGantt } from "./gantt.js";
import { withHires } from "./hires.js";
import { formatNumber, hasLabel, language, t } from "./i18n.js";
import { issueText, pathText } from "./issues.js";
import { addView, render, state } from "./state.js";

const $ = (id) => document.getElementById(id);
const LIMIT_SEC = 30;
let hooks = null;

/**
 * Wires the card's controls and adds its views. `hooks`: save() → false when the form's edits
 * are not valid; solved() → after a new roster, reloads what shows it.
 */
export function initRosterView(rosterHooks) {
  hooks = rosterHooks;
  $("solve").addEventListener("click", solve);
  $("cancel").addEventListener("click", () => state.solving?.controller.abort());
  $("staff-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    state.staff = { source: "file", name: file.name, csv: await file.text() };
    render();
  });
  const filter = () => {
    state.filter = { queue: $("filter-queue").value, kind: $("filter-kind").value };
    render();
  };
  $("filter-queue").addEventListener("change", filter);
  $("filter-kind").addEventListener("change", filter);
  $("export-person").addEventListener("change", (e) => {
    state.exportPerson = e.target.value;
    render();
  });
  addView(() => [state.filter], renderFilters);
  addView(() => [state.staff], renderStaff);
  addView(() => [state.solving], renderProgress);
  addView(() => [state.record, state.roster], renderSummary);
  addView(() => [state.record, state.roster, state.exportPerson], renderExports);
  addView(() => [state.record, state.roster, state.filter], renderGantt);
}

function renderFilters() {
  const options = (pairs) => pairs.map(([value, key]) => new Option(t(key), value));
  $("filter-queue").replaceChildren(
    ...options([
      ["all", "roster.all"],
      ["presales", "queue.presales"],
      ["aftersales", "queue.aftersales"],
    ]),
  );
  $("filter-kind").replaceChildren(
    ...options([
      ["all", "roster.all"],
      ["fulltime", "kind.fulltime"],
      ["temp", "kind.temp"],
      ["support", "kind.support"],
    ]),
  );
  $("filter-queue").value = state.filter.queue;
  $("filter-kind").value = state.filter.kind;
}

function renderStaff() {
  const staff = state.staff;
  $("staff-source").textContent = !staff
    ? ""
    : staff.source === "file"
      ? t("roster.staffFile", { name: staff.name })
      : t("roster.staffSample", { count: Math.max(0, staff.csv.trim().split(/\r?\n/).length - 1) });
}

function renderProgress() {
  const solving = state.solving;
  $("solve").disabled = Boolean(solving);
  $("cancel").hidden = !solving;
  $("progress").hidden = !solving;
  if (!solving) return;
  $("progress-text").textContent = t("roster.solving", { seconds: Math.floor(solving.elapsedMs / 1000), limit: LIMIT_SEC });
  $("progress").querySelector(".bar").style.width = `${Math.min(100, (solving.elapsedMs / 1000 / LIMIT_SEC) * 100)}%`;
}

async function solve() {
  if (!state.staff) return;
  // A roster is solved from the saved plan: save the edits first, and stop if they are not valid.
  if (state.dirty && !(await hooks.save())) return;
  const controller = new AbortController();
  const started = performance.now();
  const tick = () => {
    state.solving = { controller, elapsedMs: performance.now() - started };
    render();
  };
  tick();
  const timer = setInterval(tick, 250);
  try {
    state.roster = await api("POST", `/plans/${state.record.id}/roster`, { staffCsv: state.staff.csv }, controller.signal);
    state.banner = null;
    render();
    await hooks.solved();
  } catch (error) {
    if (controller.signal.aborted) state.banner = t("roster.cancelled");
    else if (error.status === 400) state.banner = error.issues.map((i) => `${pathText(i.path, language())}: ${issueText(i, language())}`).join("; ");
    else if (error.code === "plan-changed") state.banner = t("roster.planChanged");
    else if (error.code === "not-found") state.banner = t("roster.planDeleted");
    else state.banner = t("app.error", { message: error.message });
  } finally {
    clearInterval(timer);
    state.solving = null;
    render();
  }
}

function renderSummary() {
  if (!state.record) return;
  if (!state.roster) {
    $("roster-summary").replaceChildren(paragraph(t("roster.none")));
    return;
  }
  const r = state.roster.result;
  const pct = r.gap === null ? "—" : `${formatNumber(r.gap * 100, 2)} %`;
  const lines = [
    paragraph(
      t("roster.summary", {
        status: t(`roster.status.${r.status}`),
        shifts: formatNumber(r.shifts.length),
        people: formatNumber(r.people.length),
        paid: formatNumber(r.paidHours),
        bound: r.lowerBoundHours === null ? "—" : formatNumber(r.lowerBoundHours, 1),
        gap: pct,
      }),
      `status status-${r.status}`,
    ),
  ];
  if (r.shortfallRuns.length === 0) lines.push(paragraph(t("roster.allCovered"), "ok"));
  const queues = new Set();
  for (const run of r.shortfallRuns) {
    queues.add(run.queue);
    lines.push(
      paragraph(
        t("roster.shortRun", { count: run.maxShort, queue: t(`queue.${run.queue}`), from: localLabel(run.from), to: localLabel(run.to), hours: formatNumber(run.agentHoursShort, 1) }),
        "short",
      ),
    );
  }
  if (r.shortfallAgentHours > 0) lines.push(paragraph(shortfallProof(r), "note proof"));
  if (r.hiring) lines.push(paragraph(hiringSentence(r.hiring), "hiring"));
  if (r.hiring?.people.length) lines.push(addHiresButton(r.hiring));
  else for (const queue of queues) lines.push(paragraph(t("roster.shortFix", { queue: t(`queue.${queue}`) }), "note"));
  if (r.aftersalesDeferral) {
    const waited = r.coverage.reduce((s, c) => s + c.aftersales.deferred, 0) * (r.intervalMin / 60);
    lines.push(
      paragraph(
        t("roster.deferral", {
          from: localLabel(r.aftersalesDeferral.from),
          to: localLabel(r.aftersalesDeferral.to),
          hours: formatNumber(r.aftersalesDeferral.maxHours, 1),
          waited: formatNumber(waited, 1),
        }),
        "note",
      ),
    );
  }
  // The rules the roster was solved under: the saved plan's.
  const cap = state.record.input.rules.maxContinuousDutyHours;
  lines.push(paragraph(r.findings.length === 0 ? t("roster.findingsNone", { cap }) : t("roster.findings", { count: r.findings.length }), r.findings.length === 0 ? "ok" : "short"));
  lines.push(paragraph(r.untrainedTemps.length ? t("roster.untrained", { names: r.untrainedTemps.map((p) => `${p.name} (${p.id})`).join("、") }) : t("roster.untrainedNone"), "note"));
  $("roster-summary").replaceChildren(...lines);
}

/** The shortfall against what no roster of this team can beat: the proven bound and the gap. */
function shortfallProof(r) {
  const pct = (x) => (x === null ? "—" : `${formatNumber(x * 100, 1)} %`);
  return t("roster.shortBound", {
    short: formatNumber(r.shortfallAgentHours, 1),
    pre: formatNumber(r.shortfallByQueue.presales, 1),
    after: formatNumber(r.shortfallByQueue.aftersales, 1),
    bound: r.shortfallLowerBoundHours === null ? "—" : formatNumber(r.shortfallLowerBoundHours, 1),
    gap: pct(r.shortfallGap),
    method: t(`roster.method.${r.method}`),
  });
}

/** 人手缺口与招聘建议 in words: "再招 14 名晚间支援客服（11-10 18:00–11-11 03:00）可补齐全部售前缺口。" */
function hiringSentence(h) {
  if (!h.complete && h.hires.length === 0) return t("roster.hiringIncomplete");
  if (h.hires.length === 0) return t("roster.hiringNone");
  const parts = h.hires.map((x) => t("roster.hirePart", { count: x.count, name: hireName(x), windows: windowsLabel(x.windows) })).join(t("list.sep"));
  const queuesOf = (hours) => ["presales", "aftersales"].filter((q) => hours[q] > 0);
  if (h.closesGap)
    return t("roster.hiring", {
      parts,
      queues: queuesOf(h.shortfallBeforeHours)
        .map((q) => t(`queue.${q}`))
        .join(t("list.and")),
    });
  const left = queuesOf(h.shortfallAfterHours).map((q) => t("roster.hireLeft", { queue: t(`queue.${q}`), hours: formatNumber(h.shortfallAfterHours[q], 1) }));
  return t("roster.hiringPartial", { parts, left: left.join(t("list.sep")) });
}

/** Adds the suggested hires to the staff list and solves again: the proof that they close the gap. */
function addHiresButton(hiring) {
  const button = Object.assign(document.createElement("button"), { id: "add-hires", type: "button", textContent: t("roster.addHires", { count: hiring.people.length }) });
  button.addEventListener("click", () => {
    state.staff = { source: "file", name: t("roster.withHires", { count: hiring.people.length }), csv: withHires(state.staff.csv, hiring.people) };
    render();
    solve();
  });
  return button;
}

/** The default profiles have labels in both languages; a plan's own profiles keep their name. */
function hireName(hire) {
  return hasLabel(`hire.${hire.profileId}`) ? t(`hire.${hire.profileId}`) : hire.name;
}

/** One window as "11-10 18:00–11-11 03:00"; daily windows as "11-10 至 11-14 每天 09:00–18:00". */
function windowsLabel(windows) {
  const first = windows[0];
  const last = windows.at(-1);
  if (windows.length === 1) return `${localLabel(first.start)}–${localLabel(first.end)}`;
  return t("roster.hireDaily", { from: first.start.slice(5, 10), to: last.start.slice(5, 10), hours: `${first.start.slice(11, 16)}–${first.end.slice(11, 16)}` });
}

/** Download links for the solved roster: xlsx (Chinese or English headers), csv, ics for all or one person. */
function renderExports() {
  if (!state.record) return;
  $("exports").hidden = !state.roster;
  if (!state.roster) return;
  const base = `/api/plans/${state.record.id}/roster`;
  const links = [
    ["export-xlsx", "export.xlsx", `${base}.xlsx`],
    ["export-xlsx-en", "export.xlsxEn", `${base}.xlsx?lang=en`],
    ["export-csv", "export.csv", `${base}.csv?lang=${language()}`],
    ["export-ics", "export.ics", `${base}.ics?lang=${language()}`],
  ];
  $("export-links").replaceChildren(...links.map(([id, key, href]) => downloadLink(id, t(key), href)));
  const people = state.roster.result.people.filter((p) => p.shifts > 0);
  const person = people.some((p) => p.id === state.exportPerson) ? state.exportPerson : (people[0]?.id ?? "");
  $("export-person").replaceChildren(...people.map((p) => new Option(`${p.name} (${p.id})`, p.id)));
  $("export-person").value = person;
  const href = `${base}.ics?person=${encodeURIComponent(person)}&lang=${language()}`;
  $("export-person-link").replaceChildren(...(person ? [downloadLink("export-ics-person", t("export.icsPerson"), href)] : []));
}

function downloadLink(id, text, href) {
  return Object.assign(document.createElement("a"), { id, textContent: text, href, download: "" });
}

function renderGantt() {
  if (!state.record) return;
  if (!state.roster) {
    $("gantt").replaceChildren();
    $("rows-shown").textContent = "";
    return;
  }
  const shown = drawGantt($("gantt"), state.roster.result, state.record.result, state.filter, state.record.input.rules.maxContinuousDutyHours);
  $("rows-shown").textContent = t("roster.rows", { shown, total: state.roster.result.people.length });
}

function paragraph(text, className) {
  const p = document.createElement("p");
  p.textContent = text;
  if (className) p.className = className;
  return p;
}
