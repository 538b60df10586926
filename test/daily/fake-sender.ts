import type { DigestSender, SendFailure } from "../../adapters/ports/daily.ts";

/** A scripted failure the fake sender throws instead of sending. */
export class ScriptedFailure extends Error {
  constructor(readonly failure: SendFailure) {
    super(failure.kind);
  }
}

/** An in-memory sender: records every message per recipient, fails on a script, renders `parts` messages. */
export interface FakeSender extends DigestSender<string> {
  delivered: { recipient: string; message: string }[];
  attempts: string[];
  /** Failures to throw, per recipient, in order; each is used once. */
  script: Map<string, SendFailure[]>;
}

/** Creates a fake sender for one platform. */
export function createFakeSender(
  platform: string,
  options: { parts?: number; rate?: number } = {},
): FakeSender {
  const delivered: FakeSender["delivered"] = [];
  const attempts: string[] = [];
  const script = new Map<string, SendFailure[]>();
  return {
    platform,
    globalRate: options.rate ?? 1000,
    recipientIntervalMs: () => 0,
    render: (digest, language) =>
      Array.from(
        { length: options.parts ?? 1 },
        (_, i) => `${language}:${digest.newest.article.title}#${i + 1}`,
      ),
    async send(recipient, message) {
      attempts.push(recipient);
      const failure = script.get(recipient)?.shift();
      if (failure) throw new ScriptedFailure(failure);
      delivered.push({ recipient, message });
    },
    classify: (error) =>
      error instanceof ScriptedFailure ? error.failure : { kind: "transient", reason: String(error) },
    delivered,
    attempts,
    script,
  };
}

/** A clock that moves only when someone sleeps on it. */
export function fakeClock(start = Date.parse("2025-01-15T07:00:00Z")) {
  const clock = {
    time: start,
    slept: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}

/** A send held open: `started` resolves when the first message to the recipient is being sent. */
export interface HeldSend {
  started: Promise<void>;
  /** Lets the held send (and every later one) go through. */
  release(): void;
}

/** Holds the fake sender's first send to `recipient` until released, as a slow platform answer would. */
export function holdSends(sender: FakeSender, recipient: string): HeldSend {
  const send = sender.send.bind(sender);
  let started = () => {};
  let release = () => {};
  const startedPromise = new Promise<void>((resolve) => {
    started = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  sender.send = async (to, message) => {
    if (to === recipient) {
      started();
      await gate;
    }
    await send(to, message);
  };
  return { started: startedPromise, release };
}
