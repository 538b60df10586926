import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { createSlackSender } from "../fakes/slack-requests.ts";
import { cleanEnv, freePort, spawnEntry, waitUntilHealthy } from "../helpers/spawn.ts";
import { BOT_TOKEN, blockTexts, SIGNING_SECRET } from "./slack-harness.ts";

describe("the whole app with Slack on, as a child process", () => {
  let fake: FakeSlack;
  let child: ChildProcess;
  let dataDir: string;
  let port: number;
  let stderr = "";
  let exited: Promise<number | null>;

  beforeAll(async () => {
    fake = await startFakeSlack();
    dataDir = await mkdtemp(join(tmpdir(), "slack-app-"));
    port = await freePort();
    child = spawnEntry(["adapters/main.ts"], {
      env: {
        ...cleanEnv(),
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        CONTENT_DIR: "content",
        DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await fake.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves /healthz, answers a signed slash command, and exits cleanly on SIGTERM", async () => {
    const origin = `http://127.0.0.1:${port}`;
    const healthy = await waitUntilHealthy(origin, child);
    expect(healthy, stderr).toBe(true);
    expect(fake.calls("auth.test")).toHaveLength(1);

    const slack = createSlackSender({ url: `${origin}/slack/events`, signingSecret: SIGNING_SECRET });
    const ack = await slack.command({
      text: "Wer ist Choe Ryong Hae?",
      response_url: fake.responseUrl("child"),
    });
    expect(ack.status).toBe(200);
    const [answer] = await fake.waitFor("response_url/child");
    expect(answer?.payload.response_type).toBe("ephemeral");
    expect(blockTexts(answer?.payload ?? {}).join("\n")).toContain("Choe Ryong Hae");
    const forged = await slack.command(
      { text: "x", response_url: fake.responseUrl("x") },
      { signature: "v0=00" },
    );
    expect(forged.status).toBe(401);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toContain("Slack started");
    expect(stderr).not.toContain(BOT_TOKEN);
    expect(stderr).not.toContain(SIGNING_SECRET);
  });
});
