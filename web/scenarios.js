// The saved scenarios (/api/plans): list, open, save, copy, delete, and what a new roster means
// for the cards that show it. Not a view: it sets the state, calls render(), and asks each card
// to load what it shows for the scenario open.
import { api } from "./api.js";
import { defaultCompareIds, loadCompare } from "./compare-view.js";
import { readForm, setFailure, setIssues } from "./form.js";
import { t } from "./i18n.js";
import { loadNight } from "./night.js";
import { render, state } from "./state.js";
import { loadYearOnYear } from "./yoy-view.js";

/** Fetches the saved scenarios and opens `selectId` (or the first). */
export async function loadPlans(selectId) {
  const plans = await api("GET", "/plans");
  Object.assign(state, { plans, compareIds: defaultCompareIds(plans) });
  render();
  const chosen = selectId ?? plans[0]?.id;
  if (chosen !== undefined) await openPlan(chosen);
  await loadCompare();
}

export async function openPlan(id) {
  const record = await api("GET", `/plans/${id}`);
  const roster = await api("GET", `/plans/${id}/roster`).catch((error) => (error.status === 404 ? null : Promise.reject(error)));
  Object.assign(state, {
    record,
    draft: structuredClone(record.input),
    preview: { input: record.input, result: record.result },
    roster,
    staff: roster ? { source: "saved", csv: roster.staffCsv } : sampleStaff(),
    dirty: false,
    saved: false,
  });
  setIssues([]);
  render();
  await Promise.all([loadYearOnYear(), loadNight(state.record, state.roster)]);
}

function sampleStaff() {
  const sample = state.samples.find((s) => s.staffCsv);
  return sample ? { source: "sample", csv: sample.staffCsv } : null;
}

/** Saves the form over the open scenario; false (with the reasons shown) when it is not valid. */
export async function save() {
  const plan = readForm();
  try {
    const saved = await api("PUT", `/plans/${state.record.id}`, plan);
    await loadPlans(saved.id);
    state.saved = true;
    render();
    return true;
  } catch (error) {
    setFailure(error);
    render();
    return false;
  }
}

export async function duplicate() {
  const plan = readForm();
  plan.name = t("scenario.copyName", { name: plan.name });
  try {
    const created = await api("POST", "/plans", plan);
    await loadPlans(created.id);
  } catch (error) {
    setFailure(error);
    render();
  }
}

export async function remove() {
  if (!confirm(t("scenario.confirmDelete", { name: state.record.name }))) return;
  await api("DELETE", `/plans/${state.record.id}`);
  await loadPlans();
}

/** A new roster for the open scenario: the cards that use it load again. */
export function rosterChanged() {
  return Promise.all([loadCompare(), loadYearOnYear(), loadNight(state.record, state.roster)]);
}

/** The night's re-plan became the roster: the roster card, its exports and the views that use it show it. */
export async function showAppliedRoster(roster) {
  Object.assign(state, { roster, staff: { source: "saved", csv: roster.staffCsv } });
  render();
  await rosterChanged();
}
