import type { CodedError, webApi } from "@slack/bolt";
import type { DedupeStore } from "../dedupe/dedupe-store.ts";
import type { SlackHandlerContext } from "./answer.ts";
import { answerSlashCommand, type SlashCommandFields } from "./command-handlers.ts";
import type { SlackErrorArgs } from "./error-handler.ts";

/** Options for {@link createDirectCommandHandler}. */
export interface DirectCommandOptions {
  context: SlackHandlerContext;
  client: webApi.WebClient;
  /** The same store the replay guard uses, so a command is carried out once whichever way it came. */
  dedupe: DedupeStore;
  /** The adapter's one catch, as Bolt calls it. */
  onError: (args: SlackErrorArgs) => Promise<void>;
}

/**
 * The slash command as the HTTP receiver answers it past Bolt: the replay check the replay guard does for
 * Bolt's requests (same key, same store), the answer, and on failure the error handler Bolt would call.
 */
export function createDirectCommandHandler(
  options: DirectCommandOptions,
): (body: Record<string, unknown>, key: string) => Promise<void> {
  const { context } = options;
  return async (body, key) => {
    if (!(await options.dedupe.claim(`slack:${key}`))) {
      context.logger.info("Ignored a repeated Slack request", { key });
      return;
    }
    try {
      await answerSlashCommand(context, options.client, commandFields(body));
    } catch (error) {
      const original = error instanceof Error ? error : new Error(String(error));
      const coded: CodedError = Object.assign(new Error(original.message), {
        code: "slack_command_failed",
        original,
      });
      await options.onError({ error: coded, body });
    }
  };
}

/** The command's fields; checkSlackBody has made sure of user, channel and response_url, text may be absent. */
function commandFields(body: Record<string, unknown>): SlashCommandFields {
  const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
  return {
    text: text("text"),
    user_id: text("user_id"),
    channel_id: text("channel_id"),
    team_id: text("team_id"),
    response_url: text("response_url"),
  };
}
