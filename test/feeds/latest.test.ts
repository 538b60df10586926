import { describe, expect, it } from "vitest";
import { renderConsoleReply } from "../../adapters/console/render.ts";
import { renderSlackReply } from "../../adapters/slack/render.ts";
import { renderTelegramReply } from "../../adapters/telegram/render.ts";
import { createNewsBot, parseArticle } from "../../src/index.ts";

const article = (id: string, date: string, source?: string) =>
  parseArticle(
    `---\ntitle: Story ${id}\ndate: ${date}\n${source ? `source: ${source}\n` : ""}---\n\n# Story ${id}\n\nThe story ${id} happened on a Tuesday and was reported widely.\n`,
    `${id}.md`,
  );

describe("/latest", async () => {
  const bot = createNewsBot({
    articles: [
      article("b", "2026-12-02T08:00:00Z", "https://news.example/b?x=1&y=2"),
      article("a", "2026-12-01T08:00:00Z"),
    ],
  });
  const reply = await bot.handle({ kind: "command", name: "latest", args: "" });

  it("lists the newest articles, newest first, with their links", () => {
    expect(reply).toMatchObject({
      kind: "latest",
      articles: [
        { id: "b", title: "Story b", sourceUrl: "https://news.example/b?x=1&y=2" },
        { id: "a", title: "Story a" },
      ],
    });
  });

  it("links each title on Telegram, in Slack and prints the URL in the console", () => {
    const telegram = renderTelegramReply(reply, "en").parts.join("\n");
    expect(telegram).toContain('1. <a href="https://news.example/b?x=1&amp;y=2">Story b</a>');
    expect(telegram).toContain("2. Story a");
    expect(JSON.stringify(renderSlackReply(reply, "en"))).toContain(
      "<https://news.example/b?x=1&amp;y=2|Story b>",
    );
    expect(renderConsoleReply(reply, "en")).toContain(
      "1. Story b (2026-12-02T08:00:00Z)\n   https://news.example/b?x=1&y=2",
    );
  });

  it("is in the help", () => {
    const help = bot.help("de");
    expect(help.kind === "help" && help.commands.map((command) => command.name)).toContain("latest");
  });
});
