import { spawn } from "node:child_process";

/** What a finished child process printed, and how it ended. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The tsx binary the npm scripts use, so tests run the entry points exactly as `npm start` does. */
export const TSX = "node_modules/.bin/tsx";

/** Runs a command to completion with optional standard input and extra environment. */
export function run(
  args: string[],
  options: { input?: string; env?: Record<string, string | undefined> } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, args, {
      env: { ...cleanEnv(), ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** The parent's environment without the bot's own settings, so a developer's .env or shell cannot leak in. */
export function cleanEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      /^(TELEGRAM_|SLACK_|DAILY_SUMMARY_|CONTENT_DIR|DATA_DIR|PORT|LOG_LEVEL|QUESTIONS_PER_MINUTE)/.test(key)
    ) {
      delete env[key];
    }
  }
  return env;
}
