import { type ChildProcess, spawn } from "node:child_process";
import { Agent, request as httpRequest } from "node:http";
import { createInterface } from "node:readline";
import { slackSignature } from "../../test/fakes/slack-requests.ts";

const SIGNING_SECRET = "0123456789abcdef0123456789abcdef";
/** Questions the burst cycles through: a search, a summary, the help, a question without an answer. */
const TEXTS = ["Was sagt Putin über Nordkorea?", "summary", "help", "Wer gewann die Fußball-WM 1954?"];

/** One burst's figures. */
export interface BurstResult {
  commands: number;
  /** Acknowledgement times in milliseconds, ascending. */
  acks: number[];
  /** CPU time of the bot's process for the whole burst, follow-ups included, divided by the commands. */
  cpuPerCommandMs: number;
}

/** The adapter as it is, or the anchor: Bolt used as its documentation shows (see stock-bolt.ts). */
export type BotMode = "adapter" | "stock";

/** A child process that speaks JSON lines: `ask` writes a line and resolves with the next line's JSON. */
interface Child {
  first: Record<string, unknown>;
  ask(line: string): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

async function startChild(script: string, env: Record<string, string>, flags: string[] = []): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", ...flags, script], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const queue: ((line: string) => void)[] = [];
  lines.on("line", (line) => queue.shift()?.(line));
  const next = () =>
    new Promise<Record<string, unknown>>((resolve) =>
      queue.push((line) => resolve(JSON.parse(line) as Record<string, unknown>)),
    );
  const first = await next();
  return {
    first,
    ask: (line) => {
      const answer = next();
      child.stdin?.write(`${line}\n`);
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.stdin?.end();
      }),
  };
}

/** Sends pre-signed bodies over kept-alive connections; resolves with the status and the milliseconds to it. */
function createLeanSender(url: string): (body: string) => Promise<{ status: number; ms: number }> {
  const agent = new Agent({ keepAlive: true });
  return (body) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": Buffer.byteLength(body),
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": slackSignature(SIGNING_SECRET, timestamp, body),
    };
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const request = httpRequest(url, { method: "POST", agent, headers }, (response) => {
        const ms = performance.now() - started;
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, ms }));
      });
      request.on("error", reject);
      request.end(body);
    });
  };
}

function commandBody(fields: Record<string, string>): string {
  return new URLSearchParams({
    command: "/news",
    channel_id: "C0001",
    team_id: "T0001",
    api_app_id: "A0001",
    ...fields,
  }).toString();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Options for {@link runSlackBurst}. */
export interface SlackBurstOptions {
  /** Commands in all; default 200. */
  commands?: number;
  /** Commands sent at once; the next burst starts when the previous one is acknowledged. Default all. */
  burst?: number;
  /** Write a V8 CPU profile of the bot (node --cpu-prof) into this folder. */
  cpuProfileDir?: string;
  /** Default "adapter". */
  mode?: BotMode;
  /** Commands sent before measuring, in the same bursts; default as many as are measured. */
  warmUp?: number;
}

/**
 * Sends signed /news commands to the real Slack adapter in a child process and measures each acknowledgement
 * (the HTTP answer) and the bot's CPU time until every answer has reached the fake Slack's response_url.
 */
export async function runSlackBurst(options: SlackBurstOptions = {}): Promise<BurstResult> {
  const commands = options.commands ?? 200;
  const burst = options.burst ?? commands;
  const fake = await startChild("scripts/bench/fake-slack-child.ts", {});
  const bot = await startChild(
    "scripts/bench/slack-bot-child.ts",
    {
      BENCH_SIGNING_SECRET: SIGNING_SECRET,
      BENCH_SLACK_API_URL: String(fake.first.apiUrl),
      BENCH_MODE: options.mode ?? "adapter",
    },
    options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [],
  );
  const responseUrl = (id: string) => `${String(fake.first.responseUrl)}${id}`;
  const cpuMs = async () => Number((await bot.ask("cpu")).cpuMs);
  try {
    const send = createLeanSender(`http://127.0.0.1:${Number(bot.first.port)}/slack/events`);
    // A warm-up of the same shape as the measured run, so that both bots are measured as the long-running
    // processes they are in production: compiled hot paths, word lists read, connection pools open.
    const warmUp = options.warmUp ?? commands;
    for (let sent = 0; sent < warmUp; sent += burst) {
      const count = Math.min(burst, warmUp - sent);
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          send(
            commandBody({
              text: TEXTS[(sent + i) % TEXTS.length] ?? "help",
              user_id: `UWARM${sent + i}`,
              trigger_id: `warm${sent + i}`,
              response_url: responseUrl(`warm${sent + i}`),
            }),
          ),
        ),
      );
    }
    await fake.ask(`wait ${warmUp}`);
    const before = await cpuMs();
    const acks: number[] = [];
    for (let sent = 0; sent < commands; sent += burst) {
      const bodies = Array.from({ length: Math.min(burst, commands - sent) }, (_, i) =>
        commandBody({
          text: TEXTS[(sent + i) % TEXTS.length] ?? "help",
          user_id: `U${sent + i}`,
          trigger_id: `t${sent + i}`,
          response_url: responseUrl(`c${sent + i}`),
        }),
      );
      for (const answer of await Promise.all(bodies.map(send))) {
        if (answer.status !== 200) throw new Error(`A command was answered ${answer.status}`);
        acks.push(Math.round(answer.ms));
      }
    }
    await fake.ask(`wait ${commands + warmUp}`);
    const cpu = (await cpuMs()) - before;
    return { commands, acks: acks.sort((a, b) => a - b), cpuPerCommandMs: cpu / commands };
  } finally {
    await bot.stop();
    await fake.stop();
  }
}

/** Prints one burst's figures. */
export function describeBurst(label: string, result: BurstResult): string {
  const { acks } = result;
  return `${label}: ack p50 ${percentile(acks, 50)} ms, p99 ${percentile(acks, 99)} ms, max ${acks.at(-1)} ms; CPU ${result.cpuPerCommandMs.toFixed(2)} ms per command`;
}

const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

/**
 * The Slack burst benchmark of `npm run bench`: the anchor (stock Bolt) and the adapter each take 200 commands
 * at once, in alternating pairs, then the adapter 500 in bursts of 50; returns the lines to print, with the
 * targets' verdicts.
 */
export async function runSlackBurstBenchmark(cpuProfileDir?: string): Promise<string[]> {
  // Stock and adapter take turns, and the ratio is the median of the pairs: one run's CPU time moves by a
  // third on a shared machine (a garbage collection more or less), while a pair shares its moment's load.
  const pairs: { stock: BurstResult; adapter: BurstResult; ratio: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const stock = await runSlackBurst({ mode: "stock" });
    const adapter = await runSlackBurst(cpuProfileDir && round === 0 ? { cpuProfileDir } : {});
    pairs.push({ stock, adapter, ratio: stock.cpuPerCommandMs / adapter.cpuPerCommandMs });
  }
  pairs.sort((a, b) => a.ratio - b.ratio);
  const median = pairs[Math.floor(pairs.length / 2)];
  if (!median) throw new Error("No Slack burst was measured");
  const bursts = await runSlackBurst({ commands: 500, burst: 50 });
  const { stock, adapter: all, ratio } = median;
  return [
    describeBurst("anchor, stock Bolt, 200 at once (median pair)", stock),
    describeBurst("adapter, 200 at once (median pair)", all),
    describeBurst("adapter, 500 in bursts of 50", bursts),
    `CPU per command: ${ratio.toFixed(2)}× less than the anchor, median of ${ROUNDS} pairs (${pairs.map((pair) => pair.ratio.toFixed(2)).join(", ")}; target ≥ 2×): ${verdict(ratio >= 2)}`,
    `200 at once: every ack < 1 s: ${verdict((all.acks.at(-1) ?? Infinity) < 1000)}; p99 < 500 ms: ${verdict(percentile(all.acks, 99) < 500)}`,
    `500 in bursts of 50: p99 < 200 ms: ${verdict(percentile(bursts.acks, 99) < 200)}`,
  ];
}

/** Pairs of stock and adapter runs; odd, so that one pair is the median. */
const ROUNDS = 3;

if (process.argv[1]?.endsWith("slack-burst.ts")) {
  for (const line of await runSlackBurstBenchmark(process.env.BENCH_CPU_PROF)) console.log(line);
}
