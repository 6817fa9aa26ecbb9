import { DateTime, IANAZone } from "luxon";
import { MINUTES_PER_DAY, type WeeklyRule } from "@/lib/domain/availability";
import { addDays, convertIsoDateToDayNumber, getIsoWeekday, type IsoDate } from "@/lib/domain/time/calendar-date";
import type { Interval } from "@/lib/domain/time/interval";

/**
 * The rules an associate's own availability must follow, and the small pieces of arithmetic the week
 * editor needs. Pure: no Prisma, no React. Weekly hours are minutes after local midnight in the
 * associate's zone (1440 = midnight at the end of the day); weekday 1 = Monday … 7 = Sunday (ISO).
 */

/** Times are chosen in quarter hours, so every window starts and ends on one. */
export const AVAILABILITY_STEP_MINUTES = 15;
/** A sane ceiling on weekly windows (a fully painted week of half-hours merges far below it). */
export const MAX_WEEKLY_WINDOWS = 7 * 48;
/** How far ahead a date change or time off may start. */
export const MAX_DAYS_AHEAD = 2 * 366;

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export type DayWindow = { readonly startMinute: number; readonly endMinute: number };

/** "Tuesday" for 2; "Day 9" for anything that is not an ISO weekday (only ever seen in error messages). */
export function getWeekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? `Day ${weekday}`;
}

/** "09:30" for 570; an end of 1440 reads "midnight". */
export function formatMinuteOfDay(minute: number): string {
  if (minute === MINUTES_PER_DAY) return "midnight";
  const hours = Math.floor(minute / 60);
  const minutes = minute % 60;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** "09:00–17:00". */
export function formatDayWindow(window: DayWindow): string {
  return `${formatMinuteOfDay(window.startMinute)}–${formatMinuteOfDay(window.endMinute)}`;
}

/** Minutes after midnight for "HH:MM" (00:00–24:00), or null for anything else. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

/**
 * What is wrong with a window inside one day, in plain English, or null when it is fine. The rules, in
 * the order they are checked: whole minutes inside the day (00:00 to midnight); on a quarter hour;
 * it starts before it ends (an empty window is not a window — "not available" is said another way).
 */
export function findDayWindowProblem(window: DayWindow): string | null {
  const { startMinute, endMinute } = window;
  if (!Number.isInteger(startMinute) || !Number.isInteger(endMinute) || startMinute < 0 || endMinute > MINUTES_PER_DAY || startMinute > MINUTES_PER_DAY || endMinute < 0) {
    return "Times must be within the day, from 00:00 to midnight.";
  }
  if (startMinute % AVAILABILITY_STEP_MINUTES !== 0 || endMinute % AVAILABILITY_STEP_MINUTES !== 0) {
    return "Times must be on the quarter hour, like 09:00, 09:15, 09:30 or 09:45.";
  }
  if (startMinute >= endMinute) return "The end time must be after the start time.";
  return null;
}

/** As `findDayWindowProblem`, for a weekly window: also the weekday must be 1 (Monday) to 7 (Sunday). */
export function findWeeklyRuleProblem(rule: WeeklyRule): string | null {
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) return "Choose a day from Monday to Sunday.";
  return findDayWindowProblem(rule);
}

/** Two windows on one day that were joined into one, and what they became. */
export type WindowJoin = { readonly weekday: number; readonly parts: readonly DayWindow[]; readonly merged: DayWindow };

/**
 * Sorts weekly windows by day and time and joins any on the same day that overlap or touch
 * (09:00–12:00 and 12:00–14:00 become 09:00–14:00, since they are one stretch of time), reporting each
 * join so the person can be told. Assumes each window is valid (see `findWeeklyRuleProblem`).
 */
export function mergeWeeklyRules(rules: readonly WeeklyRule[]): { rules: WeeklyRule[]; joins: WindowJoin[] } {
  const sorted = [...rules].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute || a.endMinute - b.endMinute);
  const merged: WeeklyRule[] = [];
  const joins: WindowJoin[] = [];
  let current: { weekday: number; startMinute: number; endMinute: number; parts: DayWindow[] } | undefined;
  const close = () => {
    if (!current) return;
    merged.push({ weekday: current.weekday, startMinute: current.startMinute, endMinute: current.endMinute });
    if (current.parts.length > 1) {
      joins.push({ weekday: current.weekday, parts: current.parts, merged: { startMinute: current.startMinute, endMinute: current.endMinute } });
    }
  };
  for (const rule of sorted) {
    const part = { startMinute: rule.startMinute, endMinute: rule.endMinute };
    if (current && current.weekday === rule.weekday && rule.startMinute <= current.endMinute) {
      current.endMinute = Math.max(current.endMinute, rule.endMinute);
      current.parts.push(part);
      continue;
    }
    close();
    current = { weekday: rule.weekday, ...part, parts: [part] };
  }
  close();
  return { rules: merged, joins };
}

/** "On Tuesday we joined 09:00–12:00 and 11:00–14:00 into 09:00–14:00." */
export function describeJoin(join: WindowJoin): string {
  const parts = join.parts.map(formatDayWindow);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? "");
  return `On ${getWeekdayName(join.weekday)} we joined ${list} into ${formatDayWindow(join.merged)}.`;
}

/** Adds a window to weekly hours (joining it with anything it overlaps or touches). */
export function addWeeklyWindow(rules: readonly WeeklyRule[], window: WeeklyRule): WeeklyRule[] {
  return mergeWeeklyRules([...rules, window]).rules;
}

/** Takes a stretch of time out of one day's weekly hours, splitting a window if the stretch is inside it. */
export function removeWeeklyWindow(rules: readonly WeeklyRule[], window: WeeklyRule): WeeklyRule[] {
  const result: WeeklyRule[] = [];
  for (const rule of mergeWeeklyRules(rules).rules) {
    if (rule.weekday !== window.weekday || rule.endMinute <= window.startMinute || rule.startMinute >= window.endMinute) {
      result.push(rule);
      continue;
    }
    if (rule.startMinute < window.startMinute) result.push({ weekday: rule.weekday, startMinute: rule.startMinute, endMinute: window.startMinute });
    if (rule.endMinute > window.endMinute) result.push({ weekday: rule.weekday, startMinute: window.endMinute, endMinute: rule.endMinute });
  }
  return result;
}

/** Whether two sets of weekly hours cover exactly the same time (order and splitting aside). */
export function isSameWeeklyHours(a: readonly WeeklyRule[], b: readonly WeeklyRule[]): boolean {
  const left = mergeWeeklyRules(a).rules;
  const right = mergeWeeklyRules(b).rules;
  return left.length === right.length && left.every((rule, i) => rule.weekday === right[i]!.weekday && rule.startMinute === right[i]!.startMinute && rule.endMinute === right[i]!.endMinute);
}

/** How much of `[startMinute, endMinute)` on `weekday` the weekly hours cover: all of it, some, or none. */
export function getCoverage(rules: readonly WeeklyRule[], weekday: number, window: DayWindow): "all" | "some" | "none" {
  let covered = 0;
  for (const rule of rules) {
    if (rule.weekday !== weekday) continue;
    const overlap = Math.min(rule.endMinute, window.endMinute) - Math.max(rule.startMinute, window.startMinute);
    if (overlap > 0) covered += overlap;
  }
  if (covered <= 0) return "none";
  return covered >= window.endMinute - window.startMinute ? "all" : "some";
}

/** Whether `timezone` is an IANA zone name, like "Europe/London". */
export function isValidTimezone(timezone: string): boolean {
  return typeof timezone === "string" && timezone.length > 0 && timezone.length <= 64 && IANAZone.isValidZone(timezone);
}

/** Whether `text` is a real 'YYYY-MM-DD' date. */
export function isIsoDate(text: string): boolean {
  try {
    convertIsoDateToDayNumber(text);
    return true;
  } catch {
    return false;
  }
}

/** Today's date where the associate is. */
export function getTodayInZone(now: Date, timezone: string): IsoDate {
  return DateTime.fromJSDate(now, { zone: timezone }).toISODate()!;
}

/** The last day a stretch of time off starting on `from` may end on: a year long at most (one day short of the same date next year). */
export function getLatestTimeOffEnd(from: IsoDate): IsoDate {
  const sameDayNextYear = DateTime.fromISO(from, { zone: "UTC" }).plus({ years: 1 }).toISODate()!;
  return addDays(sameDayNextYear, -1);
}

/**
 * Field-by-field problems with time off from `from` to `to` (whole days, both included), judged
 * against `today` in the associate's zone: the end is on or after the start; at most a year long;
 * not wholly in the past (it may have started already); starting within about two years.
 */
export function findTimeOffProblems({ from, to, today }: { from: IsoDate; to: IsoDate; today: IsoDate }): { from?: string; to?: string } {
  if (to < from) return { to: "The last day off must be on or after the first day off." };
  if (to > getLatestTimeOffEnd(from)) return { to: "Time off can be at most a year long. Add another stretch for the rest." };
  if (to < today) return { to: "These days are all in the past. Choose today or a later date." };
  if (from > addDays(today, MAX_DAYS_AHEAD)) return { from: "Choose a start within the next two years." };
  return {};
}

/** The problem with changing the hours of `date` (today or later, within about two years), or null. */
export function findOverrideDateProblem({ date, today }: { date: IsoDate; today: IsoDate }): string | null {
  if (date < today) return "Choose today or a later date.";
  if (date > addDays(today, MAX_DAYS_AHEAD)) return "Choose a date within the next two years.";
  return null;
}

/**
 * Whole local days `from`–`to` (both included) in `timezone` as a UTC interval: from the start of the
 * first day to the start of the day after the last, which luxon places correctly on clock-change days.
 */
export function convertLocalDaysToInterval({ from, to, timezone }: { from: IsoDate; to: IsoDate; timezone: string }): Interval {
  const start = DateTime.fromISO(from, { zone: timezone }).startOf("day");
  const end = DateTime.fromISO(addDays(to, 1), { zone: timezone }).startOf("day");
  return { start: start.toMillis(), end: end.toMillis() };
}

/** The local dates (first and last, both included) that a UTC interval touches in `timezone`. */
export function convertIntervalToLocalDays({ start, end, timezone }: { start: number; end: number; timezone: string }): { from: IsoDate; to: IsoDate } {
  return {
    from: DateTime.fromMillis(start, { zone: timezone }).toISODate()!,
    to: DateTime.fromMillis(Math.max(start, end - 1), { zone: timezone }).toISODate()!,
  };
}

/**
 * Splits free time (UTC intervals) into each local day's windows in `timezone`, as clock minutes
 * (a window running to midnight ends at 1440). On the day clocks go back, 00:00–03:00 is four real
 * hours but still reads 00:00–03:00, which is what the person's clock shows.
 */
export function splitIntoLocalDays(intervals: readonly Interval[], timezone: string): Map<IsoDate, DayWindow[]> {
  const days = new Map<IsoDate, DayWindow[]>();
  for (const interval of intervals) {
    let cursor = interval.start;
    while (cursor < interval.end) {
      const local = DateTime.fromMillis(cursor, { zone: timezone });
      const nextMidnight = local.startOf("day").plus({ days: 1 }).toMillis();
      const pieceEnd = Math.min(interval.end, nextMidnight);
      const startMinute = local.hour * 60 + local.minute;
      const endLocal = DateTime.fromMillis(pieceEnd, { zone: timezone });
      const endMinute = pieceEnd === nextMidnight ? MINUTES_PER_DAY : endLocal.hour * 60 + endLocal.minute;
      if (endMinute > startMinute) {
        const date = local.toISODate()!;
        const list = days.get(date) ?? [];
        list.push({ startMinute, endMinute });
        days.set(date, list);
      }
      cursor = pieceEnd;
    }
  }
  return days;
}

/** The dates of the week rows a calendar needs to show `from`–`to`: Monday of the first week to Sunday of the last. */
export function listCalendarWeeks(from: IsoDate, to: IsoDate): IsoDate[][] {
  const firstMonday = addDays(from, 1 - getIsoWeekday(from));
  const weeks: IsoDate[][] = [];
  for (let monday = firstMonday; monday <= to; monday = addDays(monday, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(monday, i)));
  }
  return weeks;
}
