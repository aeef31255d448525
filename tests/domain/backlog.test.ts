import { describe, expect, it } from "vitest";
import { serveWithDeferral } from "../../src/domain/backlog.ts";

const shortfalls = (rows: { shortfall: number }[]) => rows.map((r) => r.shortfall);
const deferred = (rows: { deferred: number }[]) => rows.map((r) => r.deferred);

describe("serveWithDeferral", () => {
  it("without a deferral, each interval's shortfall is its demand less its capacity", () => {
    const served = serveWithDeferral([3, 5, 2], [4, 2, 2]);
    expect(shortfalls(served)).toEqual([0, 3, 0]);
    expect(deferred(served)).toEqual([0, 0, 0]);
  });

  it("work in the window waits for spare capacity up to the limit, and is not short", () => {
    // 6 arrive at t=1 with room for 2; t=2 and t=3 each have 2 spare: all 4 wait and are served.
    const served = serveWithDeferral([2, 6, 0, 0], [2, 2, 2, 2], { maxIntervals: 2, from: 1, to: 2 });
    expect(deferred(served)).toEqual([0, 4, 0, 0]);
    expect(shortfalls(served)).toEqual([0, 0, 0, 0]);
  });

  it("work still waiting after its limit is short, counted where it arrived", () => {
    // Limit 1 interval: of the 4 that wait at t=1, only t=2's 2 spare agents serve them.
    const served = serveWithDeferral([2, 6, 0, 0], [2, 2, 2, 2], { maxIntervals: 1, from: 1, to: 2 });
    expect(deferred(served)).toEqual([0, 2, 0, 0]);
    expect(shortfalls(served)).toEqual([0, 2, 0, 0]);
  });

  it("work outside the window never waits", () => {
    const served = serveWithDeferral([2, 6, 0, 0], [2, 2, 2, 2], { maxIntervals: 2, from: 2, to: 4 });
    expect(shortfalls(served)).toEqual([0, 4, 0, 0]);
  });

  it("serves the work due first: waiting work gives way to work that may not wait", () => {
    // t=0: 2 deferrable (limit 2) with no capacity; t=1: 2 that must be served now, capacity 2;
    // t=2: capacity 2. Serving t=1's own work first and the waiting work at t=2 leaves nothing short.
    const served = serveWithDeferral([2, 2, 0], [0, 2, 2], { maxIntervals: 2, from: 0, to: 1 });
    expect(shortfalls(served)).toEqual([0, 0, 0]);
    expect(deferred(served)).toEqual([2, 0, 0]);
  });

  it("work whose limit runs past the last interval must be served by the last one", () => {
    const served = serveWithDeferral([0, 5], [0, 3], { maxIntervals: 4, from: 0, to: 2 });
    expect(shortfalls(served)).toEqual([0, 2]);
  });
});
