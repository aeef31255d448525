/**
 * Vitest global setup: compiles src/ to dist/ once before the tests, so the tests that run
 * the installed command (bin/peakcrew.js → dist/) never run a build older than the source.
 */
import { execFileSync } from "node:child_process";

export default function setup() {
  execFileSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
}
