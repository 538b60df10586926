import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests start servers and child processes; timeouts are generous because CI machines are shared.
    testTimeout: 30_000,
    // Many files spend their time waiting on a child process or a loopback round trip, not on the CPU; vitest's
    // default on two cores is a single worker, which leaves the second core idle during those waits.
    maxWorkers: 2,
    hookTimeout: 30_000,
  },
});
