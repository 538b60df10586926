import { createHmac } from "node:crypto";
import { sameSecret } from "../http/same-secret.ts";

/** A request as Slack signs it: the raw body, the X-Slack-Request-Timestamp and the X-Slack-Signature. */
export interface SignedSlackRequest {
  body: string;
  /** Unix seconds, as the header carries it; the caller checks that it is recent. */
  timestamp: number;
  /** `v0=` and the hex HMAC-SHA256; anything else is refused. */
  signature: string;
}

/**
 * True when `signature` is Slack's signature of the request with `signingSecret`: `v0=` and HMAC-SHA256 over
 * `v0:{timestamp}:{body}`, compared in constant time. Bolt's isValidSlackRequest checks the same, but computes
 * three HMACs and draws random bytes per request (its constant-time comparison hashes both sides again with a
 * random key); under a burst that is a measurable part of the CPU per slash command, and timingSafeEqual is
 * constant-time on its own. An empty secret verifies nothing.
 */
export function isSignedBySlack(signingSecret: string, request: SignedSlackRequest): boolean {
  // Anyone can sign with an empty key; settings never pass one, and Bolt refused it too.
  if (signingSecret === "") return false;
  const expected = `v0=${createHmac("sha256", signingSecret).update(`v0:${request.timestamp}:${request.body}`).digest("hex")}`;
  return sameSecret(request.signature, expected);
}
