import { describeError, type Logger } from "../../src/index.ts";

/** One thing a replica needs before it may take traffic (the database, Redis). */
export interface ReadinessCheck {
  /** Shown in /readyz's answer: "database", "redis". */
  name: string;
  /** Resolves when ready; rejects with the reason otherwise. */
  check(): Promise<void>;
}

/** One check's result as /readyz reports it; the reason goes to the log only, never to the page. */
export interface CheckResult {
  name: string;
  ok: boolean;
}

/** What /readyz answers. */
export interface ReadinessReport {
  ready: boolean;
  /** True once shutdown began: the replica finishes its work and takes no new traffic. */
  draining: boolean;
  checks: CheckResult[];
}

/**
 * The replica's readiness: checks that modules add at start-up (main.ts adds the database's; the Redis state
 * adds its own), and the shutdown's drain. Created once in main.ts and handed to whoever adds a check.
 */
export interface Readiness {
  add(check: ReadinessCheck): void;
  /** Marks the start of shutdown: /readyz answers 503 from now on, so a load balancer stops sending requests. */
  drain(): void;
  /** Runs every check at once, each bounded by the timeout. */
  report(): Promise<ReadinessReport>;
}

/** Options for {@link createReadiness}. */
export interface ReadinessOptions {
  logger: Logger;
  /** A check that has not answered in this time counts as failed; default {@link CHECK_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/** A probe waits this long for a check: longer than a healthy round trip, shorter than a probe's own timeout. */
export const CHECK_TIMEOUT_MS = 2_000;

/** Creates the readiness with no checks: ready until one is added and fails, or until drain(). */
export function createReadiness(options: ReadinessOptions): Readiness {
  const checks: ReadinessCheck[] = [];
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  // Logged when a check's state changes, not at every probe (load balancers probe every few seconds).
  const failing = new Set<string>();
  let draining = false;
  const run = async (check: ReadinessCheck): Promise<CheckResult> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
      if (failing.delete(check.name)) options.logger.info("Ready again", { check: check.name });
      return { name: check.name, ok: true };
    } catch (error) {
      if (!failing.has(check.name)) {
        failing.add(check.name);
        options.logger.warn("Not ready", { check: check.name, error: describeError(error) });
      }
      return { name: check.name, ok: false };
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    add: (check) => checks.push(check),
    drain: () => {
      draining = true;
    },
    async report() {
      const results = await Promise.all(checks.map(run));
      return { ready: !draining && results.every((result) => result.ok), draining, checks: results };
    },
  };
}
