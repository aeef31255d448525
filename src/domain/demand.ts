/**
 * Demand per interval per queue (DESIGN.md §2): how many receptions each queue gets in each
 * interval of the window, and how many of them reach a human after the bot.
 */
import { DateTime } from "luxon";
import { type Grid, resample } from "./curve.ts";

export type PresalesDemandInput = {
  /** 售前客服总接待量 over the window (the chain's `presalesReceptions`). */
  receptions: number;
  /** Share of the window's receptions per interval (sums to 1). */
  shares: readonly number[];
  botResolutionRate: number;
};

export type AftersalesDemandInput = {
  /** Orders placed over the window. */
  orders: number;
  /** After-sales contacts per order, ≥ 0 (e.g. 0.12 = 12 contacts per 100 orders). */
  contactRate: number;
  /** Share of an order's contacts arriving d days after the purchase day, d = 0, 1, … (sums to 1). */
  lagDayShares: readonly number[];
  /** Relative after-sales traffic per local clock hour, 24 weights. */
  intradayHourly: readonly number[];
  botResolutionRate: number;
};

export type QueueDemand = {
  /** Receptions per interval, before the bot. */
  receptions: number[];
  /** Receptions per interval that reach a human: receptions × (1 − botResolutionRate). */
  humanReceptions: number[];
};

export type AftersalesDemand = QueueDemand & {
  orders: number;
  /** All after-sales contacts the window's orders generate: orders × contactRate. */
  contactsTotal: number;
  /** The part that lands inside the window (the rest arrives after it ends). */
  contactsInWindow: number;
};

/** Pre-sales receptions per interval: the chain's total spread by the curve. */
export function presalesDemand(input: PresalesDemandInput): QueueDemand {
  const receptions = input.shares.map((s) => s * input.receptions);
  return { receptions, humanReceptions: afterBot(receptions, input.botResolutionRate) };
}

/**
 * After-sales receptions per interval. Assumptions, stated so they can be argued with:
 * orders are placed with the same time shape as pre-sales inquiries (`orderShares`); an
 * order's contacts arrive on the purchase's local day + d with share `lagDayShares[d]`
 * (returns and "where is my parcel" peak in the following week), spread over that day by
 * `intradayHourly`. Contacts that fall after the window are counted in `contactsTotal` but
 * not in any interval.
 */
export function aftersalesDemand(input: AftersalesDemandInput, orderShares: readonly number[], grid: Grid): AftersalesDemand {
  const count = grid.starts.length;
  const windowStart = DateTime.fromMillis(grid.startMs, { zone: grid.zone });
  const firstDay = windowStart.startOf("day");
  // Minutes from the window start to each local midnight (luxon: days may not be 24 h long).
  const windowMin = count * grid.intervalMin;
  const dayStartsMin: number[] = [];
  for (let d = 0; ; d++) {
    const startMin = firstDay.plus({ days: d }).diff(windowStart, "minutes").minutes;
    if (startMin >= windowMin) break;
    dayStartsMin.push(startMin);
  }

  const ordersByDay = new Array<number>(dayStartsMin.length).fill(0);
  let day = 0;
  orderShares.forEach((share, i) => {
    while (day + 1 < dayStartsMin.length && (dayStartsMin[day + 1] as number) <= i * grid.intervalMin) day++;
    ordersByDay[day] = (ordersByDay[day] as number) + share * input.orders;
  });

  const hourTotal = input.intradayHourly.reduce((s, w) => s + w, 0);
  const hourShares = input.intradayHourly.map((w) => w / hourTotal);
  const receptions = new Array<number>(count).fill(0);
  // Local midnights of every contact day, asked of luxon once each (not once per purchase day and lag).
  const contactDayStartsMin = Array.from({ length: ordersByDay.length + input.lagDayShares.length }, (_, d) => dayStartsMin[d] ?? firstDay.plus({ days: d }).diff(windowStart, "minutes").minutes);
  ordersByDay.forEach((dayOrders, purchaseDay) => {
    input.lagDayShares.forEach((lagShare, lag) => {
      const contacts = dayOrders * input.contactRate * lagShare;
      if (contacts === 0) return;
      const dayStartMin = contactDayStartsMin[purchaseDay + lag] as number;
      // Only the intervals the contact day touches: linear in the window, not quadratic.
      const from = Math.max(0, Math.floor(dayStartMin / grid.intervalMin));
      const to = Math.min(count, Math.ceil((dayStartMin + hourShares.length * 60) / grid.intervalMin));
      if (to <= from) return;
      const spread = resample(hourShares, dayStartMin, 60, from * grid.intervalMin, grid.intervalMin, to - from);
      spread.forEach((share, k) => {
        receptions[from + k] = (receptions[from + k] as number) + share * contacts;
      });
    });
  });

  return {
    orders: input.orders,
    contactsTotal: input.orders * input.contactRate,
    contactsInWindow: receptions.reduce((s, r) => s + r, 0),
    receptions,
    humanReceptions: afterBot(receptions, input.botResolutionRate),
  };
}

function afterBot(receptions: readonly number[], botResolutionRate: number): number[] {
  return receptions.map((r) => r * (1 - botResolutionRate));
}
