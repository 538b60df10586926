import type { types } from "@slack/bolt";
import { splitText, truncate } from "../../src/index.ts";

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

/** Escapes the three characters Slack's mrkdwn reserves, so article and user text shows as written. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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
  const escaped = escapeMrkdwn(raw);
  const sentence = highlight?.trim();
  if (!sentence || sentence.includes("\n")) return escaped;
  const needle = escapeMrkdwn(sentence);
  const at = escaped.indexOf(needle);
  if (at < 0) return escaped;
  return `${escaped.slice(0, at)}*${needle}*${escaped.slice(at + needle.length)}`;
}

/** A section block of already escaped mrkdwn, which must fit {@link SECTION_TEXT_LIMIT}. */
export function sectionBlock(mrkdwn: string): SlackBlock {
  return { type: "section", text: { type: "mrkdwn", text: mrkdwn } };
}

/** Section blocks for a raw text of any length, escaped, split, with `highlight` in bold. */
export function textBlocks(raw: string, highlight?: string): SlackBlock[] {
  return mrkdwnPieces(raw, highlight).map(sectionBlock);
}

/** Section blocks for lines of already escaped mrkdwn, packed into as few sections as fit. */
export function linesBlocks(lines: string[]): SlackBlock[] {
  return splitText(lines.join("\n"), SECTION_TEXT_LIMIT).map(sectionBlock);
}

/** A context block (small grey text) of already escaped mrkdwn elements. */
export function contextBlock(elements: string[]): SlackBlock {
  return {
    type: "context",
    elements: elements
      .slice(0, CONTEXT_ELEMENT_LIMIT)
      .map((text) => ({ type: "mrkdwn", text: truncate(text, SECTION_TEXT_LIMIT) })),
  };
}

/** Bold escaped mrkdwn: a heading. */
export function bold(raw: string): string {
  return `*${escapeMrkdwn(raw.trim())}*`;
}

/** A message of one escaped text, for confirmations and errors. */
export function plainMessage(raw: string): SlackMessage {
  return toMessages(textBlocks(raw))[0] ?? { text: escapeMrkdwn(raw), blocks: [] };
}

/** Packs blocks into messages of at most {@link MESSAGE_BLOCK_LIMIT} blocks, each with its text fallback. */
export function toMessages(blocks: SlackBlock[]): SlackMessage[] {
  const messages: SlackMessage[] = [];
  for (let start = 0; start < blocks.length; start += MESSAGE_BLOCK_LIMIT) {
    const chunk = blocks.slice(start, start + MESSAGE_BLOCK_LIMIT);
    messages.push({ text: fallbackText(chunk), blocks: chunk });
  }
  return messages;
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
