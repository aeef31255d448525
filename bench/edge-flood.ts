/**
 * The hostile side of bench/edge.ts, in its own process so the measuring one stays idle:
 * `edge-flood.ts URL PLAN_ID ROSTERS UPLOADS CSV_MB UPLOAD_MB` sends ROSTERS roster requests at
 * once, each with a staff CSV of CSV_MB, and UPLOADS garbage history uploads of UPLOAD_MB, then
 * prints the answers' statuses.
 */
import { readFileSync } from "node:fs";

const [url, planId, rosters, uploads, csvMb, uploadMb] = [process.argv[2] as string, process.argv[3], ...process.argv.slice(4, 8).map(Number)] as [string, string, number, number, number, number];
const sample = readFileSync(new URL("../data/samples/mid-size-double11.staff.csv", import.meta.url), "utf8").split("\n");
const [header, ...rows] = sample.filter(Boolean);
const lines = [header];
for (let i = 0; lines.join("\n").length < csvMb * 1e6; i++) {
  const batch = rows.map((r, j) => r.replace(/^[^,]+/, `X${i}-${j}`));
  lines.push(...batch);
}
const staffCsv = lines.join("\n");
const rosterBody = JSON.stringify({ staffCsv });
const garbage = Buffer.alloc(uploadMb * 1024 * 1024, '时间,售前接待量\n\u0000,,,"\n');

const statuses = new Map<string, number>();
const count = (s: string) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
const send = (path: string, type: string, body: string | Buffer) =>
  fetch(`${url}${path}`, { method: "POST", headers: { "content-type": type }, body })
    .then(async (res) => {
      await res.arrayBuffer();
      count(`${path.startsWith("api/history") ? "upload" : "roster"} ${res.status}`);
    })
    .catch((error: Error) => count(`error ${error.message}`));

console.error(`flood: ${rosters} rosters × ${(rosterBody.length / 1e6).toFixed(2)} MB (${lines.length - 1} people), ${uploads} uploads × ${uploadMb} MB`);
await Promise.all([
  ...Array.from({ length: rosters }, () => send(`api/plans/${planId}/roster`, "application/json", rosterBody)),
  ...Array.from({ length: uploads }, () => send("api/history", "text/csv", garbage)),
]);
console.log(JSON.stringify(Object.fromEntries(statuses)));
