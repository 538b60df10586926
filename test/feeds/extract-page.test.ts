import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractPage } from "../../adapters/feeds/extract-page.ts";
import { htmlToBlocks } from "../../adapters/feeds/html-blocks.ts";
import { articlePage, storyParagraphs } from "./feed-fixtures.ts";

const BOILERPLATE = [
  "Startseite",
  "Menü öffnen",
  "Anzeige",
  "Tracking-Skript",
  "Eingebettetes Skript",
  "Leser123",
  "Schlaglöcher",
  "Meistgelesen",
  "Impressum",
  "Agentur Bildwerk",
];

describe("extractPage", () => {
  it("keeps a German article's sentences, headings and caption and drops navigation, ads, scripts, comments and credits", () => {
    const html = readFileSync("test/fixtures/feeds/page-with-boilerplate.html", "utf8");
    const page = extractPage(html, "https://lokalblatt.example/radweg");
    const text = page?.blocks.map((block) => block.text).join("\n") ?? "";
    expect(text).toContain("mit großer Mehrheit den Bau eines neuen Radwegs");
    expect(text).toContain("Die Kosten von etwa 2,3 Millionen Euro trägt zu zwei Dritteln das Land.");
    expect(page?.blocks).toContainEqual({ kind: "heading", text: "Kritik der Anwohner" });
    expect(page?.blocks).toContainEqual({
      kind: "caption",
      text: "Radfahrer an der Kreuzung am Marktplatz.",
    });
    expect(BOILERPLATE.filter((word) => text.includes(word))).toEqual([]);
    expect(page?.author).toBe("Marta Beispiel");
    expect(page?.language).toBe("de");
  });

  it("extracts an English page built around the same kind of chrome", () => {
    const paragraphs = storyParagraphs("Harbour");
    const page = extractPage(articlePage("Harbour reopens", paragraphs), "https://example.org/harbour");
    const text = page?.blocks.filter((block) => block.kind === "paragraph").map((block) => block.text) ?? [];
    expect(text).toEqual(paragraphs);
    const all = page?.blocks.map((block) => block.text).join(" ") ?? "";
    for (const junk of [
      "Subscribe now",
      "Advertisement",
      "tracking pixel",
      "inline script",
      "reader42",
      "Most read",
      "Imprint",
      "Wire Agency",
    ])
      expect(all).not.toContain(junk);
  });

  it("returns undefined for a page with no article", () => {
    expect(extractPage("<html><body><nav>Home</nav></body></html>", "https://example.org/")).toBeUndefined();
  });
});

describe("htmlToBlocks", () => {
  it("turns feed HTML into paragraphs, headings and captions and drops scripts", () => {
    const blocks = htmlToBlocks(
      '<p>First <b>paragraph</b>.</p><h2>Part two</h2><ul><li>A point</li></ul><img src="x.jpg" alt="A map"><script>alert(1)</script>',
    );
    expect(blocks).toEqual([
      { kind: "paragraph", text: "First paragraph." },
      { kind: "heading", text: "Part two" },
      { kind: "paragraph", text: "A point" },
      { kind: "caption", text: "A map" },
    ]);
  });

  it("keeps bare text without block elements as one paragraph", () => {
    expect(htmlToBlocks("Just a teaser &amp; more")).toEqual([
      { kind: "paragraph", text: "Just a teaser & more" },
    ]);
  });
});
