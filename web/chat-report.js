// 导入千牛/赤兔接待报表: the shop's per-agent service report sent to
// POST /api/plans/:id/chat-report for the chat model's estimates with their basis (nothing
// saved), then …/chat-report/apply, which writes them into the chosen queue's service.chat.
import { upload } from "./api.js";
import { issueText, pathText } from "./issues.js";
import { formatNumber, language, t } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const cell = (tag, text, className) => Object.assign(document.createElement(tag), { textContent: text, className: className ?? "" });
const row = (cells) => {
  const tr = document.createElement("tr");
  tr.append(...cells);
  return tr;
};

/** The file chosen and the estimates it gave; the app's hooks. */
const state = { file: null, answer: null, error: null, hooks: null };

/** Wires the file input, queue choice and apply button. `hooks`: record() → the open plan; beforeApply() → false to stop; onApplied(plan). */
export function initChatReport(hooks) {
  state.hooks = hooks;
  $("chat-report-file").addEventListener("change", (e) => {
    state.file = e.target.files[0] ?? null;
    estimate();
  });
  $("chat-report-queue").addEventListener("change", estimate);
  $("chat-report-apply").addEventListener("click", apply);
  renderChatReport();
}

async function send(path) {
  const record = state.hooks.record();
  if (!record) throw Object.assign(new Error(t("chatReport.needPlan")), { issues: [] });
  const query = `queue=${$("chat-report-queue").value}&fileName=${encodeURIComponent(state.file.name)}`;
  const { data } = await upload(`/plans/${record.id}/${path}?${query}`, state.file, "application/octet-stream");
  return data;
}

const problem = (error) => (error.issues?.length ? error.issues.map((i) => `${pathText(i.path, language())}: ${issueText(i, language())}`).join("; ") : error.message);

async function estimate() {
  state.answer = null;
  state.error = null;
  if (state.file) {
    try {
      state.answer = await send("chat-report");
    } catch (error) {
      state.error = t("chatReport.failed", { issues: problem(error) });
    }
  }
  renderChatReport();
}

async function apply() {
  if (!state.answer || !(await state.hooks.beforeApply())) return;
  try {
    const { plan, queue, calibration } = await send("chat-report/apply");
    await state.hooks.onApplied(plan);
    state.answer = { ...calibration, queue, current: plan.input[queue].service.chat };
    renderChatReport();
    $("chat-report-note").textContent = t("chatReport.applied", { queue: t(`queue.${queue}`), version: plan.version });
  } catch (error) {
    $("chat-report-note").textContent = t("chatReport.failed", { issues: problem(error) });
  }
}

/** Draws the estimates (again, e.g. in the other language). */
export function renderChatReport() {
  const keep = $("chat-report-queue").value || "presales";
  $("chat-report-queue").replaceChildren(...["presales", "aftersales"].map((q) => new Option(t(`queue.${q}`), q)));
  $("chat-report-queue").value = keep;
  const a = state.answer;
  $("chat-report-apply").disabled = !a;
  if (!a) {
    $("chat-report-note").textContent = state.error ?? "";
    $("chat-report-table").replaceChildren();
    return;
  }
  const format = `${a.format.toUpperCase()}${a.encoding ? ` · ${a.encoding.toUpperCase()}` : ""}`;
  const list = a.ahtSecByParallel.map((x) => formatNumber(x, 1)).join(" / ");
  $("chat-report-note").textContent = `${t("chatReport.read", { agents: a.agents, format })} ${t("chatReport.model", { k: a.chat.maxParallel, list })}`;
  $("chat-report-table").replaceChildren(
    row(["history.col.estimate", "history.col.value", "history.col.sets", "history.col.basis"].map((k) => cell("th", t(k)))),
    ...a.estimates.map((e) =>
      row([
        cell("td", t(`chatReport.est.${e.key}`)),
        cell("td", formatNumber(e.value, e.value < 1 ? 4 : 2), "num"),
        cell("td", e.sets ? `service.chat.${e.sets}${e.fallback ? t("chatReport.fallback") : ""}` : t("history.info"), "note"),
        cell("td", e.basis[language()] ?? e.basis.en, "note"),
      ]),
    ),
  );
}
