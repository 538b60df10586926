import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { forwardRequest } from "../fakes/forward.ts";

/**
 * A loopback front for the fake Telegram server that passes the first `pass` sendMessage calls through and holds
 * every later one (never forwarding it), so a test can kill a delivery at a known point: with `pass` messages
 * delivered and the next one in flight. Every other method passes through unchanged.
 */
export interface TelegramGate {
  apiRoot: string;
  /** Resolves when the first held sendMessage arrives. */
  holding: Promise<void>;
  stop(): Promise<void>;
}

/** Starts the gate on a free port, in front of the fake at `target`. */
export async function startTelegramGate(target: string, options: { pass: number }): Promise<TelegramGate> {
  const upstream = new URL(target);
  let passed = 0;
  let onHold = () => {};
  const holding = new Promise<void>((resolve) => {
    onHold = resolve;
  });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (/\/sendMessage$/.test(request.url ?? "") && passed++ >= options.pass) {
        // Held: the request stays open until the client goes away.
        onHold();
        return;
      }
      forwardRequest(upstream, request, response, Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    holding,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
