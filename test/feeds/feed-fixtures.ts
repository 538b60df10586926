/** An item for the feed builders; `html` goes into the format's full-content field, `teaser` into its summary. */
export interface FixtureItem {
  id: string;
  link?: string;
  title: string;
  date?: string;
  author?: string;
  html?: string;
  teaser?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An RSS 2.0 feed with content:encoded and dc:creator. */
export function rss2(
  title: string,
  items: FixtureItem[],
  options: { language?: string; encoding?: string } = {},
): string {
  return `<?xml version="1.0" encoding="${options.encoding ?? "UTF-8"}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>${escapeXml(title)}</title><link>https://example.org/</link><description>Test feed</description>
${options.language ? `<language>${options.language}</language>` : ""}
${items
  .map(
    (item) => `<item><title>${escapeXml(item.title)}</title>
${item.link ? `<link>${escapeXml(item.link)}</link>` : ""}<guid isPermaLink="false">${escapeXml(item.id)}</guid>
${item.date ? `<pubDate>${new Date(item.date).toUTCString()}</pubDate>` : ""}
${item.author ? `<dc:creator>${escapeXml(item.author)}</dc:creator>` : ""}
${item.teaser ? `<description>${escapeXml(item.teaser)}</description>` : ""}
${item.html ? `<content:encoded><![CDATA[${item.html}]]></content:encoded>` : ""}</item>`,
  )
  .join("\n")}
</channel></rss>`;
}

/** An RSS 1.0 (RDF) feed. */
export function rdf(title: string, items: FixtureItem[], language = "en"): string {
  return `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="https://example.org/"><title>${escapeXml(title)}</title><link>https://example.org/</link><description>d</description><dc:language>${language}</dc:language></channel>
${items
  .map(
    (
      item,
    ) => `<item rdf:about="${escapeXml(item.id)}"><title>${escapeXml(item.title)}</title><link>${escapeXml(item.link ?? item.id)}</link>
${item.date ? `<dc:date>${item.date}</dc:date>` : ""}${item.author ? `<dc:creator>${escapeXml(item.author)}</dc:creator>` : ""}
${item.teaser ? `<description>${escapeXml(item.teaser)}</description>` : ""}
${item.html ? `<content:encoded><![CDATA[${item.html}]]></content:encoded>` : ""}</item>`,
  )
  .join("\n")}
</rdf:RDF>`;
}

/** An Atom 1.0 feed with HTML content. */
export function atom(title: string, items: FixtureItem[], language = "en"): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language}"><title>${escapeXml(title)}</title><id>urn:test:${escapeXml(title)}</id><updated>2026-12-01T00:00:00Z</updated>
${items
  .map(
    (item) => `<entry><title>${escapeXml(item.title)}</title><id>${escapeXml(item.id)}</id>
<updated>${item.date ?? "2026-12-01T00:00:00Z"}</updated>${item.date ? `<published>${item.date}</published>` : ""}
${item.link ? `<link rel="alternate" href="${escapeXml(item.link)}"/>` : ""}
${item.author ? `<author><name>${escapeXml(item.author)}</name></author>` : ""}
${item.teaser ? `<summary>${escapeXml(item.teaser)}</summary>` : ""}
${item.html ? `<content type="html">${escapeXml(item.html)}</content>` : ""}</entry>`,
  )
  .join("\n")}
</feed>`;
}

/** A JSON Feed 1.1. */
export function jsonFeed(title: string, items: FixtureItem[], language = "en"): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title,
    home_page_url: "https://example.org/",
    language,
    items: items.map((item) => ({
      id: item.id,
      ...(item.link ? { url: item.link } : {}),
      title: item.title,
      ...(item.date ? { date_published: item.date } : {}),
      ...(item.author ? { authors: [{ name: item.author }] } : {}),
      ...(item.teaser ? { summary: item.teaser } : {}),
      ...(item.html ? { content_html: item.html } : {}),
    })),
  });
}

/** An article page: navigation, an ad, comments and scripts around the article's paragraphs. */
export function articlePage(title: string, paragraphs: string[], language = "en"): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeXml(title)} – Example News</title>
<script>var tracker = "tracking pixel loaded";</script></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> Subscribe now</nav></header>
<div class="ad">Advertisement: cheap insurance for everyone</div>
<main><article><h1>${escapeXml(title)}</h1>
<figure><img src="/photo.jpg" alt="A photo"><figcaption>The harbour at dawn. <span class="credit">Photo: Wire Agency</span></figcaption></figure>
${paragraphs.map((paragraph) => `<p>${escapeXml(paragraph)}</p>`).join("\n")}
<script>document.write("inline script text");</script></article>
<section class="comments" id="comments"><h3>Comments</h3><p>reader42: First! This is so true, great article.</p><p>troll: Fake news, all of it.</p></section></main>
<aside><h3>Most read</h3><ul><li>Celebrity spotted at bakery</li></ul></aside>
<footer>Imprint · Privacy · © Example News</footer></body></html>`;
}

/** Sentences of a plausible story, long enough that Readability takes it for the article. */
export function storyParagraphs(topic: string, count = 4): string[] {
  return Array.from(
    { length: count },
    (_, i) =>
      `${topic} paragraph ${i + 1} reports that the council met on Tuesday and discussed the plan in detail. ` +
      `Officials said the work on the ${topic.toLowerCase()} project would continue through the winter months. ` +
      `Residents who attended the meeting asked about costs, timing and the effect on local traffic.`,
  );
}
