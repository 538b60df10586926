import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLACK_CONCURRENT_REQUESTS } from "../../adapters/slack/slack-receiver.ts";
import { type SlackHarness, startSlackHarness } from "./slack-harness.ts";

/** A subcommand whose follow-up work waits until the test opens the gate, as slow work would. */
let openGate: () => void = () => {};
const gate = new Promise<void>((resolve) => {
  openGate = resolve;
});
let running = 0;
let mostAtOnce = 0;

describe("Slack acknowledgements under a burst, end to end", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({
      subcommands: {
        slow: async () => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await gate;
          running -= 1;
          return "done";
        },
      },
    });
  });
  afterAll(async () => {
    openGate();
    await h.stop();
  });

  it("acknowledges every command of a burst while the earlier commands' follow-up work is stuck", async () => {
    const burst = SLACK_CONCURRENT_REQUESTS * 3;
    const acks = await Promise.all(
      Array.from({ length: burst }, (_, i) =>
        h.slack.command({ text: "slow", user_id: `UBURST${i}`, response_url: h.fake.responseUrl(`b${i}`) }),
      ),
    );
    expect(acks.map((ack) => ack.status)).toEqual(Array.from({ length: burst }, () => 200));
    // Acknowledged, and nothing answered: no acknowledgement waited for any follow-up work.
    expect(h.fake.calls((call) => call.method.startsWith("response_url/b"))).toEqual([]);
    openGate();
    await h.fake.waitFor((call) => call.method.startsWith("response_url/b"), { count: burst });
    // The follow-ups ran a bounded number at a time; the rest waited their turn, acknowledged.
    expect(mostAtOnce).toBeGreaterThan(0);
    expect(mostAtOnce).toBeLessThanOrEqual(SLACK_CONCURRENT_REQUESTS);
  });
});
