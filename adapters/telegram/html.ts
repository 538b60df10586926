import { splitText } from "../../src/index.ts";

/** First of the private-use characters {@link splitHtml} stands in for tags and entities while splitting. */
const PLACEHOLDER_BASE = 0xe000;
/** How many distinct tags and entities one message may use (the size of the private-use area). */
const PLACEHOLDER_COUNT = 0x1900;
const PLACEHOLDER = /[\uE000-\uF8FF]/g;
const MARKUP = /<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g;
const TAG = /<[^>]*>/g;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/**
 * Escapes text for Telegram's HTML parse mode. Private-use characters become numeric entities, so that
 * {@link splitHtml} can use them as placeholders and the text still shows the same.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"\uE000-\uF8FF]/g, (char) => ESCAPES[char] ?? `&#${char.codePointAt(0)};`);
}

/** Wraps escaped text in a tag, e.g. `tag("b", escapeHtml(heading))`; empty text stays empty. */
export function tag(name: string, html: string): string {
  return html === "" ? "" : `<${name}>${html}</${name}>`;
}

/**
 * Splits Telegram HTML into messages whose visible text has at most `limit` characters, at paragraph, then
 * sentence, then word boundaries (the core's splitText). Tags and entities are never cut: each counts as one
 * character while splitting, a tag open at a cut is closed at the end of one part and reopened at the start of
 * the next, and parts without visible text are dropped. Raw private-use characters must be escaped first,
 * which {@link escapeHtml} does.
 */
export function splitHtml(html: string, limit: number): string[] {
  const tokens: string[] = [];
  const codes = new Map<string, string>();
  const masked = html.replace(MARKUP, (token) => {
    let code = codes.get(token);
    if (code === undefined) {
      if (tokens.length >= PLACEHOLDER_COUNT) throw new RangeError("Too many distinct tags in one message");
      code = String.fromCharCode(PLACEHOLDER_BASE + tokens.length);
      tokens.push(token);
      codes.set(token, code);
    }
    return code;
  });
  const unmask = (text: string) =>
    text.replace(PLACEHOLDER, (char) => tokens[char.charCodeAt(0) - PLACEHOLDER_BASE] ?? char);
  const open: string[] = [];
  const parts: string[] = [];
  for (const piece of splitText(masked, limit)) {
    const reopened = open.join("");
    const body = unmask(piece);
    for (const markup of body.match(TAG) ?? []) {
      if (markup.startsWith("</")) open.pop();
      else if (!markup.endsWith("/>")) open.push(markup);
    }
    const closing = open.map(closingTag).reverse().join("");
    const part = dropEmptyElements(reopened + body + closing);
    if (visibleText(part).trim() !== "") parts.push(part);
  }
  return parts;
}

/** The text Telegram shows for HTML: tags removed, entities counted as one character each. */
export function visibleText(html: string): string {
  return html.replace(TAG, "").replace(/&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g, "_");
}

function closingTag(openTag: string): string {
  const name = /^<([\w-]+)/.exec(openTag)?.[1] ?? "";
  return `</${name}>`;
}

/** A cut right after an opening tag leaves `<b></b>`; such empty pairs carry nothing and are removed. */
function dropEmptyElements(html: string): string {
  let previous = "";
  let current = html;
  while (current !== previous) {
    previous = current;
    current = current.replace(/<([\w-]+)(?:\s[^>]*)?><\/\1>/g, "");
  }
  return current;
}
