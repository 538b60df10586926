import { commandRequest, defineTexts, type Request } from "../../src/index.ts";

/** "/name", then the arguments: the console reads commands as Telegram does, without a bot's name. */
const COMMAND_LINE = /^\/([A-Za-z0-9_]{1,32})(?:\s+([\s\S]*))?$/;

/** Commands that belong to a platform delivering the daily summary; the console says where to use them. */
const PLATFORM_COMMANDS = new Set(["subscribe", "unsubscribe"]);

/** A console line, read once: a command for the core, a platform command the console explains, or a question. */
export type ConsoleInput = { kind: "request"; request: Request } | { kind: "platform-command"; name: string };

/** Reads one line the person typed: "/name args" is a command, anything else a question. */
export function readConsoleLine(line: string): ConsoleInput {
  const text = line.trim();
  const match = COMMAND_LINE.exec(text);
  if (!match) return { kind: "request", request: { kind: "question", text } };
  const name = (match[1] ?? "").toLowerCase();
  if (PLATFORM_COMMANDS.has(name)) return { kind: "platform-command", name };
  return { kind: "request", request: commandRequest(name, match[2] ?? "") };
}

/** Words only the console shows. */
export const consoleText = defineTexts({
  de: {
    platformCommand:
      "/{name} gibt es im Konsolen-Chat nicht: Die tägliche Zusammenfassung abonnierst du in Telegram oder Slack.",
  },
  en: {
    platformCommand:
      "/{name} is not available in the console chat: subscribe to the daily summary on Telegram or Slack.",
  },
});
