import { describe, expect, it } from "vitest";
import { isSignedBySlack } from "../../adapters/slack/request-signature.ts";
import { slackSignature } from "../fakes/slack-requests.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const body = "command=%2Fnews&text=summary&user_id=U1";
const timestamp = 1_700_000_000;
const signed = { body, timestamp, signature: slackSignature(SECRET, timestamp, body) };

describe("Slack request signature", () => {
  it("accepts Slack's signature of the body and timestamp", () => {
    expect(isSignedBySlack(SECRET, signed)).toBe(true);
  });

  it("refuses another secret's signature, a changed body and a changed timestamp", () => {
    expect(isSignedBySlack("another-secret", signed)).toBe(false);
    expect(isSignedBySlack(SECRET, { ...signed, body: `${body}x` })).toBe(false);
    expect(isSignedBySlack(SECRET, { ...signed, timestamp: timestamp + 1 })).toBe(false);
  });

  it("refuses everything when the signing secret is empty, even a signature made with the empty key", () => {
    expect(isSignedBySlack("", { ...signed, signature: slackSignature("", timestamp, body) })).toBe(false);
  });

  it("refuses a signature without its v0= prefix, cut short, empty or in upper case", () => {
    const hex = signed.signature.slice(3);
    for (const signature of [hex, signed.signature.slice(0, -1), "", `v0=${hex.toUpperCase()}`])
      expect(isSignedBySlack(SECRET, { ...signed, signature })).toBe(false);
  });
});
