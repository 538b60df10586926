import { describe, expect, it } from "vitest";
import { readWebSettings } from "../../adapters/web/settings.ts";
import { preferredLanguage } from "../../adapters/web/texts.ts";
import { SettingsReader } from "../../src/index.ts";

function read(env: Record<string, string>) {
  const reader = new SettingsReader(env);
  return { settings: readWebSettings(reader), problems: reader.problems };
}

describe("web settings", () => {
  it("serves the chat by default, with no embedding sites and no operator page", () => {
    const { settings, problems } = read({});
    expect(settings).toEqual({ enabled: true, allowedOrigins: [], trustProxy: false });
    expect(problems).toEqual([]);
  });

  it("reads allowed origins and refuses entries that are not bare origins", () => {
    const { settings, problems } = read({
      WEB_ALLOWED_ORIGINS: "https://news.example, http://127.0.0.1:8080/, https://x.example/path, ftp://y",
    });
    expect(settings.allowedOrigins).toEqual(["https://news.example", "http://127.0.0.1:8080"]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain("WEB_ALLOWED_ORIGINS");
  });

  it("refuses a short admin token without echoing it", () => {
    const { settings, problems } = read({ ADMIN_TOKEN: "hunter2-secret", WEB_CHAT: "maybe" });
    expect(settings.adminToken).toBeUndefined();
    expect(problems.join("\n")).toContain("ADMIN_TOKEN");
    expect(problems.join("\n")).not.toContain("hunter2-secret");
    expect(problems.join("\n")).toContain('WEB_CHAT="maybe"');
  });

  it("picks German or English by the browser's preference", () => {
    expect(preferredLanguage("en-GB,en;q=0.9,de;q=0.8")).toBe("en");
    expect(preferredLanguage("fr-FR,de;q=0.7,en;q=0.5")).toBe("de");
    expect(preferredLanguage("de;q=0.4, en;q=0.6")).toBe("en");
    expect(preferredLanguage("fr")).toBe("de");
    expect(preferredLanguage(undefined)).toBe("de");
  });
});
