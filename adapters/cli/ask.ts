import { createInterface } from "node:readline";
import { config as loadDotenv } from "dotenv";
import {
  createNewsBot,
  loadArticles,
  type NewsBot,
  readCoreConfig,
  SettingsReader,
  type UiLanguage,
} from "../../src/index.ts";
import { consoleText, readConsoleLine } from "../console/read-line.ts";
import { PLAIN_STYLE, renderConsoleReply } from "../console/render.ts";
import { languageOption, readCommandLine, runCommandLine } from "./arguments.ts";
import { toAskJson } from "./ask-json.ts";

const USAGE = `Usage: npm run ask -- [--json] [--lang de|en] "question"
       npm run ask -- --json < questions.txt   (one question per line, one JSON line each)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = readCommandLine(argv, {
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
    lang: { type: "string" },
  });
  const json = values.json ?? false;
  const language = languageOption(values.lang);
  const question = positionals.join(" ").trim();
  if (values.help || (question === "" && !json)) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  loadDotenv({ quiet: true });
  const reader = new SettingsReader(process.env);
  const core = readCoreConfig(reader, process.cwd());
  reader.throwIfProblems();
  const { articles, problems } = await loadArticles(core.contentDir);
  for (const problem of problems) process.stderr.write(`Skipped ${problem.file}: ${problem.reason}\n`);
  const bot = createNewsBot({ articles });
  if (question !== "") {
    process.stdout.write(`${await answer(bot, question, json, language)}\n`);
    return 0;
  }
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    process.stdout.write(`${await answer(bot, line.trim(), true, language)}\n`);
  }
  return 0;
}

/** One question (or a console command such as /summary) answered as the console chat would, or as JSON. */
async function answer(bot: NewsBot, question: string, json: boolean, language: UiLanguage): Promise<string> {
  const input = readConsoleLine(question);
  if (input.kind === "platform-command")
    return consoleText(language, "platformCommand", { name: input.name });
  const reply = await bot.handle(input.request, { language });
  if (json) return JSON.stringify(toAskJson(question, reply));
  return renderConsoleReply(reply, language, PLAIN_STYLE);
}

runCommandLine(main, { env: process.env, usage: USAGE });
