// The plan form: built from fields.js's groups, filled from the open scenario, read back into a
// plan (untouched fields keep their exact saved value), with the fields that apply to the
// chosen options shown and the API's issues next to their inputs. Every edit is sent to
// POST /api/staffing for a preview; the scenario bar (choice, unsaved/saved) is drawn here too.
import { fromInput, GROUPS, getPath, setPath, switchModel, toInput } from "./fields.js";
import { api } from "./api.js";
import { formatNumber, language, t } from "./i18n.js";
import { issueText, pathText } from "./issues.js";
import { addView, render, state } from "./state.js";

const $ = (id) => document.getElementById(id);
const FIELDS = GROUPS.flatMap((g) => g.fields);
const inputId = (field) => `f-${field.path.replaceAll(".", "-")}`;

/** Builds the form and adds its views. */
export function initForm() {
  buildForm();
  addView(
    () => [state.plans, state.record],
    () => {
      $("scenario").replaceChildren(...state.plans.map((p) => new Option(p.name, String(p.id))));
      if (state.record) $("scenario").value = String(state.record.id);
    },
  );
  addView(
    () => [state.record],
    () => state.record && fillForm(state.record.input),
  );
  addView(
    () => [state.draft, state.issues],
    () => {
      if (state.draft) showConditional(state.draft);
      showFieldErrors(state.issues);
    },
  );
  addView(
    () => [state.dirty, state.saved],
    () => {
      $("dirty").textContent = state.dirty ? t("scenario.unsaved") : state.saved ? t("scenario.saved") : "";
    },
  );
}

function buildForm() {
  $("plan-form").replaceChildren(
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
  const id = inputId(field);
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
  for (const field of FIELDS) {
    const input = $(inputId(field));
    const text = toInput(field, getPath(plan, field.path));
    input.value = text;
    input.dataset.initial = text;
  }
  // A curve of counts or shares comes from a file or from last year: it can be kept or
  // replaced by the built-in one, not typed in here.
  for (const option of $("f-presales-curve-kind").options) option.disabled = option.value !== "builtin" && option.value !== plan.presales.curve.kind;
}

function showConditional(plan) {
  for (const field of FIELDS) {
    const row = document.querySelector(`.field[data-path="${field.path}"]`);
    row.hidden = field.when ? !field.when(plan) : false;
  }
}

/** The plan as the form says: the saved one, with every field the user touched read from its input. */
export function readForm() {
  const plan = structuredClone(state.record.input);
  const touched = FIELDS.filter((f) => !f.model && $(inputId(f)).value !== $(inputId(f)).dataset.initial);
  const apply = (field) => {
    setPath(plan, field.path, fromInput(field, $(inputId(field)).value));
    if (field.path.endsWith("capacity.basis")) switchCapacity(plan, queueOf(field));
    if (field.path === "presales.curve.kind") plan.presales.curve = $(inputId(field)).value === "builtin" ? { kind: "builtin", id: "double11" } : state.record.input.presales.curve;
  };
  // First the fields of either model, then each queue's model as its select says, then the
  // touched fields of that model only (an edit made under the other model is dropped with it).
  for (const field of touched) if (modelOf(field) === null) apply(field);
  if (plan.peakBand && !plan.peakBand.start && !plan.peakBand.end) delete plan.peakBand;
  const chosen = {};
  if (plan.requirement.method === "service-level") {
    for (const select of FIELDS.filter((f) => f.model)) {
      const queue = queueOf(select);
      plan[queue].service ??= { ahtSec: 300, targetSec: 30, serviceLevel: 0.8 };
      chosen[queue] = $(inputId(select)).value;
      switchModel(plan, queue, chosen[queue]);
    }
  }
  for (const field of touched) if (modelOf(field) !== null && modelOf(field) === chosen[queueOf(field)]) apply(field);
  for (const queue of Object.keys(chosen)) {
    // A list of handle times sets K itself.
    const chat = plan[queue].service.chat;
    if (Array.isArray(chat?.ahtSecByParallel)) chat.maxParallel = chat.ahtSecByParallel.length;
  }
  return plan;
}

const queueOf = (field) => field.path.split(".")[0];

/** Which model a field belongs to: "chat" (the chat spec, convention, lines), "factor" (handle time, divisor) or null (both). */
function modelOf(field) {
  if (/\.service\.(chat\.|slConvention$|lines$)/.test(field.path)) return "chat";
  if (/\.service\.(ahtSec|concurrency)$/.test(field.path)) return "factor";
  return null;
}

/**
 * Shows the draft's values in the untouched inputs under `prefix` (after a switch of model, the
 * other model's fields start from the values the switch carried across).
 */
function refillUntouched(prefix, draft) {
  for (const field of FIELDS) {
    if (!field.path.startsWith(prefix) || field.model) continue;
    const input = $(inputId(field));
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

/** The form field for an API path: the field itself, or the closest field under or above it. */
function fieldFor(path) {
  return FIELDS.find((f) => f.path === path) ?? FIELDS.find((f) => f.path.startsWith(`${path}.`)) ?? FIELDS.find((f) => path.startsWith(`${f.path}.`));
}

/** Sets the API's field issues, and the banner that counts them (naming those no field shows). */
export function setIssues(issues) {
  const unplaced = issues.filter((issue) => !fieldFor(issue.path)).map((issue) => `${pathText(issue.path, language())}: ${issueText(issue, language())}`);
  state.issues = issues;
  state.banner = issues.length ? `${t("scenario.invalid", { count: issues.length })}${unplaced.length ? ` ${unplaced.join("; ")}` : ""}` : null;
}

/** A refused save or preview: the issues next to their fields (400), or the error in the banner. */
export function setFailure(error) {
  if (error.status === 400) setIssues(error.issues);
  else state.banner = t("app.error", { message: error.message });
}

function showFieldErrors(issues) {
  for (const el of document.querySelectorAll(".field")) {
    el.classList.remove("invalid");
    el.querySelector(".error").textContent = "";
  }
  for (const issue of issues) {
    const field = fieldFor(issue.path);
    if (!field) continue;
    const row = document.querySelector(`.field[data-path="${field.path}"]`);
    row.classList.add("invalid");
    row.hidden = false;
    const text = issueText(issue, language(), { percent: field.kind === "percent" && field.path === issue.path, format: (n) => formatNumber(n, 6) });
    const error = row.querySelector(".error");
    error.textContent = error.textContent ? `${error.textContent}; ${text}` : text;
  }
}

let previewTimer;
let previewSeq = 0;

function onEdit(event) {
  const draft = readForm();
  const field = FIELDS.find((f) => f.model && inputId(f) === event?.target?.id);
  if (field) refillUntouched(`${field.path.split(".")[0]}.service.`, draft);
  Object.assign(state, { draft, dirty: true, saved: false });
  render();
  clearTimeout(previewTimer);
  previewTimer = setTimeout(runPreview, 250);
}

async function runPreview() {
  const seq = ++previewSeq;
  const input = state.draft;
  try {
    const result = await api("POST", "/staffing", input);
    if (seq !== previewSeq) return;
    setIssues([]);
    state.preview = { input, result };
  } catch (error) {
    if (seq !== previewSeq) return;
    setFailure(error);
  }
  render();
}
