import {
  commandRequest,
  type NewsBot,
  type Reply,
  type Request,
  typedTextRequest,
  type UiLanguage,
} from "../../src/index.ts";

/** The commands the page's buttons send; typed text may name any command, as in the console. */
const WEB_COMMANDS = ["start", "help", "summary", "sections", "section", "article"] as const;

/** One of {@link WEB_COMMANDS}. */
export type WebCommand = (typeof WEB_COMMANDS)[number];

/** What the page asks: typed or tapped text, or a button's command with its argument. */
export type WebInput = { kind: "text"; text: string } | { kind: "command"; name: WebCommand; args: string };

/** A parsed request from the page: the conversation (the browser's own id; none without the script) and the input. */
export interface WebRequest {
  conversation?: string;
  input: WebInput;
}

/** The browser makes up its conversation id once (random, kept in localStorage); this is its shape. */
const CONVERSATION_ID = /^[A-Za-z0-9_-]{16,64}$/;
/** Button arguments are article ids, positions or "all"; ids are file names. */
const ARGS_SYNTAX = /^[\p{L}\p{N}._-]{0,200}$/u;

/** Parses the JSON body the page sends; a message for the log when it is malformed. */
export function parseWebRequest(body: string): WebRequest | { problem: string } {
  const data = parseConversationBody(body);
  if (!("fields" in data)) return data;
  const { conversation } = data;
  const { text, command, args } = data.fields;
  if (typeof text === "string" && command === undefined)
    return { conversation, input: { kind: "text", text } };
  if (typeof command === "string" && (WEB_COMMANDS as readonly string[]).includes(command)) {
    const argument = args ?? "";
    if (typeof argument !== "string" || !ARGS_SYNTAX.test(argument))
      return { problem: "malformed arguments" };
    return { conversation, input: { kind: "command", name: command as WebCommand, args: argument } };
  }
  return { problem: "neither text nor a known command" };
}

/** Parses a body that names only a conversation (the page asking for its article choice). */
export function parseConversationBody(
  body: string,
): { conversation: string; fields: Record<string, unknown> } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { problem: "body is not JSON" };
  }
  if (typeof data !== "object" || data === null) return { problem: "body is not an object" };
  const fields = data as Record<string, unknown>;
  const conversation = fields.conversation;
  if (typeof conversation !== "string" || !CONVERSATION_ID.test(conversation))
    return { problem: "conversation id missing or malformed" };
  return { conversation, fields };
}

/** The article a conversation restricted its questions to, or null for all. */
export async function chosenArticle(bot: NewsBot, conversation: string): Promise<string | null> {
  const reply = await bot.handle(commandRequest("article"), { conversationId: `web:${conversation}` });
  return reply.kind === "articles" ? reply.selected : null;
}

/** Who is asking, as the web adapter knows it. */
export interface WebAsker {
  /** The client address; the per-person question limit applies to it. */
  address: string;
  language: UiLanguage;
}

/** Hands a web request to the core: the one place web input becomes a core call. */
export function answerWebRequest(bot: NewsBot, request: WebRequest, asker: WebAsker): Promise<Reply> {
  const { input } = request;
  // Typed text reads "/name args" as a command, as in the console; a button names its command directly.
  const core: Request =
    input.kind === "text" ? typedTextRequest(input.text) : commandRequest(input.name, input.args);
  return bot.handle(core, {
    ...(request.conversation ? { conversationId: `web:${request.conversation}` } : {}),
    // Per address, not per conversation: a new conversation id is free to make up, an address is not.
    userId: `web-address:${asker.address}`,
    language: asker.language,
  });
}
