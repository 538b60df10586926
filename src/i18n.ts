import type { CommandName } from "./commands.ts";
import { MAX_QUESTION_LENGTH } from "./limits.ts";
import type { ReplyErrorCode } from "./reply.ts";

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
    cmdSections: "Abschnitte des Artikels",
    cmdAsk: "eine Frage stellen",
    cmdArticle: "Artikel auflisten oder auswählen",
    cmdSubscribe: "tägliche Zusammenfassung abonnieren",
    cmdUnsubscribe: "Abo beenden",
    noAnswer: "Dazu habe ich in den Artikeln keine Antwort gefunden. Diese Abschnitte gibt es:",
    noSections: "Dazu habe ich in den Artikeln keine Antwort gefunden.",
    summaryTitle: "Zusammenfassung",
    sectionsTitle: "Abschnitte",
    articlesTitle: "Artikel",
    articleSelected: "Fragen gehen jetzt an: {title}",
    articleCleared: "Fragen gehen jetzt an alle Artikel.",
    articleHint: "Wähle mit /article <Nummer>, alle mit /article all.",
    selectedMark: "(ausgewählt)",
    source: "Quelle",
    moreAnswers: "Weitere Stellen",
    allArticles: "Alle Artikel",
    inlineButton: "Im Chat mit dem Bot fragen",
    slackShare: "Im Channel teilen",
    slackAsked: "{user} hat gefragt: {question}",
    askHint: "Frag mich etwas zu den Nachrichten, z. B. „{example}“.",
    digestTitle: "Tägliche Zusammenfassung, {date}",
    digestAdded: "Neu seit der letzten Zusammenfassung",
    digestAsk: "Fragen dazu beantworte ich gern, z. B.: {example}",
    deliveryTime: "am {date} um {time} Uhr ({zone})",
    subscribed: "Abonniert! Die nächste Zusammenfassung kommt {when}.",
    alreadySubscribed: "Die Zusammenfassung ist hier schon abonniert. Die nächste kommt {when}.",
    unsubscribed: "Abo beendet. Hier kommen keine täglichen Zusammenfassungen mehr.",
    notSubscribed: "Hier ist keine tägliche Zusammenfassung abonniert.",
    staticRecipient: "Dieser Chat bekommt die Zusammenfassung laut Einstellungen des Betreibers immer.",
    adminsOnly: "In Gruppen können nur Administratoren die Zusammenfassung abonnieren oder beenden.",
    "error.empty-question": "Bitte stell eine Frage, z. B. „{detail}“.",
    "error.too-long":
      "Deine Nachricht ist zu lang ({detail} Zeichen). Bitte fasse die Frage in höchstens {limit} Zeichen.",
    "error.unknown-command": "Den Befehl /{detail} kenne ich nicht. /help zeigt, was ich kann.",
    "error.unknown-article": "Diesen Artikel gibt es nicht. /article zeigt die Liste.",
    "error.unknown-section": "Diesen Abschnitt gibt es nicht. /sections zeigt die Liste.",
    "error.not-available": "/{detail} gibt es nur in Telegram und Slack.",
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
    cmdSections: "sections of the article",
    cmdAsk: "ask a question",
    cmdArticle: "list or choose articles",
    cmdSubscribe: "subscribe to the daily summary",
    cmdUnsubscribe: "stop the subscription",
    noAnswer: "I found no answer to that in the articles. These are the sections:",
    noSections: "I found no answer to that in the articles.",
    summaryTitle: "Summary",
    sectionsTitle: "Sections",
    articlesTitle: "Articles",
    articleSelected: "Questions now go to: {title}",
    articleCleared: "Questions now go to all articles.",
    articleHint: "Choose one with /article <number>, all with /article all.",
    selectedMark: "(selected)",
    source: "Source",
    moreAnswers: "More passages",
    allArticles: "All articles",
    inlineButton: "Ask the bot in a private chat",
    slackShare: "Share in channel",
    slackAsked: "{user} asked: {question}",
    askHint: "Ask me something about the news, e.g. “{example}”.",
    digestTitle: "Daily summary, {date}",
    digestAdded: "New since the last summary",
    digestAsk: "Happy to answer questions about it, e.g.: {example}",
    deliveryTime: "on {date} at {time} ({zone})",
    subscribed: "Subscribed! The next summary arrives {when}.",
    alreadySubscribed: "The summary is already subscribed here. The next one arrives {when}.",
    unsubscribed: "Unsubscribed. No more daily summaries here.",
    notSubscribed: "There is no daily summary subscribed here.",
    staticRecipient: "This chat always gets the summary; the operator's settings say so.",
    adminsOnly: "In groups, only administrators can subscribe to the summary or stop it.",
    "error.empty-question": "Please ask a question, e.g. “{detail}”.",
    "error.too-long":
      "Your message is too long ({detail} characters). Please keep the question within {limit} characters.",
    "error.unknown-command": "I don't know the command /{detail}. /help shows what I can do.",
    "error.unknown-article": "There is no such article. /article shows the list.",
    "error.unknown-section": "There is no such section. /sections shows the list.",
    "error.not-available": "/{detail} is only available on Telegram and Slack.",
    "error.rate-limited": "That was a lot of questions at once. Please wait a minute, then ask again.",
    "error.internal": "Sorry, something went wrong. Please try again in a moment.",
  },
} as const;

/** The key of a UI text. */
export type TextKey = keyof (typeof TEXTS)["de"];

/** Returns a UI text in the given language with `{name}` placeholders filled in. */
export function t(language: UiLanguage, key: TextKey, params: Record<string, string | number> = {}): string {
  return TEXTS[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The message for an error reply, in the UI language; every renderer uses this one. */
export function errorText(language: UiLanguage, code: ReplyErrorCode, detail = ""): string {
  return t(language, `error.${code}`, { detail, limit: MAX_QUESTION_LENGTH });
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
    {
      name: "ask",
      argument: language === "de" ? "<Frage>" : "<question>",
      description: t(language, "cmdAsk"),
    },
    ...(multipleArticles ? [{ name: "article" as const, description: t(language, "cmdArticle") }] : []),
  ];
}
