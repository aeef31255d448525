import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 20_000,
    // The CLI tests start real processes; two cores are plenty for the rest.
    pool: "forks",
  },
});
