import { describe, expect, it } from "vitest";
import { buildGrid } from "../../src/domain/curve.ts";
import { aftersalesDemand, presalesDemand } from "../../src/domain/demand.ts";

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const grid = buildGrid({ start: "2026-11-10T00:00", end: "2026-11-13T00:00", zone: "Asia/Shanghai" }, 60);
const flatDay = new Array(24).fill(1);

describe("presalesDemand", () => {
  it("spreads the chain's receptions by the curve and removes the bot's share", () => {
    const shares = new Array(72).fill(1 / 72);
    const d = presalesDemand({ receptions: 7200, shares, botResolutionRate: 0.25 });
    expect(d.receptions[5]).toBeCloseTo(100, 9);
    expect(d.humanReceptions[5]).toBeCloseTo(75, 9);
    expect(sum(d.receptions)).toBeCloseTo(7200, 9);
  });
});

describe("aftersalesDemand", () => {
  const ordersAllOnDay0 = Array.from({ length: 72 }, (_, i) => (i < 24 ? 1 / 24 : 0));

  it("contacts arrive on the purchase day + lag, spread by the intraday shape", () => {
    const d = aftersalesDemand({ orders: 1000, contactRate: 0.24, lagDayShares: [0, 0.5, 0.5], intradayHourly: flatDay, botResolutionRate: 0 }, ordersAllOnDay0, grid);
    expect(d.contactsTotal).toBeCloseTo(240, 9);
    expect(sum(d.receptions.slice(0, 24))).toBe(0);
    expect(sum(d.receptions.slice(24, 48))).toBeCloseTo(120, 9);
    expect(sum(d.receptions.slice(48, 72))).toBeCloseTo(120, 9);
    expect(d.receptions[30]).toBeCloseTo(5, 9);
  });

  it("contacts that fall after the window are counted in the total but not in any interval", () => {
    const d = aftersalesDemand({ orders: 1000, contactRate: 0.1, lagDayShares: [0.2, 0.2, 0.2, 0.2, 0.2], intradayHourly: flatDay, botResolutionRate: 0 }, ordersAllOnDay0, grid);
    expect(d.contactsTotal).toBeCloseTo(100, 9);
    expect(d.contactsInWindow).toBeCloseTo(60, 9);
    expect(sum(d.receptions)).toBeCloseTo(60, 9);
  });

  it("a daytime intraday shape keeps the night empty, and the bot removes its share", () => {
    const daytime = flatDay.map((_, h) => (h >= 9 && h < 21 ? 1 : 0));
    const d = aftersalesDemand({ orders: 1000, contactRate: 0.12, lagDayShares: [1], intradayHourly: daytime, botResolutionRate: 0.5 }, ordersAllOnDay0, grid);
    expect(d.receptions[3]).toBe(0);
    expect(d.receptions[10]).toBeCloseTo(10, 9);
    expect(d.humanReceptions[10]).toBeCloseTo(5, 9);
  });
});
