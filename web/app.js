// The planner page. It talks to the server only over HTTP (api.js), keeps no rules of its own:
// every edit is sent to POST /api/staffing for a preview, and the API's field paths put its
// messages next to the inputs. Saved scenarios are /api/plans (scenarios.js); rosters
// /api/plans/:id/roster and its exports (roster-view.js); last year's data /api/history
// (yoy-view.js); two scenarios side by side (compare-view.js); the night's re-plan (night.js).
// The page draws from one state (state.js): this file wires the views and starts the page.
import { api } from "./api.js";
import { initChatReport, renderChatReport } from "./chat-report.js";
import { initCompareView } from "./compare-view.js";
import { initForm } from "./form.js";
import { language, setLanguage, t } from "./i18n.js";
import { showUser } from "./login.js";
import { initNight, renderNight } from "./night.js";
import { initPlanView } from "./plan-view.js";
import { initRosterView } from "./roster-view.js";
import { duplicate, loadPlans, openPlan, remove, rosterChanged, save, showAppliedRoster } from "./scenarios.js";
import { addView, render, state } from "./state.js";
import { initYoyView, loadHistoryList } from "./yoy-view.js";

const $ = (id) => document.getElementById(id);

function wire() {
  initForm();
  initPlanView();
  initRosterView({ save, solved: rosterChanged });
  initCompareView();
  initYoyView({ save, applied: (plan) => loadPlans(plan.id) });
  initNight({ onApplied: showAppliedRoster });
  initChatReport({ record: () => state.record, beforeApply: async () => !state.dirty || (await save()), onApplied: (plan) => loadPlans(plan.id) });
  // The night's and the chat report's cards keep their own state and draw it as it changes; here, again in the other language.
  addView(() => [], renderNight);
  addView(() => [], renderChatReport);

  $("lang").addEventListener("click", () => {
    setLanguage(language() === "zh" ? "en" : "zh");
    render();
  });
  $("scenario").addEventListener("change", (e) => openPlan(e.target.value));
  $("save").addEventListener("click", save);
  $("duplicate").addEventListener("click", duplicate);
  $("delete").addEventListener("click", remove);
}

async function main() {
  wire();
  render();
  try {
    state.samples = await api("GET", "/samples");
    await loadHistoryList();
    await loadPlans();
    await showUser();
  } catch (error) {
    state.banner = t("app.error", { message: error.message });
    render();
  }
  document.body.dataset.ready = "true";
}

main();
