import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../adapters/logger.ts";
import {
  type Article,
  type ContentWatcher,
  createNewsBot,
  loadArticles,
  watchContent,
} from "../src/index.ts";
import { ARTICLE_FILE, tempContent } from "./helpers/articles.ts";

const WAHL = "Wahl in Berlin\n\nDie Wahl in Berlin gewann die Partei A mit knapper Mehrheit.\n";

async function setUp() {
  const dir = tempContent({ "000_81e12a227075c4f1.txt": readFileSync(ARTICLE_FILE, "utf8") });
  const { articles } = await loadArticles(dir);
  const bot = createNewsBot({ articles });
  const logs: string[] = [];
  const updates: Article[][] = [];
  const watcher = watchContent({
    dir,
    initial: articles,
    onChange: (updated) => {
      updates.push(updated);
      bot.replaceArticles(updated);
    },
    logger: createLogger({ level: "debug", write: (line) => logs.push(line) }),
    intervalMs: 60_000,
  });
  await watcher.refresh();
  return { dir, bot, logs, updates, watcher };
}

describe("content hot reload", () => {
  let watcher: ContentWatcher | undefined;
  afterEach(() => watcher?.stop());

  it("does not reload what start-up already loaded", async () => {
    const setup = await setUp();
    watcher = setup.watcher;
    expect(setup.updates).toEqual([]);
  });

  it("answers from an added file, naming its article", async () => {
    const setup = await setUp();
    watcher = setup.watcher;
    writeFileSync(join(setup.dir, "001_wahl.txt"), WAHL);
    await setup.watcher.refresh();
    expect(setup.bot.ask("Wer gewann die Wahl in Berlin?")).toMatchObject({
      kind: "answer",
      passages: [{ article: { id: "001_wahl", title: "Wahl in Berlin" } }],
    });
  });

  it("applies a changed file", async () => {
    const setup = await setUp();
    watcher = setup.watcher;
    writeFileSync(join(setup.dir, "001_wahl.txt"), WAHL);
    await setup.watcher.refresh();
    writeFileSync(
      join(setup.dir, "001_wahl.txt"),
      "Wahl in Hamburg\n\nIn Hamburg gewann die Partei B die Bürgerschaftswahl.\n",
    );
    await setup.watcher.refresh();
    expect(setup.bot.ask("Wer gewann in Hamburg?")).toMatchObject({
      kind: "answer",
      passages: [{ article: { title: "Wahl in Hamburg" } }],
    });
    expect(setup.bot.ask("Partei A knappe Mehrheit Berlin").kind).toBe("no-answer");
  });

  it("keeps the last good version of a file that breaks, and logs why once", async () => {
    const setup = await setUp();
    watcher = setup.watcher;
    writeFileSync(join(setup.dir, "001_wahl.txt"), WAHL);
    await setup.watcher.refresh();
    writeFileSync(join(setup.dir, "001_wahl.txt"), "");
    await setup.watcher.refresh();
    await setup.watcher.refresh();
    expect(setup.bot.ask("Wer gewann die Wahl in Berlin?").kind).toBe("answer");
    const warnings = setup.logs.filter((line) => line.includes("keeping its last good version"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("001_wahl.txt");
  });

  it("drops a removed file", async () => {
    const setup = await setUp();
    watcher = setup.watcher;
    writeFileSync(join(setup.dir, "001_wahl.txt"), WAHL);
    await setup.watcher.refresh();
    rmSync(join(setup.dir, "001_wahl.txt"));
    await setup.watcher.refresh();
    expect(setup.bot.ask("Wer gewann die Wahl in Berlin?").kind).toBe("no-answer");
    expect(setup.bot.articles().map((a) => a.id)).toEqual(["000_81e12a227075c4f1"]);
  });

  it("checks on its own timer, within the promised five seconds", async () => {
    const dir = tempContent({ "000_81e12a227075c4f1.txt": readFileSync(ARTICLE_FILE, "utf8") });
    const { articles } = await loadArticles(dir);
    const bot = createNewsBot({ articles });
    watcher = watchContent({
      dir,
      initial: articles,
      onChange: (updated) => bot.replaceArticles(updated),
      logger: createLogger({ write: () => {} }),
      intervalMs: 50,
    });
    writeFileSync(join(dir, "001_wahl.txt"), WAHL);
    await expect.poll(() => bot.articles().length, { timeout: 5000, interval: 50 }).toBe(2);
  });

  it("keeps watching after applying a change failed once", async () => {
    const dir = tempContent({ "000_81e12a227075c4f1.txt": readFileSync(ARTICLE_FILE, "utf8") });
    const { articles } = await loadArticles(dir);
    const logs: string[] = [];
    let calls = 0;
    watcher = watchContent({
      dir,
      initial: articles,
      onChange: () => {
        calls++;
        if (calls === 1) throw new Error("index rebuild failed");
      },
      logger: createLogger({ write: (line) => logs.push(line) }),
      intervalMs: 60_000,
    });
    await watcher.refresh();
    writeFileSync(join(dir, "001_wahl.txt"), WAHL);
    await watcher.refresh();
    writeFileSync(join(dir, "002_wahl.txt"), WAHL.replace("Berlin", "Bremen"));
    await watcher.refresh();
    expect(calls).toBe(2);
    expect(
      logs.some((line) => line.includes("Content check failed") && line.includes("index rebuild failed")),
    ).toBe(true);
  });

  it("leaves files start-up rejected alone until they change, then loads them", async () => {
    const dir = tempContent({
      "000_81e12a227075c4f1.txt": readFileSync(ARTICLE_FILE, "utf8"),
      "001_broken.txt": "",
    });
    const { articles, problems } = await loadArticles(dir);
    expect(problems).toHaveLength(1);
    const logs: string[] = [];
    let changes = 0;
    watcher = watchContent({
      dir,
      initial: articles,
      rejected: problems.map((problem) => problem.file),
      onChange: () => {
        changes++;
      },
      logger: createLogger({ write: (line) => logs.push(line) }),
      intervalMs: 60_000,
    });
    await watcher.refresh();
    await watcher.refresh();
    expect(changes).toBe(0);
    expect(logs).toEqual([]);
    writeFileSync(join(dir, "001_broken.txt"), WAHL);
    await watcher.refresh();
    expect(changes).toBe(1);
  });
});
