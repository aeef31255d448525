#!/usr/bin/env node
// The `peakcrew` command: runs the compiled CLI in dist/ (built by `npm run build`, which
// `npm install` and `npm ci` run through the `prepare` script).
import { setFlagsFromString } from "node:v8";

// HiGHS is WebAssembly. V8 recompiles its hot functions with the optimising compiler after a
// small budget, and for HiGHS that recompiling costs more than it saves on solves of seconds:
// `design` used 0.47 / 1.66 / 2.29 s of CPU on d11-S / M / XL with the default budget and
// 0.28 / 0.75 / 1.52 s with this one (bench/startup.ts shows the S case). A far larger budget
// still lets a solve of minutes optimise what it runs most. Set before HiGHS is compiled.
setFlagsFromString("--wasm-tiering-budget=1000000000");

const entry = new URL("../dist/cli/run.js", import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes(entry.pathname)) throw error;
  process.stderr.write("PeakCrew is not built: dist/ is missing. Run `npm run build` (npm install and npm ci do it).\n");
  process.exitCode = 3;
}
