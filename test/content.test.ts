import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { paragraphsOf } from "../src/article.ts";
import { loadArticles, NewsBotError, parseArticle } from "../src/index.ts";
import { ARTICLE_FILE, realArticle, tempContent } from "./helpers/articles.ts";

describe("plain-text articles", () => {
  const article = realArticle();

  it("takes the first line as the title and the file name as the id", () => {
    expect(article.title).toBe("Begegnung zwischen Kim Jong Un und Putin");
    expect(article.id).toBe("000_81e12a227075c4f1");
  });

  it("takes the first paragraph as the lead", () => {
    expect(article.lead.text).toMatch(/^Der Machthaber von Nordkorea Kim Jong Un .* vor\.$/);
    expect(article.lead.sentences).toHaveLength(1);
  });

  it("finds the two headed sections and the intro paragraph before them", () => {
    expect(article.sections.map((s) => s.heading)).toEqual([
      "Ein Treffen könnte schon bald stattfinden",
      "Es ist schon Putins zweite Einladung an Kim",
    ]);
    expect(article.sections[1]?.paragraphs).toHaveLength(2);
    expect(article.intro[0]?.text).toMatch(/^Erste Annäherungen/);
  });

  it("recognises the repeated image caption and keeps it out of the text", () => {
    expect(article.captions).toEqual(["President Putin attends Cosmonautics Day concert in Kremlin"]);
    const allText = [article.lead, ...article.intro, ...article.sections.flatMap((s) => s.paragraphs)]
      .map((p) => p.text)
      .join(" ");
    expect(allText).not.toContain("Cosmonautics");
  });

  it("splits paragraphs into sentences", () => {
    const sentences = article.sections[0]?.paragraphs[0]?.sentences.map((s) => s.text) ?? [];
    expect(sentences[0]).toBe(
      "Dass die Vorbereitungen dazu bereits in vollem Gange sind, bestätigte Kreml-Sprecher Dmitri Peskow am Montag.",
    );
    expect(sentences).toHaveLength(7);
  });

  it("detects German", () => {
    expect(article.language).toBe("de");
  });

  it("is served unchanged from content/", () => {
    expect(readFileSync("content/000_81e12a227075c4f1.txt", "utf8")).toBe(readFileSync(ARTICLE_FILE, "utf8"));
  });

  it.each([
    ["Am 3. Oktober traf Donald J. Trump z.B. Dr. Müller in Berlin.", "Danach ging er."],
    ["The engine consumes approx. 4 kg of steam per kWh.", "It is fast."],
    ["Der Motor braucht ca. 4 kg (8.8 lb.) Dampf pro Kilowattstunde.", "Er ist schnell."],
    ["(Siehe unten.)", "Der Motor ist schnell."],
  ])(
    "does not split at abbreviations, initials, ordinals or a period in parentheses: %s",
    (first, second) => {
      const parsed = parseArticle(`Titel\n\n${first} ${second}\n`, "a.txt");
      expect(parsed.lead.sentences.map((s) => s.text)).toEqual([first, second]);
    },
  );
});

describe("Markdown articles", () => {
  const markdown = [
    "---",
    "title: Wahl in Berlin",
    "date: 2026-11-20",
    "source: https://example.org/wahl",
    "language: de",
    "---",
    "",
    "# Ignored when front matter has a title",
    "",
    "Die Wahl in Berlin ist entschieden. Die **Beteiligung** war [hoch](https://example.org).",
    "",
    "![Ein Wahllokal in Mitte](wahllokal.jpg)",
    "*Ein Wahllokal in Mitte*",
    "",
    "## Das Ergebnis",
    "Die Partei A gewann knapp.",
  ].join("\n");

  it("reads front matter, headings and paragraphs, and strips inline markup", () => {
    const article = parseArticle(markdown, "2026-11-20-wahl.md");
    expect(article).toMatchObject({
      id: "2026-11-20-wahl",
      title: "Wahl in Berlin",
      date: "2026-11-20",
      sourceUrl: "https://example.org/wahl",
      language: "de",
    });
    expect(article.lead.text).toBe("Die Wahl in Berlin ist entschieden. Die Beteiligung war hoch.");
    expect(article.sections).toEqual([
      {
        heading: "Das Ergebnis",
        paragraphs: [expect.objectContaining({ text: "Die Partei A gewann knapp." })],
      },
    ]);
  });

  it("treats images and their emphasised credit line as captions", () => {
    const article = parseArticle(markdown, "wahl.md");
    expect(article.captions).toEqual(["Ein Wahllokal in Mitte", "Ein Wahllokal in Mitte"]);
  });

  it("takes the title from the first # heading without front matter", () => {
    const article = parseArticle("# Titel hier\n\nEin Absatz.\n", "x.md");
    expect(article.title).toBe("Titel hier");
  });

  it("loads an article whose first section follows the title directly, its lead taken from that section", () => {
    const article = parseArticle(
      "# Titel\n\n## Erster Teil\n\nDer erste Absatz. Mit zwei Sätzen.\n\nDer zweite Absatz.\n\n## Zweiter Teil\n\nDer dritte.\n",
      "ohne-vorspann.md",
    );
    expect(article.lead.text).toBe("Der erste Absatz. Mit zwei Sätzen.");
    expect(article.sections.map((section) => section.paragraphs.length)).toEqual([2, 1]);
    expect(paragraphsOf(article).map(({ heading, paragraph }) => [heading, paragraph.text])).toEqual([
      ["Erster Teil", "Der erste Absatz. Mit zwei Sätzen."],
      ["Erster Teil", "Der zweite Absatz."],
      ["Zweiter Teil", "Der dritte."],
    ]);
  });

  it("still rejects an article without any paragraph, naming the file", () => {
    expect(() => parseArticle("# Titel\n\n## Nur eine Überschrift\n", "leer.md")).toThrow(/leer\.md/);
  });

  it("reads front matter as YAML: quoted values, comments, folded text, any key case", () => {
    const article = parseArticle(
      [
        "---",
        "# written by the desk",
        'Title: "Kim: ein Besuch in Moskau"',
        "date: '2026-11-20'",
        "summary: >",
        "  spans two",
        "  lines",
        "LANG: en",
        "---",
        "",
        "Text.",
      ].join("\n"),
      "yaml.md",
    );
    expect(article).toMatchObject({ title: "Kim: ein Besuch in Moskau", date: "2026-11-20", language: "en" });
  });

  it("rejects front matter that is not YAML, naming the file and how to quote", () => {
    expect(() => parseArticle("---\ntitle: Kim: ein Besuch\n---\n\nText.\n", "colon.md")).toThrow(
      /Invalid front matter in colon\.md: .*Quote values that contain ": "/,
    );
    expect(() => parseArticle("---\n- a\n- b\n---\n\nText.\n", "list.md")).toThrow(
      /list\.md is not a list of/,
    );
  });

  it("rejects an invalid front-matter date, naming the file", () => {
    expect(() => parseArticle("---\ndate: someday\n---\n# T\n\nText.\n", "bad-date.md")).toThrow(
      /bad-date\.md/,
    );
  });
});

describe("loading a content folder", () => {
  it("loads good files and reports each broken one by name", async () => {
    const dir = tempContent({
      "001_good.txt": "Guter Titel\n\nEin Absatz mit Inhalt.\n",
      "002_empty.txt": "",
      "003_title-only.md": "# Nur ein Titel\n",
      "004_binary.txt": "Titel\u0000\u0001\u0002",
      "notes.json": "{}",
    });
    mkdirSync(join(dir, "005_folder.txt"));
    const { articles, problems } = await loadArticles(dir);
    expect(articles.map((a) => a.id)).toEqual(["001_good"]);
    expect(problems.map((p) => p.file.split("/").pop())).toEqual([
      "002_empty.txt",
      "003_title-only.md",
      "004_binary.txt",
      "005_folder.txt",
    ]);
    for (const problem of problems) expect(problem.reason).toContain(problem.file.split("/").pop());
  });

  it("stops with a clear error when no article loads", async () => {
    const dir = tempContent({ "broken.txt": "" });
    await expect(loadArticles(dir)).rejects.toThrow(/No article could be loaded from .*CONTENT_DIR/);
    await expect(loadArticles(join(dir, "missing"))).rejects.toBeInstanceOf(NewsBotError);
  });

  it("orders articles newest first: dated by date, undated after, by file name", async () => {
    const dir = tempContent({
      "a.md": "---\ndate: 2026-01-01\n---\n# Alt\n\nText.\n",
      "b.md": "---\ndate: 2026-06-01\n---\n# Neu\n\nText.\n",
      "c.txt": "Ohne Datum\n\nText.\n",
      "d.txt": "Auch ohne Datum\n\nText.\n",
    });
    const { articles } = await loadArticles(dir);
    expect(articles.map((a) => a.id)).toEqual(["b", "a", "d", "c"]);
  });

  describe("robust loading", () => {
    it("reads front matter with lists and unknown keys it does not use", () => {
      const article = parseArticle(
        "---\ntitle: Mit Tags\ntags:\n  - politik\n  - asien\nsource-url: https://example.org/x\n---\n\nText hier.\n",
        "tags.md",
      );
      expect(article).toMatchObject({ title: "Mit Tags", sourceUrl: "https://example.org/x" });
    });

    it("keeps one article per id and reports the other file", async () => {
      const dir = tempContent({ "a.md": "# Markdown\n\nText.\n", "a.txt": "Text-Datei\n\nText.\n" });
      const { articles, problems } = await loadArticles(dir);
      expect(articles.map((a) => a.title)).toEqual(["Markdown"]);
      expect(problems).toEqual([
        { file: join(dir, "a.txt"), reason: expect.stringContaining('same id "a"') },
      ]);
    });
  });
});
