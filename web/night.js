// 当日调配, the night's view: the actual receptions so far (the shop's export file, rows pasted
// from 千牛 or Excel, or a quick grid), a re-plan from "now" (POST /api/plans/:id/replan), the
// result in words and charts, and Apply, which makes it the plan's roster and keeps the one it
// replaces as a version (…/replans/:rid/apply, …/roster/versions). app.js only wires it.
import { api, upload } from "./api.js";
import { issueText, pathText } from "./issues.js";
import { drawNightCoverage, drawNightReceptions, localLabel } from "./charts.js";
import { formatNumber, language, t } from "./i18n.js";
import { changeGroups, changeText, summaryLines } from "./night-text.js";

const $ = (id) => document.getElementById(id);
const QUEUES = ["presales", "aftersales"];
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const local = (iso) => iso.slice(0, 16);
const el = (tag, text, className) => Object.assign(document.createElement(tag), { textContent: text ?? "", className: className ?? "" });

const night = {
  onApplied: null,
  record: null,
  roster: null,
  /** The stored actuals: [{start (local), queue, receptions, …}]. */
  actuals: [],
  versions: [],
  /** The chosen "now" (local), and whether the user chose it. */
  now: null,
  nowChosen: false,
  /** The last post's answer ({added, replaced, unchanged, notes, fileIntervalMin}) or error. */
  posted: null,
  failed: null,
  /** The re-plan on screen (a ReplanRecord), and the roster it became when applied. */
  replan: null,
  appliedRoster: null,
  /** Why the last re-plan or apply failed: {code} (labelled) or {text}. */
  error: null,
  applyError: null,
  solving: false,
  charts: { receptions: null, coverage: null },
};

/** Wires the card's controls once; `onApplied(roster)` reloads the roster card. */
export function initNight({ onApplied }) {
  night.onApplied = onApplied;
  $("night-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    const type = /\.xlsx$/i.test(file.name) ? XLSX_TYPE : /\.csv$/i.test(file.name) ? "text/csv" : "application/octet-stream";
    await postActuals(`?fileName=${encodeURIComponent(file.name)}`, file, type);
    e.target.value = "";
  });
  $("night-paste-send").addEventListener("click", () => $("night-paste").value.trim() && postActuals("", $("night-paste").value, "text/csv"));
  $("night-grid-send").addEventListener("click", sendGrid);
  $("night-now").addEventListener("change", (e) => {
    night.now = e.target.value;
    night.nowChosen = true;
    renderGrid();
  });
  $("night-replan").addEventListener("click", replan);
  $("night-apply").addEventListener("click", apply);
  $("night-queue").addEventListener("change", drawCharts);
}

/** Shows the card for `record` (a saved plan) and its roster record (or null): fetches the actuals and the versions. */
export async function loadNight(record, roster) {
  if (night.record?.id !== record.id) {
    Object.assign(night, { now: null, nowChosen: false, posted: null, failed: null, replan: null, appliedRoster: null, error: null, applyError: null });
  }
  night.record = record;
  night.roster = roster;
  // A re-plan stays on screen while it belongs to the roster shown: the one it was made from, or the one it became.
  const made = night.replan?.rosterRevision;
  if (night.replan && roster?.revision !== made && roster?.revision !== night.appliedRoster?.revision) night.replan = null;
  const [actuals, versions] = await Promise.all([api("GET", `/plans/${record.id}/actuals`), api("GET", `/plans/${record.id}/roster/versions`)]);
  if (night.record.id !== record.id) return;
  night.actuals = actuals.rows;
  night.versions = versions;
  renderNight();
}

/** Draws the whole card from what is loaded (again, e.g. in the other language). */
export function renderNight() {
  $("night-card").hidden = !night.record;
  if (!night.record) return;
  const starts = night.record.result.intervals.map((r) => local(r.start));
  if (!night.nowChosen || !starts.includes(night.now)) night.now = defaultNow(starts);
  $("night-now").replaceChildren(...night.record.result.intervals.map((r) => new Option(localLabel(r.start), local(r.start))));
  $("night-now").value = night.now;
  const method = $("night-method").value || "ratio";
  $("night-method").replaceChildren(...["ratio", "run-rate"].map((m) => new Option(t(`night.method.${m}`), m)));
  $("night-method").value = method;
  const queue = $("night-queue").value || "presales";
  $("night-queue").replaceChildren(...QUEUES.map((q) => new Option(t(`queue.${q}`), q)));
  $("night-queue").value = queue;
  renderGrid();
  renderPosted();
  renderControls();
  renderResult();
  renderVersions();
}

/** 00:30 on the night after the last actual (or, with none, 11-11 00:30), when it is in the window. */
function defaultNow(starts) {
  const last = night.actuals
    .map((a) => a.start)
    .sort()
    .at(-1);
  const afterLast = last === undefined ? -1 : starts.indexOf(last) + 1;
  if (afterLast > 0 && afterLast < starts.length) return starts[afterLast];
  const double11 = `${starts[0].slice(0, 4)}-11-11T00:30`;
  if (starts.includes(double11)) return double11;
  return local(night.record.result.peakBand.start);
}

// ---------------------------------------------------------------- actuals

/** The grid's intervals before `now` (local): from 18:00 on the peak's evening (or 2 hours back), at most a day. */
function gridRange(now) {
  const starts = night.record.result.intervals.map((r) => local(r.start));
  const nowAt = starts.indexOf(now);
  const peak = local(night.record.result.peakBand.start);
  const eveningDay = peak.slice(11, 13) >= "18" ? peak.slice(0, 10) : new Date(Date.parse(`${peak.slice(0, 10)}T00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const evening = starts.indexOf(`${eveningDay}T18:00`);
  const from = evening >= 0 && evening < nowAt ? evening : Math.max(0, nowAt - Math.round(120 / night.record.result.intervalMin));
  return { starts, from: Math.max(from, nowAt - (24 * 60) / night.record.result.intervalMin), nowAt };
}

function renderGrid() {
  const kept = new Map([...document.querySelectorAll("#night-grid input.edited")].map((input) => [input.name, input.value]));
  const stored = new Map(night.actuals.map((a) => [`${a.start}|${a.queue}`, a.receptions]));
  const { starts: all, from, nowAt } = gridRange(night.now);
  const starts = all.slice(from, nowAt);
  const head = el("tr");
  head.append(el("th", ""), ...starts.map((s) => el("th", s.slice(11, 16))));
  const rows = QUEUES.map((queue) => {
    const tr = el("tr");
    const th = el("th", t(`queue.${queue}`));
    th.scope = "row";
    tr.append(th);
    for (const start of starts) {
      const name = `${start}|${queue}`;
      const initial = stored.has(name) ? String(stored.get(name)) : "";
      const input = Object.assign(document.createElement("input"), { name, type: "number", min: "0", step: "1", value: kept.get(name) ?? initial });
      input.dataset.initial = initial;
      input.title = `${localLabel(start)} ${t(`queue.${queue}`)}`;
      input.classList.toggle("edited", input.value !== initial);
      input.addEventListener("input", () => input.classList.toggle("edited", input.value !== initial));
      const td = el("td");
      td.append(input);
      tr.append(td);
    }
    return tr;
  });
  $("night-grid").replaceChildren(head, ...rows);
  const last = night.actuals
    .map((a) => a.start)
    .sort()
    .at(-1);
  $("night-stored").textContent = last ? t("night.stored", { count: formatNumber(night.actuals.length), last: localLabel(last) }) : t("night.storedNone");
}

async function sendGrid() {
  // Only the figures typed or changed: the stored ones keep what the file said beside them (agents online, first response).
  const rows = [...document.querySelectorAll("#night-grid input.edited")]
    .filter((input) => input.value.trim() !== "")
    .map((input) => {
      const [start, queue] = input.name.split("|");
      return { start, queue, receptions: Number(input.value) };
    });
  if (rows.length === 0) {
    night.posted = null;
    night.failed = [t("night.gridEmpty")];
    renderPosted();
    return;
  }
  await postActuals("", JSON.stringify({ rows }), "application/json");
}

/** Posts actuals (a file, pasted text or JSON rows); shows the counts and notes, or the issues with their line and column. */
async function postActuals(query, body, type) {
  try {
    const { data } = await upload(`/plans/${night.record.id}/actuals${query}`, body, type);
    night.posted = data;
    night.failed = null;
    night.actuals = data.actuals;
    for (const input of document.querySelectorAll("#night-grid input.edited")) input.classList.remove("edited");
    if (type === "text/csv" && !query) $("night-paste").value = "";
  } catch (error) {
    night.posted = null;
    night.failed = error.issues?.length ? error.issues.map((i) => `${pathText(i.path, language())}: ${issueText(i, language())}`) : [error.message];
  }
  renderNight();
}

function renderPosted() {
  const p = night.posted;
  $("night-posted").textContent = p
    ? t("night.posted", { added: p.added, replaced: p.replaced, unchanged: p.unchanged, interval: p.fileIntervalMin ? t("night.fileInterval", { min: p.fileIntervalMin }) : "" })
    : "";
  const notes = p?.notes ?? [];
  const list = el("ul");
  // The reader's notes are the server's English strings: shown as they are.
  list.append(...notes.map((note) => el("li", note)));
  $("night-notes").replaceChildren(...(notes.length ? [el("span", t("night.notes")), list] : []));
  $("night-errors").replaceChildren(...(night.failed ? [el("p", t("night.failed")), ...night.failed.map((line) => el("p", line))] : []));
}

// ---------------------------------------------------------------- the re-plan

function renderControls() {
  const blocked = !night.roster ? "no-roster" : night.roster.stale ? "roster-stale" : null;
  $("night-replan").disabled = night.solving || blocked !== null;
  $("night-status").textContent = night.solving ? t("night.solving") : night.error ? errorText(night.error) : blocked ? t(`night.error.${blocked}`) : "";
  $("night-status").className = night.error || blocked ? "note short" : "note";
}

async function replan() {
  const planId = night.record.id;
  night.solving = true;
  night.error = null;
  renderControls();
  try {
    const body = { now: night.now, noticeMin: Number($("night-notice").value || 60), method: $("night-method").value };
    const record = await api("POST", `/plans/${planId}/replan`, body);
    if (night.record.id !== planId) return;
    night.replan = record;
    night.appliedRoster = null;
  } catch (error) {
    night.error = errorOf(error, ["no-roster", "roster-stale"]);
  } finally {
    night.solving = false;
    renderControls();
  }
  renderResult();
  $("night-result").scrollIntoView({ block: "nearest" });
}

/** An error's words: by its code when the page has a label for it, else the server's issues or message. */
function errorOf(error, codes) {
  if (codes.includes(error.code)) return { code: error.code };
  return { text: error.issues?.length ? error.issues.map((i) => `${pathText(i.path, language())}: ${issueText(i, language())}`).join("; ") : t("app.error", { message: error.message }) };
}

const errorText = (error) => (error.code ? t(`night.error.${error.code}`) : error.text);

function renderResult() {
  const record = night.replan;
  $("night-result").hidden = !record;
  if (!record) return;
  const n = record.result;
  const lines = summaryLines(n);
  $("night-summary").replaceChildren(
    el("p", lines.head, "status"),
    el("p", lines.basis, "basis"),
    el("p", lines.shortfall, n.shortfallAgentHours.after < n.shortfallAgentHours.before ? "shortfall ok" : "shortfall"),
    el("p", lines.solve, "note"),
  );
  drawCharts();
  $("night-changes-title").textContent = n.changes.length ? t("night.changes", { count: n.changes.length }) : t("night.noChanges");
  $("night-changes").hidden = n.changes.length === 0;
  $("night-changes").replaceChildren(
    ...changeGroups(n.changes).flatMap((group) => {
      const list = el("ul");
      list.append(...group.changes.map((c) => Object.assign(el("li", changeText(c)), { className: `change-${c.kind}` })));
      return [el("h4", t("night.kindCount", { kind: t(`night.kind.${group.kind}`), count: group.changes.length })), list];
    }),
  );
  const applied = record.appliedAt !== null;
  $("night-apply").disabled = applied;
  $("night-applied").textContent = applied ? t("night.applied") : night.applyError ? errorText(night.applyError) : "";
}

/** Both charts over the night: from the grid's first interval to the end of the re-forecast horizon. */
function drawCharts() {
  const record = night.replan;
  if (!record) return;
  const rf = record.result.reforecast;
  const queue = $("night-queue").value || "presales";
  const from = Math.min(gridRange(local(rf.intervals[rf.nowIndex].start)).from, Math.max(0, rf.nowIndex - Math.round((rf.windowHours * 60) / night.record.result.intervalMin)));
  const to = Math.min(rf.intervals.length, rf.nowIndex + Math.round((rf.horizonHours * 60) / night.record.result.intervalMin));
  const rows = rf.intervals.slice(from, to);
  const coverage = new Map(record.result.coverage.map((c) => [c.start, c]));
  night.charts.receptions = drawNightReceptions($("night-receptions"), night.charts.receptions, rows, queue, rf.nowIndex - from);
  night.charts.coverage = drawNightCoverage(
    $("night-coverage"),
    night.charts.coverage,
    rows,
    rows.map((r) => coverage.get(r.start) ?? null),
    queue,
    rf.nowIndex - from,
  );
}

async function apply() {
  const record = night.replan;
  $("night-apply").disabled = true;
  let roster;
  try {
    roster = await api("POST", `/plans/${record.planId}/replans/${record.id}/apply`);
    record.appliedAt = roster.createdAt;
    night.appliedRoster = roster;
    night.applyError = null;
  } catch (error) {
    night.applyError = errorOf(error, ["already-applied", "roster-changed"]);
    renderResult();
    return;
  }
  // The roster card (timeline, exports) shows the applied roster; it reloads this card too.
  await night.onApplied(roster);
}

// ---------------------------------------------------------------- versions

function renderVersions() {
  $("night-versions-box").hidden = night.versions.length === 0;
  const when = (iso) => new Date(iso).toLocaleString(language() === "zh" ? "zh-CN" : "en-GB", { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
  $("night-versions").replaceChildren(
    ...night.versions.map((v) => {
      const li = el("li", t("night.version", { id: v.id, created: when(v.createdAt), superseded: when(v.supersededAt), replan: v.replanId ?? "—" }));
      const link = Object.assign(el("a", t("night.versionXlsx")), { id: `version-${v.id}-xlsx`, href: `/api/plans/${v.planId}/roster/versions/${v.id}.xlsx?lang=${language()}`, download: "" });
      li.append(link);
      return li;
    }),
  );
}
