import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { createServer } from "node:net";

/** What a finished child process printed, and how it ended. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Node with tsx's loader: the same entry point and loader as the tsx binary without its extra relaying process,
 * which halves the CPU a child costs (the command-line tests start many).
 */
const NODE_WITH_TSX = [process.execPath, "--import", "tsx"] as const;

/**
 * Starts a TypeScript entry point in Node with tsx's loader. One process, not the tsx binary's relay: a signal
 * reaches the app itself, and killing the child leaves no orphan behind.
 */
export function spawnEntry(args: string[], options: SpawnOptions): ChildProcess {
  const [node, ...loader] = NODE_WITH_TSX;
  return spawn(node, [...loader, ...args], options);
}

/** Runs a TypeScript entry point to completion with optional standard input and extra environment. */
export function run(
  args: string[],
  options: { input?: string; env?: Record<string, string | undefined> } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const [node, ...loader] = NODE_WITH_TSX;
    const child = spawn(node, [...loader, ...args], {
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

/** Every setting the bot reads; tests set each one explicitly. */
const BOT_SETTINGS = [
  "CONTENT_DIR",
  "QUESTIONS_PER_MINUTE",
  "LOG_LEVEL",
  "PORT",
  "DATA_DIR",
  "DATABASE_URL",
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_API_ROOT",
  "TELEGRAM_WEBHOOK_URL",
  "TELEGRAM_WEBHOOK_SECRET",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_API_URL",
  "SLACK_COMMAND",
  "DAILY_SUMMARY_TIME",
  "DAILY_SUMMARY_TZ",
  "DAILY_SUMMARY_CRON",
  "DAILY_SUMMARY_TELEGRAM_CHATS",
  "DAILY_SUMMARY_SLACK_CHANNELS",
  "DAILY_SUMMARY_CATCHUP_HOURS",
  "WEB_CHAT",
  "WEB_ALLOWED_ORIGINS",
  "WEB_TRUST_PROXY",
  "ADMIN_TOKEN",
  "FEEDS",
  "FEEDS_FILE",
  "FEED_POLL_MINUTES",
  "FEED_MAX_AGE_DAYS",
  "FEED_TIMEOUT_MS",
  "FEED_MAX_BYTES",
  "FEEDS_ALLOW_PRIVATE",
  "REDIS_URL",
  "REDIS_PREFIX",
];

/**
 * The parent's environment with every bot setting empty: empty counts as unset, and dotenv never overrides a
 * variable that exists, so neither the shell nor a developer's .env can leak into a test.
 */
export function cleanEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of BOT_SETTINGS) env[key] = "";
  return env;
}

/** Asks the OS for a free port, then lets it go for a child process to take. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Polls a started app's /healthz until it answers 200; false when the child exits first. */
export async function waitUntilHealthy(origin: string, child: ChildProcess): Promise<boolean> {
  while (child.exitCode === null) {
    const healthy = await fetch(`${origin}/healthz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** The app started as `npm start` starts it, with its log collected and its exit awaited. */
export interface AppProcess {
  child: ChildProcess;
  /** Everything the app wrote to standard error so far. */
  log(): string;
  /** Settles with the exit code when the app exits. */
  exited: Promise<number | null>;
  /** Fails with the app's log instead of hanging when the app exits before `promise` settles. */
  beforeExit<T>(promise: Promise<T>): Promise<T>;
  /** Resolves once the log has a line containing `text`; the app's own output moves it on, never a sleep. */
  waitForLog(text: string): Promise<void>;
  /** Kills the app if it still runs. */
  kill(): void;
}

/** Starts `adapters/main.ts` in a child process with a clean environment plus `env`. */
export function spawnApp(env: Record<string, string>): AppProcess {
  const child = spawnEntry(["adapters/main.ts"], {
    env: { ...cleanEnv(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const beforeExit = <T>(promise: Promise<T>): Promise<T> =>
    Promise.race([
      promise,
      exited.then((code): never => {
        throw new Error(`The app exited with ${code} too early:\n${stderr}`);
      }),
    ]);
  const waitForLog = (text: string) =>
    beforeExit(
      new Promise<void>((resolve) => {
        const check = () => {
          if (!stderr.includes(text)) return;
          child.stderr?.off("data", check);
          resolve();
        };
        child.stderr?.on("data", check);
        check();
      }),
    );
  return {
    child,
    log: () => stderr,
    exited,
    beforeExit,
    waitForLog,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
