import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { NewsBot, UiLanguage } from "../../src/index.ts";

/** What an extra command's handler learns about the message. */
export interface TelegramCommandInput {
  chatId: number;
  chatType: "private" | "group" | "supergroup" | "channel";
  /** The sender; absent for anonymous group admins. */
  userId?: number;
  language: UiLanguage;
  /** Text after the command. */
  args: string;
  /** The bot's API, for checks such as getChatMember. */
  api: Api;
}

/**
 * A command another module adds to the Telegram bot (the daily summary's /subscribe and /unsubscribe). It is
 * checked before the core's commands and obeys the same group rules; its answer is plain text, which the
 * adapter escapes, splits and sends.
 */
export interface TelegramCommand {
  /** Without the slash: lower-case letters, digits and underscores, 1–32 characters. */
  name: string;
  /** Shown in Telegram's command menu; left out of the menu when absent. */
  description?: (language: UiLanguage) => string;
  handle(input: TelegramCommandInput): string | Promise<string>;
}

/** The command menu for one language: the core's help commands, then the extra ones. */
export function menuCommands(bot: NewsBot, language: UiLanguage, extra: TelegramCommand[]): BotCommand[] {
  const help = bot.help(language);
  const core = help.kind === "help" ? help.commands : [];
  return [
    ...core.map((command) => ({ command: command.name, description: command.description })),
    ...extra.flatMap((command) =>
      command.description ? [{ command: command.name, description: command.description(language) }] : [],
    ),
  ];
}

/** Publishes the command menu: German as the default and for "de", English for "en". */
export async function publishCommands(api: Api, bot: NewsBot, extra: TelegramCommand[]): Promise<void> {
  const german = menuCommands(bot, "de", extra);
  await api.setMyCommands(german);
  await api.setMyCommands(german, { language_code: "de" });
  await api.setMyCommands(menuCommands(bot, "en", extra), { language_code: "en" });
}
