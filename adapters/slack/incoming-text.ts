import { isCommandName } from "../../src/index.ts";

/** What a person wrote after the slash command or the mention, read the way the core reads messages. */
export interface SlackInput {
  /** The first word in lower case ("help", "subscribe", …), or "" for an empty text. */
  word: string;
  /** Everything after the first word. */
  args: string;
  /** The text for the core: "help …" becomes "/help …", an empty text "/help", anything else stays a question. */
  coreText: string;
}

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

/** Reads a slash command's text or a mention's text: `help`, `summary 2`, or a question. */
export function readSlackInput(text: string): SlackInput {
  const trimmed = text.trim();
  if (trimmed === "") return { word: "", args: "", coreText: "/help" };
  const word = (/^\S+/.exec(trimmed)?.[0] ?? "").toLowerCase();
  const args = trimmed.replace(/^\S+\s*/, "");
  const coreText = isCommandName(word) ? `/${word}${args ? ` ${args}` : ""}` : trimmed;
  return { word, args, coreText };
}
