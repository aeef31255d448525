/**
 * Rounds a head count up, ignoring floating-point dust: 21 ÷ (1 − 0.3) is
 * 30.000000000000004 in binary floating point and must give 30, not 31.
 */
export function ceilCount(x: number): number {
  const n = Math.ceil(x - 1e-9 * Math.max(1, Math.abs(x)));
  return n === 0 ? 0 : n; // never -0
}
