// Types of web/issues.js for the TypeScript side (the CLI prints issues with it).
import type { InputIssue } from "../src/domain/errors.ts";

export function issueText(issue: InputIssue, lang?: "zh" | "en", options?: { percent?: boolean; format?: (n: number) => string }): string;
export function pathText(path: string, lang?: "zh" | "en"): string;
/** Each issue code's sentence, Chinese and English, with `{param}` placeholders. */
export const TEXT: Record<string, { zh: string; en: string }>;
