import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // bin/peakcrew.js runs the compiled dist/: build it from the source under test first.
    globalSetup: ["tests/build.global.ts"],
    testTimeout: 20_000,
    // The CLI tests start real processes; two cores are plenty for the rest.
    pool: "forks",
  },
});
