import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map(
    (m) => m[1] ?? "",
  );

describe("architecture", () => {
  it("keeps the core free of platform SDKs and adapters", () => {
    const offending = sourceFiles("src").flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(grammy|@grammyjs\/|@slack\/)/.test(spec) || spec.includes("adapters/"))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it("lets adapters reach the core only through src/index.ts", () => {
    const offending = sourceFiles("adapters").flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.includes("/src/") && !spec.endsWith("/src/index.ts"))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it("keeps the daily summary free of platforms: it imports only the core, its port and the store", () => {
    const offending = sourceFiles("adapters/daily").flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith(".") || /^(grammy|@grammyjs\/|@slack\/)/.test(spec))
        .filter((spec) => !/^\.\/|^\.\.\/(ports|store)\/|^\.\.\/\.\.\/src\/index\.ts$/.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it("keeps platforms apart: none imports the daily summary or another platform", () => {
    // A platform is a folder with its own renderer.
    const platforms = readdirSync("adapters").filter((name) =>
      existsSync(join("adapters", name, "render.ts")),
    );
    expect(platforms).toEqual(expect.arrayContaining(["console", "slack", "telegram", "web"]));
    const offending = platforms.flatMap((platform) =>
      sourceFiles(join("adapters", platform)).flatMap((file) =>
        importsOf(file)
          .filter((spec) => {
            const folder = /^\.\.\/([\w-]+)\//.exec(spec)?.[1];
            return folder === "daily" || (folder !== undefined && platforms.includes(folder));
          })
          .map((spec) => `${file} imports ${spec}`),
      ),
    );
    expect(offending).toEqual([]);
  });

  it("hands each adapter only its own settings: the whole AppConfig stays in the app and the entry points", () => {
    const allowed = new Set([
      "adapters/app.ts",
      "adapters/main.ts",
      "adapters/cli/arguments.ts",
      "adapters/cli/summary.ts",
      "adapters/feeds/feeds-cli.ts",
    ]);
    const offending = sourceFiles("adapters").flatMap((file) =>
      importsOf(file)
        .filter((spec) => /(^|\/)(config|app)\.ts$/.test(spec) && !allowed.has(file))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it("keeps one composition root: only app.ts wires platforms to the daily summary", () => {
    const platforms = readdirSync("adapters").filter((name) =>
      existsSync(join("adapters", name, "render.ts")),
    );
    const wiring = readdirSync("adapters")
      .filter((name) => name.endsWith(".ts"))
      .map((name) => join("adapters", name))
      .filter((file) => {
        // Reading every adapter's settings (config.ts) is not wiring; starting them is.
        const folders = importsOf(file)
          .filter((spec) => !spec.endsWith("/settings.ts"))
          .map((spec) => /^\.\/([\w-]+)\//.exec(spec)?.[1]);
        return folders.includes("daily") && folders.some((folder) => folder && platforms.includes(folder));
      });
    expect(wiring).toEqual(["adapters/app.ts"]);
  });

  it("reads process.env only in the entry points", () => {
    const allowed = new Set([
      "adapters/main.ts",
      "adapters/cli/ask.ts",
      "adapters/cli/summary.ts",
      "adapters/cli/migrate-to-postgres.ts",
      "adapters/feeds/feeds-cli.ts",
    ]);
    const readers = [...sourceFiles("src"), ...sourceFiles("adapters")].filter(
      (file) => /process\.env\b/.test(readFileSync(file, "utf8")) && !allowed.has(file),
    );
    expect(readers).toEqual([]);
  });
});
