/**
 * The solver worker's entry. Compiled (dist/), it is the solver-worker.js beside this module;
 * run from TypeScript source (tsx, vitest), it is the .mjs bootstrap that registers tsx and
 * then loads solver-worker.ts, since a worker thread does not inherit the parent's loader.
 */
export function solverWorkerUrl(): URL {
  return import.meta.url.endsWith(".js") ? new URL("./solver-worker.js", import.meta.url) : new URL("./solver-worker.mjs", import.meta.url);
}
