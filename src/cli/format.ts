/** Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned. */

export type Cell = string | number;

export function table(header: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map((c) => (typeof c === "number" ? fmt(c) : c)));
  const widths = header.map((h, i) => Math.max(width(h), ...text.map((r) => width(r[i] ?? ""))));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === "number"));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? pad(c, widths[i] as number, "left") : pad(c, widths[i] as number, "right"))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...text.map(line)].join("\n");
}

/** Integers as they are; other numbers to 2 decimals (4 below 1). */
export function fmt(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) < 1 ? n.toFixed(4) : n.toFixed(2);
}

/** CJK characters take two terminal columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, to: number, side: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, to - width(s)));
  return side === "left" ? fill + s : s + fill;
}
