import { App } from "@slack/bolt";
import { describeError, type LogLevel, NewsBotError } from "../../src/index.ts";
import type { CoreServices, RunningAdapter } from "../adapter.ts";
import { createMemoryDedupeStore, type DedupeStore } from "../dedupe/dedupe-store.ts";
import type { SlackSubcommand } from "./answer.ts";
import { boltLogLevel, createBoltLogger } from "./bolt-logger.ts";
import { registerCommandHandlers } from "./command-handlers.ts";
import { createDirectCommandHandler } from "./direct-command.ts";
import { createErrorHandler } from "./error-handler.ts";
import { registerEventHandlers } from "./event-handlers.ts";
import { createReplayGuard } from "./replay-guard.ts";
import type { SlackSettings } from "./settings.ts";
import { platformErrorOf, SLACK_LOOKUP_TIMEOUT_MS, slackClientOptions } from "./slack-client.ts";
import { readSlackLocale } from "./slack-http.ts";
import { createSlackReceiver } from "./slack-receiver.ts";
import { createSocketModeReceiver, startSocketMode } from "./socket-mode.ts";
import { createLanguageLookup } from "./user-language.ts";

/** The path Slack posts events, slash commands and interactivity to (the manifest's request URLs). */
export const SLACK_EVENTS_PATH = "/slack/events";

/** Options for {@link startSlackAdapter}: its settings, the shared services, and the hooks that extend it. */
export interface SlackAdapterOptions extends CoreServices {
  settings: SlackSettings;
  /** The app's log level, which Bolt's own logger follows. */
  logLevel: LogLevel;
  /**
   * Extra subcommands by word, such as `subscribe` and `unsubscribe` for the daily summary. They take
   * precedence over the core's commands.
   */
  subcommands?: Record<string, SlackSubcommand>;
  /** Where handled deliveries are remembered, so a replay is carried out once; default in memory. */
  dedupe?: DedupeStore;
}

/**
 * Starts the Bolt app. HTTP mode serves {@link SLACK_EVENTS_PATH} on the shared HTTP server through the
 * adapter's receiver (signature and timestamp checks, malformed bodies refused, acknowledgement first); with
 * SLACK_APP_TOKEN it connects over Socket Mode instead and serves no route. Either way each delivery is
 * carried out once (see createReplayGuard). The bot token is checked with auth.test before anything runs.
 */
export async function startSlackAdapter(options: SlackAdapterOptions): Promise<RunningAdapter> {
  const { settings: slack, logLevel: level } = options;
  const boltLogger = createBoltLogger(options.logger, level);
  // Set once the handlers exist below; the receiver takes no request before the shared server listens.
  let answerCommand: (body: Record<string, unknown>, key: string) => Promise<void> = async () => {};
  const receiver = slack.appToken
    ? undefined
    : createSlackReceiver({
        path: SLACK_EVENTS_PATH,
        signingSecret: slack.signingSecret,
        logger: options.logger,
        commands: { name: slack.command, handle: (body, key) => answerCommand(body, key) },
      });
  const socketReceiver = slack.appToken
    ? createSocketModeReceiver({
        appToken: slack.appToken,
        apiUrl: slack.apiUrl,
        logger: boltLogger,
        logLevel: boltLogLevel(level),
      })
    : undefined;
  const app = new App({
    token: slack.botToken,
    ...(receiver ? { receiver } : { appToken: slack.appToken, socketMode: true, receiver: socketReceiver }),
    logger: boltLogger,
    logLevel: boltLogLevel(level),
    clientOptions: slackClientOptions(slack, options.logger, level),
    deferInitialization: true,
    extendedErrorHandler: true,
  });
  try {
    await app.init();
  } catch (error) {
    throw new NewsBotError(
      "PLATFORM",
      `Slack did not accept SLACK_BOT_TOKEN (auth.test: ${platformErrorOf(error) ?? describeError(error)}). Check the token and SLACK_API_URL.`,
      { cause: error },
    );
  }
  const languageOf = createLanguageLookup({
    readLocale: (userId) => readSlackLocale(slack.apiUrl, slack.botToken, userId, SLACK_LOOKUP_TIMEOUT_MS),
    logger: options.logger,
  });
  const handlerContext = {
    bot: options.bot,
    logger: options.logger,
    command: slack.command,
    languageOf,
    subcommands: new Map(
      Object.entries(options.subcommands ?? {}).map(([word, handler]) => [word.toLowerCase(), handler]),
    ),
  };
  const dedupe = options.dedupe ?? createMemoryDedupeStore();
  app.use(createReplayGuard({ dedupe, logger: options.logger }));
  registerCommandHandlers(app, handlerContext);
  registerEventHandlers(app, handlerContext);
  const onError = createErrorHandler({ logger: options.logger, languageOf, client: app.client });
  app.error(onError);
  answerCommand = createDirectCommandHandler({
    context: handlerContext,
    client: app.client,
    dedupe,
    onError,
  });
  if (!receiver) {
    await startSocketMode(app);
    options.logger.info("Slack connected over Socket Mode");
  }
  return {
    name: "Slack",
    routes: receiver ? [receiver.route] : [],
    // In HTTP mode the shared server owns the socket; stopping waits for acknowledged requests to be answered.
    stop: async () => {
      await (receiver ? receiver.stop() : app.stop());
    },
  };
}
