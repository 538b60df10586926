import { isCommandName } from "../../src/index.ts";

/** What a person wrote after the slash command, in a mention or a DM, read once: a command word or a question. */
export type SlackInput = { kind: "command"; name: string; args: string } | { kind: "question"; text: string };

/**
 * Turns Slack message text into plain text: the bot's own mention goes, links and mentions become their
 * label, and the `&amp;`, `&lt;`, `&gt;` Slack escapes become the characters the person typed.
 */
export function plainTextOf(slackText: string, botUserId?: string): string {
  const withoutBot = botUserId
    ? slackText.replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g"), " ")
    : slackText.replace(/^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>/, " ");
  return withoutBot
    .replace(/<([^<>|]+)\|([^<>]+)>/g, "$2")
    .replace(/<([^<>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

/**
 * Reads a slash command's, mention's or DM's text: `help`, `summary 2`, `subscribe`, or a question; nothing at
 * all asks for the help. The first word is a command when the core or an extra subcommand knows it; written with
 * a slash (`/news /help`, out of habit from Telegram) it is a command whatever it is, so an unknown one is
 * answered as unknown rather than searched for.
 */
export function readSlackInput(text: string, isSubcommand: (word: string) => boolean): SlackInput {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "command", name: "help", args: "" };
  const first = /^(\/?)(\S+)\s*/.exec(trimmed);
  const slash = first?.[1] === "/";
  const word = (first?.[2] ?? "").toLowerCase();
  const args = trimmed.slice(first?.[0].length ?? 0);
  if (slash || isCommandName(word) || isSubcommand(word)) return { kind: "command", name: word, args };
  return { kind: "question", text: trimmed };
}
