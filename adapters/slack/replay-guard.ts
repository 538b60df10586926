import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../../src/index.ts";
import type { DedupeStore } from "../dedupe/dedupe-store.ts";
import { checkSlackBody } from "./request-check.ts";

/** Options for {@link createReplayGuard}. */
export interface ReplayGuardOptions {
  dedupe: DedupeStore;
  logger: Logger;
}

/**
 * Bolt global middleware, in both HTTP and Socket Mode, that lets each delivery through once: a replayed slash
 * command (same trigger_id), a retried or redelivered event (same event_id) or a repeated click is acknowledged
 * and dropped. A retry whose first delivery never arrived (the bot was restarting) is still answered. Bodies
 * the handlers cannot use are acknowledged and dropped with a warning (in HTTP mode the receiver has already
 * answered them 400, so this matters for Socket Mode's envelopes).
 */
export function createReplayGuard(options: ReplayGuardOptions): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const check = checkSlackBody(args.body);
    const ack = "ack" in args && typeof args.ack === "function" ? args.ack : async () => {};
    if (check.kind === "invalid" || check.kind === "unused" || check.kind === "url-verification") {
      await ack();
      options.logger.warn("Ignored a Slack request the bot cannot handle", {
        reason: check.kind === "invalid" ? check.reason : check.kind === "unused" ? check.type : check.kind,
      });
      return;
    }
    if (!(await options.dedupe.claim(`slack:${check.key}`))) {
      await ack();
      options.logger.info("Ignored a repeated Slack request", {
        key: check.key,
        retry: args.context.retryNum,
        reason: args.context.retryReason,
      });
      return;
    }
    await args.next();
  };
}
