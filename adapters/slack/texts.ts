import { defineTexts } from "../../src/index.ts";

/** Words only Slack shows, in the bot's UI languages. */
export const slackText = defineTexts({
  de: { share: "Im Channel teilen", asked: "{user} hat gefragt: {question}" },
  en: { share: "Share in channel", asked: "{user} asked: {question}" },
});
