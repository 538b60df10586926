import { createInterface } from "node:readline";
import { startFakeSlack } from "../../test/fakes/fake-slack.ts";

/**
 * The fake Slack of the burst benchmark in its own process, so that neither the bot's CPU time nor the
 * acknowledgement times include its work. Prints `{"apiUrl":…,"responseUrl":…}`; a line `wait N` is answered
 * with `{"done":true}` once N answers have reached response_urls; stdin's end stops it.
 */
const fake = await startFakeSlack();
process.stdout.write(
  `${JSON.stringify({ apiUrl: fake.apiUrl, responseUrl: fake.responseUrl("x").replace(/x$/, "") })}\n`,
);
createInterface({ input: process.stdin }).on("line", (line) => {
  const count = Number(line.replace(/^wait /, ""));
  void fake
    .waitFor((call) => call.method.startsWith("response_url/"), { count, timeoutMs: 300_000 })
    .then(() => process.stdout.write(`${JSON.stringify({ done: true })}\n`));
});
process.stdin.on("end", () => void fake.stop());
