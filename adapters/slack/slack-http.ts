import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { NewsBotError } from "../../src/index.ts";

/** How long a post to a response_url or a lookup may take. */
export const SLACK_HTTP_TIMEOUT_MS = 10_000;
/** An answer longer than this is not Slack's; the rest is not read. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/** Connections per Slack host: a burst of answers queues on a few kept-alive sockets instead of opening one each. */
const MAX_SOCKETS = 16;

const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
};

/** What Slack answered: the status and the JSON body, if it was JSON. */
export interface SlackHttpAnswer {
  status: number;
  body: unknown;
}

/** Options for {@link slackPost}. */
export interface SlackPostOptions {
  /** Sent as `Authorization: Bearer …`; a response_url needs none. */
  token?: string;
  /** Sends the body's fields form-encoded, as the Web API's read methods (users.info) expect; default JSON. */
  form?: boolean;
  /** Default {@link SLACK_HTTP_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/**
 * Posts JSON to Slack (a response_url, or a Web API method) over kept-alive node:http(s) connections. It exists
 * for the per-request hot path: under a burst, Bolt's respond() and the Web API client spent most of the CPU per
 * slash command in the fetch machinery, several times what the post needs. Rejects on network errors and the
 * timeout; the caller judges the status.
 */
export function slackPost(
  url: string,
  body: Record<string, unknown>,
  options: SlackPostOptions = {},
): Promise<SlackHttpAnswer> {
  const target = new URL(url);
  const https = target.protocol === "https:";
  const payload = Buffer.from(
    options.form
      ? new URLSearchParams(Object.entries(body as Record<string, string>)).toString()
      : JSON.stringify(body),
  );
  return new Promise((resolve, reject) => {
    const request = (https ? httpsRequest : httpRequest)(target, {
      method: "POST",
      agent: https ? agents.https : agents.http,
      headers: {
        "content-type": options.form
          ? "application/x-www-form-urlencoded"
          : "application/json; charset=utf-8",
        "content-length": payload.length,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
    });
    // One timer for the whole exchange; an AbortSignal per request cost measurably more under a burst.
    const timeoutMs = options.timeoutMs ?? SLACK_HTTP_TIMEOUT_MS;
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on("response", (response) =>
      readAnswer(response)
        .then(resolve, reject)
        .finally(() => clearTimeout(timer)),
    );
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(new NewsBotError("PLATFORM", `Slack did not answer: ${error.message}`, { cause: error }));
    });
    request.end(payload);
  });
}

function readAnswer(response: IncomingMessage): Promise<SlackHttpAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    response.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length <= MAX_ANSWER_BYTES) chunks.push(chunk);
    });
    response.on("error", reject);
    response.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Slack's response_url answers "ok" or an error word as plain text at times; keep it as text.
      }
      resolve({ status: response.statusCode ?? 0, body });
    });
  });
}

/** Posts a message to a slash command's or a click's response_url; anything but 2xx rejects, as Bolt's respond(). */
export async function postToResponseUrl(url: string, message: Record<string, unknown>): Promise<void> {
  const answer = await slackPost(url, message);
  if (answer.status < 200 || answer.status >= 300)
    throw new NewsBotError("PLATFORM", `The response_url answered ${answer.status}`);
}

/**
 * Reads a person's Slack locale with users.info (scope users:read), once and without retries: it only improves
 * an answer. Rejects with Slack's error word (such as missing_scope) when Slack refuses.
 */
export async function readSlackLocale(
  apiUrl: string,
  token: string,
  userId: string,
  timeoutMs: number,
): Promise<string | undefined> {
  const answer = await slackPost(
    `${apiUrl.replace(/\/?$/, "/")}users.info`,
    { user: userId, include_locale: "true" },
    { token, form: true, timeoutMs },
  );
  const body = (typeof answer.body === "object" && answer.body !== null ? answer.body : {}) as {
    ok?: unknown;
    error?: unknown;
    user?: { locale?: unknown };
  };
  if (answer.status !== 200 || body.ok !== true)
    throw new NewsBotError("PLATFORM", `users.info failed: ${String(body.error ?? answer.status)}`);
  return typeof body.user?.locale === "string" ? body.user.locale : undefined;
}
