import type { IncomingMessage, ServerResponse } from "node:http";
import { createRateLimiter, describeError, type Logger } from "../../src/index.ts";
import type { HttpRoute } from "../http/http-server.ts";
import { createAdminAuth, SESSION_COOKIE, SESSION_MS } from "./admin-auth.ts";
import { renderAdminPage, renderConfirmPage, renderLoginPage, renderSentPage } from "./admin-page.ts";
import { clientAddress, ownOrigin, readBody, sendHtml } from "./http-io.ts";
import type { DailyOperator, OperatorFigures } from "./operator.ts";

/** Sign-in attempts per address per minute: enough for typos, hopeless for guessing a 24-character token. */
const LOGIN_ATTEMPTS_PER_MINUTE = 5;
/** A form of the operator page is a few hundred bytes. */
const MAX_FORM_BYTES = 2048;

/** Options for {@link adminRoutes}. */
export interface AdminRoutesOptions {
  token: string;
  trustProxy: boolean;
  /** What the page shows, read afresh for every request. */
  figures: () => Promise<OperatorFigures>;
  /** The running daily summary; absent when it is off. */
  daily: () => DailyOperator | undefined;
  logger: Logger;
  now?: () => number;
}

/**
 * The operator page at /admin and its forms. Every request needs the admin token: as a signed session cookie
 * from the sign-in form, or as `Authorization: Bearer`. State-changing forms also need the session's CSRF token
 * and this server's Origin. Only registered when ADMIN_TOKEN is set, so nothing is served without it.
 */
export function adminRoutes(options: AdminRoutesOptions): HttpRoute[] {
  const auth = createAdminAuth(options.token, options.now);
  const attempts = createRateLimiter({
    limit: LOGIN_ATTEMPTS_PER_MINUTE,
    ...(options.now ? { now: options.now } : {}),
  });
  const secure = (request: IncomingMessage) => ownOrigin(request, options.trustProxy).startsWith("https:");

  const refuse = (response: ServerResponse, status: number, problem?: string) =>
    sendHtml(response, status, renderLoginPage(problem));

  /** Checks a POST: same origin, small form body, a session, and (for cookie sessions) the CSRF token. */
  const readForm = async (request: IncomingMessage, response: ServerResponse, needsSession: boolean) => {
    if (request.method !== "POST") {
      response.writeHead(405, { allow: "POST", "content-type": "text/plain" }).end("Method not allowed");
      return undefined;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== ownOrigin(request, options.trustProxy)) {
      refuse(response, 403, "This form only works from the operator page itself.");
      return undefined;
    }
    const body = await readBody(request, MAX_FORM_BYTES);
    if (body === null) {
      refuse(response, 413, "The form was too large.");
      return undefined;
    }
    const form = new URLSearchParams(body);
    if (!needsSession) return { form, session: "" };
    const session = auth.session(request);
    if (session === null) {
      refuse(response, 401);
      return undefined;
    }
    if (session !== "bearer" && !auth.isCsrfToken(session, form.get("csrf") ?? "")) {
      refuse(response, 403, "The form had expired; open the operator page and try again.");
      return undefined;
    }
    return { form, session };
  };

  const requireSession = (request: IncomingMessage, response: ServerResponse): string | null => {
    const session = auth.session(request);
    if (session === null) refuse(response, 401);
    return session;
  };

  return [
    {
      path: "/admin",
      async handler(request, response) {
        const session = requireSession(request, response);
        if (session === null) return;
        sendHtml(response, 200, renderAdminPage(await options.figures(), auth.csrfToken(session)));
      },
    },
    {
      path: "/admin/login",
      async handler(request, response) {
        const read = await readForm(request, response, false);
        if (!read) return;
        if (!attempts.take(clientAddress(request, options.trustProxy))) {
          refuse(response, 429, "Too many sign-in attempts; wait a minute.");
          return;
        }
        if (!auth.isToken(read.form.get("token") ?? "")) {
          options.logger.warn("Operator sign-in refused", {
            address: clientAddress(request, options.trustProxy),
          });
          refuse(response, 401, "That is not the admin token.");
          return;
        }
        response.writeHead(303, {
          location: "/admin",
          "set-cookie": sessionCookie(auth.newSession(), SESSION_MS / 1000, secure(request)),
          "cache-control": "no-store",
        });
        response.end();
      },
    },
    {
      path: "/admin/logout",
      async handler(request, response) {
        if (!(await readForm(request, response, true))) return;
        response.writeHead(303, { location: "/admin", "set-cookie": sessionCookie("", 0, secure(request)) });
        response.end();
      },
    },
    {
      path: "/admin/send",
      async handler(request, response) {
        const daily = options.daily();
        if (request.method === "GET") {
          const session = requireSession(request, response);
          if (session === null) return;
          if (!daily) return void sendHtml(response, 409, renderLoginPage("The daily summary is off."));
          const recipients = (await daily.subscriptions()).reduce((sum, row) => sum + row.active, 0);
          sendHtml(response, 200, renderConfirmPage(recipients, auth.csrfToken(session)));
          return;
        }
        const read = await readForm(request, response, true);
        if (!read) return;
        if (read.form.get("confirm") !== "yes" || !daily) {
          sendHtml(response, 400, renderLoginPage(daily ? "Not confirmed." : "The daily summary is off."));
          return;
        }
        try {
          const run = await daily.sendToday();
          options.logger.info("Operator sent today's summary", { ...run });
          sendHtml(response, 200, renderSentPage(run));
        } catch (error) {
          options.logger.error("Operator send failed", { error: describeError(error) });
          sendHtml(response, 500, renderLoginPage("Sending failed; see the recent errors."));
        }
      },
    },
  ];
}

function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    "Path=/admin",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
