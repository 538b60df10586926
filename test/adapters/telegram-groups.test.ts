import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payloads, succeeded } from "../fakes/fake-telegram.ts";
import { type NewUpdate, textMessage } from "../fakes/fake-telegram-updates.ts";
import { startHarness, type TelegramHarness } from "./telegram-fixtures.ts";

let harness: TelegramHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
});

/** Pushes a group message from user 7 and returns its message_id. */
function post(chatId: number, text: string, replyTo?: NewUpdate["message"]): number {
  const update = textMessage(
    replyTo ? { chatId, from: { id: 7 }, text, replyTo } : { chatId, from: { id: 7 }, text },
  );
  harness.telegram.pushUpdate(update);
  return update.message?.message_id ?? 0;
}

/**
 * Waits for `count` answers in a group and returns the ids of the messages they quote. Updates of one chat are
 * handled one after another, so once the answer to the last message is out, an ignored earlier one would have
 * been answered before it.
 */
async function quotedBy(chatId: number, count: number): Promise<number[]> {
  const answers = await harness.messagesTo(chatId, count);
  return answers.map((answer) => answer.payload.reply_parameters?.message_id ?? 0);
}

describe("Telegram adapter: groups", () => {
  it("answers its commands, with or without its name, and quotes the message it answers", async () => {
    const plain = post(-1001, "/sections");
    const named = post(-1001, "/ask@NewsTestBot Wer ist der Chef der Firma?");
    expect(await quotedBy(-1001, 2)).toEqual([plain, named]);
    const [, answer] = await harness.messagesTo(-1001, 2);
    expect(answer?.payload.text).toContain("Hans Müller");
  });

  it("ignores commands for other bots and commands it does not know", async () => {
    post(-1002, "/ask@OtherBot Wer ist der Chef der Firma?");
    post(-1002, "/wetter");
    const named = post(-1002, "/wetter@NewsTestBot");
    expect(await quotedBy(-1002, 1)).toEqual([named]);
    const [answer] = await harness.messagesTo(-1002, 1);
    expect(answer?.payload.text).toBe("Den Befehl /wetter kenne ich nicht. /help zeigt, was ich kann.");
    expect(
      payloads(harness.telegram.calls(succeeded("sendMessage"))).filter(
        (payload) => payload.chat_id === -1002,
      ),
    ).toHaveLength(1);
  });

  it("ignores ordinary talk and mentions of other people", async () => {
    post(-1003, "Wer ist der Chef der Firma?");
    post(-1003, "@someone_else wer ist der Chef der Firma?");
    const control = post(-1003, "/summary");
    expect(await quotedBy(-1003, 1)).toEqual([control]);
    expect(
      payloads(harness.telegram.calls(succeeded("sendMessage"))).filter(
        (payload) => payload.chat_id === -1003,
      ),
    ).toHaveLength(1);
  });

  it("answers a mention with the mention removed from the question", async () => {
    const mention = post(-1004, "@NewsTestBot wer ist der Chef der Firma?");
    const bare = post(-1004, "@newstestbot");
    expect(await quotedBy(-1004, 2)).toEqual([mention, bare]);
    const [answer, hint] = await harness.messagesTo(-1004, 2);
    expect(answer?.payload.text).toContain("<b>Der Chef der Firma heißt Hans Müller.</b>");
    expect(hint?.payload.text).toMatch(/^Bitte stell eine Frage, z\. B\. „Wer ist .+\?“\.$/);
  });

  it("answers replies to its own messages, not replies to other people", async () => {
    const question = post(-1005, "/ask Wer ist der Chef der Firma?");
    const [first] = await harness.messagesTo(-1005, 1);
    const someone = textMessage({ chatId: -1005, from: { id: 8 }, text: "Hallo zusammen" }).message;
    post(-1005, "Wie viel Heu frisst der Elefant?", someone);
    const followUp = post(-1005, "Und wer plant die Fabrik?", first?.result as NewUpdate["message"]);
    expect(await quotedBy(-1005, 2)).toEqual([question, followUp]);
    const [, answer] = await harness.messagesTo(-1005, 2);
    expect(answer?.payload.text).toContain("Fabrik");
  });
});
