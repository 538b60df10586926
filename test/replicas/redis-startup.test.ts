import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../fakes/fake-telegram.ts";
import { run } from "../helpers/spawn.ts";

describe("REDIS_URL at start-up", () => {
  let dir: string;
  let telegram: FakeTelegram;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "redis-startup-"));
    telegram = await startFakeTelegram();
  });
  afterAll(async () => {
    await telegram.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const start = (redisUrl: string) =>
    run(["adapters/main.ts"], {
      env: {
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        CONTENT_DIR: "content",
        DATA_DIR: dir,
        PORT: "0",
        REDIS_URL: redisUrl,
      },
    });

  it("stops with one message naming REDIS_URL, without its password, when Redis cannot be reached", async () => {
    const result = await start("redis://bot:pw-never-shown-7@127.0.0.1:1/0");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("news-bot could not start.");
    expect(result.stderr).toContain("REDIS_URL: could not reach Redis at redis://127.0.0.1:1/0");
    expect(result.stderr).not.toContain("pw-never-shown-7");
  });

  it("names REDIS_URL when it is not a Redis address", async () => {
    const result = await start("http://user:pw-never-shown-8@cache.example");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("REDIS_URL must be a redis:// or rediss:// address");
    expect(result.stderr).not.toContain("pw-never-shown-8");
  });
});
