import { createHmac } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { sameSecret } from "../http/same-secret.ts";

/** The operator's session cookie; scoped to /admin, never readable by scripts. */
export const SESSION_COOKIE = "news_admin";
/** How long a sign-in lasts. */
export const SESSION_MS = 12 * 3_600_000;

/** Signs sessions and CSRF tokens with the admin token, so neither carries the token itself. */
export interface AdminAuth {
  /** Whether a presented token is the admin token (constant time). */
  isToken(candidate: string): boolean;
  /** A new session value for the cookie. */
  newSession(): string;
  /** The valid session of a request (cookie, or `Authorization: Bearer <token>` for scripts), else null. */
  session(request: IncomingMessage): string | null;
  /** The CSRF token the session's forms carry. */
  csrfToken(session: string): string;
  isCsrfToken(session: string, candidate: string): boolean;
}

/** Reads one cookie from a request. */
export function cookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

/** Creates the operator page's signing; `now` is injectable for expiry tests. */
export function createAdminAuth(token: string, now: () => number = Date.now): AdminAuth {
  const sign = (purpose: string, value: string) =>
    createHmac("sha256", token).update(`${purpose}:${value}`).digest("base64url");
  const validSession = (value: string): boolean => {
    const [issued = "", signature = ""] = value.split(".");
    const issuedAt = Number(issued);
    return (
      Number.isInteger(issuedAt) &&
      now() - issuedAt < SESSION_MS &&
      issuedAt <= now() &&
      sameSecret(signature, sign("session", issued))
    );
  };
  return {
    isToken: (candidate) => sameSecret(sign("token", candidate), sign("token", token)),
    newSession() {
      const issued = String(now());
      return `${issued}.${sign("session", issued)}`;
    },
    session(request) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
      if (bearer !== undefined)
        return sameSecret(sign("token", bearer), sign("token", token)) ? "bearer" : null;
      const value = cookie(request, SESSION_COOKIE);
      return value !== undefined && validSession(value) ? value : null;
    },
    csrfToken: (session) => sign("csrf", session),
    isCsrfToken: (session, candidate) => sameSecret(candidate, sign("csrf", session)),
  };
}
