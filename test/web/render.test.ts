import { describe, expect, it } from "vitest";
import { escapeHtml, html, safeHref } from "../../adapters/web/html.ts";
import { renderWebReply } from "../../adapters/web/render.ts";
import type { Reply } from "../../src/index.ts";

const article = { id: "a1", title: "Tom & Jerry <script>", sourceUrl: "https://news.example/a?x=1&y=2" };

describe("web render", () => {
  it("escapes every character HTML gives a meaning", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
    expect(html`<p title="${'"><script>'}">${"<b>"}</p>`.html).toBe(
      '<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;</p>',
    );
  });

  it("marks the best sentence inside the escaped paragraph and links the source", () => {
    const reply: Reply = {
      kind: "answer",
      question: "Wer?",
      passages: [
        {
          article,
          section: "A <b> section",
          text: "First & foremost. The <script>x</script> answer. After.",
          sentence: "The <script>x</script> answer.",
          score: 0.9,
        },
      ],
    };
    const rendered = renderWebReply(reply, "de").html;
    expect(rendered).toContain("<h2>A &lt;b&gt; section</h2>");
    expect(rendered).toContain(
      "<p>First &amp; foremost. <mark>The &lt;script&gt;x&lt;/script&gt; answer.</mark> After.</p>",
    );
    expect(rendered).toContain(
      '<a href="https://news.example/a?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">Tom &amp; Jerry &lt;script&gt;</a>',
    );
    expect(rendered).not.toMatch(/<script|<b>/);
  });

  it("shows a lead passage's title once, as its linked heading, and a one-sentence paragraph once", () => {
    const sentence = "The only sentence.";
    const reply: Reply = {
      kind: "answer",
      question: "Wer?",
      passages: [{ article, section: null, text: sentence, sentence, score: 0.9 }],
    };
    const rendered = renderWebReply(reply, "en").html;
    expect(rendered.split("Tom &amp; Jerry").length - 1).toBe(1);
    expect(rendered.split(sentence).length - 1).toBe(1);
    expect(rendered).toContain(
      '<h2><a href="https://news.example/a?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">Tom &amp; Jerry &lt;script&gt;</a></h2>',
    );
  });

  it("never links a source that is not http(s)", () => {
    expect(safeHref("javascript:alert(1)")).toBeUndefined();
    expect(safeHref("data:text/html,x")).toBeUndefined();
    const reply: Reply = {
      kind: "section",
      article: { ...article, sourceUrl: "javascript:alert(1)" },
      section: { articleId: "a1", index: 0, heading: "H" },
      paragraphs: ["P"],
    };
    const rendered = renderWebReply(reply, "en").html;
    expect(rendered).not.toContain("javascript:");
    expect(rendered).toContain("<cite>Tom &amp; Jerry &lt;script&gt;</cite>");
  });

  it("turns commands, sections, articles and examples into buttons the script sends back", () => {
    const help = renderWebReply(
      {
        kind: "help",
        greeting: false,
        articles: [],
        commands: [
          { name: "summary", description: "Zusammenfassung" },
          { name: "ask", argument: "<Frage>", description: "fragen" },
        ],
        examples: ['Wer ist "X" & Y?'],
      },
      "de",
    ).html;
    expect(help).toContain('<button type="button" data-command="summary">Zusammenfassung</button>');
    expect(help).not.toContain('data-command="ask"');
    expect(help).toContain('data-question="Wer ist &quot;X&quot; &amp; Y?"');
    const articles = renderWebReply({ kind: "articles", articles: [article], selected: "a1" }, "en").html;
    expect(articles).toContain('data-command="article" data-args="a1" aria-pressed="true"');
    expect(articles).toContain('data-args="all" aria-pressed="false"');
    const sections = renderWebReply(
      { kind: "sections", article, sections: [{ articleId: "a1", index: 1, heading: "Zwei" }] },
      "de",
    ).html;
    expect(sections).toContain('data-command="section" data-args="2"');
  });

  it("writes errors in the UI language", () => {
    expect(renderWebReply({ kind: "error", code: "rate-limited" }, "en").html).toContain(
      "That was a lot of questions at once",
    );
  });
});
