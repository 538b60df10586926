import type { SettingsReader } from "../../src/index.ts";
import { type ScheduleOptions, scheduleProblems } from "./schedule.ts";

/** The daily summary's settings; `time`, `timeZone` and `cron` are checked by the schedule's own check. */
export interface DailySummarySettings extends ScheduleOptions {
  /** HH:MM; default 08:00. */
  time: string;
  /** IANA zone; default Europe/Berlin. */
  timeZone: string;
  /** Telegram chats that always get the summary. */
  telegramChats: string[];
  /** Slack channels that always get the summary. */
  slackChannels: string[];
  /** A missed slot younger than this is delivered at start-up; default 6. */
  catchUpHours: number;
  /** DAILY_SUMMARY_TELEGRAM_RATE: messages a second to all Telegram chats together; default Telegram's 30. */
  telegramRate?: number;
}

/** Telegram chat ids are integers (negative for groups), or @username for public channels. */
const TELEGRAM_CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;
/** Slack conversation ids: C (channel), G (private), D (direct message), then upper-case letters and digits. */
const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/** Reads the daily summary's settings; problems go to the reader, each naming its variable and how to fix it. */
export function readDailySettings(reader: SettingsReader): DailySummarySettings {
  const time = reader.string("DAILY_SUMMARY_TIME", "08:00");
  const timeZone = reader.string("DAILY_SUMMARY_TZ", "Europe/Berlin");
  const cron = reader.string("DAILY_SUMMARY_CRON");
  const schedule = { time, timeZone, ...(cron ? { cron } : {}) };
  for (const problem of scheduleProblems(schedule)) reader.problem(problem);
  return {
    ...schedule,
    telegramChats: idList(
      reader,
      "DAILY_SUMMARY_TELEGRAM_CHATS",
      TELEGRAM_CHAT_ID,
      "expected numeric chat ids or @channelname.",
    ),
    slackChannels: idList(
      reader,
      "DAILY_SUMMARY_SLACK_CHANNELS",
      SLACK_CHANNEL_ID,
      "expected channel ids such as C0123ABCD (the channel's details show it).",
    ),
    catchUpHours: reader.integer("DAILY_SUMMARY_CATCHUP_HOURS", 6, { min: 0, max: 48 }),
    // For a Bot API server with other limits (a local one, or a test's fake that scales the limit up).
    ...(reader.string("DAILY_SUMMARY_TELEGRAM_RATE") !== undefined
      ? { telegramRate: reader.integer("DAILY_SUMMARY_TELEGRAM_RATE", 30, { min: 1, max: 10_000 }) }
      : {}),
  };
}

function idList(reader: SettingsReader, name: string, pattern: RegExp, hint: string): string[] {
  const ids = reader.list(name);
  const bad = ids.filter((id) => !pattern.test(id));
  if (bad.length > 0) reader.problem(`${name} has ${bad.join(", ")}: ${hint}`);
  return ids;
}
