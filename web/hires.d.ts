// Types of web/hires.js for the tests that import it (the page itself is plain JS).
import type { Person } from "../src/domain/staff.ts";

export const COLUMNS: Record<keyof Person, readonly string[]>;
export function withHires(csv: string, people: Person[]): string;
