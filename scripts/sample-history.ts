/**
 * Writes data/samples/mid-size-double11.history.csv: a synthetic last-year (2025) Double-11
 * hourly export for the sample shop, GBK-encoded with Chinese headers, the way 千牛/赤兔
 * exports reach ops. Synthetic, not a real shop's data: it is built from the same shapes
 * as the built-in curve, with last year's levels set so this year's sample plan is about
 * 20 % bigger, plus seeded noise. Run: `npx tsx scripts/sample-history.ts`.
 *
 * What the numbers encode (so the comparison has something to find):
 * - pre-sales receptions follow the Double-11 template for Nov 10–16, ordinary days around;
 * - 询单转化率 about 0.44, 客服客单价 about 270 元; sales and orders per hour follow from those;
 * - after-sales receptions come from the shop's orders (客服销售额 ÷ 0.35 ÷ 220 元) × 0.17
 *   contacts, spread by a lag a little slower than the template's;
 * - agents on duty: last year's managers staffed the Nov 10 20:00 – Nov 11 02:00 peak at
 *   about 22 receptions per agent-hour, the rest of those two days at about 26 and ordinary
 *   days at about 18, with at least 4 agents on at night;
 * - first response rises with each agent's load.
 */
import { writeFileSync } from "node:fs";
import iconv from "iconv-lite";
import { DateTime } from "luxon";
import { loadCatalog } from "../src/catalog.ts";
import { random } from "./random.ts";

const OUT = new URL("../data/samples/mid-size-double11.history.csv", import.meta.url);
const template = loadCatalog().defaultTemplate;
const start = DateTime.fromISO("2025-11-01T00:00", { zone: "Asia/Shanghai" });
const days = 25;

const rand = random(20251111);
const noise = (spread: number) => 1 + (rand() * 2 - 1) * spread;

// Pre-sales shape: the template on Nov 10–16, its Nov 13 shape (an ordinary day) elsewhere,
// a little busier in the pre-heat days before the event.
const ordinaryDay = template.presalesWeights.slice(3 * 24, 4 * 24);
const weights: number[] = [];
for (let d = 0; d < days; d++) {
  const templateDay = d - 9;
  const day = templateDay >= 0 && templateDay < 7 ? template.presalesWeights.slice(templateDay * 24, (templateDay + 1) * 24) : ordinaryDay.map((w) => w * (d < 9 ? 1.3 : 0.9));
  weights.push(...day.map((w) => w * noise(0.08)));
}

// Level: last year's CS sales over Nov 10–15 were 8.75 M 元 (this year's sample: 10.5 M).
const windowWeight = weights.slice(9 * 24, 14 * 24).reduce((s, w) => s + w, 0);
const conversion = 0.44;
const orderValueYuan = 270;
const presalesPerWeight = 8_750_000 / orderValueYuan / conversion / windowWeight;
const presales = weights.map((w) => Math.round(w * presalesPerWeight));
const orders = presales.map((p) => Math.round(p * conversion * noise(0.05)));
const sales = orders.map((o) => Math.round(o * orderValueYuan * noise(0.04)));

// After-sales: contacts of each day's shop orders, lagged, spread over waking hours.
const lag = [0.06, 0.14, 0.17, 0.17, 0.14, 0.11, 0.08, 0.06, 0.04, 0.02, 0.01];
const intraday = template.aftersalesIntradayHourly;
const intradayTotal = intraday.reduce((s, w) => s + w, 0);
const aftersalesExact = new Array<number>(days * 24).fill(0);
for (let d = 0; d < days; d++) {
  const shopOrders = sales.slice(d * 24, (d + 1) * 24).reduce((s, x) => s + x, 0) / 0.35 / 220;
  lag.forEach((share, l) => {
    if (d + l >= days) return;
    for (let h = 0; h < 24; h++) {
      const i = (d + l) * 24 + h;
      aftersalesExact[i] = (aftersalesExact[i] as number) + (shopOrders * 0.17 * share * (intraday[h] as number)) / intradayTotal;
    }
  });
}
const aftersales = aftersalesExact.map((a) => Math.round(a * noise(0.06)));

const rows = presales.map((p, i) => {
  const hour = start.plus({ hours: i });
  const receptions = p + (aftersales[i] as number);
  const inPeak = (hour.day === 10 && hour.hour >= 20) || (hour.day === 11 && hour.hour < 2);
  const eventDay = hour.day === 10 || hour.day === 11;
  const agents = Math.max(4, Math.ceil(receptions / (inPeak ? 22 : eventDay ? 26 : 18)));
  const load = receptions / agents;
  const firstResponseSec = Math.round((8 + 20 * (load / 25) ** 3) * noise(0.1));
  return [hour.toFormat("yyyy-MM-dd HH:mm"), p, aftersales[i], agents, firstResponseSec, sales[i], orders[i]];
});

const header = "时间,售前接待量,售后接待量,在线客服数,平均首响(秒),销售额,订单数";
const text = `${[header, ...rows.map((r) => r.join(","))].join("\r\n")}\r\n`;
writeFileSync(OUT, iconv.encode(text, "gbk"));
console.log(`wrote ${rows.length} rows to ${OUT.pathname}`);
