import { defineTexts } from "../../src/index.ts";

/** The daily summary's own words (subscription answers, the delivery time), in the bot's UI languages. */
export const dailyText = defineTexts({
  de: {
    deliveryTime: "am {date} um {time} Uhr ({zone})",
    subscribed: "Abonniert! Die nächste Zusammenfassung kommt {when}.",
    alreadySubscribed: "Die Zusammenfassung ist hier schon abonniert. Die nächste kommt {when}.",
    unsubscribed: "Abo beendet. Hier kommen keine täglichen Zusammenfassungen mehr.",
    notSubscribed: "Hier ist keine tägliche Zusammenfassung abonniert.",
    staticRecipient: "Dieser Chat bekommt die Zusammenfassung laut Einstellungen des Betreibers immer.",
  },
  en: {
    deliveryTime: "on {date} at {time} ({zone})",
    subscribed: "Subscribed! The next summary arrives {when}.",
    alreadySubscribed: "The summary is already subscribed here. The next one arrives {when}.",
    unsubscribed: "Unsubscribed. No more daily summaries here.",
    notSubscribed: "There is no daily summary subscribed here.",
    staticRecipient: "This chat always gets the summary; the operator's settings say so.",
  },
});
