// Types of web/i18n.js for the tests that import it (the page itself is plain JS).
export function language(): "zh" | "en";
export function setLanguage(next: "zh" | "en"): void;
export function hasLabel(key: string): boolean;
export function t(key: string, vars?: Record<string, string | number>): string;
export function formatNumber(value: number, digits?: number): string;
