import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DeliveryOptions, type DeliveryReport, deliverSlot } from "../../adapters/daily/delivery.ts";
import type { StaticRecipients } from "../../adapters/daily/recipients.ts";
import { createLogger } from "../../adapters/logger.ts";
import { openSqliteStore, storePath } from "../../adapters/store/sqlite-store.ts";
import type { Store } from "../../adapters/store/store.ts";
import { createNewsBot, type NewsBot } from "../../src/index.ts";
import { realArticle } from "../helpers/articles.ts";
import { createFakeSender, type FakeSender, fakeClock } from "./fake-sender.ts";

/** The slot every delivery test runs, due when the fake clock starts. */
export const SLOT = { id: "2025-01-15T07:00:00.000Z", at: new Date("2025-01-15T07:00:00Z") };

// One bot per test file is enough: a summary changes no state in it.
const bot = createNewsBot({ articles: [realArticle()] });

/** A fresh store with subscribers, fake senders for both platforms and a fake clock, for one delivery test. */
export interface DeliveryFixture {
  store: Store;
  telegram: FakeSender;
  slack: FakeSender;
  clock: ReturnType<typeof fakeClock>;
  /** Every line the delivery logged, debug included. */
  logs: string[];
  bot: NewsBot;
  /** Runs the slot with both senders and the fake clock; `overrides` replace any of those options. */
  run(overrides?: Partial<DeliveryOptions>): Promise<DeliveryReport>;
  /** Closes the store and removes its folder. */
  close(): Promise<void>;
}

/**
 * Sets up one delivery test: Telegram chats 7, 8 and 9 subscribed in German and 10 in English, Slack channel C1 in
 * German, plus the given static recipients.
 */
export async function createDeliveryFixture(staticRecipients: StaticRecipients): Promise<DeliveryFixture> {
  const dir = mkdtempSync(join(tmpdir(), "news-delivery-"));
  const store = await openSqliteStore(storePath(dir));
  const telegram = createFakeSender("telegram");
  const slack = createFakeSender("slack");
  const clock = fakeClock();
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logs.push(line) });
  const now = new Date(clock.time);
  for (const id of ["7", "8", "9"])
    await store.subscriptions.subscribe("telegram", id, { language: "de", now });
  await store.subscriptions.subscribe("telegram", "10", { language: "en", now });
  await store.subscriptions.subscribe("slack", "C1", { language: "de", now });
  return {
    store,
    telegram,
    slack,
    clock,
    logs,
    bot,
    run: (overrides = {}) =>
      deliverSlot({
        slot: SLOT,
        store,
        bot,
        senders: [telegram, slack],
        staticRecipients,
        timeZone: "Europe/Berlin",
        logger,
        now: clock.now,
        sleep: clock.sleep,
        ...overrides,
      }),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
