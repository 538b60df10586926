import { describe, expect, it } from "vitest";
import { createLogger } from "../../adapters/logger.ts";
import { readChoicesThroughOutages } from "../../adapters/store/article-choice-fallback.ts";
import type { ArticleChoices } from "../../src/index.ts";

describe("article choices through a database outage", () => {
  it("reads a choice that cannot be read as none, logged; choosing still fails", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "debug", write: (line) => lines.push(line) });
    const away = new Error("connect ECONNREFUSED 127.0.0.1:5432");
    const broken: ArticleChoices = {
      get: async () => {
        throw away;
      },
      set: async () => {
        throw away;
      },
      clear: async () => {
        throw away;
      },
    };
    const choices = readChoicesThroughOutages(broken, logger);
    expect(await choices.get("telegram:1")).toBeUndefined();
    expect(lines.join("\n")).toMatch(/chosen article could not be read.*ECONNREFUSED/);
    await expect(choices.set("telegram:1", "a", new Date())).rejects.toThrow("ECONNREFUSED");
    await expect(choices.clear("telegram:1")).rejects.toThrow("ECONNREFUSED");
  });

  it("passes choices through while the database answers", async () => {
    const stored = new Map<string, string>();
    const working: ArticleChoices = {
      get: async (id) => stored.get(id),
      set: async (id, article) => {
        stored.set(id, article);
      },
      clear: async (id) => {
        stored.delete(id);
      },
    };
    const choices = readChoicesThroughOutages(working, createLogger({ level: "error", write: () => {} }));
    await choices.set("slack:C1", "b", new Date());
    expect(await choices.get("slack:C1")).toBe("b");
    await choices.clear("slack:C1");
    expect(await choices.get("slack:C1")).toBeUndefined();
  });
});
