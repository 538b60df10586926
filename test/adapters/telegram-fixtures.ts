import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message } from "grammy/types";
import { loadConfig, secretsOf } from "../../adapters/config.ts";
import { createLogger } from "../../adapters/logger.ts";
import {
  type RunningTelegram,
  startTelegram,
  type TelegramAdapterOptions,
} from "../../adapters/telegram/telegram-adapter.ts";
import { createNewsBot, loadArticles, type NewsBot } from "../../src/index.ts";
import {
  type FakeTelegram,
  startFakeTelegram,
  succeeded,
  type TelegramCall,
} from "../fakes/fake-telegram.ts";

const ELEPHANTS = Array.from(
  { length: 60 },
  (_, i) => `Der Elefant Nummer ${i + 1} frisst am Tag ${100 + i} Kilo Heu & trinkt ${50 + i} Liter Wasser.`,
).join(" ");
const ZEBRAS = Array.from({ length: 14 }, (_, i) =>
  Array.from(
    { length: 6 },
    (_, j) =>
      `Im Zoo von Kempten wohnt das Zebra ${i * 6 + j + 1}, es läuft jeden Morgen ${j + 2} Runden um das Gehege.`,
  ).join(" "),
).join("\n\n");

/**
 * A small article full of characters HTML needs escaped (<, >, &, "), with one paragraph and one section
 * longer than a Telegram message.
 */
export const SPECIAL_ARTICLE = `Käse & Co: <Sonderangebote> bei "Müller & Söhne"

Die Firma Müller & Söhne aus dem Allgäu verkauft Käse für weniger als 5 Euro, also < 5 Euro, und die Kunden sagen, das sei > fair.

Der Chef <und> seine Pläne

Der Chef der Firma heißt Hans Müller. Hans Müller plant eine neue Fabrik für <b>Bergkäse</b> & Butter in Kempten.

Die Elefanten im Zoo

${ELEPHANTS}

Die Zebras im Zoo

${ZEBRAS}
`;

/** The id of {@link SPECIAL_ARTICLE} in the temp content folder. */
export const SPECIAL_ID = "001_kaese";

/** Writes the special article into a fresh content folder. */
export function specialContentDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "telegram-content-"));
  writeFileSync(join(dir, `${SPECIAL_ID}.txt`), SPECIAL_ARTICLE);
  return dir;
}

/** What sendMessage receives. */
export interface SentMessage {
  chat_id: number;
  text: string;
  parse_mode?: string;
  link_preview_options?: { is_disabled?: boolean };
  reply_parameters?: { message_id: number };
  reply_markup?: { inline_keyboard: { text: string; callback_data?: string }[][] };
}

/** A started adapter against a fake Telegram, with the log lines it wrote. */
export interface TelegramHarness {
  telegram: FakeTelegram;
  adapter: RunningTelegram;
  core: NewsBot;
  logs: string[];
  /** Resolves with the first `count` successful messages to a chat, once sent. */
  messagesTo(chatId: number, count?: number): Promise<{ payload: SentMessage; result: Message }[]>;
  stop(): Promise<void>;
}

/** Options for {@link startHarness}. */
export interface HarnessOptions {
  /** Extra environment, e.g. a webhook URL and secret. */
  env?: Record<string, string>;
  questionsPerMinute?: number;
  /** Wraps the core, e.g. to make a handler fail. */
  wrap?: (core: NewsBot) => NewsBot;
  /** The adapter's hooks (commands, middleware, dedupe); its settings and services come from the harness. */
  adapter?: Partial<TelegramAdapterOptions>;
}

/**
 * The throttler keeps its per-chat queues (so a chat's messages stay in order) without Telegram's one-second
 * spacing, which would only make the tests wait; the production limits are the throttler's defaults.
 */
const TEST_THROTTLE = {
  out: { maxConcurrent: 1, minTime: 0 },
  group: { maxConcurrent: 1, minTime: 0 },
};

/** Starts a fake Telegram and the real adapter pointed at it, with the special article loaded. */
export async function startHarness(options: HarnessOptions = {}): Promise<TelegramHarness> {
  const telegram = await startFakeTelegram();
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    CONTENT_DIR: specialContentDir(),
    PORT: "0",
    ...options.env,
  });
  const logs: string[] = [];
  const logger = createLogger({
    level: "debug",
    secrets: secretsOf(config),
    write: (line) => logs.push(line),
  });
  const { articles } = await loadArticles(config.core.contentDir);
  const real = createNewsBot({ articles, questionsPerMinute: options.questionsPerMinute ?? 100 });
  const core = options.wrap ? options.wrap(real) : real;
  const adapter = await startTelegram({
    settings: configured(config.telegram),
    bot: core,
    logger,
    throttle: TEST_THROTTLE,
    ...options.adapter,
  });
  return {
    telegram,
    adapter,
    core,
    logs,
    async messagesTo(chatId, count = 1) {
      const sentThere = (call: TelegramCall) =>
        succeeded("sendMessage")(call) && call.payload.chat_id === chatId;
      const found = await telegram.waitFor(sentThere, { count });
      return found.map((request) => ({
        payload: request.payload as unknown as SentMessage,
        result: (request.response as { result: Message }).result,
      }));
    },
    async stop() {
      await adapter.stop();
      await telegram.stop();
    },
  };
}

/** The adapter's own settings, which loadConfig read from the harness's environment. */
function configured<T>(settings: T | undefined): T {
  if (!settings) throw new Error("The harness's environment sets no Telegram token");
  return settings;
}
