// Types of web/issues.js for the TypeScript side (the CLI prints issues with it).
import type { InputIssue } from "../src/domain/errors.ts";

export function issueText(issue: InputIssue, lang?: "zh" | "en", options?: { percent?: boolean; format?: (n: number) => string }): string;
