import { createHash } from "node:crypto";

/** Query parameters that only track where a reader came from; links differing only in these are one story. */
const TRACKING =
  /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|ref|ref_src|cmpid|wt_mc|at_medium|at_campaign|xtor)$/i;

/**
 * Normalises a link for recognising duplicates: lower-case host without "www.", no fragment, no tracking
 * parameters, the rest sorted, no default port, no trailing slash, http and https alike.
 */
export function normalizeLink(link: string): string | undefined {
  if (!URL.canParse(link)) return undefined;
  const url = new URL(link);
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const params = [...url.searchParams]
    .filter(([name]) => !TRACKING.test(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const path = url.pathname.replace(/\/+$/, "");
  return `${host}${url.port ? `:${url.port}` : ""}${path}${query ? `?${query}` : ""}`;
}

/** A fingerprint of an article's words: the same text under another link or guid is the same story. */
export function contentFingerprint(title: string, text: string): string {
  const words =
    `${title} ${text}`
      .toLowerCase()
      .normalize("NFKC")
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return createHash("sha256").update(words.join(" ")).digest("hex").slice(0, 32);
}
