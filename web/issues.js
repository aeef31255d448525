// An input issue in the reader's language, from its `code` and `params` (src/schemas.ts
// `toIssues`). Plain JS with no DOM, so the page and the CLI share it; an issue without a code
// we know falls back to its English message.

const TYPE = {
  number: { zh: "数字", en: "a number" },
  string: { zh: "文本", en: "text" },
  array: { zh: "列表", en: "a list" },
  object: { zh: "一组字段", en: "an object" },
  boolean: { zh: "是或否", en: "true or false" },
  int: { zh: "整数", en: "a whole number" },
};

const TEXT = {
  required: { zh: "必填", en: "required" },
  invalid_type: { zh: "应为{expected}", en: "must be {expected}" },
  "too_big.number": { zh: "不能大于 {maximum}", en: "must be at most {maximum}" },
  "too_big.number.exclusive": { zh: "须小于 {maximum}", en: "must be less than {maximum}" },
  "too_small.number": { zh: "不能小于 {minimum}", en: "must be at least {minimum}" },
  "too_small.number.exclusive": { zh: "须大于 {minimum}", en: "must be more than {minimum}" },
  "too_big.string": { zh: "最多 {maximum} 个字符", en: "at most {maximum} characters" },
  "too_small.string": { zh: "至少 {minimum} 个字符", en: "at least {minimum} characters" },
  "too_big.array": { zh: "最多 {maximum} 项", en: "at most {maximum} items" },
  "too_small.array": { zh: "至少 {minimum} 项", en: "at least {minimum} items" },
  empty: { zh: "不能为空", en: "must not be empty" },
  invalid_value: { zh: "应为以下之一：{values}", en: "must be one of: {values}" },
  unrecognized_keys: { zh: "无法识别的字段：{keys}", en: "unknown fields: {keys}" },
  not_multiple_of: { zh: "应为 {divisor} 的倍数", en: "must be a multiple of {divisor}" },
  invalid_format: { zh: "格式不正确", en: "wrong format" },
  history_no_overlap: {
    zh: "去年数据没有这 {hours} 小时中的任何一小时：按日期对齐需要 {needed} 的数据，文件只有 {covers}。",
    en: "last year's data has none of the window's {hours} hours: it needs hours in {needed}, and the file covers {covers}",
  },
  history_too_few_hours: {
    zh: "去年数据只有这 {hours} 小时中的 {used} 小时，估算至少需要 {minimum} 小时。",
    en: "last year's data has only {used} of the window's {hours} hours; estimates need at least {minimum}",
  },
};

/**
 * The issue's text in `lang` ("zh" or "en"). `options.percent` shows number limits as percent
 * (a field the page shows as 35 for 0.35); `options.format` formats numbers (default: thousands
 * separators).
 */
export function issueText(issue, lang = "zh", options = {}) {
  const key = keyOf(issue);
  const entry = key && TEXT[key];
  if (!entry) return issue.message;
  const p = issue.params ?? {};
  const format = options.format ?? ((n) => n.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 6 }));
  const number = (n) => (options.percent ? `${format(n * 100)} %` : format(n));
  const vars = {
    maximum: typeof p.maximum === "number" ? number(p.maximum) : p.maximum,
    minimum: typeof p.minimum === "number" ? number(p.minimum) : p.minimum,
    expected: TYPE[p.expected]?.[lang] ?? p.expected,
    values: Array.isArray(p.values) ? p.values.map(String).join(lang === "zh" ? "、" : ", ") : "",
    keys: Array.isArray(p.keys) ? p.keys.join(lang === "zh" ? "、" : ", ") : "",
    divisor: p.divisor,
    hours: p.hours,
    used: p.used,
    needed: p.needed,
    covers: p.covers,
  };
  return entry[lang].replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}

function keyOf(issue) {
  const p = issue.params ?? {};
  switch (issue.code) {
    case "too_big":
    case "too_small": {
      if (issue.code === "too_small" && p.origin === "string" && p.minimum === 1) return "empty";
      if (p.origin === "number" || p.origin === "int" || p.origin === "bigint") return `${issue.code}.number${p.inclusive === false ? ".exclusive" : ""}`;
      if (p.origin === "string" || p.origin === "array") return `${issue.code}.${p.origin}`;
      return undefined;
    }
    default:
      return issue.code;
  }
}
