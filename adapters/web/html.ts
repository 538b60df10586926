/** Markup that is already safe to send: built by {@link html} or {@link rawHtml}, never from raw input. */
export interface SafeHtml {
  readonly html: string;
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/** Values an {@link html} template accepts: text is escaped, SafeHtml is kept, lists are joined, nullish drops. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === "object" && value !== null && "html" in value;
}

function fill(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(fill).join("");
  if (isSafe(value)) return value.html;
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml, so markup is built the one safe
 * way: `html\`<p>${text}</p>\``.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let result = strings[0] ?? "";
  values.forEach((value, index) => {
    result += fill(value) + (strings[index + 1] ?? "");
  });
  return { html: result };
}

/** Marks a constant as markup; only for strings written in this code base, never for input. */
export function rawHtml(markup: string): SafeHtml {
  return { html: markup };
}

/** An href only when it is an http(s) URL, so an article's `javascript:` source can never become a link. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const protocol = new URL(url).protocol;
  return protocol === "http:" || protocol === "https:" ? url : undefined;
}
