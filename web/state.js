// The page's state and its one render(). Every change to the state is followed by render(),
// which draws the page from the state: the header and banner here, then each view in the order
// app.js added them. A view names the parts of the state it draws from; render() redraws it
// when one of them (compared by identity, so the state's values are replaced, never changed in
// place) or the language changed. Views do not call each other: what one view's action means
// for another goes through the state, or through the hooks app.js gives it.
import { language, t, translatePage } from "./i18n.js";

export const state = {
  /** The saved scenarios: [{id, name, …}]. */
  plans: [],
  /** The saved scenario on screen: {id, name, input, result}. */
  record: null,
  /** The form's plan, and the last preview: {input, result} (the record until an edit). */
  draft: null,
  preview: null,
  /** The form differs from the saved scenario; it was just saved. */
  dirty: false,
  saved: false,
  /** The API's field issues for the form, and the message under the header (text or null). */
  issues: [],
  banner: null,
  /** The built-in samples, the staff list for the next solve ({source, name?, csv}) and the roster record. */
  samples: [],
  staff: null,
  roster: null,
  /** A solve under way: {controller, elapsedMs}. */
  solving: null,
  /** The Gantt's filter and the person whose calendar the export link is for. */
  filter: { queue: "all", kind: "all" },
  exportPerson: null,
  /** The two scenario ids chosen to compare, and what was loaded for them: [{tag, plan, roster}]. */
  compareIds: [],
  compareSides: null,
  /** Last year's datasets, the one chosen, the growth typed (percent), its comparison and estimates for the open scenario, and the card's note. */
  history: [],
  historyId: "",
  growthPercent: 0,
  comparison: null,
  derivation: null,
  historyNote: "",
};

const views = [];

/** Adds a view: `draw()` runs on render() when any value `inputs()` returns, or the language, changed since it last ran. */
export function addView(inputs, draw) {
  views.push({ inputs, draw, last: null });
}

/** Draws what changed since the last render(). */
export function render() {
  for (const view of views) {
    const now = [language(), ...view.inputs()];
    if (view.last?.length === now.length && now.every((value, i) => Object.is(value, view.last[i]))) continue;
    view.last = now;
    view.draw();
  }
}

const $ = (id) => document.getElementById(id);

addView(
  () => [],
  () => {
    translatePage();
    $("lang").textContent = t("app.lang");
  },
);
addView(
  () => [state.banner],
  () => {
    $("banner").hidden = !state.banner;
    $("banner").textContent = state.banner ?? "";
  },
);
