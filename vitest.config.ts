import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests start servers and child processes; timeouts are generous because CI machines are shared.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
