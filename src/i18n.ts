import { MAX_QUESTION_LENGTH } from "./limits.ts";
import type { ReplyErrorCode } from "./reply.ts";
import type { CommandName } from "./request.ts";

/** Languages of the bot's own texts; article passages stay as written. */
export type UiLanguage = "de" | "en";

/** Picks the UI language from a platform's language code ("en-GB" → en); German by default. */
export function uiLanguage(code: string | undefined | null): UiLanguage {
  return code?.toLowerCase().startsWith("en") ? "en" : "de";
}

const TEXTS = {
  de: {
    greeting: "Hallo! Ich beantworte Fragen zu diesen Nachrichten:",
    helpIntro: "Stell mir einfach eine Frage zu den Nachrichten. Befehle:",
    examplesIntro: "Zum Beispiel:",
    whoIs: "Wer ist {name}?",
    cmdHelp: "diese Hilfe",
    cmdSummary: "Zusammenfassung des Artikels",
    cmdLatest: "die neuesten Artikel mit Links",
    latestTitle: "Neueste Artikel",
    cmdSections: "Abschnitte des Artikels",
    cmdAsk: "eine Frage stellen",
    cmdArticle: "Artikel auflisten oder auswählen",
    noAnswer: "Dazu habe ich in den Artikeln keine Antwort gefunden. Diese Abschnitte gibt es:",
    noSections: "Dazu habe ich in den Artikeln keine Antwort gefunden.",
    summaryTitle: "Zusammenfassung",
    sectionsTitle: "Abschnitte",
    articlesTitle: "Artikel",
    articleSelected: "Fragen gehen jetzt an: {title}",
    articleCleared: "Fragen gehen jetzt an alle Artikel.",
    articleHint: "Wähle mit {cmd:article <Nummer>}, alle mit {cmd:article all}.",
    selectedMark: "(ausgewählt)",
    source: "Quelle",
    moreAnswers: "Weitere Stellen",
    allArticles: "Alle Artikel",
    digestTitle: "Tägliche Zusammenfassung, {date}",
    digestAdded: "Neu seit der letzten Zusammenfassung",
    digestFromFeed: "Aus {feed}",
    digestNothingNew: "Seit der letzten Zusammenfassung ist kein neuer Artikel dazugekommen.",
    digestAsk: "Fragen dazu beantworte ich gern, z. B.: {example}",
    "error.empty-question": "Bitte stell eine Frage, z. B. „{detail}“.",
    "error.too-long":
      "Deine Nachricht ist zu lang ({detail} Zeichen). Bitte fasse die Frage in höchstens {limit} Zeichen.",
    "error.unknown-command": "Den Befehl {command} kenne ich nicht. {cmd:help} zeigt, was ich kann.",
    "error.unknown-article": "Diesen Artikel gibt es nicht. {cmd:article} zeigt die Liste.",
    "error.unknown-section": "Diesen Abschnitt gibt es nicht. {cmd:sections} zeigt die Liste.",
    "error.rate-limited": "Das waren viele Fragen auf einmal. Bitte warte eine Minute und frag dann weiter.",
    "error.internal": "Entschuldigung, da ist etwas schiefgegangen. Bitte versuch es gleich noch einmal.",
  },
  en: {
    greeting: "Hello! I answer questions about these news articles:",
    helpIntro: "Just ask me a question about the news. Commands:",
    examplesIntro: "For example:",
    whoIs: "Who is {name}?",
    cmdHelp: "this help",
    cmdSummary: "summary of the article",
    cmdLatest: "the newest articles with links",
    latestTitle: "Latest articles",
    cmdSections: "sections of the article",
    cmdAsk: "ask a question",
    cmdArticle: "list or choose articles",
    noAnswer: "I found no answer to that in the articles. These are the sections:",
    noSections: "I found no answer to that in the articles.",
    summaryTitle: "Summary",
    sectionsTitle: "Sections",
    articlesTitle: "Articles",
    articleSelected: "Questions now go to: {title}",
    articleCleared: "Questions now go to all articles.",
    articleHint: "Choose one with {cmd:article <number>}, all with {cmd:article all}.",
    selectedMark: "(selected)",
    source: "Source",
    moreAnswers: "More passages",
    allArticles: "All articles",
    digestTitle: "Daily summary, {date}",
    digestAdded: "New since the last summary",
    digestFromFeed: "From {feed}",
    digestNothingNew: "No new article has arrived since the last summary.",
    digestAsk: "Happy to answer questions about it, e.g.: {example}",
    "error.empty-question": "Please ask a question, e.g. “{detail}”.",
    "error.too-long":
      "Your message is too long ({detail} characters). Please keep the question within {limit} characters.",
    "error.unknown-command": "I don't know the command {command}. {cmd:help} shows what I can do.",
    "error.unknown-article": "There is no such article. {cmd:article} shows the list.",
    "error.unknown-section": "There is no such section. {cmd:sections} shows the list.",
    "error.rate-limited": "That was a lot of questions at once. Please wait a minute, then ask again.",
    "error.internal": "Sorry, something went wrong. Please try again in a moment.",
  },
} as const;

/** The key of a UI text. */
export type TextKey = keyof (typeof TEXTS)["de"];

/** The texts that name a command, with a `{cmd:name argument}` placeholder each renderer writes in its syntax. */
export type CommandTextKey = {
  [K in TextKey]: (typeof TEXTS)["de"][K] extends `${string}{cmd:${string}` ? K : never;
}[TextKey];

/**
 * How a platform writes a command in its texts: `/help` on Telegram, `/news help` on Slack. `argument` is
 * written after the name when given ("<number>", "all").
 */
export type CommandSyntax = (name: string, argument?: string) => string;

type TextParams = Record<string, string | number>;

/** `{cmd:name argument}` for a command, `{name}` for a parameter; both filled in one pass over the template. */
const PLACEHOLDER = /\{(?:cmd:(\w+)(?: ([^}]*))?|(\w+))\}/g;

/**
 * Returns a UI text in the given language with `{name}` placeholders filled in; texts that name a command
 * ({@link CommandTextKey}) need the platform's {@link CommandSyntax}.
 */
export function t(language: UiLanguage, key: Exclude<TextKey, CommandTextKey>, params?: TextParams): string;
export function t(language: UiLanguage, key: TextKey, params: TextParams, syntax: CommandSyntax): string;
export function t(
  language: UiLanguage,
  key: TextKey,
  params: TextParams = {},
  syntax?: CommandSyntax,
): string {
  return fill(TEXTS[language][key], params, syntax);
}

/**
 * Makes a text lookup for words an adapter owns (its platform's words, such as Slack's "Share in channel"),
 * filled in like the core's texts.
 */
export function defineTexts<Key extends string>(
  table: Record<UiLanguage, Record<Key, string>>,
): (language: UiLanguage, key: Key, params?: TextParams) => string {
  return (language, key, params = {}) => fill(table[language][key], params);
}

function fill(template: string, params: TextParams, syntax?: CommandSyntax): string {
  return template.replace(PLACEHOLDER, (whole, command?: string, argument?: string, name?: string) => {
    if (command !== undefined) return syntax ? syntax(command, argument) : whole;
    return name !== undefined && name in params ? String(params[name]) : whole;
  });
}

/**
 * The message for an error reply, in the UI language and the platform's command syntax; every renderer uses
 * this one. An unknown command's name (the detail) is written in the same syntax.
 */
export function errorText(
  language: UiLanguage,
  code: ReplyErrorCode,
  syntax: CommandSyntax,
  detail = "",
): string {
  const command = code === "unknown-command" ? syntax(detail) : "";
  return t(language, `error.${code}`, { detail, command, limit: MAX_QUESTION_LENGTH }, syntax);
}

/** The commands the help lists, with descriptions; /article only when there is more than one article. */
export function helpCommands(
  language: UiLanguage,
  multipleArticles: boolean,
): { name: CommandName; argument?: string; description: string }[] {
  return [
    { name: "help", description: t(language, "cmdHelp") },
    { name: "summary", description: t(language, "cmdSummary") },
    { name: "sections", description: t(language, "cmdSections") },
    { name: "latest", description: t(language, "cmdLatest") },
    {
      name: "ask",
      argument: language === "de" ? "<Frage>" : "<question>",
      description: t(language, "cmdAsk"),
    },
    ...(multipleArticles ? [{ name: "article" as const, description: t(language, "cmdArticle") }] : []),
  ];
}
