/**
 * Writes data/samples/chitu-service-report.csv: a synthetic 赤兔-style per-agent service report
 * (客服绩效), GBK-encoded as the tool exports it, with 20 agents, one who served no chats, and
 * the 汇总 and 均值 rows exports end with. Synthetic, not a real shop's data: it is drawn from
 * the chat model itself so the estimators can be checked against known values
 * (tests/domain/chat-estimate.test.ts):
 *   K = 4 (最大同时接待 4 for most agents: 3 for agents below 2 chats, 5 for about one in seven),
 *   AHT_1 = 150 s, slowdown s = 0.25 per extra chat,
 *   agent i's concurrency c_i uniform in [1.2, 3.8], online 5–10 h,
 *   平均接待时长 D_i = AHT_1 × (1 + s × (c_i − 1)) × (1 ± 6 % noise), written as "m分s秒",
 *   接待人数 = round(c_i × online ÷ D_i), 在线总时长 as hh:mm:ss.
 * The seed is fixed, so the file is the same on every run. Run: `npx tsx scripts/sample-chat-report.ts`.
 */
import { writeFileSync } from "node:fs";
import iconv from "iconv-lite";
import { random } from "./random.ts";

export const GENERATING = { maxParallel: 4, ahtSecAtOneChat: 150, slowdownPerExtraChat: 0.25 } as const;
const OUT = new URL("../data/samples/chitu-service-report.csv", import.meta.url);
const NAMES = ["小美", "小丽", "阿强", "小雨", "小静", "阿杰", "小芳", "小琪", "阿明", "小婷", "小燕", "阿伟", "小敏", "小红", "阿亮", "小慧", "小萍", "阿峰", "小雪", "小玲"];

const rand = random(20261111);
const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
const pad = (n: number) => String(n).padStart(2, "0");
const clock = (sec: number) => `${pad(Math.floor(sec / 3600))}:${pad(Math.floor((sec % 3600) / 60))}:${pad(sec % 60)}`;
const minSec = (sec: number) => `${Math.floor(sec / 60)}分${sec % 60}秒`;
const thousands = (n: number) => n.toLocaleString("en-US");

const { ahtSecAtOneChat: aht1, slowdownPerExtraChat: s } = GENERATING;
const rows: string[][] = [];
const totals = { inquiries: 0, receptions: 0, onlineSec: 0, chatSec: 0 };
for (const name of NAMES) {
  const c = between(1.2, 3.8);
  const onlineSec = Math.round(between(5, 10) * 3600);
  const handleSec = Math.round(aht1 * (1 + s * (c - 1)) * between(0.94, 1.06));
  const receptions = Math.round((c * onlineSec) / handleSec);
  const inquiries = receptions + Math.round(between(0, 0.05) * receptions);
  const maxConcurrent = c < 2 ? 3 : rand() < 0.15 ? 5 : GENERATING.maxParallel;
  const avgResponse = Math.round(between(12, 30) * (1 + 0.2 * c));
  const firstResponse = Math.round(between(5, 15));
  const ratio = `${between(80, 120).toFixed(1)}%`;
  rows.push([`旗舰店:${name}`, thousands(inquiries), thousands(receptions), String(avgResponse), String(firstResponse), minSec(handleSec), String(maxConcurrent), clock(onlineSec), ratio]);
  totals.inquiries += inquiries;
  totals.receptions += receptions;
  totals.onlineSec += onlineSec;
  totals.chatSec += receptions * handleSec;
}
// A supervisor who was online but served nobody: the report lists them with dashes.
rows.push(["旗舰店:主管", "0", "0", "-", "-", "-", "0", clock(2 * 3600), "-"]);
const n = NAMES.length;
rows.push(["汇总", thousands(totals.inquiries), thousands(totals.receptions), "-", "-", "-", "-", clock(totals.onlineSec), "-"]);
rows.push([
  "均值",
  thousands(Math.round(totals.inquiries / n)),
  thousands(Math.round(totals.receptions / n)),
  "-",
  "-",
  minSec(Math.round(totals.chatSec / totals.receptions)),
  "-",
  clock(Math.round(totals.onlineSec / n)),
  "-",
]);

const header = ["客服昵称", "咨询人数", "接待人数", "平均响应(秒)", "首次响应(秒)", "平均接待时长", "最大同时接待", "在线总时长", "答问比"];
const quote = (cell: string) => (/[",]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const text = `${[header, ...rows].map((r) => r.map(quote).join(",")).join("\r\n")}\r\n`;
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ""))) {
  writeFileSync(OUT, iconv.encode(text, "gbk"));
  console.log(`wrote ${rows.length} rows to ${OUT.pathname}`);
}
