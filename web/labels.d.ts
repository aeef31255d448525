// Types of web/labels.js for the TypeScript side (the CLI says its words with it).
export const LABELS: Record<string, { zh: string; en: string }>;
export function label(key: string, lang: "zh" | "en", vars?: Record<string, string | number>): string;
export function hasLabel(key: string): boolean;
