/** The commands every platform understands; adapters map their own syntax onto these names. */
export const COMMAND_NAMES = [
  "start",
  "help",
  "summary",
  "sections",
  "section",
  "article",
  "ask",
  "subscribe",
  "unsubscribe",
] as const;

/** One of {@link COMMAND_NAMES}. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** What a message asks for: a command with its argument text, or a question. */
export type ParsedInput =
  | { kind: "command"; name: CommandName; args: string }
  | { kind: "question"; text: string };

/** "/name", optionally "@BotName" as Telegram appends in groups, then the arguments; names as Telegram allows. */
const COMMAND_SYNTAX = /^\/([A-Za-z0-9_]{1,32})(?:@(\w+))?(?:\s+([\s\S]*))?$/;

/** The parts of a command message, whatever the name: "/ask@NewsBot Wer?" → ask, NewsBot, "Wer?". */
export function splitCommand(text: string): { name: string; botName?: string; args: string } | null {
  const match = COMMAND_SYNTAX.exec(text.trim());
  if (!match) return null;
  const name = (match[1] ?? "").toLowerCase();
  const args = (match[3] ?? "").trim();
  return match[2] ? { name, botName: match[2], args } : { name, args };
}

/** Tells whether a word names a command. */
export function isCommandName(word: string): word is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(word);
}

/**
 * Parses a message: "/name[@Bot] args" is a command (unknown names included, so the bot can say so);
 * anything else is a question. `/ask text` is the question `text`.
 */
export function parseInput(text: string): ParsedInput | { kind: "unknown-command"; name: string } {
  const command = splitCommand(text);
  if (!command) return { kind: "question", text: text.trim() };
  const { name, args } = command;
  if (!isCommandName(name)) return { kind: "unknown-command", name };
  if (name === "ask") return { kind: "question", text: args };
  return { kind: "command", name, args };
}
