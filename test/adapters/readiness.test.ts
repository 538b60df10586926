import { afterEach, describe, expect, it, vi } from "vitest";
import { createReadiness } from "../../adapters/http/readiness.ts";
import { createLogger } from "../../adapters/logger.ts";

function recordingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: "debug", write: (line) => lines.push(line) }) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("readiness", () => {
  it("is ready with every check passing, and not while one fails, logging each change once", async () => {
    const { lines, logger } = recordingLogger();
    const readiness = createReadiness({ logger });
    let databaseUp = true;
    readiness.add({ name: "database", check: async () => {} });
    readiness.add({
      name: "redis",
      check: async () => {
        if (!databaseUp) throw new Error("connect ECONNREFUSED 127.0.0.1:6379");
      },
    });
    expect(await readiness.report()).toEqual({
      ready: true,
      draining: false,
      checks: [
        { name: "database", ok: true },
        { name: "redis", ok: true },
      ],
    });
    databaseUp = false;
    expect((await readiness.report()).ready).toBe(false);
    expect((await readiness.report()).checks[1]).toEqual({ name: "redis", ok: false });
    expect(lines.filter((line) => line.includes("Not ready"))).toHaveLength(1);
    expect(lines.join("\n")).toContain("ECONNREFUSED");
    databaseUp = true;
    expect((await readiness.report()).ready).toBe(true);
    expect(lines.filter((line) => line.includes("Ready again"))).toHaveLength(1);
  });

  it("counts a check that does not answer within the timeout as failed", async () => {
    vi.useFakeTimers();
    const readiness = createReadiness({ logger: recordingLogger().logger, timeoutMs: 2_000 });
    readiness.add({ name: "database", check: () => new Promise<void>(() => {}) });
    const report = readiness.report();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await report).toMatchObject({ ready: false, checks: [{ name: "database", ok: false }] });
  });

  it("stops being ready once shutdown begins, whatever the checks say", async () => {
    const readiness = createReadiness({ logger: recordingLogger().logger });
    readiness.add({ name: "database", check: async () => {} });
    readiness.drain();
    expect(await readiness.report()).toMatchObject({ ready: false, draining: true });
  });
});
