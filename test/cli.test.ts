import { describe, expect, it } from "vitest";
import type { AskJson } from "../adapters/cli/ask-json.ts";
import { run } from "./helpers/spawn.ts";

const CONTENT = { CONTENT_DIR: "test/fixtures/content" };

describe("npm run ask", () => {
  it("prints the answer as a person reads it", async () => {
    const result = await run(["adapters/cli/ask.ts", "Wer ist Choe Ryong Hae?"], { env: CONTENT });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Es ist schon Putins zweite Einladung an Kim");
    expect(result.stdout).toContain("» Erst in der vergangenen Woche hat die Volksversammlung");
  });

  it("prints one JSON object with --json, best passage first", async () => {
    const result = await run(["adapters/cli/ask.ts", "--json", "Wer ist der Kreml-Sprecher?"], {
      env: CONTENT,
    });
    const json = JSON.parse(result.stdout) as AskJson;
    expect(json.question).toBe("Wer ist der Kreml-Sprecher?");
    expect(json.passages[0]).toMatchObject({
      article: "Begegnung zwischen Kim Jong Un und Putin",
      section: "Ein Treffen könnte schon bald stattfinden",
    });
    expect(json.passages[0]?.sentence).toContain("Kreml-Sprecher Dmitri Peskow am Montag");
    expect(json.passages[0]?.text).toContain(json.passages[0]?.sentence);
    const scores = json.passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("reads one question per line with --json and no question, answering in order", async () => {
    const result = await run(["adapters/cli/ask.ts", "--json"], {
      env: CONTENT,
      input: "Wer ist der Kreml-Sprecher?\n\nHow do I reset my password?\nlockerung sanktionn\n",
    });
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as AskJson);
    expect(lines.map((l) => l.question)).toEqual([
      "Wer ist der Kreml-Sprecher?",
      "How do I reset my password?",
      "lockerung sanktionn",
    ]);
    expect(lines[1]?.passages).toEqual([]);
    expect(lines[2]?.passages[0]?.sentence).toContain("Lockerung der Sanktionen");
  });

  it("explains its usage when there is no question", async () => {
    const result = await run(["adapters/cli/ask.ts"], { env: CONTENT });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: npm run ask");
  });

  it("names an unknown option or a language it does not have, with the usage", async () => {
    const unknown = await run(["adapters/cli/ask.ts", "--jsn", "Peskow"], { env: CONTENT });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'--jsn'");
    expect(unknown.stderr).toContain("Usage: npm run ask");
    const language = await run(["adapters/cli/ask.ts", "--lang", "fr", "Peskow"], { env: CONTENT });
    expect(language.code).toBe(2);
    expect(language.stderr).toContain('--lang takes de or en, not "fr".');
  });

  it("stops with a clear message when the content folder is missing", async () => {
    const result = await run(["adapters/cli/ask.ts", "Peskow"], { env: { CONTENT_DIR: "does/not/exist" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /CONTENT_DIR="does\/not\/exist": the folder .*does\/not\/exist does not exist/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
