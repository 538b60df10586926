import { sequentialize } from "@grammyjs/runner";
import type { APIThrottlerOptions } from "@grammyjs/transformer-throttler";
import { Bot, type BotError, Composer, type Context, GrammyError } from "grammy";
import type { Message } from "grammy/types";
import {
  describeError,
  errorText,
  type Logger,
  NewsBotError,
  type Reply,
  type UiLanguage,
  uiLanguage,
} from "../../src/index.ts";
import type { CoreServices, RunningAdapter } from "../adapter.ts";
import { createMemoryDedupeStore, type DedupeStore } from "../dedupe/dedupe-store.ts";
import type { Lease } from "../store/redis-lease.ts";
import { publishCommands, type TelegramCommand } from "./commands.ts";
import { createHandlers } from "./handlers.ts";
import { createUpdateTracker, type Polling, startPolling } from "./polling.ts";
import { telegramCommand } from "./render.ts";
import { sendTelegramReply, sendTelegramText, TelegramBlockedError } from "./send.ts";
import type { TelegramSettings } from "./settings.ts";
import { protectApi } from "./telegram-api.ts";
import { createWebhookRoute } from "./webhook.ts";

/** Updates the bot asks Telegram for; my_chat_member tells when it is added to or removed from a chat. */
export const ALLOWED_UPDATES: ("message" | "callback_query" | "inline_query" | "my_chat_member")[] = [
  "message",
  "callback_query",
  "inline_query",
  "my_chat_member",
];

/** Options for {@link startTelegram}: its settings, the shared services, and the hooks that extend the bot. */
export interface TelegramAdapterOptions extends CoreServices {
  settings: TelegramSettings;
  /** Extra commands such as /subscribe; handled before the core's and listed in the command menu. */
  commands?: TelegramCommand[];
  /** Registers grammY middleware ahead of the adapter's handlers, inside its error boundary. */
  configure?: (composer: Composer<Context>) => void;
  /** Outgoing limits; default Telegram's (see protectApi). */
  throttle?: APIThrottlerOptions;
  /** Where handled webhook update_ids are remembered, so a redelivery is handled once; default in memory. */
  dedupe?: DedupeStore;
  /** With several replicas in polling mode: only this lease's holder polls. Without it this process polls. */
  pollingLease?: Lease;
}

/** The running Telegram bot; `bot.api` and `send` share the bot's throttler and retries. */
export interface RunningTelegram extends RunningAdapter {
  bot: Bot;
  /** Sends a core reply to a chat (rendered, split, throttled); 403 rejects with TelegramBlockedError. */
  send(chatId: number | string, reply: Reply, language: UiLanguage): Promise<Message.TextMessage[]>;
}

/**
 * Starts the Telegram bot: checks the token (getMe), publishes the command menu in German and English, and
 * receives updates by long polling (@grammyjs/runner), or by webhook on the shared HTTP server when
 * TELEGRAM_WEBHOOK_URL is set.
 */
export async function startTelegram(options: TelegramAdapterOptions): Promise<RunningTelegram> {
  const { bot: core, logger, settings: config } = options;
  const bot = new Bot(config.token, { client: { apiRoot: config.apiRoot } });
  protectApi(bot.api, options.throttle ? { logger, throttle: options.throttle } : { logger });
  await checkToken(bot);
  const onError = errorHandler(logger);
  bot.catch(onError);
  // First, so that stopping can wait for every update that started, then confirm them to Telegram.
  const tracker = createUpdateTracker();
  bot.use(tracker.middleware);
  // One update per chat at a time, so that answers (and their parts) arrive in the order of the questions.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  const extensions = new Composer<Context>();
  options.configure?.(extensions);
  const commands = options.commands ?? [];
  bot.errorBoundary(onError, extensions, createHandlers({ bot: core, commands }));
  await publishCommands(bot.api, core, commands).catch((error: unknown) =>
    logger.warn("Could not publish the Telegram command menu", { error: describeError(error) }),
  );
  const mode = config.webhookUrl ? "webhook" : "polling";
  logger.info("Telegram bot ready", { username: bot.botInfo.username, mode });
  const transport = config.webhookUrl
    ? serveWebhook(bot, config, logger, options.dedupe ?? createMemoryDedupeStore())
    : pollingTransport(
        await startPolling({
          bot,
          tracker,
          logger,
          allowedUpdates: ALLOWED_UPDATES,
          ...(options.pollingLease ? { lease: options.pollingLease } : {}),
        }),
      );
  return {
    name: "Telegram",
    bot,
    send: (chatId, reply, language) => sendTelegramReply(bot.api, { chatId }, reply, language),
    ...transport,
  };
}

type Transport = Pick<RunningAdapter, "routes" | "afterListen" | "stop">;

function pollingTransport(polling: Polling): Transport {
  return { routes: [], stop: () => polling.stop() };
}

function serveWebhook(bot: Bot, config: TelegramSettings, logger: Logger, dedupe: DedupeStore): Transport {
  const url = config.webhookUrl ?? "";
  const path = new URL(url).pathname;
  const webhook = createWebhookRoute({ bot, path, secret: config.webhookSecret, dedupe, logger });
  return {
    routes: [webhook.route],
    afterListen: async () => {
      await bot.api.setWebhook(url, {
        ...(config.webhookSecret ? { secret_token: config.webhookSecret } : {}),
        allowed_updates: ALLOWED_UPDATES,
      });
      logger.info("Telegram webhook set", { path });
    },
    // Telegram keeps the webhook and queues updates until the next start; accepted ones are finished first.
    stop: () => webhook.drain(),
  };
}

/** Fetches the bot's identity (getMe); a refused token stops start-up with a message saying what to fix. */
async function checkToken(bot: Bot): Promise<void> {
  try {
    await bot.init();
  } catch (cause) {
    if (cause instanceof GrammyError && cause.error_code === 401) {
      throw new NewsBotError(
        "CONFIG_INVALID",
        "Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized). Copy the token again from @BotFather.",
        { cause },
      );
    }
    throw cause;
  }
}

/** Logs a failed update without secrets (the logger redacts) and apologises in the chat; the bot keeps running. */
function errorHandler(logger: Logger): (error: BotError<Context>) => Promise<void> {
  return async (error) => {
    const { ctx } = error;
    const blocked = error.error instanceof TelegramBlockedError;
    logger[blocked ? "info" : "error"]("Telegram update failed", {
      update: ctx.update.update_id,
      error: describeError(error.error),
    });
    if (blocked || !ctx.chat) return;
    try {
      await sendTelegramText(
        ctx.api,
        { chatId: ctx.chat.id },
        errorText(uiLanguage(ctx.from?.language_code), "internal", telegramCommand),
      );
    } catch (apology) {
      logger.warn("Could not send the apology", { error: describeError(apology) });
    }
  };
}
