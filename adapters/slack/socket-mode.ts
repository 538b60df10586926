import { type App, type Logger as BoltLogger, type LogLevel, SocketModeReceiver } from "@slack/bolt";
import { describeError, NewsBotError } from "../../src/index.ts";
import { platformErrorOf } from "./slack-client.ts";

/** Options for {@link createSocketModeReceiver}. */
export interface SocketModeOptions {
  /** SLACK_APP_TOKEN, an app-level token (xapp-…) with connections:write. */
  appToken: string;
  /** Web API base URL; apps.connections.open is asked there for the socket's address. */
  apiUrl: string;
  logger: BoltLogger;
  logLevel: LogLevel;
}

/**
 * Bolt's own SocketModeReceiver, asking apps.connections.open at SLACK_API_URL like every other Web API call
 * (so a self-hosted proxy or the tests' fake serves it too). Bolt's client reconnects by itself: when Slack
 * sends `disconnect` before recycling a connection, and when the socket drops.
 */
export function createSocketModeReceiver(options: SocketModeOptions): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    logLevel: options.logLevel,
    installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
  });
}

/** Connects over Socket Mode; a token Slack refuses stops start-up with a message naming SLACK_APP_TOKEN. */
export async function startSocketMode(app: App): Promise<void> {
  try {
    await app.start();
  } catch (error) {
    const reason = platformErrorOf(error);
    throw new NewsBotError(
      "CONFIG_INVALID",
      reason
        ? `Slack did not accept SLACK_APP_TOKEN (apps.connections.open: ${reason}). Create an app-level token (xapp-…) with the scope connections:write under Basic Information → App-Level Tokens.`
        : `Could not connect to Slack over Socket Mode with SLACK_APP_TOKEN: ${describeError(error)}. Check SLACK_API_URL and the network.`,
      { cause: error },
    );
  }
}
