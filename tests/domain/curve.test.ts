import { describe, expect, it } from "vitest";
import { buildGrid, curveShares, resample } from "../../src/domain/curve.ts";
import { catalog, inputIssuesOf } from "../fixtures.ts";

const window3d = { start: "2026-11-10T00:00", end: "2026-11-13T00:00", zone: "Asia/Shanghai" };
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

const issuesOf = inputIssuesOf;

describe("buildGrid", () => {
  it("cuts the default 3-day window into 288 quarter hours in the plan's zone", () => {
    const grid = buildGrid(window3d, 15);
    expect(grid.starts).toHaveLength(288);
    expect(grid.starts[0]).toBe("2026-11-10T00:00:00.000+08:00");
    expect(grid.starts[287]).toBe("2026-11-12T23:45:00.000+08:00");
  });

  it("counts real elapsed time across a daylight-saving change (New York, 1 Nov 2026 has 25 hours)", () => {
    const grid = buildGrid({ start: "2026-11-01T00:00", end: "2026-11-02T00:00", zone: "America/New_York" }, 60);
    expect(grid.starts).toHaveLength(25);
    expect(grid.starts[1]).toBe("2026-11-01T01:00:00.000-04:00");
    expect(grid.starts[2]).toBe("2026-11-01T01:00:00.000-05:00");
  });

  it("rejects a window that ends before it starts, naming window.end", () => {
    expect(issuesOf(() => buildGrid({ ...window3d, end: "2026-11-09T00:00" }, 60))[0]?.path).toBe("window.end");
  });

  it("rejects a window that is not a whole number of intervals", () => {
    expect(issuesOf(() => buildGrid({ ...window3d, end: "2026-11-12T23:50" }, 15))[0]?.path).toBe("window.end");
  });
});

describe("resample (property: totals are preserved)", () => {
  const random = (n: number, seed: number) => {
    let s = seed;
    return Array.from({ length: n }, () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return (s / 2 ** 31) * 100;
    });
  };

  it.each([
    [60, 15],
    [60, 30],
    [30, 15],
    [15, 60],
    [30, 60],
    [15, 30],
  ])("from %i-minute to %i-minute intervals over 3 days", (from, to) => {
    for (const seed of [1, 7, 42]) {
      const values = random((72 * 60) / from, seed);
      const out = resample(values, 0, from, 0, to, (72 * 60) / to);
      expect(sum(out)).toBeCloseTo(sum(values), 9);
    }
  });

  it("splits an hour evenly into quarter hours and sums quarters back into the hour", () => {
    expect(resample([8, 4], 0, 60, 0, 15, 8)).toEqual([2, 2, 2, 2, 1, 1, 1, 1]);
    expect(resample([1, 2, 3, 4, 5, 6, 7, 8], 0, 15, 0, 60, 2)).toEqual([10, 26]);
  });

  it("drops what falls outside the target grid and aligns by offset", () => {
    expect(resample([6, 6], -60, 60, 0, 30, 2)).toEqual([3, 3]);
  });
});

describe("the built-in Double-11 curve", () => {
  const grid = buildGrid(window3d, 30);
  const shares = curveShares({ kind: "builtin", id: "double11" }, grid, catalog.templates, "presales.curve");
  const at = (local: string) => shares[grid.starts.indexOf(`2026-${local}:00.000+08:00`)] as number;

  it("gives shares that sum to 1 over the window", () => {
    expect(sum(shares)).toBeCloseTo(1, 12);
    expect(shares.every((s) => s >= 0)).toBe(true);
  });

  it("peaks at 00:00 on Nov 11, tens of times the overnight level", () => {
    const peak = Math.max(...shares);
    expect(at("11-11T00:00")).toBe(peak);
    expect(peak / at("11-10T03:00")).toBeGreaterThan(20);
  });

  it("rises from 18:00 on Nov 10 and runs the final-payment rush from 20:00", () => {
    expect(at("11-10T18:00")).toBeGreaterThan(at("11-10T16:00"));
    expect(at("11-10T20:00")).toBeGreaterThan(1.5 * at("11-10T19:00"));
  });

  it("has a lull 02:00–08:30 and a daytime peak 08:30–11:00 on Nov 11", () => {
    expect(at("11-11T04:00")).toBeLessThan(at("11-11T09:30") / 4);
    expect(at("11-11T09:30")).toBeGreaterThan(at("11-11T14:00"));
    expect(at("11-11T21:30")).toBeGreaterThan(at("11-11T19:00"));
  });

  it("renormalises over any window inside it", () => {
    const day = buildGrid({ start: "2026-11-11T00:00", end: "2026-11-12T00:00", zone: "Asia/Shanghai" }, 60);
    expect(sum(curveShares({ kind: "builtin", id: "double11" }, day, catalog.templates, "c"))).toBeCloseTo(1, 12);
  });

  it("rejects a window outside the template, naming the window", () => {
    const late = buildGrid({ start: "2026-11-16T00:00", end: "2026-11-18T00:00", zone: "Asia/Shanghai" }, 60);
    const [issue] = issuesOf(() => curveShares({ kind: "builtin", id: "double11" }, late, catalog.templates, "presales.curve"));
    expect(issue?.path).toBe("window");
    expect(issue?.message).toMatch(/2026-11-10 00:00 – 2026-11-17 00:00/);
  });

  it("rejects an unknown built-in id, naming the field", () => {
    expect(issuesOf(() => curveShares({ kind: "builtin", id: "618" }, grid, catalog.templates, "presales.curve"))[0]?.path).toBe("presales.curve.id");
  });
});

describe("user curves", () => {
  const grid = buildGrid(window3d, 60);

  it("counts on an hourly grid are normalised and resampled to the plan's grid", () => {
    const counts = Array.from({ length: 72 }, (_, i) => (i === 24 ? 50 : 1));
    const quarter = buildGrid(window3d, 15);
    const shares = curveShares({ kind: "counts", intervalMin: 60, values: counts }, quarter, catalog.templates, "c");
    expect(shares).toHaveLength(288);
    expect(sum(shares)).toBeCloseTo(1, 12);
    expect(shares[96]).toBeCloseTo(50 / 121 / 4, 12);
  });

  it("shares that do not sum to 1 are rejected with a hint to use counts", () => {
    const [issue] = issuesOf(() => curveShares({ kind: "shares", intervalMin: 60, values: new Array(72).fill(0.1) }, grid, catalog.templates, "presales.curve"));
    expect(issue?.path).toBe("presales.curve.values");
    expect(issue?.message).toMatch(/sum to 1/);
  });

  it("a curve that does not cover the window exactly is rejected with both lengths", () => {
    const [issue] = issuesOf(() => curveShares({ kind: "counts", intervalMin: 30, values: new Array(100).fill(1) }, grid, catalog.templates, "presales.curve"));
    expect(issue?.path).toBe("presales.curve.values");
    expect(issue?.message).toMatch(/3000 min; the window is 4320 min/);
  });

  it("an all-zero curve is rejected", () => {
    expect(issuesOf(() => curveShares({ kind: "counts", intervalMin: 60, values: new Array(72).fill(0) }, grid, catalog.templates, "presales.curve"))[0]?.path).toBe("presales.curve");
  });
});
