import { defineTexts, type Request, typedTextRequest } from "../../src/index.ts";

/** Commands that belong to a platform delivering the daily summary; the console says where to use them. */
const PLATFORM_COMMANDS = new Set(["subscribe", "unsubscribe"]);

/** A console line, read once: a request for the core, or a platform command the console explains. */
export type ConsoleInput = { kind: "request"; request: Request } | { kind: "platform-command"; name: string };

/** Reads one line the person typed: "/name args" is a command, anything else a question. */
export function readConsoleLine(line: string): ConsoleInput {
  const request = typedTextRequest(line);
  if (request.kind === "unknown-command" && PLATFORM_COMMANDS.has(request.name)) {
    return { kind: "platform-command", name: request.name };
  }
  return { kind: "request", request };
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
