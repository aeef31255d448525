/** Rounding and the figures the estimates quote in their English basis lines. */

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A figure for a basis line: integers with thousands separators, others to `digits` decimals at most. */
export function basisFigure(value: number, digits = 2): string {
  return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toLocaleString("en-US", { maximumFractionDigits: digits });
}
