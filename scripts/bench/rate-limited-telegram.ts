/**
 * A minimal Bot API server for the broadcast benchmark that accepts `allowedRate` sendMessage calls per
 * second and answers 429 with retry_after above it. It runs in a process of its own, on its own core, like a
 * real server would; the benchmark reads its counts from GET /stats.
 *
 *   node --import tsx scripts/bench/rate-limited-telegram.ts 1000   → prints {"apiRoot": "...", "token": "..."}
 */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** What the server counted. */
export interface RateLimitedStats {
  /** Accepted messages per chat id. */
  accepted: Record<string, number>;
  /** 429 answers given. */
  refused: number;
  /** The most messages accepted in any one second. */
  busiest: number;
  /** Milliseconds from the first accepted message to the last. */
  spanMs: number;
}

/** The running server process. */
export interface RateLimitedTelegram {
  apiRoot: string;
  token: string;
  stats(): Promise<RateLimitedStats>;
  stop(): Promise<void>;
}

const TOKEN = "123456789:AABenchTokenForLoopbackOnly_0123456789";
const WINDOW_MS = 1000;

/** Starts the server in a child process and waits until it listens. */
export async function startRateLimitedTelegram(allowedRate: number): Promise<RateLimitedTelegram> {
  parseRate(String(allowedRate));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), String(allowedRate)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const [line] = await Promise.race([
    createInterface({ input: child.stdout })
      [Symbol.asyncIterator]()
      .next()
      .then((next) => [next.value as string]),
    exited.then(() => {
      throw new Error("The rate-limited Telegram server did not start");
    }),
  ]);
  const { apiRoot } = JSON.parse(line ?? "{}") as { apiRoot: string };
  return {
    apiRoot,
    token: TOKEN,
    stats: async () => (await (await fetch(`${apiRoot}/stats`)).json()) as RateLimitedStats,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The chat_id of a sendMessage body; undefined for a body that is not JSON or has none. */
function chatIdOf(body: Buffer): number | string | undefined {
  try {
    const payload: unknown = JSON.parse(body.toString("utf8"));
    if (typeof payload !== "object" || payload === null || !("chat_id" in payload)) return undefined;
    const { chat_id: chatId } = payload;
    return typeof chatId === "number" || typeof chatId === "string" ? chatId : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the allowed rate from the command line: a whole number of messages a second. */
function parseRate(text: string | undefined): number {
  const rate = Number(text ?? "1000");
  if (!Number.isInteger(rate) || rate < 1 || rate > 1_000_000) {
    throw new Error(
      `The allowed rate must be a whole number of messages a second, 1 to 1,000,000; got "${text}".`,
    );
  }
  return rate;
}

/** Serves the Bot API's sendMessage with a sliding one-second limit, counting like Telegram's flood control. */
async function serve(allowedRate: number): Promise<void> {
  const accepted: Record<string, number> = {};
  // Arrival times of the accepted messages of the last second, oldest first, in a ring the size of the limit.
  const window = new Float64Array(allowedRate);
  let head = 0;
  let size = 0;
  let refused = 0;
  // Every accepted message's arrival, for the busiest second and the span; and the busiest second so far.
  const arrivals: number[] = [];
  let busiest = 0;
  /** What a whole bot asks besides sendMessage (getMe at start, the command menu, polling), answered simply. */
  const others: Record<string, (respond: (result: unknown) => void, body: Buffer) => void> = {
    getMe: (respond) =>
      respond({
        id: 123456789,
        is_bot: true,
        first_name: "Bench",
        username: "BenchBot",
        can_join_groups: true,
      }),
    setMyCommands: (respond) => respond(true),
    deleteWebhook: (respond) => respond(true),
    // A long poll that never gets an update: answered empty after its timeout.
    getUpdates: (respond, body) => {
      const timeout = Number(
        (JSON.parse(body.toString("utf8") || "{}") as { timeout?: number }).timeout ?? 0,
      );
      setTimeout(() => respond([]), Math.min(timeout, 30) * 1000).unref();
    },
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const answer = (status: number, body: unknown) =>
        response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (request.url === "/stats") {
        const spanMs = arrivals.length > 1 ? (arrivals.at(-1) as number) - (arrivals[0] as number) : 0;
        return answer(200, { accepted, refused, busiest, spanMs } satisfies RateLimitedStats);
      }
      const method = request.url?.startsWith(`/bot${TOKEN}/`)
        ? request.url.slice(`/bot${TOKEN}/`.length)
        : "";
      const other = others[method];
      if (other) return other((result) => answer(200, { ok: true, result }), Buffer.concat(chunks));
      if (request.url !== `/bot${TOKEN}/sendMessage`) {
        return answer(404, { ok: false, error_code: 404, description: "Not Found" });
      }
      const now = performance.now();
      while (size > 0 && (window[head] as number) <= now - WINDOW_MS) {
        head = (head + 1) % allowedRate;
        size -= 1;
      }
      if (size >= allowedRate) {
        refused += 1;
        const retryAfter = Math.max(1, Math.ceil(((window[head] as number) + WINDOW_MS - now) / 1000));
        return answer(429, {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${retryAfter}`,
          parameters: { retry_after: retryAfter },
        });
      }
      const chatId = chatIdOf(Buffer.concat(chunks));
      if (chatId === undefined) {
        return answer(400, { ok: false, error_code: 400, description: "Bad Request: chat_id is empty" });
      }
      window[(head + size) % allowedRate] = now;
      size += 1;
      arrivals.push(now);
      busiest = Math.max(busiest, size);
      const chat = String(chatId);
      accepted[chat] = (accepted[chat] ?? 0) + 1;
      return answer(200, {
        ok: true,
        result: {
          message_id: size,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chatId), type: "private", first_name: "Bench" },
          text: "",
        },
      });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.stdout.write(
    `${JSON.stringify({ apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
  );
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
}

if (process.argv[1]?.endsWith("rate-limited-telegram.ts")) await serve(parseRate(process.argv[2]));
