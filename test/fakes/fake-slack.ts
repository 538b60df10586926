import { blockKitError } from "./fake-slack-blocks.ts";
import {
  type FakeSlackFailure,
  parseJson,
  parseParams,
  type SlackCall,
  slackApiAnswer,
} from "./fake-slack-parts.ts";
import { type LoopbackServer, startLoopbackServer } from "./loopback-server.ts";
import { createRetryWindows } from "./retry-windows.ts";

export type { FakeSlackFailure, SlackCall };

/**
 * A fake Slack for end-to-end tests on the shared loopback base: the Web API under `apiUrl` (point SLACK_API_URL
 * or `slackApiUrl` at it) and response_url endpoints under `responseUrl(id)`, recorded as calls of method
 * "response_url/<id>". It answers like Slack (auth.test, chat.postMessage, chat.postEphemeral, users.info;
 * `{ok:true}` for any other method), and fails on demand (a rate-limited call's channel keeps getting 429
 * until its Retry-After has passed, see retry-windows.ts): `fail("chat.postMessage", { kind: "rate-limited",
 * retryAfterSeconds: 1 })`, `fail("response_url/r1", { kind: "http", status: 404 })`. Like Slack, it refuses
 * blocks that break Block Kit's rules (see `blockKitError`): a Web API call gets `{ok:false,
 * error:"invalid_blocks"}`, a response_url post HTTP 400.
 *
 * ```ts
 * const slack = await startFakeSlack();
 * // … start the bot with SLACK_API_URL = slack.apiUrl …
 * const [post] = await slack.waitFor("chat.postMessage");
 * expect(post.payload.channel).toBe("C1");
 * await slack.stop();
 * ```
 */
export interface FakeSlack extends LoopbackServer<SlackCall, FakeSlackFailure> {
  /** Web API base URL, ending in "/api/". */
  readonly apiUrl: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  /** A response_url on the fake; posts to it are recorded as calls of method "response_url/<id>". */
  responseUrl(id?: string): string;
  /** The locale users.info reports for a user; none by default. `reset()` forgets them. */
  setLocale(userId: string, locale: string): void;
}

/** Identities the fake reports. */
export interface FakeSlackOptions {
  /** The URL apps.connections.open answers with, e.g. a fake Socket Mode server's; default none (`{ok:true}`). */
  socketModeUrl?: () => string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
}

const RESPONSE_URL_PREFIX = "response_url/";

/** Starts a fake Slack on a free loopback port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botUserId = options.botUserId ?? "UBOT";
  const botId = options.botId ?? "BBOT";
  const teamId = options.teamId ?? "T0001";
  const locales = new Map<string, string>();
  const windows = createRetryWindows();
  let messageCount = 0;
  let responseCount = 0;

  const base = await startLoopbackServer<SlackCall, FakeSlackFailure>({
    name: "Fake Slack",
    handle({ request, url, body, respond }, { record, takeFailure }) {
      if (url.pathname.startsWith(`/${RESPONSE_URL_PREFIX}`)) {
        const method = decodeURIComponent(url.pathname.slice(1));
        const payload = parseJson(body);
        const call: SlackCall = { method, payload };
        if (record(call).held) return;
        const failure = takeFailure(method);
        const status = failure?.kind === "http" ? failure.status : undefined;
        call.error = status === undefined ? blockKitError(payload.blocks) : "expired_url";
        call.status = status ?? (call.error ? 400 : 200);
        return respond(call.status, call.error ? { ok: false, error: call.error } : { ok: true });
      }
      if (!url.pathname.startsWith("/api/")) return respond(404, { ok: false, error: "unknown_path" });
      const method = url.pathname.slice("/api/".length);
      const payload = parseParams(body, request.headers["content-type"]);
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
      const token = bearer ?? (typeof payload.token === "string" ? payload.token : undefined);
      const call: SlackCall = { method, payload, token };
      const answer = (status: number, json: Record<string, unknown>, headers?: Record<string, string>) => {
        call.status = status;
        if (json.ok === false) call.error = String(json.error);
        return respond(status, json, headers);
      };
      if (record(call).held) return;
      const failure = takeFailure(method);
      // Slack keeps refusing within Retry-After; per channel, so other channels' posts in flight pass.
      const window = `${method}:${String(payload.channel ?? "")}`;
      if (failure?.kind === "rate-limited") windows.open(window, failure.retryAfterSeconds);
      const secondsLeft = windows.secondsLeft(window);
      if (secondsLeft !== undefined) {
        return answer(429, { ok: false, error: "ratelimited" }, { "retry-after": String(secondsLeft) });
      }
      if (failure?.kind === "http") return answer(failure.status, { ok: false, error: "fake_http_error" });
      if (failure?.kind === "error") return answer(200, { ok: false, error: failure.error });
      const invalid = blockKitError(payload.blocks);
      if (invalid) return answer(200, { ok: false, error: invalid });
      if (method === "apps.connections.open" && options.socketModeUrl)
        return answer(200, { ok: true, url: options.socketModeUrl() });
      messageCount += 1;
      return answer(
        200,
        slackApiAnswer(method, payload, { botUserId, botId, teamId, locales, serial: messageCount }),
      );
    },
  });

  return {
    ...base,
    apiUrl: `${base.origin}/api/`,
    botUserId,
    botId,
    teamId,
    responseUrl: (id) => {
      responseCount += 1;
      return `${base.origin}/${RESPONSE_URL_PREFIX}${encodeURIComponent(id ?? `r${responseCount}`)}`;
    },
    setLocale: (userId, locale) => {
      locales.set(userId, locale);
    },
    reset: () => {
      base.reset();
      locales.clear();
      windows.clear();
    },
  };
}
