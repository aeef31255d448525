// Types of web/night-text.js for the test that holds it against the CLI's words (the page itself is plain JS).
import type { NightChange, NightReplan } from "../src/domain/night.ts";
import type { ReforecastBasis } from "../src/domain/reforecast.ts";

export const CHANGE_KINDS: readonly NightChange["kind"][];
export function fmt(n: number): string;
export function basisText(b: ReforecastBasis): string;
export function summaryLines(n: NightReplan): { head: string; basis: string; shortfall: string; solve: string };
export function changeText(c: NightChange): string;
export function changeGroups(changes: NightChange[]): { kind: NightChange["kind"]; changes: NightChange[] }[];
