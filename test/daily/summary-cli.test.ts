import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openPostgresStore } from "../../adapters/store/postgres-store.ts";
import { openSqliteStore, storePath } from "../../adapters/store/sqlite-store.ts";
import { type FakeTelegram, startFakeTelegram, succeeded } from "../fakes/fake-telegram.ts";
import { POSTGRES_SKIPPED, TEST_DATABASE_URL, testResources } from "../helpers/postgres.ts";
import { run } from "../helpers/spawn.ts";

const CLI = "adapters/cli/summary.ts";
const resources = testResources();

describe("npm run summary", () => {
  let telegram: FakeTelegram;
  let dataDir: string;
  beforeEach(async () => {
    telegram = await startFakeTelegram();
    dataDir = mkdtempSync(join(tmpdir(), "news-summary-cli-"));
  });
  afterEach(async () => {
    await telegram.stop();
  });

  it("prints today's summary as the console shows it, without creating the database", async () => {
    const result = await run([CLI], { env: { DATA_DIR: join(dataDir, "none"), CONTENT_DIR: "content" } });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Tägliche Zusammenfassung, \w+, \d+\. \w+ \d{4}$/);
    expect(lines[2]).toBe("Begegnung zwischen Kim Jong Un und Putin");
    expect(result.stdout).toContain("Abschnitte: Ein Treffen könnte schon bald stattfinden");
    expect(lines.at(-1)).toMatch(/^Fragen dazu beantworte ich gern, z\. B\.: Wer ist .+\?$/);
    expect(existsSync(join(dataDir, "none"))).toBe(false);
  });

  it("prints in English with --lang en, reading the database without changing it", async () => {
    const database = storePath(dataDir);
    await (await openSqliteStore(database)).close();
    const before = readFileSync(database);
    const result = await run([CLI, "--lang", "en"], { env: { DATA_DIR: dataDir, CONTENT_DIR: "content" } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split("\n")[0]).toMatch(/^Daily summary, \w+, \d+ \w+ \d{4}$/);
    expect(readFileSync(database).equals(before)).toBe(true);
  });

  it("refuses an unknown language or argument with the usage", async () => {
    const env = { DATA_DIR: dataDir, CONTENT_DIR: "content" };
    const french = await run([CLI, "--lang=fr"], { env });
    expect(french.code).toBe(2);
    expect(french.stderr).toContain('--lang takes de or en, not "fr"');
    const unknown = await run([CLI, "--sned"], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/'--sned'[\s\S]*Usage: npm run summary/);
  });

  it("delivers now with --send and reports sent, skipped and already served recipients", async () => {
    const store = await openSqliteStore(storePath(dataDir));
    await store.subscriptions.subscribe("telegram", "42", { language: "en", now: new Date() });
    await store.subscriptions.subscribe("telegram", "43", { language: "de", now: new Date() });
    await store.close();
    telegram.fail("sendMessage", {
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    const env = {
      DATA_DIR: dataDir,
      CONTENT_DIR: "content",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DAILY_SUMMARY_TELEGRAM_CHATS: "-100500",
    };
    const first = await run([CLI, "--send"], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Slot \d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z:$/m);
    expect(first.stdout.match(/^sent +telegram -?\d+, 1 message\(s\)$/gm)).toHaveLength(2);
    expect(first.stdout).toMatch(/^skipped telegram -?\d+ \(Forbidden: bot was blocked by the user\)$/m);
    expect(first.stdout).toContain("Sent 2, skipped 1, failed 0, already had it 0");
    expect(telegram.calls(succeeded("sendMessage"))).toHaveLength(2);

    const second = await run([CLI, "--send"], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("Sent 0, skipped 0, failed 0, already had it 2");
    expect(telegram.calls(succeeded("sendMessage"))).toHaveLength(2);
  });

  it("says which setting is missing when no platform is configured", async () => {
    const result = await run([CLI, "--send"], { env: { DATA_DIR: dataDir, CONTENT_DIR: "content" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("set TELEGRAM_BOT_TOKEN or SLACK_BOT_TOKEN");
  });

  it("never prints a secret in an error, even inside another setting's value", async () => {
    const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    const result = await run([CLI], {
      env: { DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: token, CONTENT_DIR: `/nonexistent/${token}` },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("/nonexistent/[redacted]");
    expect(result.stderr).not.toContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
  });

  it.skipIf(!TEST_DATABASE_URL)(
    `delivers into PostgreSQL's ledger with DATABASE_URL set${POSTGRES_SKIPPED}`,
    async () => {
      const { url } = await resources.schema();
      const env = {
        DATA_DIR: dataDir,
        DATABASE_URL: url,
        CONTENT_DIR: "content",
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        DAILY_SUMMARY_TELEGRAM_CHATS: "42",
      };
      const result = await run([CLI, "--send"], { env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("Sent 1, skipped 0, failed 0, already had it 0");
      const slot = /^Slot (\S+):$/m.exec(result.stdout)?.[1] ?? "";
      const store = await openPostgresStore(url);
      resources.defer(() => store.close());
      expect(await store.ledger.deliveries(slot)).toEqual(
        new Map([["telegram:42", { status: "sent", partsSent: 1 }]]),
      );
      expect(existsSync(storePath(dataDir))).toBe(false);
    },
  );
});
