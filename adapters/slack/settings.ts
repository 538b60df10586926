import type { SettingsReader } from "../../src/index.ts";

/** Slack's settings; present only when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set. */
export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  /** App-level token; turns on Socket Mode. */
  appToken?: string;
  /** Web API base URL, ending in a slash; default https://slack.com/api/. */
  apiUrl: string;
  /** Slash command name; default /news. */
  command: string;
}

/** The Slack variables that hold secrets; their values never reach a log line or a message. */
export const SLACK_SECRET_VARIABLES = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"] as const;

/** Reads Slack's settings; problems go to the reader, each naming its variable and how to fix it. */
export function readSlackSettings(reader: SettingsReader): SlackSettings | undefined {
  const botToken = reader.matching(
    "SLACK_BOT_TOKEN",
    /^xoxb-[A-Za-z0-9-]+$/,
    "expected the bot token starting with xoxb- (OAuth & Permissions in the app's settings).",
    { secret: true },
  );
  const signingSecret = reader.matching(
    "SLACK_SIGNING_SECRET",
    /^[A-Za-z0-9]{16,}$/,
    "expected the app's signing secret (hex; Basic Information in the app's settings).",
    { secret: true },
  );
  const appToken = reader.matching(
    "SLACK_APP_TOKEN",
    /^xapp-[A-Za-z0-9-]+$/,
    "expected an app-level token starting with xapp-.",
    { secret: true },
  );
  const apiUrl = reader.url("SLACK_API_URL", "https://slack.com/api/");
  const command =
    reader.matching("SLACK_COMMAND", /^\/[a-z0-9_-]{1,31}$/, "expected a slash command such as /news.") ??
    "/news";
  // Only when one is missing: an invalid one has its own message already.
  const botTokenSet = reader.string("SLACK_BOT_TOKEN") !== undefined;
  if (botTokenSet !== (reader.string("SLACK_SIGNING_SECRET") !== undefined)) {
    reader.problem("SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET must be set together to turn on Slack.");
  }
  if (!botToken || !signingSecret) return undefined;
  return {
    botToken,
    signingSecret,
    ...(appToken ? { appToken } : {}),
    apiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`,
    command,
  };
}

/** The secret values among Slack's settings, for the logger to redact. */
export function slackSecrets(settings: SlackSettings | undefined): string[] {
  return [settings?.botToken, settings?.signingSecret, settings?.appToken].filter(
    (secret) => secret !== undefined,
  );
}
