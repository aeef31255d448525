/**
 * The solver worker's entry. Compiled, it is dist/solver/solver-worker.js (an entry of the
 * bundle, scripts/build.mjs; this module itself may sit in a shared chunk, so the path is taken
 * from the package root, not from here). Run from TypeScript source (tsx, vitest), it is the
 * .mjs bootstrap that registers tsx and then loads solver-worker.ts, since a worker thread
 * does not inherit the parent's loader.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PACKAGE_ROOT } from "../paths.ts";

export function solverWorkerUrl(): URL {
  return import.meta.url.endsWith(".ts") ? new URL("./solver-worker.mjs", import.meta.url) : pathToFileURL(join(PACKAGE_ROOT, "dist", "solver", "solver-worker.js"));
}
