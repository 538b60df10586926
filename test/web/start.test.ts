import { describe, expect, it } from "vitest";
import { cleanEnv, spawnEntry } from "../helpers/spawn.ts";

describe("npm start without platform settings", () => {
  it("serves the web chat beside the console chat, with the same core", async () => {
    const child = spawnEntry(["adapters/main.ts"], {
      env: { ...cleanEnv(), CONTENT_DIR: "test/fixtures/content", PORT: "0" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    // The banner names the web chat's address once the server listens.
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Web chat: (http:\/\/localhost:\d+\/)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      exited.then((code) => reject(new Error(`exited with ${code} before the web chat started:\n${stdout}`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Nachrichten-Chat");
    const answer = await fetch(`${url}web/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ conversation: "start-test-conversation", text: "Wer ist Dmitri Peskow?" }),
    });
    expect(((await answer.json()) as { html: string }).html).toContain("Dmitri Peskow");
    child.stdin?.end("Wer ist Dmitri Peskow?\n");
    expect(await exited).toBe(0);
    expect(stdout).toContain("» Dass die Vorbereitungen dazu bereits in vollem Gange sind");
    // A child process on a shared machine can take long to start; the waits are for its events, this only bounds them.
  }, 90_000);
});
