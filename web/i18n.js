// The page's language: labels from web/labels.js (shared with the CLI) in the chosen language;
// t(key, vars) fills {name} placeholders; the chosen language is remembered in localStorage.

import { label } from "./labels.js";

export { hasLabel } from "./labels.js";

const STORAGE_KEY = "peakcrew.lang";
let lang = localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh";

export function language() {
  return lang;
}

export function setLanguage(next) {
  lang = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
}

/** The label for `key` in the current language, with {placeholders} filled from `vars`. */
export function t(key, vars = {}) {
  return label(key, lang, vars);
}

/** Fills every element marked data-i18n="key" with its label. */
export function translatePage(root = document) {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
}

/** Numbers in the page's language: 1,234.5 / 1,234.5. */
export function formatNumber(value, digits = 0) {
  return value.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: digits });
}
