import type { webApi } from "@slack/bolt";
import { commandRequest, type Logger, type NewsBot, type Request, type UiLanguage } from "../../src/index.ts";
import { readSlackInput } from "./incoming-text.ts";
import { plainMessage, type SlackMessage } from "./mrkdwn.ts";
import { renderSlackReply } from "./render.ts";
import type { LanguageLookup } from "./user-language.ts";

/** Where a request came from: the slash command (answered privately), a mention or a direct message. */
export type SlackEntryPoint = "command" | "mention" | "direct-message";

/** What a subcommand handler gets: `/news subscribe weekly` arrives with `args` "weekly". */
export interface SlackSubcommandRequest {
  /** The text after the subcommand's word. */
  args: string;
  userId: string;
  /** The channel, group or DM the request came from. */
  channelId: string;
  teamId?: string;
  language: UiLanguage;
  via: SlackEntryPoint;
  /** Web API client with the bot token. */
  client: webApi.WebClient;
}

/**
 * Handles one extra subcommand word (`/news subscribe`, `@News subscribe`, or "subscribe" in a DM) before the
 * core sees it; its answer goes where the core's would (privately for the slash command). A string is escaped
 * and sent as one message; messages from {@link renderSlackReply} or `plainMessage` are sent as they are.
 */
export type SlackSubcommand = (request: SlackSubcommandRequest) => Promise<SlackMessage[] | string>;

/** What every Slack handler needs. */
export interface SlackHandlerContext {
  bot: NewsBot;
  logger: Logger;
  /** The slash command's name, such as /news. */
  command: string;
  languageOf: LanguageLookup;
  /** Extra subcommands by lower-case word. */
  subcommands: ReadonlyMap<string, SlackSubcommand>;
}

/** One thing a person wrote, wherever in Slack they wrote it. */
export interface SlackQuestion {
  /** Plain text, Slack's escaping and the bot's mention already removed. */
  text: string;
  userId: string;
  channelId: string;
  teamId?: string;
  via: SlackEntryPoint;
  client: webApi.WebClient;
}

/** Answers a request: a registered subcommand, else the core; returns the messages to send and their language. */
export async function answerQuestion(
  context: SlackHandlerContext,
  question: SlackQuestion,
): Promise<{ messages: SlackMessage[]; language: UiLanguage }> {
  const language = await context.languageOf(question.userId);
  const input = readSlackInput(question.text, (word) => context.subcommands.has(word));
  const subcommand = input.kind === "command" ? context.subcommands.get(input.name) : undefined;
  if (input.kind === "command" && subcommand) {
    const result = await subcommand({
      args: input.args,
      userId: question.userId,
      channelId: question.channelId,
      ...(question.teamId ? { teamId: question.teamId } : {}),
      language,
      via: question.via,
      client: question.client,
    });
    return { messages: typeof result === "string" ? [plainMessage(result)] : result, language };
  }
  const request: Request =
    input.kind === "command"
      ? commandRequest(input.name, input.args)
      : { kind: "question", text: input.text };
  const reply = await context.bot.handle(request, {
    userId: question.userId,
    conversationId: `slack:${question.channelId}`,
    language,
  });
  const messages = renderSlackReply(reply, language, {
    command: context.command,
    shareable: question.via === "command",
  });
  return { messages, language };
}
