import { Redis } from "ioredis";
import { describeError, type Logger, NewsBotError } from "../../src/index.ts";
import { type RedisSettings, redisAddress } from "./redis-settings.ts";

/** How long start-up waits for Redis to answer before it stops with a message. */
export const REDIS_CONNECT_TIMEOUT_MS = 5_000;
/** How long a readiness check waits for PING. */
const READY_TIMEOUT_MS = 1_000;
/** Reconnection back-off while Redis is away: growing to this and staying there, never giving up. */
const RECONNECT_MAX_MS = 2_000;

/** An open connection to Redis, shared by everything that keeps short-lived state there. */
export interface RedisConnection {
  /** For commands that must fail fast while Redis is away (no offline queue), never wait for it. */
  client: Redis;
  /** REDIS_PREFIX: every key begins with it. */
  prefix: string;
  /** What BullMQ needs to open its own connections (it blocks on some, so it cannot share `client`). */
  settings: RedisSettings;
  /** True when Redis answers PING now; for /readyz. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Opens the connection and checks it with PING. An unreachable server or a refused password stops start-up
 * with a message naming REDIS_URL, without the password. Later outages are logged once each way; commands
 * fail fast meanwhile (callers fall back or apologise), and the client reconnects by itself.
 */
export async function openRedis(settings: RedisSettings, logger: Logger): Promise<RedisConnection> {
  const client = new Redis(settings.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 200, RECONNECT_MAX_MS),
  });
  let lastError = "";
  let wasReady = false;
  // Without a listener ioredis prints every failed reconnection; one line per outage is enough.
  client.on("error", (error: unknown) => {
    lastError = describeError(error);
  });
  try {
    await withTimeout(client.connect(), REDIS_CONNECT_TIMEOUT_MS);
    await withTimeout(client.ping(), REDIS_CONNECT_TIMEOUT_MS);
  } catch (error) {
    client.disconnect();
    throw new NewsBotError("STORE_OPEN", startupMessage(settings.url, error, lastError), { cause: error });
  }
  wasReady = true;
  client.on("close", () => {
    if (!wasReady) return;
    wasReady = false;
    logger.warn("Redis connection lost; reconnecting (shared limits, dedupe and queues wait meanwhile)", {
      address: redisAddress(settings.url),
    });
  });
  client.on("ready", () => {
    if (wasReady) return;
    wasReady = true;
    logger.info("Redis connection back", { address: redisAddress(settings.url) });
  });
  return {
    client,
    prefix: settings.prefix,
    settings,
    isReady: async () => {
      if (client.status !== "ready") return false;
      return withTimeout(client.ping(), READY_TIMEOUT_MS).then(
        (answer) => answer === "PONG",
        () => false,
      );
    },
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

function startupMessage(url: string, error: unknown, lastError: string): string {
  const address = redisAddress(url);
  const reason = [describeError(error), lastError].find(
    (text) => text !== "" && !/Connection is closed/.test(text),
  );
  if (/WRONGPASS|NOAUTH|ERR AUTH|invalid password|invalid username/i.test(`${reason ?? ""}`))
    return `REDIS_URL: Redis at ${address} refused the user name or password in REDIS_URL. Check them.`;
  return (
    `REDIS_URL: could not reach Redis at ${address}${reason ? ` (${reason})` : ""}. ` +
    "Check the address and that Redis is running, or unset REDIS_URL to keep this state in memory."
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
