// Last year against this year: the imported datasets (GET/POST /api/history), the open
// scenario compared with the chosen one (…/compare) and the estimates at the growth typed
// (…/history-estimates), drawn by history.js and charts.js, and Apply (…/apply-history).
import { api, upload } from "./api.js";
import { drawYearOnYear } from "./charts.js";
import { clearYearOnYear, renderEstimates, renderYearOnYear } from "./history.js";
import { formatNumber, language, t } from "./i18n.js";
import { issueText, pathText } from "./issues.js";
import { addView, render, state } from "./state.js";

const $ = (id) => document.getElementById(id);
/** The issues in words; the growth rate is typed as a percent, so its limits read as percent. */
const problems = (error, withPath) =>
  error.issues
    .map((i) => {
      const text = issueText(i, language(), { percent: /^growth(Rate)?$/.test(i.path) });
      return withPath ? `${pathText(i.path, language())}: ${text}` : text;
    })
    .join("; ");
let chart = null;
let hooks = null;

/**
 * Wires the card's controls and adds its views. `hooks`: save() → false when the form's edits
 * are not valid; applied(plan) → reloads the scenarios with `plan` open.
 */
export function initYoyView(yoyHooks) {
  hooks = yoyHooks;
  state.growthPercent = Number($("growth").value || 0);
  $("history-set").addEventListener("change", (e) => {
    state.historyId = e.target.value;
    render();
    loadYearOnYear();
  });
  $("growth").addEventListener("change", (e) => {
    state.growthPercent = Number(e.target.value || 0);
    loadYearOnYear();
  });
  $("history-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    try {
      await importHistory(file);
    } finally {
      e.target.value = "";
    }
  });
  $("apply-history").addEventListener("click", applyHistory);
  addView(() => [state.history, state.historyId], renderChoice);
  addView(
    () => [state.historyNote],
    () => ($("history-note").textContent = state.historyNote),
  );
  addView(() => [state.comparison, state.derivation], renderComparison);
}

/** Fetches the imported datasets, choosing `selectId` (or keeping the one chosen, or the first). */
export async function loadHistoryList(selectId) {
  const history = await api("GET", "/history");
  const keep = String(selectId ?? state.historyId);
  Object.assign(state, { history, historyId: history.some((d) => String(d.id) === keep) ? keep : String(history[0]?.id ?? "") });
  render();
}

/** Fetches the open scenario's comparison with the chosen dataset, and the estimates at the chosen growth. */
export async function loadYearOnYear() {
  const historyId = state.historyId;
  const next = { comparison: null, derivation: null, historyNote: "" };
  if (!state.record || !historyId) {
    next.historyNote = state.history.length === 0 ? t("history.none") : "";
  } else {
    const planId = state.record.id;
    try {
      [next.comparison, next.derivation] = await Promise.all([
        api("GET", `/plans/${planId}/compare?history=${historyId}`),
        api("GET", `/plans/${planId}/history-estimates?history=${historyId}&growth=${state.growthPercent / 100}`),
      ]);
    } catch (error) {
      next.historyNote = error.issues?.length ? problems(error, false) : t("app.error", { message: error.message });
    }
  }
  Object.assign(state, next);
  render();
}

async function importHistory(file) {
  let answer;
  try {
    answer = await upload(`/history?name=${encodeURIComponent(file.name.replace(/\.csv$/i, ""))}`, file, "text/csv");
  } catch (error) {
    state.historyNote = t("history.importFailed", { issues: error.issues?.length ? problems(error, true) : error.message });
    render();
    return;
  }
  const { status, data } = answer;
  await loadHistoryList(data.id);
  await loadYearOnYear();
  const s = data.summary;
  // 200, not 201: the same hours were imported before; that dataset is selected.
  state.historyNote =
    status === 200
      ? t("history.alreadyImported", { name: data.name })
      : t("history.imported", { name: data.name, hours: formatNumber(s.hours), from: s.from.replace("T", " "), to: s.to.replace("T", " "), encoding: data.encoding.toUpperCase() });
  render();
}

/** Applies last year's estimates to the open scenario (saving pending edits first). */
async function applyHistory() {
  if (state.dirty && !(await hooks.save())) return;
  const growth = state.growthPercent;
  try {
    const { plan, derivation } = await api("POST", `/plans/${state.record.id}/apply-history`, { historyId: Number(state.historyId), growthRate: growth / 100 });
    await hooks.applied(plan);
    const fields = derivation.estimates.filter((e) => e.value !== null && e.paths.length > 0).map((e) => t(`history.est.${e.key}`));
    state.banner = null;
    state.historyNote = t("history.applied", { growth: formatNumber(growth), fields: fields.join("、") });
  } catch (error) {
    state.historyNote = error.issues?.length ? problems(error, true) : t("app.error", { message: error.message });
  }
  render();
}

function renderChoice() {
  $("history-set").replaceChildren(...state.history.map((d) => new Option(d.name, String(d.id))));
  $("history-set").value = state.historyId;
}

/** Draws the loaded comparison and estimates, or clears the card. */
function renderComparison() {
  if (!state.comparison) {
    clearYearOnYear();
    chart?.destroy();
    chart = null;
    $("apply-history").disabled = true;
    return;
  }
  renderYearOnYear(state.comparison);
  if (state.derivation) renderEstimates(state.derivation);
  chart = drawYearOnYear($("history-chart"), chart, state.comparison);
  $("apply-history").disabled = !state.derivation;
}
