import { DateTime } from "luxon";
import { DomainError } from "@/lib/domain/errors";
import { DAY_MS } from "@/lib/domain/time/interval";
import type { EpochMs } from "@/lib/domain/time/interval";

/**
 * A calendar date with no time and no zone, as 'YYYY-MM-DD' (what Postgres `date` columns hold).
 * Used for compliance expiry dates, availability overrides and delivery dates. ISO dates sort and
 * compare correctly as strings, so `a < b` means "a is earlier".
 */
export type IsoDate = string;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Where the digits of 'YYYY-MM-DD' are. */
const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9];

/**
 * Days since 1970-01-01 for a calendar date; throws INVALID_DATE for anything that is not a real
 * 'YYYY-MM-DD' date from year 0100 on (so '2026-02-30' is rejected rather than rolled over). Read by hand,
 * not with a regular expression and a Date, and without closures: the slot search converts thousands.
 */
export function convertIsoDateToDayNumber(date: IsoDate): number {
  if (typeof date !== "string" || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
    throw new DomainError("INVALID_DATE", undefined, { date });
  }
  for (const index of DIGIT_POSITIONS) {
    const code = date.charCodeAt(index);
    if (code < 48 || code > 57) throw new DomainError("INVALID_DATE", undefined, { date });
  }
  // Character code 48 is "0".
  const year = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const day = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  const isLeapYear = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthLength = month === 2 && isLeapYear ? 29 : DAYS_IN_MONTH[month - 1];
  // Years before 100 are refused: Date.UTC would read them as 19xx.
  if (year < 100 || monthLength === undefined || day < 1 || day > monthLength) {
    throw new DomainError("INVALID_DATE", undefined, { date });
  }
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The calendar date for a day number (days since 1970-01-01). */
export function convertDayNumberToIsoDate(dayNumber: number): IsoDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Throws INVALID_DATE unless `date` is a real 'YYYY-MM-DD' date. */
export function assertIsoDate(date: IsoDate): void {
  convertIsoDateToDayNumber(date);
}

/** The date `days` later (or earlier, if negative). Pure calendar arithmetic: no zones involved. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return convertDayNumberToIsoDate(convertIsoDateToDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function countDaysBetween(from: IsoDate, to: IsoDate): number {
  return convertIsoDateToDayNumber(to) - convertIsoDateToDayNumber(from);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function getIsoWeekdayOfDayNumber(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function getIsoWeekday(date: IsoDate): number {
  return getIsoWeekdayOfDayNumber(convertIsoDateToDayNumber(date));
}

/**
 * The calendar date an instant falls on in `timezone` — e.g. the UK date of a delivery, which is the
 * date compliance is judged on. Throws INVALID_TIMEZONE for an unknown zone.
 */
export function getIsoDateInZone(instant: EpochMs, timezone: string): IsoDate {
  const local = DateTime.fromMillis(instant, { zone: timezone });
  if (!local.isValid) throw new DomainError("INVALID_TIMEZONE", undefined, { timezone });
  return local.toISODate()!;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** A calendar date for people, UK style: '2026-03-29' → "29 March 2026". */
export function formatIsoDate(date: IsoDate): string {
  assertIsoDate(date);
  // Read from the text itself (already checked to be a real date): compliance messages format thousands.
  return `${Number(date.slice(8, 10))} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(0, 4))}`;
}
