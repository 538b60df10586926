import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { NewsBot, Reply, UiLanguage } from "../../src/index.ts";
import { consoleText, readConsoleLine } from "./read-line.ts";
import { type ConsoleStyle, PLAIN_STYLE, renderConsoleReply } from "./render.ts";

/** Options for {@link runConsoleChat}. */
export interface ConsoleChatOptions {
  bot: NewsBot;
  input: Readable;
  output: Writable;
  /** Lines printed before the first prompt. */
  banner: string[];
  language?: UiLanguage;
  style?: ConsoleStyle;
  /** Hears about an answer that failed, for the log; the person sees an apology. */
  onError?: (error: unknown) => void;
  /** Shows a prompt; only useful on a terminal. Default false. */
  prompt?: boolean;
}

const EXIT_WORDS = new Set(["/quit", "/exit", "quit", "exit"]);

/** A running console chat: `done` settles at end of input; `stop()` ends it early. */
export interface ConsoleChat {
  done: Promise<void>;
  stop(): void;
}

/** Chats with the bot line by line until end of input or /quit; the same commands as on the platforms. */
export function runConsoleChat(options: ConsoleChatOptions): ConsoleChat {
  const language = options.language ?? "de";
  const style = options.style ?? PLAIN_STYLE;
  const write = (text: string) => options.output.write(`${text}\n`);
  for (const line of options.banner) write(line);
  const lines = createInterface({ input: options.input, terminal: false });
  const showPrompt = () => {
    if (options.prompt) options.output.write("> ");
  };
  const answer = async (text: string): Promise<string> => {
    const input = readConsoleLine(text);
    if (input.kind === "platform-command")
      return consoleText(language, "platformCommand", { name: input.name });
    // One failing answer gets an apology; the chat goes on.
    let reply: Reply;
    try {
      reply = await options.bot.handle(input.request, { conversationId: "console", language });
    } catch (error) {
      options.onError?.(error);
      reply = { kind: "error", code: "internal" };
    }
    return renderConsoleReply(reply, language, style);
  };
  showPrompt();
  let answered = Promise.resolve();
  lines.on("line", (line) => {
    const text = line.trim();
    if (EXIT_WORDS.has(text.toLowerCase())) {
      lines.close();
      return;
    }
    // Answers are written in the order the lines came, each after the one before.
    answered = answered.then(async () => {
      if (text !== "") write(`${await answer(text)}\n`);
      showPrompt();
    });
  });
  const closed = new Promise<void>((resolve) => lines.once("close", resolve));
  const done = closed.then(() => answered);
  return { done, stop: () => lines.close() };
}
