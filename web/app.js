// The planner page. It talks to the server only over HTTP (/api), keeps no rules of its own:
// every edit is sent to POST /api/staffing for a preview, and the API's field paths put its
// messages next to the inputs. Saved scenarios are /api/plans; rosters /api/plans/:id/roster
// (and its exports); last year's data /api/history, compared by /api/plans/:id/compare; the
// night's re-plan is its own view (night.js), shown with the roster it re-plans.
import { drawComparison, drawCoverage, drawYearOnYear, localLabel } from "./charts.js";
import { fromInput, GROUPS, getPath, setPath, switchModel, toInput } from "./fields.js";
import { drawGantt } from "./gantt.js";
import { clearYearOnYear, renderEstimates, renderYearOnYear } from "./history.js";
import { withHires } from "./hires.js";
import { formatNumber, hasLabel, language, setLanguage, t, translatePage } from "./i18n.js";
import { issueText } from "./issues.js";
import { initNight, loadNight, renderNight } from "./night.js";
import { initChatReport, renderChatReport } from "./chat-report.js";
import { showUser, signIn } from "./login.js";

const $ = (id) => document.getElementById(id);
const state = {
  plans: [],
  /** The saved scenario on screen: {id, name, input, result}. */
  record: null,
  /** The form's plan and its preview (equal to the record until an edit). */
  draft: null,
  preview: null,
  roster: null,
  samples: [],
  staff: null,
  charts: { coverage: null, compare: null, history: null },
  /** Last year's datasets, the one chosen, and its comparison and estimates for the open scenario. */
  history: [],
  comparison: null,
  derivation: null,
  solving: null,
  previewSeq: 0,
  /** The two scenarios last compared: [{tag, plan, roster}]. */
  compareSides: null,
  /** The form differs from the saved scenario. */
  dirty: false,
};

async function api(method, path, body, signal) {
  const res = await fetch(`/api${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  // Shared server, no session (login.js): sign in, then ask again.
  if (res.status === 401 && data?.error?.code === "unauthorized") {
    await signIn();
    return api(method, path, body, signal);
  }
  if (!res.ok) {
    const message = data?.error?.message ?? `${res.status}`;
    const error = new Error(data?.error?.code === "forbidden" ? t("login.forbidden", { message }) : message);
    error.status = res.status;
    error.code = data?.error?.code;
    error.issues = data?.error?.issues ?? [];
    throw error;
  }
  return data;
}

function showBanner(message) {
  $("banner").hidden = !message;
  $("banner").textContent = message ?? "";
}

// ---------------------------------------------------------------- the form

function buildForm() {
  const form = $("plan-form");
  form.replaceChildren(
    ...GROUPS.map((group) => {
      const fieldset = document.createElement("fieldset");
      fieldset.dataset.group = group.id;
      const legend = document.createElement("legend");
      legend.dataset.i18n = `group.${group.id}`;
      fieldset.append(legend);
      for (const field of group.fields) fieldset.append(fieldRow(field));
      return fieldset;
    }),
  );
}

function fieldRow(field) {
  const row = document.createElement("div");
  row.className = "field";
  row.dataset.path = field.path;
  const id = `f-${field.path.replaceAll(".", "-")}`;
  const label = document.createElement("label");
  label.htmlFor = id;
  label.dataset.i18n = field.label;
  let input;
  if (field.kind === "select") {
    input = document.createElement("select");
    for (const [value, key] of field.options) {
      const option = new Option(key, String(value));
      if (key.includes(".")) option.dataset.i18n = key;
      input.append(option);
    }
  } else {
    input = document.createElement("input");
    input.type = field.kind === "datetime" ? "datetime-local" : "text";
    if (field.kind === "number" || field.kind === "percent") input.inputMode = "decimal";
  }
  input.id = id;
  input.name = field.path;
  const control = document.createElement("div");
  control.className = "control";
  control.append(input);
  if (field.unit) {
    const unit = document.createElement("span");
    unit.className = "unit";
    unit.dataset.i18n = field.unit;
    control.append(unit);
  }
  const hint = document.createElement("small");
  hint.className = "hint";
  hint.dataset.i18n = field.hint;
  const error = document.createElement("small");
  error.className = "error";
  error.setAttribute("role", "alert");
  row.append(label, control, hint, error);
  input.addEventListener("input", onEdit);
  input.addEventListener("change", onEdit);
  return row;
}

/** Puts `plan` into the form; each input remembers its text so untouched fields keep their exact value. */
function fillForm(plan) {
  for (const group of GROUPS) {
    for (const field of group.fields) {
      const input = document.getElementById(`f-${field.path.replaceAll(".", "-")}`);
      const text = toInput(field, getPath(plan, field.path));
      input.value = text;
      input.dataset.initial = text;
    }
  }
  // A curve of counts or shares comes from a file or from last year: it can be kept or
  // replaced by the built-in one, not typed in here.
  for (const option of $("f-presales-curve-kind").options) option.disabled = option.value !== "builtin" && option.value !== plan.presales.curve.kind;
  showConditional(plan);
}

function showConditional(plan) {
  for (const group of GROUPS) {
    for (const field of group.fields) {
      const row = document.querySelector(`.field[data-path="${field.path}"]`);
      row.hidden = field.when ? !field.when(plan) : false;
    }
  }
}

/** The plan as the form says: the saved one, with every field the user touched read from its input. */
function readForm() {
  const plan = structuredClone(state.record.input);
  for (const group of GROUPS) {
    for (const field of group.fields) {
      const input = document.getElementById(`f-${field.path.replaceAll(".", "-")}`);
      if (input.value === input.dataset.initial) continue;
      if (field.model) {
        switchModel(plan, field.path.split(".")[0], input.value);
        continue;
      }
      setPath(plan, field.path, fromInput(field, input.value));
      if (field.path.endsWith("capacity.basis")) switchCapacity(plan, field.path.split(".")[0]);
      if (field.path === "presales.curve.kind") plan.presales.curve = input.value === "builtin" ? { kind: "builtin", id: "double11" } : state.record.input.presales.curve;
    }
  }
  if (plan.peakBand && !plan.peakBand.start && !plan.peakBand.end) delete plan.peakBand;
  if (plan.requirement.method === "service-level") {
    for (const queue of ["presales", "aftersales"]) {
      plan[queue].service ??= { ahtSec: 300, targetSec: 30, serviceLevel: 0.8 };
      // A list of handle times sets K itself.
      const chat = plan[queue].service.chat;
      if (Array.isArray(chat?.ahtSecByParallel)) chat.maxParallel = chat.ahtSecByParallel.length;
    }
  }
  return plan;
}

/**
 * Shows the draft's values in the untouched inputs under `prefix` (after a switch of model, the
 * other model's fields start from the values the switch carried across).
 */
function refillUntouched(prefix, draft) {
  for (const field of GROUPS.flatMap((g) => g.fields)) {
    if (!field.path.startsWith(prefix) || field.model) continue;
    const input = document.getElementById(`f-${field.path.replaceAll(".", "-")}`);
    if (input.value !== input.dataset.initial) continue;
    input.value = input.dataset.initial = toInput(field, getPath(draft, field.path));
  }
}

/** Keeps only the chosen capacity basis's fields (the API rejects the other's). */
function switchCapacity(plan, queue) {
  const capacity = plan[queue].capacity;
  const keep = capacity.basis === "perAgentDay" ? ["basis", "saturationPerAgentDay"] : ["basis", "messagesPerCustomer", "secondsPerMessage", "utilization"];
  for (const key of Object.keys(capacity)) if (!keep.includes(key)) delete capacity[key];
}

function showFieldErrors(issues) {
  for (const el of document.querySelectorAll(".field")) {
    el.classList.remove("invalid");
    el.querySelector(".error").textContent = "";
  }
  const unplaced = [];
  for (const issue of issues) {
    const row = fieldFor(issue.path);
    if (row) {
      row.classList.add("invalid");
      row.hidden = false;
      const field = GROUPS.flatMap((g) => g.fields).find((f) => f.path === row.dataset.path);
      const text = issueText(issue, language(), { percent: field?.kind === "percent" && field.path === issue.path, format: (n) => formatNumber(n, 6) });
      const error = row.querySelector(".error");
      error.textContent = error.textContent ? `${error.textContent}; ${text}` : text;
    } else unplaced.push(`${issue.path}: ${issueText(issue, language())}`);
  }
  showBanner(issues.length ? `${t("scenario.invalid", { count: issues.length })}${unplaced.length ? ` ${unplaced.join("; ")}` : ""}` : null);
}

/** The form row for an API path: the field itself, or the closest field under or above it. */
function fieldFor(path) {
  const rows = [...document.querySelectorAll(".field")];
  return rows.find((r) => r.dataset.path === path) ?? rows.find((r) => r.dataset.path.startsWith(`${path}.`)) ?? rows.find((r) => path.startsWith(`${r.dataset.path}.`));
}

let previewTimer;
function onEdit(event) {
  state.draft = readForm();
  const field = GROUPS.flatMap((g) => g.fields).find((f) => f.model && `f-${f.path.replaceAll(".", "-")}` === event?.target?.id);
  if (field) refillUntouched(`${field.path.split(".")[0]}.service.`, state.draft);
  showConditional(state.draft);
  state.dirty = true;
  $("dirty").textContent = t("scenario.unsaved");
  clearTimeout(previewTimer);
  previewTimer = setTimeout(runPreview, 250);
}

async function runPreview() {
  const seq = ++state.previewSeq;
  try {
    const result = await api("POST", "/staffing", state.draft);
    if (seq !== state.previewSeq) return;
    showFieldErrors([]);
    state.preview = result;
    renderPlan();
  } catch (error) {
    if (seq !== state.previewSeq) return;
    if (error.status === 400) showFieldErrors(error.issues);
    else showBanner(t("app.error", { message: error.message }));
  }
}

// ---------------------------------------------------------------- scenarios

async function loadPlans(selectId) {
  state.plans = await api("GET", "/plans");
  for (const id of ["scenario", "compare-a", "compare-b"]) {
    $(id).replaceChildren(...state.plans.map((p) => new Option(p.name, String(p.id))));
  }
  if (state.plans.length > 1) $("compare-b").value = String(state.plans[1].id);
  const chosen = selectId ?? state.plans[0]?.id;
  if (chosen !== undefined) {
    $("scenario").value = String(chosen);
    await openPlan(chosen);
  }
  await loadCompare();
}

async function openPlan(id) {
  state.record = await api("GET", `/plans/${id}`);
  state.draft = structuredClone(state.record.input);
  state.preview = state.record.result;
  state.roster = await api("GET", `/plans/${id}/roster`).catch((error) => (error.status === 404 ? null : Promise.reject(error)));
  state.staff = state.roster ? { source: "saved", csv: state.roster.staffCsv } : sampleStaff();
  fillForm(state.record.input);
  showFieldErrors([]);
  state.dirty = false;
  renderAll();
  await Promise.all([loadYearOnYear(), loadNight(state.record, state.roster)]);
}

function sampleStaff() {
  const sample = state.samples.find((s) => s.staffCsv);
  return sample ? { source: "sample", csv: sample.staffCsv } : null;
}

/** Saves the form over the open scenario; false (with the reasons shown) when it is not valid. */
async function save() {
  const plan = readForm();
  try {
    const saved = await api("PUT", `/plans/${state.record.id}`, plan);
    await loadPlans(saved.id);
    $("dirty").textContent = t("scenario.saved");
    return true;
  } catch (error) {
    if (error.status === 400) showFieldErrors(error.issues);
    else showBanner(t("app.error", { message: error.message }));
    return false;
  }
}

async function duplicate() {
  const plan = readForm();
  plan.name = t("scenario.copyName", { name: plan.name });
  try {
    const created = await api("POST", "/plans", plan);
    await loadPlans(created.id);
  } catch (error) {
    if (error.status === 400) showFieldErrors(error.issues);
    else showBanner(t("app.error", { message: error.message }));
  }
}

async function remove() {
  if (!confirm(t("scenario.confirmDelete", { name: state.record.name }))) return;
  await api("DELETE", `/plans/${state.record.id}`);
  await loadPlans();
}

// ---------------------------------------------------------------- the chain and the chart

function renderPlan() {
  const result = state.preview;
  const chain = result.chain;
  const input = state.draft;
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

  const roster = state.roster && !isDirty() && state.roster.result.coverage.length === result.intervals.length ? state.roster.result : null;
  $("coverage-note").textContent = !state.roster ? t("chart.noRoster") : state.roster.stale || isDirty() ? t("chart.stale") : "";
  state.charts.coverage = drawCoverage($("coverage"), state.charts.coverage, result, roster);
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

function isDirty() {
  return state.dirty;
}

// ---------------------------------------------------------------- the roster

function renderRoster() {
  const summary = $("roster-summary");
  const source = $("staff-source");
  source.textContent = !state.staff
    ? ""
    : state.staff.source === "file"
      ? t("roster.staffFile", { name: state.staff.name })
      : t("roster.staffSample", { count: Math.max(0, state.staff.csv.trim().split(/\r?\n/).length - 1) });
  renderExports();
  if (!state.roster) {
    summary.replaceChildren(paragraph(t("roster.none")));
    $("gantt").replaceChildren();
    $("rows-shown").textContent = "";
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
        t("roster.deferral", { from: localLabel(r.aftersalesDeferral.from), to: localLabel(r.aftersalesDeferral.to), hours: formatNumber(r.aftersalesDeferral.maxHours, 1), waited: formatNumber(waited, 1) }),
        "note",
      ),
    );
  }
  lines.push(
    paragraph(
      r.findings.length === 0 ? t("roster.findingsNone", { cap: state.draft.rules.maxContinuousDutyHours }) : t("roster.findings", { count: r.findings.length }),
      r.findings.length === 0 ? "ok" : "short",
    ),
  );
  lines.push(paragraph(r.untrainedTemps.length ? t("roster.untrained", { names: r.untrainedTemps.map((p) => `${p.name} (${p.id})`).join("、") }) : t("roster.untrainedNone"), "note"));
  summary.replaceChildren(...lines);
  renderGantt();
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
  if (h.closesGap) return t("roster.hiring", { parts, queues: queuesOf(h.shortfallBeforeHours).map((q) => t(`queue.${q}`)).join(t("list.and")) });
  const left = queuesOf(h.shortfallAfterHours).map((q) => t("roster.hireLeft", { queue: t(`queue.${q}`), hours: formatNumber(h.shortfallAfterHours[q], 1) }));
  return t("roster.hiringPartial", { parts, left: left.join(t("list.sep")) });
}

/** Adds the suggested hires to the staff list and solves again: the proof that they close the gap. */
function addHiresButton(hiring) {
  const button = Object.assign(document.createElement("button"), { id: "add-hires", type: "button", textContent: t("roster.addHires", { count: hiring.people.length }) });
  button.addEventListener("click", () => {
    state.staff = { source: "file", name: t("roster.withHires", { count: hiring.people.length }), csv: withHires(state.staff.csv, hiring.people) };
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
  const chosen = $("export-person").value;
  const people = state.roster.result.people.filter((p) => p.shifts > 0);
  $("export-person").replaceChildren(...people.map((p) => new Option(`${p.name} (${p.id})`, p.id)));
  if (people.some((p) => p.id === chosen)) $("export-person").value = chosen;
  updatePersonLink();
}

function updatePersonLink() {
  const person = $("export-person").value;
  const href = `/api/plans/${state.record.id}/roster.ics?person=${encodeURIComponent(person)}&lang=${language()}`;
  $("export-person-link").replaceChildren(...(person ? [downloadLink("export-ics-person", t("export.icsPerson"), href)] : []));
}

function downloadLink(id, text, href) {
  return Object.assign(document.createElement("a"), { id, textContent: text, href, download: "" });
}

function renderGantt() {
  if (!state.roster) return;
  const filter = { queue: $("filter-queue").value, kind: $("filter-kind").value };
  const staffing = state.record.result;
  const shown = drawGantt($("gantt"), state.roster.result, staffing, filter, state.record.input.rules.maxContinuousDutyHours);
  $("rows-shown").textContent = t("roster.rows", { shown, total: state.roster.result.people.length });
}

function paragraph(text, className) {
  const p = document.createElement("p");
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

async function solve() {
  if (!state.staff) return;
  // A roster is solved from the saved plan: save the edits first, and stop if they are not valid.
  if (isDirty() && !(await save())) return;
  const controller = new AbortController();
  const started = performance.now();
  const limit = 30;
  $("solve").disabled = true;
  $("cancel").hidden = false;
  $("progress").hidden = false;
  const tick = () => {
    const seconds = Math.floor((performance.now() - started) / 1000);
    $("progress-text").textContent = t("roster.solving", { seconds, limit });
    $("progress").querySelector(".bar").style.width = `${Math.min(100, ((performance.now() - started) / 1000 / limit) * 100)}%`;
  };
  tick();
  const timer = setInterval(tick, 250);
  state.solving = controller;
  try {
    state.roster = await api("POST", `/plans/${state.record.id}/roster`, { staffCsv: state.staff.csv }, controller.signal);
    showBanner(null);
    renderAll();
    await Promise.all([loadCompare(), loadYearOnYear(), loadNight(state.record, state.roster)]);
  } catch (error) {
    if (controller.signal.aborted) showBanner(t("roster.cancelled"));
    else if (error.status === 400) showBanner(error.issues.map((i) => `${i.path}: ${issueText(i, language())}`).join("; "));
    else if (error.code === "plan-changed") showBanner(t("roster.planChanged"));
    else if (error.code === "not-found") showBanner(t("roster.planDeleted"));
    else showBanner(t("app.error", { message: error.message }));
  } finally {
    clearInterval(timer);
    state.solving = null;
    $("solve").disabled = false;
    $("cancel").hidden = true;
    $("progress").hidden = true;
  }
}

// ---------------------------------------------------------------- compare

async function loadCompare() {
  const ids = [$("compare-a").value, $("compare-b").value].filter(Boolean);
  if (ids.length < 2) return;
  state.compareSides = await Promise.all(
    ids.map(async (id, i) => ({
      tag: i === 0 ? "A" : "B",
      plan: await api("GET", `/plans/${id}`),
      roster: await api("GET", `/plans/${id}/roster`).catch(() => null),
    })),
  );
  renderCompare();
}

/** Draws the loaded comparison (again, e.g. in the other language). */
function renderCompare() {
  const sides = state.compareSides;
  if (!sides) return;
  const [a, b] = sides;
  $("compare-note").textContent = a.plan.result.window.start !== b.plan.result.window.start ? t("compare.sameWindow") : "";
  state.charts.compare = drawComparison($("compare-chart"), state.charts.compare, sides);
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
  const table = $("compare-table");
  const head = document.createElement("tr");
  for (const text of [t("compare.metric"), `A · ${a.plan.name}`, `B · ${b.plan.name}`]) head.append(Object.assign(document.createElement("th"), { textContent: text }));
  table.replaceChildren(
    head,
    ...rows.map(([key, value]) => {
      const tr = document.createElement("tr");
      tr.append(Object.assign(document.createElement("td"), { textContent: t(key) }));
      for (const side of sides) tr.append(Object.assign(document.createElement("td"), { className: "num", textContent: value(side) }));
      return tr;
    }),
  );
}

// ---------------------------------------------------------------- last year

async function loadHistoryList(selectId) {
  state.history = await api("GET", "/history");
  const keep = selectId ?? $("history-set").value;
  $("history-set").replaceChildren(...state.history.map((d) => new Option(d.name, String(d.id))));
  if (state.history.some((d) => String(d.id) === String(keep))) $("history-set").value = String(keep);
}

/** Fetches the open scenario's comparison with the chosen dataset, and the estimates at the chosen growth. */
async function loadYearOnYear() {
  const historyId = $("history-set").value;
  state.comparison = null;
  state.derivation = null;
  if (!state.record || !historyId) {
    $("history-note").textContent = state.history.length === 0 ? t("history.none") : "";
    showYearOnYear();
    return;
  }
  const growth = Number($("growth").value || 0) / 100;
  try {
    [state.comparison, state.derivation] = await Promise.all([
      api("GET", `/plans/${state.record.id}/compare?history=${historyId}`),
      api("GET", `/plans/${state.record.id}/history-estimates?history=${historyId}&growth=${growth}`),
    ]);
    $("history-note").textContent = "";
  } catch (error) {
    $("history-note").textContent = error.issues?.length ? error.issues.map((i) => issueText(i, language())).join("; ") : t("app.error", { message: error.message });
  }
  showYearOnYear();
}

/** Draws the loaded comparison and estimates (again, e.g. in the other language). */
function showYearOnYear() {
  if (!state.comparison) {
    clearYearOnYear();
    state.charts.history?.destroy();
    state.charts.history = null;
    $("apply-history").disabled = true;
    return;
  }
  renderYearOnYear(state.comparison);
  if (state.derivation) renderEstimates(state.derivation);
  state.charts.history = drawYearOnYear($("history-chart"), state.charts.history, state.comparison);
  $("apply-history").disabled = !state.derivation;
}

async function importHistory(file) {
  try {
    const res = await fetch(`/api/history?name=${encodeURIComponent(file.name.replace(/\.csv$/i, ""))}`, { method: "POST", headers: { "content-type": "text/csv" }, body: file });
    const data = await res.json();
    if (!res.ok) {
      $("history-note").textContent = t("history.importFailed", { issues: (data.error.issues.length ? data.error.issues.map((i) => `${i.path}: ${issueText(i, language())}`) : [data.error.message]).join("; ") });
      return;
    }
    await loadHistoryList(data.id);
    await loadYearOnYear();
    const s = data.summary;
    // 200, not 201: the same hours were imported before; that dataset is selected.
    if (res.status === 200) $("history-note").textContent = t("history.alreadyImported", { name: data.name });
    else $("history-note").textContent = t("history.imported", { name: data.name, hours: formatNumber(s.hours), from: s.from.replace("T", " "), to: s.to.replace("T", " "), encoding: data.encoding.toUpperCase() });
  } finally {
    $("history-file").value = "";
  }
}

/** Applies last year's estimates to the open scenario (saving pending edits first). */
async function applyHistory() {
  if (isDirty() && !(await save())) return;
  const growth = Number($("growth").value || 0);
  try {
    const { plan, derivation } = await api("POST", `/plans/${state.record.id}/apply-history`, { historyId: Number($("history-set").value), growthRate: growth / 100 });
    await loadPlans(plan.id);
    const fields = derivation.estimates.filter((e) => e.value !== null && e.paths.length > 0).map((e) => t(`history.est.${e.key}`));
    showBanner(null);
    $("history-note").textContent = t("history.applied", { growth: formatNumber(growth), fields: fields.join("、") });
  } catch (error) {
    $("history-note").textContent = error.issues?.length ? error.issues.map((i) => `${i.path}: ${issueText(i, language())}`).join("; ") : t("app.error", { message: error.message });
  }
}

// ---------------------------------------------------------------- wiring

function fillFilters() {
  const keep = (id) => $(id).value || "all";
  const queue = keep("filter-queue");
  const kind = keep("filter-kind");
  $("filter-queue").replaceChildren(...[["all", "roster.all"], ["presales", "queue.presales"], ["aftersales", "queue.aftersales"]].map(([v, k]) => new Option(t(k), v)));
  $("filter-kind").replaceChildren(
    ...[["all", "roster.all"], ["fulltime", "kind.fulltime"], ["temp", "kind.temp"], ["support", "kind.support"]].map(([v, k]) => new Option(t(k), v)),
  );
  $("filter-queue").value = queue;
  $("filter-kind").value = kind;
}

function renderAll() {
  translatePage();
  $("lang").textContent = t("app.lang");
  $("dirty").textContent = state.dirty ? t("scenario.unsaved") : "";
  fillFilters();
  if (!state.record) return;
  renderPlan();
  renderRoster();
}

function wire() {
  $("lang").addEventListener("click", async () => {
    setLanguage(language() === "zh" ? "en" : "zh");
    renderAll();
    renderCompare();
    showYearOnYear();
    renderNight();
    renderChatReport();
  });
  $("scenario").addEventListener("change", (e) => openPlan(e.target.value));
  $("save").addEventListener("click", save);
  $("duplicate").addEventListener("click", duplicate);
  $("delete").addEventListener("click", remove);
  $("solve").addEventListener("click", solve);
  $("cancel").addEventListener("click", () => state.solving?.abort());
  $("staff-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    state.staff = { source: "file", name: file.name, csv: await file.text() };
    renderRoster();
  });
  $("filter-queue").addEventListener("change", renderGantt);
  $("filter-kind").addEventListener("change", renderGantt);
  $("compare-a").addEventListener("change", loadCompare);
  $("compare-b").addEventListener("change", loadCompare);
  $("export-person").addEventListener("change", updatePersonLink);
  $("history-set").addEventListener("change", loadYearOnYear);
  $("growth").addEventListener("change", loadYearOnYear);
  $("history-file").addEventListener("change", (e) => e.target.files[0] && importHistory(e.target.files[0]));
  $("apply-history").addEventListener("click", applyHistory);
  initNight({ api, onApplied: showAppliedRoster });
  initChatReport({ record: () => state.record, beforeApply: async () => !isDirty() || (await save()), onApplied: (plan) => loadPlans(plan.id) });
}

/** The night's re-plan became the roster: the roster card, its exports and the views that use it show it. */
async function showAppliedRoster(roster) {
  state.roster = roster;
  state.staff = { source: "saved", csv: roster.staffCsv };
  renderAll();
  await Promise.all([loadCompare(), loadYearOnYear(), loadNight(state.record, state.roster)]);
}

async function main() {
  buildForm();
  wire();
  renderAll();
  try {
    state.samples = await api("GET", "/samples");
    await loadHistoryList();
    await loadPlans();
    await showUser();
  } catch (error) {
    showBanner(t("app.error", { message: error.message }));
  }
  document.body.dataset.ready = "true";
}

main();
