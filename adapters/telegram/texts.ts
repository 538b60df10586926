import { defineTexts } from "../../src/index.ts";

/** Words only Telegram shows, in the bot's UI languages: its inline button, /subscribe's menu entries and refusal. */
export const telegramText = defineTexts({
  de: {
    inlineButton: "Im Chat mit dem Bot fragen",
    cmdSubscribe: "tägliche Zusammenfassung abonnieren",
    cmdUnsubscribe: "Abo beenden",
    adminsOnly: "In Gruppen können nur Administratoren die Zusammenfassung abonnieren oder beenden.",
  },
  en: {
    inlineButton: "Ask the bot in a private chat",
    cmdSubscribe: "subscribe to the daily summary",
    cmdUnsubscribe: "stop the subscription",
    adminsOnly: "In groups, only administrators can subscribe to the summary or stop it.",
  },
});
