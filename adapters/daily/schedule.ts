import { Cron } from "croner";
import { describeError, NewsBotError, type UiLanguage } from "../../src/index.ts";
import { dailyText } from "./texts.ts";

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
 * Throws NewsBotError("CONFIG_INVALID") listing {@link scheduleProblems}.
 */
export function createSchedule(options: ScheduleOptions = {}): DailySchedule {
  const problems = scheduleProblems(options);
  if (problems.length > 0) throw new NewsBotError("CONFIG_INVALID", problems.join(" "));
  const timeZone = options.timeZone ?? "Europe/Berlin";
  const pattern = options.cron ?? patternOf(options.time ?? "08:00") ?? "";
  const cron = new Cron(pattern, { timezone: timeZone, paused: true, mode: "5-or-6-parts" });
  return {
    pattern,
    timeZone,
    next: (after) => cron.nextRun(after),
    // previousRuns looks strictly before its reference; one millisecond later includes a slot at exactly that time.
    previous: (atOrBefore) => cron.previousRuns(1, new Date(atOrBefore.getTime() + 1))[0] ?? null,
  };
}

/**
 * Everything wrong with a schedule's settings, each naming its variable and how to fix it; the one check of
 * DAILY_SUMMARY_TIME, _TZ and _CRON (the settings report these with the other problems at start-up).
 */
export function scheduleProblems(options: ScheduleOptions): string[] {
  const problems: string[] = [];
  const timeZone = options.timeZone ?? "Europe/Berlin";
  if (!isTimeZone(timeZone)) {
    problems.push(`DAILY_SUMMARY_TZ="${timeZone}" is not an IANA time zone: use one such as Europe/Berlin.`);
  }
  // A wrong time is worth fixing even while a cron pattern overrides it.
  if (patternOf(options.time ?? "08:00") === undefined)
    problems.push(`DAILY_SUMMARY_TIME="${options.time}" is invalid: expected HH:MM, for example 08:00.`);
  if (options.cron === undefined) return problems;
  try {
    const cron = new Cron(options.cron, {
      timezone: isTimeZone(timeZone) ? timeZone : "UTC",
      paused: true,
      mode: "5-or-6-parts",
    });
    cron.nextRun(new Date(0));
  } catch (cause) {
    problems.push(
      `DAILY_SUMMARY_CRON="${options.cron}" is not a valid cron expression (${describeError(cause)}): use 5 or 6 fields, e.g. "0 8 * * 1-5".`,
    );
  }
  return problems;
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
  return dailyText(language, "deliveryTime", { date, time, zone: zoneLabel(at, timeZone, locale) });
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

/** The daily cron pattern of an HH:MM time, or undefined when it is not one. */
function patternOf(time: string): string | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? `${Number(match[2])} ${Number(match[1])} * * *` : undefined;
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The slot of the current day in the schedule's zone: the one already due today, else the next one. */
export function todaysSlot(schedule: DailySchedule, now: Date): Date | null {
  const day = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: schedule.timeZone }).format(at);
  const previous = schedule.previous(now);
  if (previous && day(previous) === day(now)) return previous;
  return schedule.next(now);
}
