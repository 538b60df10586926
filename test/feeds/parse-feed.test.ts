import { describe, expect, it } from "vitest";
import { parseFeedBody, parseOpmlFeeds } from "../../adapters/feeds/parse-feed.ts";
import { atom, type FixtureItem, jsonFeed, rdf, rss2 } from "./feed-fixtures.ts";

const item: FixtureItem = {
  id: "urn:story:1",
  link: "https://example.org/story-1",
  title: "Harbour reopens",
  date: "2026-12-01T09:30:00.000Z",
  author: "Ann Writer",
  html: "<p>The harbour reopened on Monday.</p>",
  teaser: "Teaser text",
};

describe("parseFeedBody", () => {
  const formats = [
    ["RSS 2.0", "rss", rss2("Example", [item], { language: "en-GB" })],
    ["RSS 1.0 (RDF)", "rdf", rdf("Example", [item])],
    ["Atom 1.0", "atom", atom("Example", [item])],
    ["JSON Feed 1.1", "json", jsonFeed("Example", [item])],
  ] as const;

  for (const [name, format, body] of formats) {
    it(`reads ${name} items with guid, link, title, date, author, full content and summary`, () => {
      const feed = parseFeedBody(Buffer.from(body));
      expect(feed.format).toBe(format);
      expect(feed.title).toBe("Example");
      expect(feed.language?.slice(0, 2)).toBe("en");
      expect(feed.items).toEqual([
        {
          guid: "urn:story:1",
          link: "https://example.org/story-1",
          title: "Harbour reopens",
          date: "2026-12-01T09:30:00.000Z",
          author: "Ann Writer",
          html: "<p>The harbour reopened on Monday.</p>",
          summary: "Teaser text",
        },
      ]);
    });
  }

  it("decodes ISO-8859-1 declared in the XML declaration", () => {
    const xml = rss2("Zeitung", [{ ...item, title: "Größere Fähre für Lübeck" }], { encoding: "ISO-8859-1" });
    const feed = parseFeedBody(Buffer.from(xml, "latin1"));
    expect(feed.items[0]?.title).toBe("Größere Fähre für Lübeck");
  });

  it("decodes ISO-8859-1 named by the Content-Type charset", () => {
    const xml = rss2("Zeitung", [{ ...item, title: "Straßenbahn fährt wieder" }]).replace(
      'encoding="UTF-8"',
      "",
    );
    const feed = parseFeedBody(Buffer.from(xml, "latin1"), "application/rss+xml; charset=ISO-8859-1");
    expect(feed.items[0]?.title).toBe("Straßenbahn fährt wieder");
  });

  it("reads a feed that starts with a byte-order mark", () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(atom("Mit BOM", [item]))]);
    expect(parseFeedBody(body).items).toHaveLength(1);
  });

  it("refuses broken XML with FEED_PARSE", () => {
    const broken = rss2("Example", [item]).slice(0, 300);
    expect(() => parseFeedBody(Buffer.from(broken))).toThrow(expect.objectContaining({ code: "FEED_PARSE" }));
  });

  it("refuses an HTML page served where a feed was expected", () => {
    const html = "<!doctype html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>";
    expect(() => parseFeedBody(Buffer.from(html))).toThrow(/Not a feed/);
  });

  it("drops dates that do not parse and strips markup from titles", () => {
    const xml = rss2("Example", [{ ...item, title: "A <b>bold</b> move" }]).replace(
      /<pubDate>[^<]*<\/pubDate>/,
      "<pubDate>sometime soon</pubDate>",
    );
    const [parsed] = parseFeedBody(Buffer.from(xml)).items;
    expect(parsed?.title).toBe("A bold move");
    expect(parsed?.date).toBeUndefined();
  });
});

describe("parseOpmlFeeds", () => {
  it("lists the feed URLs of nested outlines once each", () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Subs</title></head><body>
      <outline text="News"><outline text="A" type="rss" xmlUrl="https://a.example/feed"/>
      <outline text="B" type="rss" xmlUrl="https://b.example/atom"/></outline>
      <outline text="A again" type="rss" xmlUrl="https://a.example/feed"/><outline text="Folder only"/></body></opml>`;
    expect(parseOpmlFeeds(opml)).toEqual(["https://a.example/feed", "https://b.example/atom"]);
  });

  it("refuses a file that is no OPML", () => {
    expect(() => parseOpmlFeeds("just some text")).toThrow(expect.objectContaining({ code: "FEED_PARSE" }));
  });
});
