import { Cron } from "croner";
import { describeError, NewsBotError, t, type UiLanguage } from "../../src/index.ts";

/** When the daily summary goes out: a cron pattern in an IANA time zone. */
export interface DailySchedule {
  /** The cron pattern in effect (from DAILY_SUMMARY_CRON, or built from DAILY_SUMMARY_TIME). */
  pattern: string;
  timeZone: string;
  /** The first slot strictly after `after`; null when the pattern never matches again. */
  next(after: Date): Date | null;
  /** The last slot at or before `atOrBefore`; null when there was none. */
  previous(atOrBefore: Date): Date | null;
}

/** Options for {@link createSchedule}. */
export interface ScheduleOptions {
  /** HH:MM; default 08:00. Ignored when `cron` is set. */
  time?: string;
  /** IANA zone the time and the cron pattern are read in; default Europe/Berlin. */
  timeZone?: string;
  /** A 5- or 6-field cron expression; overrides `time`. */
  cron?: string;
}

/**
 * Builds the schedule with croner, which reads the pattern in the zone's local time across daylight-saving
 * changes: a time skipped in spring runs at the first valid time after the gap, a repeated one in autumn once.
 * Throws NewsBotError("CONFIG_INVALID") for a pattern or zone croner rejects.
 */
export function createSchedule(options: ScheduleOptions = {}): DailySchedule {
  const timeZone = options.timeZone ?? "Europe/Berlin";
  const pattern = options.cron ?? patternOf(options.time ?? "08:00");
  let cron: Cron;
  try {
    cron = new Cron(pattern, { timezone: timeZone, paused: true, mode: "5-or-6-parts" });
    cron.nextRun(new Date(0));
  } catch (cause) {
    throw new NewsBotError(
      "CONFIG_INVALID",
      `The daily summary schedule "${pattern}" in ${timeZone} is invalid: ${describeError(cause)}. Check DAILY_SUMMARY_CRON, DAILY_SUMMARY_TIME and DAILY_SUMMARY_TZ.`,
      { cause },
    );
  }
  return {
    pattern,
    timeZone,
    next: (after) => cron.nextRun(after),
    // previousRuns looks strictly before its reference; one millisecond later includes a slot at exactly that time.
    previous: (atOrBefore) => cron.previousRuns(1, new Date(atOrBefore.getTime() + 1))[0] ?? null,
  };
}

/** The id of a slot in the delivery log: the scheduled instant in ISO 8601 (UTC). */
export function slotId(at: Date): string {
  return at.toISOString();
}

/** Writes an instant in a person's terms: weekday, date and time in the schedule's zone, the zone named. */
export function formatDeliveryTime(at: Date, timeZone: string, language: UiLanguage): string {
  const locale = localeOf(language);
  const date = formatSlotDate(at, timeZone, language);
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  return t(language, "deliveryTime", { date, time, zone: zoneLabel(at, timeZone, locale) });
}

/** The date of a slot as the summary's heading shows it, in the schedule's zone. */
export function formatSlotDate(at: Date, timeZone: string, language: UiLanguage): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(at);
}

function localeOf(language: UiLanguage): string {
  return language === "de" ? "de-DE" : "en-GB";
}

/** "Europe/Berlin, MESZ": the IANA name everyone can look up, and the abbreviation in effect that day. */
function zoneLabel(at: Date, timeZone: string, locale: string): string {
  const short = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  return short && short !== timeZone ? `${timeZone}, ${short}` : timeZone;
}

function patternOf(time: string): string {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new NewsBotError("CONFIG_INVALID", `DAILY_SUMMARY_TIME="${time}" is not HH:MM.`);
  return `${Number(match[2])} ${Number(match[1])} * * *`;
}

/** The slot of the current day in the schedule's zone: the one already due today, else the next one. */
export function todaysSlot(schedule: DailySchedule, now: Date): Date | null {
  const day = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: schedule.timeZone }).format(at);
  const previous = schedule.previous(now);
  if (previous && day(previous) === day(now)) return previous;
  return schedule.next(now);
}
