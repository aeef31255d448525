/**
 * Start-up of the compiled CLI (issue 14): time to first output of `peakcrew erlang`, and
 * `peakcrew design` on d11-S beside the CBC peer (shared/bench/peer_solve.py) in the same run,
 * both as whole processes under /usr/bin/time. Runs alone (`npx tsx bench/startup.ts`) or
 * from bench.ts. Needs the build (`npm run build`; npm install does it).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const instance = fileURLToPath(new URL("../../shared/bench/instances/d11-S.json", import.meta.url));
const peer = fileURLToPath(new URL("../../shared/bench/peer_solve.py", import.meta.url));
const ERLANG = ["erlang", "--arrivals", "100", "--interval-min", "30", "--aht-sec", "180", "--target-sec", "20", "--service-level", "0.8"];
const ROUNDS = 7;

/** Milliseconds from spawn to the first byte on stdout. */
function firstOutputMs(command: string, argv: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, argv, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let first: number | undefined;
    child.stdout.on("data", () => {
      first ??= performance.now() - t0;
    });
    child.on("error", reject);
    child.on("close", () => (first === undefined ? reject(new Error(`${argv.join(" ")}: no output`)) : resolve(first)));
  });
}

type Timed = { wallS: number; cpuS: number; rssMb: number };

/** One whole process under /usr/bin/time: wall seconds, user + system seconds, peak RSS. */
function timed(command: string, argv: string[], dir: string): Timed {
  const out = join(dir, "time.txt");
  execFileSync("/usr/bin/time", ["-f", "%e %U %S %M", "-o", out, command, ...argv], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const [wall, user, sys, rssKb] = readFileSync(out, "utf8").trim().split(/\s+/).slice(-4).map(Number) as [number, number, number, number];
  return { wallS: wall, cpuS: user + sys, rssMb: rssKb / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const best = (xs: number[]) => Math.min(...xs);

function cbcInstalled(): boolean {
  if (!existsSync("/usr/bin/cbc") || !existsSync("/usr/bin/python3") || !existsSync(peer)) return false;
  try {
    execFileSync("/usr/bin/python3", ["-c", "import pulp"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export async function startupBench(): Promise<void> {
  const bin = join(root, "bin", "peakcrew.js");
  if (!existsSync(join(root, "dist", "cli", "run.js"))) {
    console.log("\n## CLI start-up\n\ndist/ is missing: run `npm run build` first.");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "peakcrew-startup-"));
  const haveTime = existsSync("/usr/bin/time");
  const haveCbc = haveTime && cbcInstalled();
  const firsts: number[] = [];
  const fromSource: number[] = [];
  const bare: number[] = [];
  const runs: Record<"erlang" | "design" | "cbc", Timed[]> = { erlang: [], design: [], cbc: [] };
  // Interleaved, so a busy moment on a shared machine hits every column alike.
  for (let round = 0; round < ROUNDS; round++) {
    firsts.push(await firstOutputMs(process.execPath, [bin, ...ERLANG]));
    fromSource.push(await firstOutputMs(process.execPath, ["--import", "tsx", "src/cli/run.ts", ...ERLANG]));
    bare.push(await firstOutputMs(process.execPath, ["-e", "console.log(0)"]));
    if (!haveTime) continue;
    runs.erlang.push(timed(process.execPath, [bin, ...ERLANG], dir));
    runs.design.push(timed(process.execPath, [bin, "design", instance, "--json"], dir));
    if (haveCbc) runs.cbc.push(timed("/usr/bin/python3", [peer, instance, "--solver", "cbc"], dir));
  }
  rmSync(dir, { recursive: true, force: true });

  console.log(`\n## CLI start-up (compiled dist/, ${ROUNDS} interleaved rounds: median / best)\n`);
  const ms = (xs: number[]) => `${median(xs).toFixed(0)} / ${best(xs).toFixed(0)}`;
  printRows(
    ["case", "first output ms"],
    [
      ["`peakcrew erlang …` (bin/peakcrew.js → dist/)", ms(firsts)],
      ["the same from TypeScript source through tsx (`npm run dev`'s way)", ms(fromSource)],
      ['the floor: `node -e "console.log(0)"`', ms(bare)],
    ],
  );
  if (!haveTime) {
    console.log("\n/usr/bin/time: not installed (apt-get install -y time); whole-process figures skipped.");
    return;
  }
  const row = (name: string, t: Timed[]) => [name, ms(t.map((x) => x.wallS * 1000)), ms(t.map((x) => x.cpuS * 1000)), median(t.map((x) => x.rssMb)).toFixed(0)];
  const body = [row("`peakcrew erlang …`", runs.erlang), row("`peakcrew design d11-S.json --json`", runs.design)];
  if (haveCbc) body.push(row("CBC peer: `peer_solve.py d11-S.json --solver cbc` (Python, PuLP, cbc)", runs.cbc));
  console.log("\nWhole process under /usr/bin/time:\n");
  printRows(["process", "wall ms", "user+sys ms", "peak MB"], body);
  if (haveCbc) {
    const ratio = median(runs.design.map((x) => x.wallS)) / median(runs.cbc.map((x) => x.wallS));
    console.log(`\ndesign d11-S ÷ CBC, median wall: ${ratio.toFixed(2)}× (the bar: within 3×)`);
  } else {
    console.log("\nCBC peer: not installed (apt-get install -y coinor-cbc python3-pulp)");
  }
}

function printRows(header: string[], body: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const r of body) console.log(line(r));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await startupBench();
