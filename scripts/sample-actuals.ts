/**
 * Writes data/samples/mid-size-double11.actuals.csv: a synthetic 千牛-style export of the
 * Double-11 evening so far (2026-11-10 18:00 – 2026-11-11 00:30, 30-minute rows, 售前组 and
 * 售后组 in a 分组 column), GBK-encoded, the way a shop's real-time report reaches the manager.
 * Synthetic, not a real shop's data: 咨询人数 is the sample plan's forecast human receptions (after
 * the bot) × about 1.3 (the night runs 30 % hot, with ±4 % seeded noise), 接待人数 97 % of it,
 * 在线客服数 the plan's scheduled agents, 平均首响 rising with the load. One 平均首响 cell is
 * "-" and the file ends with a 汇总 row, as exports do. Run: `npx tsx scripts/sample-actuals.ts`.
 */
import { writeFileSync } from "node:fs";
import iconv from "iconv-lite";
import { DateTime } from "luxon";
import { loadCatalog, loadSamplePlans } from "../src/catalog.ts";
import { planStaffing } from "../src/domain/staffing.ts";
import { parsePlan } from "../src/schemas.ts";
import { random } from "./random.ts";

const OUT = new URL("../data/samples/mid-size-double11.actuals.csv", import.meta.url);
const FROM = "2026-11-10T18:00";
const TO = "2026-11-11T00:30";
const HOT = 1.3;

const rand = random(20261110);
const noise = (spread: number) => 1 + (rand() * 2 - 1) * spread;

const sample = loadSamplePlans().find((s) => s.id === "mid-size-double11");
if (!sample) throw new Error("data/samples has no mid-size-double11 plan");
const plan = parsePlan(sample.content);
const staffing = planStaffing(plan, loadCatalog());

const rows: (string | number)[][] = [];
const totals = { inquiries: 0, receptions: 0 };
for (const interval of staffing.intervals) {
  const local = DateTime.fromISO(interval.start, { zone: plan.zone }).toFormat("yyyy-MM-dd'T'HH:mm");
  if (local < FROM || local >= TO) continue;
  for (const [queue, group] of [
    ["presales", "售前组"],
    ["aftersales", "售后组"],
  ] as const) {
    const forecast = interval[queue];
    const inquiries = Math.round(forecast.humanReceptions * HOT * noise(0.04));
    const receptions = Math.round(inquiries * 0.97);
    const agents = forecast.scheduledAgents;
    const load = inquiries / Math.max(1, agents);
    const firstResponse = local === "2026-11-10T22:30" && queue === "aftersales" ? "-" : Math.round((8 + 0.5 * load) * noise(0.1));
    rows.push([local.replace("T", " "), group, inquiries, receptions, agents, firstResponse]);
    totals.inquiries += inquiries;
    totals.receptions += receptions;
  }
}
rows.push(["汇总", "", totals.inquiries, totals.receptions, "", ""]);

const header = "时间,分组,咨询人数,接待人数,在线客服数,平均首响(秒)";
const text = `${[header, ...rows.map((r) => r.join(","))].join("\r\n")}\r\n`;
writeFileSync(OUT, iconv.encode(text, "gbk"));
console.log(`wrote ${rows.length} rows to ${OUT.pathname}`);
