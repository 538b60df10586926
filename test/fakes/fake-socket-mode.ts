import { randomUUID } from "node:crypto";
import { type WebSocket, WebSocketServer } from "ws";
import { type LoopbackCall, type LoopbackServer, startLoopbackServer } from "./loopback-server.ts";
import { type SlashCommandFields, slashCommandFields } from "./slack-requests.ts";

/**
 * What the fake Socket Mode server records: "connect" (a client opened a socket), "ack" (an envelope was
 * acknowledged; `payload` is the client's message with its envelope_id) and "close" (a socket closed; `payload`
 * has the close `code` and whether the client began it).
 */
export type SocketModeCall = LoopbackCall;

/**
 * A fake of Slack's Socket Mode side on the shared loopback base, for end-to-end tests of Bolt's real
 * SocketModeReceiver: `url()` is what the fake Web API's apps.connections.open hands out (see `socketModeUrl` of
 * startFakeSlack); each connection gets `hello`, then the envelopes the test sends, and every acknowledgement is
 * recorded, so a test waits for the acknowledgement itself: `await socket.waitFor(acked(id))`.
 *
 * ```ts
 * const socket = await startFakeSocketMode();
 * const slack = await startFakeSlack({ socketModeUrl: socket.url });
 * const id = socket.slashCommand({ text: "help", response_url: slack.responseUrl("r1") });
 * await socket.waitFor(acked(id));
 * ```
 */
export interface FakeSocketMode extends LoopbackServer<SocketModeCall, never> {
  /** A fresh ws:// URL for apps.connections.open. */
  url(): string;
  /** Sends an envelope to the newest open connection and returns its envelope_id. */
  send(
    type: "slash_commands" | "events_api" | "interactive",
    payload: Record<string, unknown>,
    retryAttempt?: number,
  ): string;
  /** A slash command envelope; fields default as Slack's (team T0001, user U0001, channel C0001, /news). */
  slashCommand(fields: Partial<SlashCommandFields> & { response_url: string }): string;
  /** An events_api envelope around `event`; a fresh event_id unless given, `retryAttempt` for a redelivery. */
  event(event: Record<string, unknown>, options?: { eventId?: string; retryAttempt?: number }): string;
  /** Asks the client to reconnect, as Slack does before it recycles a connection. */
  disconnect(reason?: string): void;
  /** Drops every connection without a close frame, as a network failure would. */
  drop(): void;
}

/** Matches the acknowledgement of one envelope. */
export function acked(envelopeId: string): (call: SocketModeCall) => boolean {
  return (call) => call.method === "ack" && call.payload.envelope_id === envelopeId;
}

/** Starts the fake on a free loopback port. */
export async function startFakeSocketMode(options: { teamId?: string } = {}): Promise<FakeSocketMode> {
  const teamId = options.teamId ?? "T0001";
  const sockets = new WebSocketServer({ noServer: true });
  const open: WebSocket[] = [];
  const dropped = new Set<WebSocket>();
  let connections = 0;
  let events = 0;
  const base = await startLoopbackServer<SocketModeCall, never>({
    name: "Fake Socket Mode",
    handle: ({ respond }) => respond(426, { ok: false, error: "upgrade_required" }),
    beforeStop: () => {
      for (const socket of open) {
        dropped.add(socket);
        socket.terminate();
      }
      sockets.close();
    },
    upgrade(request, socket, head, { record }) {
      sockets.handleUpgrade(request, socket, head, (ws) => {
        open.push(ws);
        record({ method: "connect", payload: { url: request.url ?? "" }, status: 101 });
        ws.on("message", (data) => {
          const message = JSON.parse(String(data)) as Record<string, unknown>;
          record({ method: "ack", payload: message, status: 200 });
        });
        ws.on("close", (code) => {
          open.splice(open.indexOf(ws), 1);
          record({
            method: "close",
            payload: { code, byClient: !dropped.has(ws) },
            status: code,
          });
        });
        ws.send(
          JSON.stringify({ type: "hello", num_connections: open.length, debug_info: { host: "fake" } }),
        );
      });
    },
  });
  const port = new URL(base.origin).port;
  const send: FakeSocketMode["send"] = (type, payload, retryAttempt = 0) => {
    const socket = open.at(-1);
    if (!socket) throw new Error("Fake Socket Mode: no open connection to send to");
    const envelopeId = randomUUID();
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
        ...(type === "events_api"
          ? { retry_attempt: retryAttempt, retry_reason: retryAttempt ? "timeout" : "" }
          : {}),
      }),
    );
    return envelopeId;
  };
  return {
    ...base,
    url: () => {
      connections += 1;
      return `ws://127.0.0.1:${port}/link/?ticket=${connections}`;
    },
    send,
    slashCommand: (fields) => send("slash_commands", { ...slashCommandFields(teamId, fields) }),
    event: (event, { eventId, retryAttempt } = {}) => {
      events += 1;
      return send(
        "events_api",
        {
          team_id: teamId,
          api_app_id: "A0001",
          type: "event_callback",
          event_id: eventId ?? `EvSocket${events}`,
          event_time: Math.floor(Date.now() / 1000),
          authorizations: [{ team_id: teamId, user_id: "UBOT", is_bot: true }],
          event: { event_ts: event.ts, ...event },
        },
        retryAttempt,
      );
    },
    disconnect: (reason = "refresh_requested") => {
      for (const socket of open) socket.send(JSON.stringify({ type: "disconnect", reason }));
    },
    drop: () => {
      for (const socket of [...open]) {
        dropped.add(socket);
        socket.terminate();
      }
    },
  };
}
