#!/usr/bin/env node
/**
 * `npm run build` (and `prepare`, so `npm install` and `npm ci` run it): bundles src/ into
 * dist/ with esbuild. Two entries: the CLI (dist/cli/run.js, which `bin/peakcrew.js` loads)
 * and the solver worker (dist/solver/solver-worker.js). Each command's `await import(…)` stays
 * a separate chunk (dist/chunks/), so `peakcrew erlang` still loads no server, store or HiGHS.
 *
 * Why a bundle and not tsc's one file per module: Node 20 spends its start-up resolving and
 * linking modules, and zod alone is 124 of them (68 ms to import, 33 ms as one file). The
 * type check is separate (`npm run typecheck`); esbuild only strips the types.
 *
 * zod and luxon are bundled (pure JavaScript, loaded by every command). Every other package
 * stays external, loaded from node_modules as before: better-sqlite3 is native, highs finds its
 * .wasm beside itself, and the server's packages load only for `serve`.
 */
import { readFileSync, renameSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const BUNDLED = new Set(["zod", "luxon"]);
const external = Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name));

// Built beside dist/ and swapped in at the end, so a running server's solver worker, restarted
// during a rebuild, never finds dist/ half written (only a rename's instant without it).
const next = new URL("../dist.next/", import.meta.url);
const dist = new URL("../dist/", import.meta.url);
rmSync(next, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ["src/cli/run.ts", "src/solver/solver-worker.ts"],
  outbase: "src",
  outdir: "dist.next",
  entryNames: "[dir]/[name]",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: external.flatMap((name) => [name, `${name}/*`]),
  // For `node --enable-source-maps bin/peakcrew.js …` when a stack trace needs the source's lines.
  sourcemap: "linked",
  legalComments: "none",
  // Whitespace and syntax only: a stack trace keeps the source's names (5 ms slower start-up than full minifying).
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
});
rmSync(dist, { recursive: true, force: true });
renameSync(next, dist);
