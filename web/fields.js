// The plan form: every input of a plan, grouped the way a manager thinks of them. Each field
// names its path in the plan JSON (the same path the API's errors use), its label and hint
// keys in i18n.js, its unit and how the form shows it (percent fields show 35 for 0.35).

const queueFields = (queue) => [
  ...(queue === "presales"
    ? [
        {
          path: "presales.curve.kind",
          label: "f.curve",
          hint: "h.curve",
          kind: "select",
          options: [
            ["builtin", "opt.curve.builtin"],
            ["counts", "opt.curve.counts"],
            ["shares", "opt.curve.shares"],
          ],
        },
      ]
    : []),
  {
    path: `${queue}.botResolutionRate`,
    label: "f.botResolutionRate",
    hint: "h.botResolutionRate",
    kind: "percent",
    unit: "unit.percent",
  },
  {
    path: `${queue}.capacity.basis`,
    label: "f.capacity.basis",
    hint: "h.capacity.basis",
    kind: "select",
    options: [
      ["perAgentDay", "opt.perAgentDay"],
      ["messages", "opt.messages"],
    ],
  },
  {
    path: `${queue}.capacity.saturationPerAgentDay`,
    label: "f.capacity.saturationPerAgentDay",
    hint: "h.capacity.saturationPerAgentDay",
    kind: "number",
    unit: "unit.perDay",
    when: (plan) => plan[queue].capacity.basis === "perAgentDay",
  },
  {
    path: `${queue}.capacity.messagesPerCustomer`,
    label: "f.capacity.messagesPerCustomer",
    hint: "h.capacity.messagesPerCustomer",
    kind: "number",
    unit: "unit.messages",
    when: (plan) => plan[queue].capacity.basis === "messages",
  },
  {
    path: `${queue}.capacity.secondsPerMessage`,
    label: "f.capacity.secondsPerMessage",
    hint: "h.capacity.secondsPerMessage",
    kind: "number",
    unit: "unit.seconds",
    when: (plan) => plan[queue].capacity.basis === "messages",
  },
  {
    path: `${queue}.capacity.utilization`,
    label: "f.capacity.utilization",
    hint: "h.capacity.utilization",
    kind: "percent",
    unit: "unit.percent",
    when: (plan) => plan[queue].capacity.basis === "messages",
  },
  ...serviceFields(queue),
];

const serviceLevel = (plan) => plan.requirement.method === "service-level";

const chatOn = (queue) => (plan) => serviceLevel(plan) && plan[queue].service?.chat != null;
const factorOn = (queue) => (plan) => serviceLevel(plan) && plan[queue].service?.chat == null;
const chatList = (queue) => (plan) => chatOn(queue)(plan) && Array.isArray(plan[queue].service.chat.ahtSecByParallel);
const chatSlowdown = (queue) => (plan) => chatOn(queue)(plan) && !Array.isArray(plan[queue].service.chat.ahtSecByParallel);

/**
 * A service-level queue's fields. The model select chooses the Erlang Chat model (handle time
 * by chats held, `service.chat`) or the factor method (one handle time ÷ a concurrency divisor).
 */
const serviceFields = (queue) => {
  const field = (name, kind, unit, extra = {}) => ({
    path: `${queue}.service.${name}`,
    label: `f.service.${name}`,
    hint: `h.service.${name}`,
    kind,
    unit,
    when: serviceLevel,
    ...extra,
  });
  return [
    field("chat", "select", undefined, {
      label: "f.service.model",
      hint: "h.service.model",
      model: true,
      options: [
        ["chat", "opt.model.chat"],
        ["factor", "opt.model.factor"],
      ],
    }),
    field("chat.ahtSecAtOneChat", "number", "unit.seconds", { when: chatSlowdown(queue) }),
    field("chat.slowdownPerExtraChat", "percent", "unit.percent", { when: chatSlowdown(queue) }),
    field("chat.maxParallel", "number", "unit.chats", { when: chatSlowdown(queue), optional: true }),
    field("chat.ahtSecByParallel", "list", "unit.seconds", { when: chatList(queue) }),
    field("ahtSec", "number", "unit.seconds", { when: factorOn(queue) }),
    field("concurrency", "number", "unit.divisor", { when: factorOn(queue) }),
    field("targetSec", "number", "unit.seconds"),
    field("serviceLevel", "percent", "unit.percent"),
    field("slConvention", "select", undefined, {
      when: chatOn(queue),
      options: [
        ["answeredWithin", "opt.sl.answeredWithin"],
        ["virtual", "opt.sl.virtual"],
      ],
    }),
    field("maxOccupancy", "percent", "unit.percent"),
    field("shrinkage", "percent", "unit.percent"),
    field("patienceSec", "number", "unit.seconds", { optional: true }),
    field("lines", "number", "unit.chats", { when: chatOn(queue), optional: true }),
  ];
};

/** The slowdown per extra chat a switch to the chat model starts from. */
const SLOWDOWN = 0.15;

/** AHT_K of a queue's chat spec: the list's last, or AHT_1 × (1 + slowdown × (K − 1)) with K from maxParallel or ⌊the Qianniu rule⌋. */
function ahtAtMostChats(service) {
  const chat = service.chat;
  if (Array.isArray(chat.ahtSecByParallel)) return chat.ahtSecByParallel.at(-1);
  return chat.ahtSecAtOneChat * (1 + chat.slowdownPerExtraChat * (chatsHeld(service) - 1));
}

/** K of a queue's chat spec: the list's length, maxParallel, or ⌊the Qianniu rule⌋. */
function chatsHeld(service) {
  const chat = service.chat;
  if (Array.isArray(chat.ahtSecByParallel)) return chat.ahtSecByParallel.length;
  const rule = service.concurrency;
  return Math.max(1, chat.maxParallel ?? (typeof rule === "object" && rule ? Math.floor((rule.sessionMin * rule.repliesPerMin) / rule.questionsPerSession) : 1));
}

/**
 * Switches a queue between the chat model and the factor method, carrying the handle time
 * across both ways as AHT_K, a chat's handle time when its agent holds the most chats: the
 * factor takes AHT_K; the chat model starts from K = ⌊the divisor or the Qianniu rule⌋ and AHT
 * at one chat = the factor's handle time ÷ (1 + 15 % × (K − 1)), a first guess the user edits.
 */
export function switchModel(plan, queue, model) {
  const service = plan[queue].service;
  if (!service) return;
  if (model === "chat" && service.chat == null) {
    const rule = service.concurrency;
    const chats = typeof rule === "object" && rule ? (rule.sessionMin * rule.repliesPerMin) / rule.questionsPerSession : (rule ?? 1);
    const k = Math.min(10, Math.max(1, Math.floor(chats)));
    service.chat = {
      ahtSecAtOneChat: Math.round((service.ahtSec ?? 300) / (1 + SLOWDOWN * (k - 1))),
      slowdownPerExtraChat: SLOWDOWN,
      ...(typeof rule === "object" ? {} : { maxParallel: k }),
    };
  } else if (model === "factor" && service.chat != null) {
    service.ahtSec ??= Math.round(ahtAtMostChats(service));
    // The divisor: K when the chat spec gave it (a Qianniu rule stays as it is).
    if (typeof service.concurrency !== "object") service.concurrency = chatsHeld(service);
    delete service.chat;
    delete service.slConvention;
    delete service.lines;
  }
}

export const GROUPS = [
  {
    id: "basics",
    fields: [
      { path: "name", label: "f.name", hint: "h.name", kind: "text" },
      { path: "window.start", label: "f.window.start", hint: "h.window.start", kind: "datetime" },
      { path: "window.end", label: "f.window.end", hint: "h.window.end", kind: "datetime" },
      { path: "zone", label: "f.zone", hint: "h.zone", kind: "text" },
      {
        path: "intervalMin",
        label: "f.intervalMin",
        hint: "h.intervalMin",
        kind: "select",
        numeric: true,
        options: [
          [15, "15"],
          [30, "30"],
          [60, "60"],
        ],
        unit: "unit.minutes",
      },
      { path: "workdayHours", label: "f.workdayHours", hint: "h.workdayHours", kind: "number", unit: "unit.hours" },
      { path: "peakBand.start", label: "f.peakBand.start", hint: "h.peakBand.start", kind: "datetime", optional: true },
      { path: "peakBand.end", label: "f.peakBand.end", hint: "h.peakBand.end", kind: "datetime", optional: true },
    ],
  },
  {
    id: "chain",
    fields: [
      { path: "chain.salesTargetYuan", label: "f.chain.salesTargetYuan", hint: "h.chain.salesTargetYuan", kind: "number", unit: "unit.yuan" },
      { path: "chain.csSalesShare", label: "f.chain.csSalesShare", hint: "h.chain.csSalesShare", kind: "percent", unit: "unit.percent" },
      { path: "chain.csAvgOrderValueYuan", label: "f.chain.csAvgOrderValueYuan", hint: "h.chain.csAvgOrderValueYuan", kind: "number", unit: "unit.yuan" },
      { path: "chain.inquiryConversionRate", label: "f.chain.inquiryConversionRate", hint: "h.chain.inquiryConversionRate", kind: "percent", unit: "unit.percent" },
    ],
  },
  { id: "presales", fields: queueFields("presales") },
  {
    id: "aftersales",
    fields: [
      { path: "aftersales.shopAvgOrderValueYuan", label: "f.aftersales.shopAvgOrderValueYuan", hint: "h.aftersales.shopAvgOrderValueYuan", kind: "number", unit: "unit.yuan" },
      { path: "aftersales.contactRate", label: "f.aftersales.contactRate", hint: "h.aftersales.contactRate", kind: "percent", unit: "unit.percent" },
      { path: "aftersales.maxDeferHours", label: "f.aftersales.maxDeferHours", hint: "h.aftersales.maxDeferHours", kind: "number", unit: "unit.hours" },
      { path: "aftersales.lagDayShares", label: "f.aftersales.lagDayShares", hint: "h.aftersales.lagDayShares", kind: "list", unit: "unit.list", optional: true },
      { path: "aftersales.intradayHourly", label: "f.aftersales.intradayHourly", hint: "h.aftersales.intradayHourly", kind: "list", unit: "unit.list", optional: true },
      ...queueFields("aftersales"),
    ],
  },
  {
    id: "requirement",
    fields: [
      {
        path: "requirement.method",
        label: "f.requirement.method",
        hint: "h.requirement.method",
        kind: "select",
        options: [
          ["saturation", "opt.saturation"],
          ["service-level", "opt.service-level"],
        ],
      },
    ],
  },
  {
    id: "shifts",
    fields: [
      { path: "shifts.lengthsHours", label: "f.shifts.lengthsHours", hint: "h.shifts.lengthsHours", kind: "list", unit: "unit.hours" },
      { path: "shifts.startStepMinutes", label: "f.shifts.startStepMinutes", hint: "h.shifts.startStepMinutes", kind: "number", unit: "unit.minutes", optional: true },
      { path: "shifts.costPerHour", label: "f.shifts.costPerHour", hint: "h.shifts.costPerHour", kind: "number", unit: "unit.yuan" },
      {
        path: "shifts.breakRule.minShiftHours",
        label: "f.shifts.breakRule.minShiftHours",
        hint: "h.shifts.breakRule.minShiftHours",
        kind: "number",
        unit: "unit.hours",
        when: (plan) => plan.shifts.breakRule !== null,
      },
      {
        path: "shifts.breakRule.breakMinutes",
        label: "f.shifts.breakRule.breakMinutes",
        hint: "h.shifts.breakRule.breakMinutes",
        kind: "number",
        unit: "unit.minutes",
        when: (plan) => plan.shifts.breakRule !== null,
      },
      { path: "shifts.breakRule.window", label: "f.shifts.breakRule.window", hint: "h.shifts.breakRule.window", kind: "list", unit: "unit.list", when: (plan) => plan.shifts.breakRule !== null },
    ],
  },
  {
    id: "rules",
    fields: [
      { path: "rules.maxContinuousDutyHours", label: "f.rules.maxContinuousDutyHours", hint: "h.rules.maxContinuousDutyHours", kind: "number", unit: "unit.hours" },
      { path: "rules.restResetHours", label: "f.rules.restResetHours", hint: "h.rules.restResetHours", kind: "number", unit: "unit.hours" },
      { path: "rules.minRestHours", label: "f.rules.minRestHours", hint: "h.rules.minRestHours", kind: "number", unit: "unit.hours" },
    ],
  },
];

export function getPath(object, path) {
  return path.split(".").reduce((value, key) => (value == null ? undefined : value[key]), object);
}

/** Sets `path` in `object`, creating parents; `undefined` removes the key. */
export function setPath(object, path, value) {
  const keys = path.split(".");
  let target = object;
  for (const key of keys.slice(0, -1)) {
    if (target[key] == null || typeof target[key] !== "object") target[key] = {};
    target = target[key];
  }
  const last = keys.at(-1);
  if (value === undefined) delete target[last];
  else target[last] = value;
}

/** The form's text for a field's value in the plan. */
export function toInput(field, value) {
  if (field.model) return value == null ? "factor" : "chat";
  if (field.path.endsWith(".slConvention")) return value ?? "answeredWithin";
  if (value === undefined || value === null) return "";
  // A Qianniu concurrency rule shows as the chats it gives: session minutes × replies per minute ÷ questions.
  if (typeof value === "object" && !Array.isArray(value)) return String(Math.round(((value.sessionMin * value.repliesPerMin) / value.questionsPerSession) * 100) / 100);
  if (field.kind === "percent") return String(Math.round(value * 100 * 1e6) / 1e6);
  if (field.kind === "list") return value.join(", ");
  return String(value);
}

/**
 * The plan value for a field's text. Numbers the browser cannot read are sent as text, so
 * the API names the field (the page never invents its own rules).
 */
export function fromInput(field, text) {
  const trimmed = text.trim();
  if (trimmed === "") return field.optional ? undefined : field.kind === "text" || field.kind === "datetime" ? "" : null;
  if (field.kind === "number" || field.numeric) return toNumber(trimmed);
  if (field.kind === "percent") {
    const n = toNumber(trimmed);
    return typeof n === "number" ? Math.round(n * 1e6) / 1e8 : n;
  }
  if (field.kind === "list")
    return trimmed
      .split(/[,，\s]+/)
      .filter(Boolean)
      .map(toNumber);
  return trimmed;
}

function toNumber(text) {
  const n = Number(text.replace(/[,，_]/g, ""));
  return Number.isFinite(n) ? n : text;
}
