/** Tags Telegram's HTML parse mode accepts. */
const SUPPORTED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
]);
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/**
 * Parses text the way the Bot API's HTML parse mode does, strictly by its documentation: only supported tags,
 * properly nested and closed, and every `<`, `>` and `&` outside tags and entities escaped. Returns the
 * visible text; throws an Error whose message is Telegram's description ("can't parse entities: …").
 */
export function parseTelegramHtml(html: string): string {
  let text = "";
  const open: string[] = [];
  let index = 0;
  const fail = (reason: string): never => {
    throw new Error(`Bad Request: can't parse entities: ${reason} at byte offset ${index}`);
  };
  while (index < html.length) {
    const char = html[index] ?? "";
    if (char === "<") {
      const end = html.indexOf(">", index);
      if (end < 0) fail("Unclosed start tag");
      const match = /^(\/?)([a-zA-Z][\w-]*)(\s[^>]*)?$/.exec(html.slice(index + 1, end));
      if (!match) fail(`Unsupported start tag "${html.slice(index + 1, end)}"`);
      const name = (match?.[2] ?? "").toLowerCase();
      if (!SUPPORTED_TAGS.has(name)) fail(`Unsupported start tag "${name}"`);
      if (match?.[1] === "/") {
        const expected = open.pop();
        if (expected !== name) fail(`Unmatched end tag "${name}", expected "</${expected ?? ""}>"`);
      } else {
        open.push(name);
      }
      index = end + 1;
    } else if (char === "&") {
      const match = /^&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/.exec(html.slice(index, index + 12));
      const entity = match?.[1] ?? "";
      const decoded = entity.startsWith("#x")
        ? String.fromCodePoint(Number.parseInt(entity.slice(2), 16))
        : entity.startsWith("#")
          ? String.fromCodePoint(Number(entity.slice(1)))
          : NAMED_ENTITIES[entity];
      if (!match || decoded === undefined) fail('Character "&" must be escaped as "&amp;"');
      text += decoded;
      index += match?.[0].length ?? 1;
    } else if (char === ">") {
      fail('Character ">" must be escaped as "&gt;"');
    } else {
      text += char;
      index += 1;
    }
  }
  if (open.length > 0) fail(`Can't find end tag corresponding to start tag "${open.at(-1)}"`);
  return text;
}
