import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SLASH_COMMAND } from "../../adapters/slack/render.ts";
import { SLACK_EVENTS_PATH } from "../../adapters/slack/slack-adapter.ts";

interface Manifest {
  features: {
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    slash_commands: { command: string; url: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = JSON.parse(readFileSync("slack-manifest.json", "utf8")) as Manifest;

describe("slack-manifest.json", () => {
  it("asks for the scopes the adapter uses", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["commands", "chat:write", "app_mentions:read", "im:history", "users:read"]),
    );
  });

  it("subscribes to mentions and direct messages, with the Messages tab open for writing", () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(["app_mention", "message.im"]);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it("sends the command, events and interactivity to the adapter's one path", () => {
    const [command] = manifest.features.slash_commands;
    expect(command?.command).toBe(DEFAULT_SLASH_COMMAND);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    for (const url of [
      command?.url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ]) {
      expect(new URL(url ?? "").pathname).toBe(SLACK_EVENTS_PATH);
    }
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
