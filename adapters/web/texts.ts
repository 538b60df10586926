import type { UiLanguage } from "../../src/index.ts";

const TEXTS = {
  de: {
    title: "Nachrichten-Chat",
    intro: "Frag mich etwas zu den aktuellen Nachrichten.",
    questionLabel: "Deine Frage",
    placeholder: "Zum Beispiel: Wer ist …?",
    send: "Fragen",
    examples: "Beispielfragen",
    commands: "Befehle",
    help: "Hilfe",
    summary: "Zusammenfassung",
    sections: "Abschnitte",
    article: "Fragen an",
    transcript: "Unterhaltung",
    you: "Du",
    bot: "Bot",
    thinking: "Suche …",
    failed: "Die Antwort kam nicht an. Bitte versuch es noch einmal.",
    noScript: "Der Chat braucht JavaScript.",
    openChat: "Nachrichten-Chat öffnen",
    closeChat: "Chat schließen",
    readArticle: "Zum Artikel",
    sectionButton: "Abschnitt {number} zeigen",
    chooseArticle: "Diesen Artikel wählen",
  },
  en: {
    title: "News chat",
    intro: "Ask me something about the current news.",
    questionLabel: "Your question",
    placeholder: "For example: Who is …?",
    send: "Ask",
    examples: "Example questions",
    commands: "Commands",
    help: "Help",
    summary: "Summary",
    sections: "Sections",
    article: "Ask about",
    transcript: "Conversation",
    you: "You",
    bot: "Bot",
    thinking: "Searching …",
    failed: "The answer did not arrive. Please try again.",
    noScript: "The chat needs JavaScript.",
    openChat: "Open the news chat",
    closeChat: "Close the chat",
    readArticle: "Read the article",
    sectionButton: "Show section {number}",
    chooseArticle: "Choose this article",
  },
} as const;

/** The key of a web page text. */
export type WebTextKey = keyof (typeof TEXTS)["de"];

/** A text of the web chat's own page (the core's texts come from `t`), with `{name}` placeholders filled. */
export function webText(
  language: UiLanguage,
  key: WebTextKey,
  params: Record<string, string | number> = {},
): string {
  return TEXTS[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * The UI language a browser prefers among German and English, from its Accept-Language header
 * ("en-GB,en;q=0.9,de;q=0.8" → en); German when it names neither.
 */
export function preferredLanguage(acceptLanguage: string | undefined): UiLanguage {
  let best: { language: UiLanguage; quality: number } | undefined;
  for (const part of (acceptLanguage ?? "").split(",").slice(0, 20)) {
    const [tag = "", ...params] = part.trim().toLowerCase().split(";");
    const language = tag.startsWith("en") ? "en" : tag.startsWith("de") ? "de" : undefined;
    if (!language) continue;
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    const quality = q === undefined ? 1 : Number(q);
    if (Number.isFinite(quality) && quality > 0 && (!best || quality > best.quality))
      best = { language, quality };
  }
  return best?.language ?? "de";
}
