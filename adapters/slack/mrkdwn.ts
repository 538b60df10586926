import type { types } from "@slack/bolt";
import { splitAtSentence, splitText, truncate } from "../../src/index.ts";

/** Slack's limit for the text of a section block. */
export const SECTION_TEXT_LIMIT = 3000;
/** Slack's limit of blocks in one message. */
export const MESSAGE_BLOCK_LIMIT = 50;
/** Slack's limit of elements in one context block. */
export const CONTEXT_ELEMENT_LIMIT = 10;
/** Slack's limit for a button's value. */
export const BUTTON_VALUE_LIMIT = 2000;
/** Slack's limit for a button's label. */
export const BUTTON_TEXT_LIMIT = 75;
/** Length of the plain `text` fallback; it shows in notifications, where shorter reads better. */
export const FALLBACK_TEXT_LIMIT = 3000;

/** Room left in a section for the two asterisks that bold the best sentence. */
const BOLD_MARGIN = 2;
/** Escaping turns one character into at most five (`&` → `&amp;`). */
const MAX_ESCAPE_GROWTH = 5;

/** A Block Kit block. */
export type SlackBlock = types.KnownBlock;

/** One Slack message: Block Kit blocks and the plain text that notifications and old clients show. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/**
 * Invisible, and kept by Slack since emoji sequences depend on it. mrkdwn has no escape character; a `*`
 * opens only after a space or punctuation and closes only before one, so a joiner on both sides leaves it
 * neither, and it can pair neither with another one in the text nor with the bold the renderer adds.
 * The character itself stays (copying gives the original text), unlike a look-alike such as U+2217. There is no
 * cleaner way: Slack decodes only `&amp;`, `&lt;` and `&gt;` (an `&#42;` shows literally), and a code span would
 * change how the text looks. Replies are split on their raw text before escaping (mrkdwnPieces), so a cut never
 * separates a joiner from its character.
 */
const JOINER = "\u200D";
/**
 * What {@link escapeMrkdwn} guards: a web address (group 1; Slack links it before formatting, and a joiner
 * would break the link), any backtick, and a `*`, `_` or `~` unless it stands between two letters or digits,
 * where mrkdwn never formats ("New_York", "2*3" stay as written).
 */
const FORMATTING_OR_URL = /(https?:\/\/\S+)|`|(?<![\p{L}\p{N}])[*_~]|[*_~](?![\p{L}\p{N}])/gu;

/**
 * Makes article and user text show as written: `&`, `<` and `>` become the entities Slack asks for, and the
 * formatting characters `*`, `_`, `~` and `` ` `` that could start or end formatting get a zero-width joiner on
 * each side; web addresses keep theirs.
 */
export function escapeMrkdwn(text: string): string {
  return escapeEntities(
    text.replace(FORMATTING_OR_URL, (match, url?: string) => url ?? `${JOINER}${match}${JOINER}`),
  );
}

/** Escapes only the three characters Slack reserves; for code spans, where nothing else is formatted. */
function escapeEntities(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Inline code (a command to copy): only entities are escaped, so a copied `/news_bot` has no joiners in it. */
export function inlineCode(raw: string): string {
  return `\`${escapeEntities(raw.replace(/`/g, "'"))}\``;
}

/**
 * Escapes a text and cuts it into pieces that fit a section block, at paragraph, sentence, then word
 * boundaries; `highlight`, where a piece holds it whole, is set in bold.
 */
export function mrkdwnPieces(raw: string, highlight?: string): string[] {
  const target = SECTION_TEXT_LIMIT - BOLD_MARGIN;
  return splitEscaped(raw, target, target).map((piece) => emphasize(piece, highlight));
}

/** Splits the raw text until each escaped piece fits; the raw limit shrinks only for entity-heavy text. */
function splitEscaped(raw: string, rawLimit: number, target: number): string[] {
  return splitText(raw, rawLimit).flatMap((piece) =>
    escapeMrkdwn(piece).length <= target || rawLimit <= Math.floor(target / MAX_ESCAPE_GROWTH)
      ? [piece]
      : splitEscaped(
          piece,
          Math.max(Math.floor(rawLimit / 2), Math.floor(target / MAX_ESCAPE_GROWTH)),
          target,
        ),
  );
}

function emphasize(raw: string, highlight: string | undefined): string {
  const sentence = highlight?.trim() ?? "";
  const parts = sentence.includes("\n") ? null : splitAtSentence(raw, sentence);
  if (!parts) return escapeMrkdwn(raw);
  const [before, best, after] = parts;
  return `${escapeMrkdwn(before)}*${escapeMrkdwn(best)}*${escapeMrkdwn(after)}`;
}

/** A section block of already escaped mrkdwn, which must fit {@link SECTION_TEXT_LIMIT}. */
export function sectionBlock(mrkdwn: string): SlackBlock {
  return { type: "section", text: { type: "mrkdwn", text: mrkdwn } };
}

/** Section blocks for a raw text of any length, escaped, split, with `highlight` in bold; none for blank text. */
export function textBlocks(raw: string, highlight?: string): SlackBlock[] {
  return raw.trim() === "" ? [] : mrkdwnPieces(raw, highlight).map(sectionBlock);
}

/** Section blocks for lines of already escaped mrkdwn, packed into as few sections as fit; none for no lines. */
export function linesBlocks(lines: string[]): SlackBlock[] {
  return splitText(lines.join("\n"), SECTION_TEXT_LIMIT)
    .filter((piece) => piece.trim() !== "")
    .map(sectionBlock);
}

/** A context block (small grey text) of already escaped mrkdwn elements; blank elements are left out. */
export function contextBlock(elements: string[]): SlackBlock {
  return {
    type: "context",
    elements: elements
      .filter((text) => text.trim() !== "")
      .slice(0, CONTEXT_ELEMENT_LIMIT)
      .map((text) => ({ type: "mrkdwn", text: truncate(text, SECTION_TEXT_LIMIT) })),
  };
}

/** Bold escaped mrkdwn: a heading; blank text stays empty rather than two stray asterisks. */
export function bold(raw: string): string {
  const text = raw.trim();
  return text === "" ? "" : `*${escapeMrkdwn(text)}*`;
}

/** A message of one escaped text, for confirmations and errors; blank text gives a message without blocks. */
export function plainMessage(raw: string): SlackMessage {
  return toMessages(textBlocks(raw))[0] ?? { text: fallbackText([]), blocks: [] };
}

/**
 * Packs blocks into messages of at most {@link MESSAGE_BLOCK_LIMIT} blocks, each with its text fallback.
 * Blank sections and contexts without elements are dropped: Slack rejects the whole message for one.
 */
export function toMessages(blocks: SlackBlock[]): SlackMessage[] {
  const messages: SlackMessage[] = [];
  const shown = blocks.filter((block) => !isBlank(block));
  for (let start = 0; start < shown.length; start += MESSAGE_BLOCK_LIMIT) {
    const chunk = shown.slice(start, start + MESSAGE_BLOCK_LIMIT);
    messages.push({ text: fallbackText(chunk), blocks: chunk });
  }
  return messages;
}

function isBlank(block: SlackBlock): boolean {
  if (block.type === "section") return !block.fields?.length && (block.text?.text.trim() ?? "") === "";
  if (block.type === "context") return block.elements.length === 0;
  return false;
}

/** The message's words without layout, for notifications; never empty, since Slack requires text. */
function fallbackText(blocks: SlackBlock[]): string {
  const parts = blocks.flatMap((block) => {
    if (block.type === "section") return block.text ? [block.text.text] : [];
    if (block.type === "context")
      return block.elements.flatMap((element) => ("text" in element ? [element.text] : []));
    return [];
  });
  return truncate(parts.join("\n"), FALLBACK_TEXT_LIMIT) || " ";
}
