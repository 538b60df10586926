import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { forwardRequest } from "../fakes/forward.ts";

/**
 * A loopback front for the fake Telegram server that answers getChatMember from a table (the fake has no
 * chat members) and passes every other request through unchanged, so the fake still records them.
 */
export interface ChatMembers {
  apiRoot: string;
  /** Sets a user's status in a chat; everyone else is a plain member. */
  set(chatId: number, userId: number, status: "creator" | "administrator" | "member"): void;
  /** How many getChatMember calls were answered. */
  lookups(): number;
  stop(): Promise<void>;
}

/** Starts the front on a free port, in front of the fake at `target`. */
export async function startChatMembers(target: string): Promise<ChatMembers> {
  const statuses = new Map<string, string>();
  let lookups = 0;
  const upstream = new URL(target);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      if (/\/getChatMember$/.test(request.url ?? "")) {
        lookups += 1;
        const payload = JSON.parse(body.toString("utf8") || "{}") as { chat_id?: unknown; user_id?: unknown };
        const status = statuses.get(`${payload.chat_id}:${payload.user_id}`) ?? "member";
        const user = { id: Number(payload.user_id), is_bot: false, first_name: "Member" };
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ ok: true, result: { status, user } }));
        return;
      }
      forwardRequest(upstream, request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set: (chatId, userId, status) => void statuses.set(`${chatId}:${userId}`, status),
    lookups: () => lookups,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
