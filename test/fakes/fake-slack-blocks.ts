/** Slack's limit for the text of a section block. */
export const FAKE_SECTION_TEXT_LIMIT = 3000;
/** Slack's limit of blocks in one message. */
export const FAKE_MESSAGE_BLOCK_LIMIT = 50;
/** Slack's limit of elements in one context block. */
export const FAKE_CONTEXT_ELEMENT_LIMIT = 10;

/**
 * Checks a message's `blocks` as Slack does before posting, as far as the bot's blocks go: at most 50 blocks,
 * a section's text 1 to 3,000 characters (or fields instead), a context block with 1 to 10 non-empty
 * elements. Returns "invalid_blocks", Slack's error for all of these, or undefined when the blocks are fine
 * or there are none.
 */
export function blockKitError(blocks: unknown): "invalid_blocks" | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks) || blocks.length > FAKE_MESSAGE_BLOCK_LIMIT) return "invalid_blocks";
  return blocks.every(isValidBlock) ? undefined : "invalid_blocks";
}

function isValidBlock(block: unknown): boolean {
  if (typeof block !== "object" || block === null) return false;
  const { type, text, fields, elements } = block as Record<string, unknown>;
  if (type === "section") {
    if (text === undefined) return Array.isArray(fields) && fields.length > 0;
    return isText(text, FAKE_SECTION_TEXT_LIMIT);
  }
  if (type === "context") {
    return (
      Array.isArray(elements) &&
      elements.length > 0 &&
      elements.length <= FAKE_CONTEXT_ELEMENT_LIMIT &&
      elements.every((element) => isImage(element) || isText(element, FAKE_SECTION_TEXT_LIMIT))
    );
  }
  return typeof type === "string";
}

function isImage(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "image";
}

/** A text object: mrkdwn or plain_text with 1 to `limit` characters. */
function isText(value: unknown, limit: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { type, text } = value as Record<string, unknown>;
  return (
    (type === "mrkdwn" || type === "plain_text") &&
    typeof text === "string" &&
    text.length > 0 &&
    text.length <= limit
  );
}
