import type { RunningAdapter } from "../../adapters/adapter.ts";
import { type AppConfig, loadConfig, secretsOf } from "../../adapters/config.ts";
import { type RunningHttpServer, startHttpServer } from "../../adapters/http/http-server.ts";
import { createLogger } from "../../adapters/logger.ts";
import { type SlackAdapterOptions, startSlackAdapter } from "../../adapters/slack/slack-adapter.ts";
import { createNewsBot, loadArticles, type NewsBot } from "../../src/index.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { createSlackSender, type SlackSender } from "../fakes/slack-requests.ts";

/** The bot token the tests use; shaped like a real one so the logger's token pattern would catch it too. */
export const BOT_TOKEN = "xoxb-1111-2222-testtokenvalue";
/** The signing secret the tests sign with. */
export const SIGNING_SECRET = "0123456789abcdef0123456789abcdef";

/** The real Slack adapter on a free loopback port, behind the shared HTTP server, talking to a fake Slack. */
export interface SlackHarness {
  fake: FakeSlack;
  /** Signs requests with the right secret and posts them to /slack/events. */
  slack: SlackSender;
  /** Base URL of the app's HTTP server. */
  origin: string;
  config: AppConfig;
  /** Every log line, redacted as in production. */
  logs: string[];
  stop(): Promise<void>;
}

/** Options for {@link startSlackHarness}. */
export interface SlackHarnessOptions extends Pick<SlackAdapterOptions, "subcommands" | "dedupe"> {
  /** Content folder; default the repository's content/. */
  contentDir?: string;
  questionsPerMinute?: number;
  /** Wraps the real bot, to make it fail on purpose. */
  wrapBot?: (bot: NewsBot) => NewsBot;
  /** Socket Mode: the app token, and the URL the fake's apps.connections.open hands out. */
  socketMode?: { appToken: string; url: () => string };
  /** Runs on the fake Slack before the adapter starts, e.g. to make a start-up call fail. */
  prepare?: (fake: FakeSlack) => void;
}

/** Starts a fake Slack, the news bot over real content, the Slack adapter and the shared HTTP server. */
export async function startSlackHarness(options: SlackHarnessOptions = {}): Promise<SlackHarness> {
  const fake = await startFakeSlack(options.socketMode ? { socketModeUrl: options.socketMode.url } : {});
  options.prepare?.(fake);
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    CONTENT_DIR: options.contentDir ?? "content",
    LOG_LEVEL: "debug",
    QUESTIONS_PER_MINUTE: String(options.questionsPerMinute ?? 100),
    ...(options.socketMode ? { SLACK_APP_TOKEN: options.socketMode.appToken } : {}),
  });
  const logs: string[] = [];
  const logger = createLogger({
    level: "debug",
    write: (line) => logs.push(line),
    secrets: secretsOf(config),
  });
  const { articles } = await loadArticles(config.core.contentDir);
  const realBot = createNewsBot({ articles, questionsPerMinute: config.core.questionsPerMinute });
  const bot = options.wrapBot ? options.wrapBot(realBot) : realBot;
  let adapter: RunningAdapter | undefined;
  let server: RunningHttpServer | undefined;
  try {
    if (!config.slack) throw new Error("The harness's environment sets no Slack tokens");
    adapter = await startSlackAdapter({
      settings: config.slack,
      logLevel: config.core.logLevel,
      bot,
      logger,
      ...(options.subcommands ? { subcommands: options.subcommands } : {}),
      ...(options.dedupe ? { dedupe: options.dedupe } : {}),
    });
    server = await startHttpServer({
      port: 0,
      host: "127.0.0.1",
      routes: adapter.routes,
      isHealthy: () => bot.articles().length > 0,
      logger,
    });
  } catch (error) {
    await adapter?.stop();
    await fake.stop();
    throw error;
  }
  const origin = `http://127.0.0.1:${server.port}`;
  const running = { adapter, server };
  return {
    fake,
    slack: createSlackSender({
      url: `${origin}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: fake.teamId,
      botUserId: fake.botUserId,
    }),
    origin,
    config,
    logs,
    stop: async () => {
      await running.adapter.stop();
      await running.server.stop();
      await fake.stop();
    },
  };
}

/** The mrkdwn texts of a message's section and context blocks, in order. */
export function blockTexts(message: Record<string, unknown>): string[] {
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Record<string, unknown>[]) : [];
  return blocks.flatMap((block) => {
    const text = block.text as { text?: string } | undefined;
    if (text?.text) return [text.text];
    const elements = Array.isArray(block.elements) ? (block.elements as { text?: unknown }[]) : [];
    return elements.flatMap((element) => (typeof element.text === "string" ? [element.text] : []));
  });
}

/** The buttons of a message's action blocks. */
export function buttonsOf(message: Record<string, unknown>): { action_id: string; value?: string }[] {
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Record<string, unknown>[]) : [];
  return blocks
    .filter((block) => block.type === "actions")
    .flatMap((block) => block.elements as { type: string; action_id: string; value?: string }[])
    .filter((element) => element.type === "button");
}
