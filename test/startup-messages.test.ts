import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "./fakes/fake-telegram.ts";
import { POSTGRES_SKIPPED, TEST_DATABASE_URL } from "./helpers/postgres.ts";
import { type RunResult, run } from "./helpers/spawn.ts";

/** The last words of `npm start` when it cannot start: a heading, then what to fix. */
const HEADING = "news-bot could not start.";

/** Asserts that the app printed one clean message (no log lines, no stack) and returns its text. */
function cleanMessage(result: RunResult): string {
  expect(result.code).toBe(1);
  expect(result.stderr.startsWith(HEADING), result.stderr).toBe(true);
  // Log lines are JSON when standard error is not a terminal, "time LEVEL message" on one.
  expect(result.stderr).not.toMatch(/"level"|\b(INFO|WARN|ERROR)\b/);
  expect(result.stderr).not.toMatch(/\n\s+at |Unexpected error/);
  return result.stderr.slice(HEADING.length).trim();
}

describe("start-up failures, each one clean message naming the variable and the fix", () => {
  let dir: string;
  let telegram: FakeTelegram;
  let busy: Server;
  let busyPort = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "startup-messages-"));
    telegram = await startFakeTelegram();
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "0.0.0.0", resolve));
    const address = busy.address();
    busyPort = typeof address === "object" && address ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => busy.close(() => resolve()));
    await telegram.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("names CONTENT_DIR when the content folder does not exist", async () => {
    const message = cleanMessage(await run(["adapters/main.ts"], { env: { CONTENT_DIR: "/nonexistent" } }));
    expect(message).toContain('CONTENT_DIR="/nonexistent": the folder /nonexistent does not exist.');
    expect(message).toContain("set CONTENT_DIR to the folder that holds them");
  });

  it("names DATA_DIR when it points at a file, before any log line", async () => {
    const file = join(dir, "not-a-folder");
    await writeFile(file, "x");
    const message = cleanMessage(
      await run(["adapters/main.ts"], {
        env: {
          DATA_DIR: file,
          CONTENT_DIR: "content",
          TELEGRAM_BOT_TOKEN: telegram.token,
          TELEGRAM_API_ROOT: telegram.apiRoot,
        },
      }),
    );
    expect(message).toContain(`DATA_DIR="${file}": ${file} is not a folder. Set DATA_DIR to a folder.`);
  });

  it("says once what is wrong with a short TELEGRAM_WEBHOOK_SECRET", async () => {
    const message = cleanMessage(
      await run(["adapters/main.ts"], {
        env: {
          CONTENT_DIR: "content",
          TELEGRAM_BOT_TOKEN: telegram.token,
          TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram",
          TELEGRAM_WEBHOOK_SECRET: "xq7Zk",
        },
      }),
    );
    expect(message.match(/TELEGRAM_WEBHOOK_SECRET/g)).toHaveLength(1);
    expect(message).toContain("TELEGRAM_WEBHOOK_SECRET is invalid: use 16–256 characters");
    expect(message).not.toContain("required");
    expect(message).not.toContain("xq7Zk");
  });

  it("names PORT and how to fix it when the port is taken", async () => {
    const result = await run(["adapters/main.ts"], {
      env: {
        CONTENT_DIR: "content",
        DATA_DIR: join(dir, "data"),
        PORT: String(busyPort),
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
      },
    });
    expect(result.code).toBe(1);
    // Progress lines may come before it (the adapters started); the failure itself is one clean message.
    const message = result.stderr.slice(result.stderr.indexOf(HEADING) + HEADING.length).trim();
    expect(message).toBe(
      `PORT=${busyPort} is already in use by another program. Stop that program, or set PORT to a free port.`,
    );
    expect(result.stderr).not.toMatch(/"level":"error"|\bERROR\b|Unexpected error|EADDRINUSE/);
  });

  describe("DATABASE_URL", () => {
    const PASSWORD = "pa55-w0rd-secret";
    const startWith = (databaseUrl: string) =>
      run(["adapters/main.ts"], {
        env: {
          CONTENT_DIR: "content",
          DATA_DIR: join(dir, "data"),
          PORT: "0",
          DATABASE_URL: databaseUrl,
          TELEGRAM_BOT_TOKEN: telegram.token,
          TELEGRAM_API_ROOT: telegram.apiRoot,
        },
      });

    it("names DATABASE_URL, without its password, when nothing listens on its port", async () => {
      const result = await startWith(`postgres://bot:${PASSWORD}@127.0.0.1:1/news`);
      expect(result.code).toBe(1);
      const message = result.stderr.slice(result.stderr.indexOf(HEADING) + HEADING.length).trim();
      expect(message).toMatch(
        /^Cannot use the PostgreSQL database at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/news \(DATABASE_URL\): connect ECONNREFUSED/,
      );
      expect(result.stderr + result.stdout).not.toContain(PASSWORD);
    });

    it("names DATABASE_URL, without echoing it, when it is malformed", async () => {
      const message = cleanMessage(await startWith(`mysql://bot:${PASSWORD}@127.0.0.1/news`));
      expect(message).toContain("DATABASE_URL is not a valid PostgreSQL URL");
      expect(message).not.toContain(PASSWORD);
    });

    it.skipIf(!TEST_DATABASE_URL)(
      `names DATABASE_URL when its database does not exist${POSTGRES_SKIPPED}`,
      async () => {
        const url = new URL(TEST_DATABASE_URL ?? "");
        url.password = PASSWORD;
        url.pathname = "/no_such_database_for_the_bot";
        const result = await startWith(url.toString());
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /\(DATABASE_URL\): database "no_such_database_for_the_bot" does not exist/,
        );
        expect(result.stderr + result.stdout).not.toContain(PASSWORD);
      },
    );
  });
});
