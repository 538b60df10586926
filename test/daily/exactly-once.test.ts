import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DeliveryReport } from "../../adapters/daily/delivery.ts";
import { openSqliteStore, storePath } from "../../adapters/store/sqlite-store.ts";
import { type FakeTelegram, payloads, startFakeTelegram, succeeded } from "../fakes/fake-telegram.ts";
import { cleanEnv } from "../helpers/spawn.ts";

const SLOT = "2030-01-01T07:00:00.000Z";
/** The children's slot lease: short, so a restart after a kill waits for it to expire only briefly. */
const LEASE_MS = 1500;
const CHATS = Array.from({ length: 12 }, (_, i) => String(1000 + i));

/** A delivery in a child process: plain node with tsx's loader, so a kill signal reaches the process itself. */
function startDelivery(options: { dataDir: string; telegram: FakeTelegram; concurrency?: number }) {
  const child = spawn(process.execPath, ["--import", "tsx", "test/daily/deliver-child.ts"], {
    env: {
      ...cleanEnv(),
      DATA_DIR: options.dataDir,
      TELEGRAM_API_ROOT: options.telegram.apiRoot,
      TELEGRAM_BOT_TOKEN: options.telegram.token,
      DAILY_SUMMARY_CATCHUP_HOURS: "0",
      SLOT,
      LEASE_MS: String(LEASE_MS),
      ...(options.concurrency ? { CONCURRENCY: String(options.concurrency) } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    exited,
    stderr: () => stderr,
    report: async (): Promise<DeliveryReport> => {
      const { code } = await exited;
      if (code !== 0) throw new Error(`delivery exited with ${code}: ${stderr}`);
      return JSON.parse(stdout) as DeliveryReport;
    },
  };
}

/** How many deliveries of the slot the log has marked sent, read like a second process would. */
function sentInLog(dataDir: string): number {
  const db = new Database(storePath(dataDir), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("SELECT count(*) FROM deliveries WHERE slot = ? AND status = 'sent'")
      .pluck()
      .get(SLOT) as number;
  } finally {
    db.close();
  }
}

function messagesPerChat(telegram: FakeTelegram): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of payloads<{ chat_id: number }>(telegram.calls(succeeded("sendMessage")))) {
    const chat = String(message.chat_id);
    counts.set(chat, (counts.get(chat) ?? 0) + 1);
  }
  return counts;
}

// Each test starts node processes with tsx, which takes seconds on a busy machine: a generous guard, no timing.
describe("exactly once across processes", { timeout: 120_000 }, () => {
  let telegram: FakeTelegram;
  let dataDir: string;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    telegram = await startFakeTelegram();
    dataDir = mkdtempSync(join(tmpdir(), "news-daily-once-"));
    const store = await openSqliteStore(storePath(dataDir));
    for (const chat of CHATS)
      await store.subscriptions.subscribe("telegram", chat, { language: "de", now: new Date() });
    await store.close();
  });
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
    await telegram.stop();
  });

  it("resends only what is missing after the process is killed mid-run, and nothing twice", async () => {
    // Four messages reach Telegram; the fifth (and any after it) is held in flight when the process dies.
    let holding = true;
    telegram.hold((call) => holding && call.method === "sendMessage", { after: 4 });
    const first = startDelivery({ dataDir, telegram });
    children.push(first.child);
    await telegram.waitFor((call) => call.method === "sendMessage" && call.held === true);
    // The four answered messages are marked sent before the kill, so none of them can go out again.
    await vi.waitFor(() => expect(sentInLog(dataDir), "four sends marked in the log").toBe(4), {
      timeout: 10_000,
      interval: 10,
    });
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    const beforeRestart = telegram.calls(succeeded("sendMessage")).length;
    expect(beforeRestart).toBe(4);

    // The killed process still holds the slot's lease; the restart waits for it to expire, then resumes.
    holding = false;
    const second = startDelivery({ dataDir, telegram });
    children.push(second.child);
    const report = await second.report();
    expect(report.complete).toBe(true);
    expect(report.outcomes.filter((o) => o.status === "already")).toHaveLength(beforeRestart);
    expect(report.outcomes.filter((o) => o.status === "sent")).toHaveLength(CHATS.length - beforeRestart);
    // The held message was in flight when the process died: it is sent again, with a warning.
    expect(second.stderr()).toContain("Resending a message whose earlier send was cut off");
    const counts = messagesPerChat(telegram);
    expect([...counts.keys()].sort()).toEqual(CHATS);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  });

  it("sends each message once when two processes share one DATA_DIR", async () => {
    const a = startDelivery({ dataDir, telegram });
    const b = startDelivery({ dataDir, telegram });
    children.push(a.child, b.child);
    const reports = await Promise.all([a.report(), b.report()]);
    const sent = reports.flatMap((r) =>
      r.outcomes.filter((o) => o.status === "sent").map((o) => o.recipient),
    );
    expect(sent.sort()).toEqual(CHATS);
    const counts = messagesPerChat(telegram);
    expect(counts.size).toBe(CHATS.length);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(reports.every((r) => r.complete)).toBe(true);
  });

  it("honours 429 answers with retry_after in the delivery itself and loses nothing", async () => {
    telegram.fail(
      "sendMessage",
      { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
      3,
    );
    // One send at a time: a send already in flight when a 429 arrives would be refused too, which says nothing.
    const run = startDelivery({ dataDir, telegram, concurrency: 1 });
    children.push(run.child);
    const report = await run.report();
    expect(report.outcomes.filter((o) => o.status === "sent")).toHaveLength(CHATS.length);
    // The delivery saw the 429s itself (the production client does not retry them) and paused the platform.
    expect(run.stderr()).toContain("Daily summary paused by a 429");
    // The fake keeps answering 429 until retry_after has passed, so a delivery that sent again too early would
    // have drawn more than the three 429s queued here.
    const limited = telegram.calls().filter((r) => r.response?.ok === false);
    expect(limited).toHaveLength(3);
    expect([...messagesPerChat(telegram).values()].every((count) => count === 1)).toBe(true);
  });
});
