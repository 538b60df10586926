import { defineTexts } from "../../src/index.ts";

/** Words only Telegram shows, in the bot's UI languages. */
export const telegramText = defineTexts({
  de: { inlineButton: "Im Chat mit dem Bot fragen" },
  en: { inlineButton: "Ask the bot in a private chat" },
});
