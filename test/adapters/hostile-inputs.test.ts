import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../scripts/bench/corpus.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { type SlackHarness, startSlackHarness } from "./slack-harness.ts";
import { startHarness, type TelegramHarness } from "./telegram-fixtures.ts";

/** Random text over every plane, lone surrogates and control characters included. */
function randomUnicode(random: () => number, length: number): string {
  const ranges: [number, number][] = [
    [0x0000, 0x001f],
    [0x0020, 0x007e],
    [0x00a0, 0x024f],
    [0x0400, 0x04ff],
    [0x0600, 0x06ff],
    [0x200b, 0x206f],
    [0xd800, 0xdfff],
    [0x4e00, 0x9fff],
    [0xfe00, 0xfe0f],
    [0x1f300, 0x1faff],
  ];
  let text = "";
  for (let i = 0; i < length; i++) {
    const [low, high] = ranges[Math.floor(random() * ranges.length)] ?? [0x41, 0x5a];
    text += String.fromCodePoint(low + Math.floor(random() * (high - low + 1)));
  }
  return text;
}

const FRAGMENTS = [
  "<b>",
  "</i>",
  "<a href='x'>",
  "&amp;",
  "&#0;",
  "*",
  "_",
  "~",
  "`",
  "```",
  "<!channel>",
  "<@U1|x>",
  ">",
];
const random = seededRandom(20261202);
const HOSTILE: string[] = [
  "<b>fett</b> & <script>alert(1)</script> <i>Putin",
  "*fett* _kursiv_ ~durch~ `code` ```block``` > Zitat <!channel> <!here> <@U123> <#C1|allgemein> <https://evil.test|klick>",
  "Steuerzeichen \u0000\u0007\u001b[31m rot \u007f\u0085 Ende",
  "einsame Surrogate \ud800 mitten \udfff drin \ud83d",
  "Null\u0000Bytes\u0000überall\u0000",
  `Wer ist ${"sehr ".repeat(2000)}wichtig?`,
  "x".repeat(10_000),
  `Putin ${"Donaudampfschifffahrtsgesellschaftskapitän".repeat(120)}`,
  "&lt;b&gt; &amp;amp; &#x3C;i&#x3E; <<<>>> &&&",
  "\u202eKreml\u202c \u200b\u200d\ufeff Peskow",
  ...Array.from({ length: 12 }, () => randomUnicode(random, 1 + Math.floor(random() * 400))),
  ...Array.from({ length: 8 }, () =>
    Array.from({ length: 30 }, () => FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]).join(
      random() < 0.5 ? " " : "",
    ),
  ),
];

describe("hostile inputs through both adapters, every message sent passing the fakes' validation", () => {
  let slack: SlackHarness;
  let telegram: TelegramHarness;
  beforeAll(async () => {
    slack = await startSlackHarness();
    telegram = await startHarness();
  });
  afterAll(async () => {
    await slack.stop();
    await telegram.stop();
  });

  it("answers each as a Slack slash command and a direct message with blocks Slack accepts", async () => {
    for (const [i, text] of HOSTILE.entries()) {
      await slack.slack.command({
        text,
        user_id: `UHOST${i}`,
        response_url: slack.fake.responseUrl(`h${i}`),
      });
      await slack.slack.event({
        type: "message",
        channel_type: "im",
        user: `UHOSTDM${i}`,
        text,
        ts: `17.${i}`,
        channel: `DHOST${i}`,
      });
    }
    for (const i of HOSTILE.keys()) {
      await slack.fake.waitFor(`response_url/h${i}`);
      await slack.fake.waitFor(
        (call) => call.method === "chat.postMessage" && call.payload.channel === `DHOST${i}`,
      );
    }
    const sent = slack.fake.calls(
      (call) => call.method.startsWith("response_url/h") || call.method === "chat.postMessage",
    );
    expect(sent.length).toBeGreaterThanOrEqual(HOSTILE.length * 2);
    expect(sent.filter((call) => call.status !== 200 || call.error !== undefined)).toEqual([]);
  });

  it("answers each on Telegram with HTML Telegram accepts", async () => {
    for (const [i, text] of HOSTILE.entries())
      telegram.telegram.pushUpdate(textMessage({ chatId: 5000 + i, from: { id: 5000 + i }, text }));
    for (const i of HOSTILE.keys()) await telegram.messagesTo(5000 + i);
    const sends = telegram.telegram.calls("sendMessage");
    expect(sends.length).toBeGreaterThanOrEqual(HOSTILE.length);
    expect(sends.filter((call) => call.response?.ok !== true).map((call) => call.response)).toEqual([]);
  });
});
