/** Charsets a feed declares that TextDecoder knows under another label. */
const ALIASES: Record<string, string> = { latin1: "iso-8859-1", "latin-1": "iso-8859-1" };

/**
 * Decodes a body to text: a byte-order mark wins, then the Content-Type charset, then an XML declaration's encoding
 * or an HTML meta charset, then UTF-8. An unknown charset falls back to UTF-8 rather than failing the feed.
 */
export function decodeText(body: Buffer, contentType?: string): string {
  const bom = bomCharset(body);
  const declared =
    bom ??
    charsetOf(contentType) ??
    /^<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(body.subarray(0, 200).toString("latin1"))?.[1] ??
    /<meta[^>]+charset=["']?([\w.:-]+)/i.exec(body.subarray(0, 2048).toString("latin1"))?.[1];
  const label = (declared ?? "utf-8").toLowerCase();
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(ALIASES[label] ?? label);
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  // TextDecoder drops the BOM of its own encoding; the XML parser would otherwise choke on it.
  return decoder.decode(body).replace(/^\uFEFF/, "");
}

function bomCharset(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return "utf-8";
  if (body[0] === 0xfe && body[1] === 0xff) return "utf-16be";
  if (body[0] === 0xff && body[1] === 0xfe) return "utf-16le";
  return undefined;
}

function charsetOf(contentType: string | undefined): string | undefined {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1];
}
