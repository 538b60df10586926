import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../adapters/logger.ts";
import { createErrorHandler } from "../../adapters/slack/error-handler.ts";
import { t } from "../../src/index.ts";

describe("the Slack error handler", () => {
  it("posts the apology to the response_url with a timeout, so a silent URL cannot hold it forever", async () => {
    const posts: { url: string; init: RequestInit | undefined }[] = [];
    const logs: string[] = [];
    const handler = createErrorHandler({
      logger: createLogger({ level: "debug", write: (line) => logs.push(line) }),
      languageOf: async () => "en",
      client: new webApi.WebClient("xoxb-never-used"),
      fetch: async (url, init) => {
        posts.push({ url: String(url), init });
        return new Response("ok");
      },
    });
    const error = Object.assign(new Error("boom"), { code: "slack_bolt_unknown_error" });
    await handler({ error, body: { response_url: "http://127.0.0.1:9/response/x", user_id: "U1" } });
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(JSON.parse(String(post?.init?.body))).toMatchObject({ text: t("en", "error.internal") });
    expect(post?.init?.signal).toBeInstanceOf(AbortSignal);
    expect(post?.init?.signal?.aborted).toBe(false);
    expect(logs.join("\n")).toContain("boom");
  });
});
