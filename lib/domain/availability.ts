import { isActiveAssignment } from "@/lib/domain/booking";
import type { AssignmentStatus } from "@/lib/domain/booking";
import { DomainError } from "@/lib/domain/errors";
import { convertIsoDateToDayNumber, getIsoWeekdayOfDayNumber } from "@/lib/domain/time/calendar-date";
import type { IsoDate } from "@/lib/domain/time/calendar-date";
import {
  DAY_MS,
  MINUTE_MS,
  assertInstant,
  isIntervalCovered,
  normaliseIntervals,
  subtractIntervals,
} from "@/lib/domain/time/interval";
import type { EpochMs, Interval } from "@/lib/domain/time/interval";
import { createZoneClock } from "@/lib/domain/time/zone-clock";

/** Minutes in a day; an `endMinute` of 1440 means "until midnight". */
export const MINUTES_PER_DAY = 1440;

/** A repeating weekly window in the associate's own zone: weekday 1 = Monday … 7 = Sunday (ISO). */
export type WeeklyRule = { readonly weekday: number; readonly startMinute: number; readonly endMinute: number };

/**
 * Replaces the weekly rules for one local date. `startMinute === endMinute` means "not available that
 * day". Several overrides on one date add up; together they replace that day's weekly rules.
 */
export type DateOverride = { readonly date: IsoDate; readonly startMinute: number; readonly endMinute: number };

/**
 * An assignment the associate already holds, by its blocked range (`Assignment.blockedFrom` /
 * `blockedUntil`, which already include that delivery's own buffer — see `computeBlockedRange`).
 */
export type BookedAssignment = {
  readonly blockedFrom: EpochMs;
  readonly blockedUntil: EpochMs;
  readonly status: AssignmentStatus;
};

export type AvailabilityInput = {
  /** The associate's IANA zone, e.g. "Europe/London". Rules and overrides are read in this zone. */
  readonly timezone: string;
  readonly rules: readonly WeeklyRule[];
  readonly overrides?: readonly DateOverride[];
  /** Days off and other unavailable time, as UTC instants. */
  readonly timeOff?: readonly Interval[];
  /** Only active ones (HELD, OFFERED, ACCEPTED) block. Lapsed holds must be expired before calling. */
  readonly assignments?: readonly BookedAssignment[];
  /** Buffer the new delivery needs on each side (travel, breaks), in minutes. Default 0. */
  readonly bufferMinutes?: number;
  /** The UTC range to compute over; the result is clipped to it. */
  readonly range: Interval;
};

function assertDayWindow(window: { startMinute: number; endMinute: number }, label: string): void {
  const { startMinute, endMinute } = window;
  const isWholeMinutes = Number.isInteger(startMinute) && Number.isInteger(endMinute);
  if (!isWholeMinutes || startMinute < 0 || endMinute > MINUTES_PER_DAY || endMinute < startMinute) {
    throw new DomainError(
      "INVALID_INTERVAL",
      `${label} must start and end within the day (minutes 0–1440), and not end before it starts.`,
      { startMinute, endMinute },
    );
  }
}

/**
 * Throws INVALID_INTERVAL/INVALID_INPUT unless the weekly rule is a whole-minute window inside one day on
 * an ISO weekday. Overnight availability is two rules (e.g. Fri 22:00–24:00 and Sat 00:00–02:00).
 */
export function assertValidWeeklyRule(rule: WeeklyRule): void {
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
    throw new DomainError("INVALID_INPUT", "The weekday must be 1 (Monday) to 7 (Sunday).", { weekday: rule.weekday });
  }
  assertDayWindow(rule, "Weekly availability");
}

/** Throws INVALID_DATE/INVALID_INTERVAL unless the override is a real date with a window inside that day. */
export function assertValidDateOverride(override: DateOverride): void {
  convertIsoDateToDayNumber(override.date);
  assertDayWindow(override, "A date's availability");
}

/**
 * The range an assignment blocks in the associate's diary: the delivery widened by its buffer on both
 * sides. Store it as `blockedFrom`/`blockedUntil`; the database's exclusion constraint and
 * `expandAvailability` both use it, so the domain never offers a time the database would refuse.
 */
export function computeBlockedRange({
  startsAt,
  endsAt,
  bufferMinutes,
}: {
  startsAt: EpochMs;
  endsAt: EpochMs;
  bufferMinutes: number;
}): Interval {
  if (!Number.isInteger(bufferMinutes) || bufferMinutes < 0) {
    throw new DomainError("INVALID_INPUT", "A buffer must be a whole number of minutes, zero or more.", { bufferMinutes });
  }
  assertInstant(startsAt, "start");
  assertInstant(endsAt, "end");
  if (endsAt <= startsAt) throw new DomainError("INVALID_INTERVAL", undefined, { startsAt, endsAt });
  return { start: startsAt - bufferMinutes * MINUTE_MS, end: endsAt + bufferMinutes * MINUTE_MS };
}

/**
 * An associate's free time over `range`, as sorted, disjoint UTC intervals:
 * (weekly rules, or that date's overrides where there are any) − time off − active assignments.
 *
 * Rules are read in the associate's own zone with luxon's zone data, so 09:00–17:00 stays 09:00–17:00 on
 * the clock across the UK clock changes (08:00–16:00 UTC in summer, 09:00–17:00 UTC in winter). On the
 * day the clocks change a window means what the clock shows: a local time that does not exist (01:30 on
 * 2026-03-29 in London) starts or ends the window at the moment clocks go forward; a local time that
 * happens twice (01:30 on 2026-10-25) means its first occurrence. So 00:00–03:00 on 2026-03-29 is two
 * real hours and on 2026-10-25 is four.
 *
 * A new delivery needs `bufferMinutes` clear on each side, so each active assignment's blocked range is
 * widened by it before being taken away. Cost: linear in days × rules, plus one sort of the busy time.
 */
export function expandAvailability(input: AvailabilityInput): Interval[] {
  const { timezone, rules, overrides = [], timeOff = [], assignments = [], bufferMinutes = 0, range } = input;
  assertInstant(range.start, "range start");
  assertInstant(range.end, "range end");
  if (range.end < range.start) throw new DomainError("INVALID_INTERVAL", undefined, { ...range });
  if (!Number.isInteger(bufferMinutes) || bufferMinutes < 0) {
    throw new DomainError("INVALID_INPUT", "A buffer must be a whole number of minutes, zero or more.", { bufferMinutes });
  }
  if (range.end === range.start) return [];

  const rulesByWeekday: WeeklyRule[][] = [[], [], [], [], [], [], [], []];
  for (const rule of rules) {
    assertValidWeeklyRule(rule);
    rulesByWeekday[rule.weekday]!.push(rule);
  }
  const overridesByDay = new Map<number, DateOverride[]>();
  for (const override of overrides) {
    const day = convertIsoDateToDayNumber(override.date);
    assertDayWindow(override, "A date's availability");
    const list = overridesByDay.get(day);
    if (list) list.push(override);
    else overridesByDay.set(day, [override]);
  }

  const clock = createZoneClock({ timezone, range });
  // One local day of margin each side: a local day can straddle the range's UTC edges.
  const firstDay = Math.floor(clock.convertInstantToWall(range.start) / DAY_MS) - 1;
  const lastDay = Math.floor(clock.convertInstantToWall(range.end) / DAY_MS) + 1;

  // Clipped to the range as they are made; the slot search runs this for every candidate, so each
  // avoidable copy of the list shows at hundreds of associates.
  const windows: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day += 1) {
    const dayWindows = overridesByDay.get(day) ?? rulesByWeekday[getIsoWeekdayOfDayNumber(day)]!;
    const midnight = day * DAY_MS;
    for (const window of dayWindows) {
      if (window.endMinute === window.startMinute) continue;
      const start = Math.max(range.start, clock.convertWallToInstant(midnight + window.startMinute * MINUTE_MS));
      const end = Math.min(range.end, clock.convertWallToInstant(midnight + window.endMinute * MINUTE_MS));
      if (end > start) windows.push({ start, end });
    }
  }

  // Time off, and each active assignment's blocked range widened by the new delivery's buffer.
  const bufferMs = bufferMinutes * MINUTE_MS;
  const unavailable: Interval[] = timeOff.slice();
  for (const assignment of assignments) {
    if (!isActiveAssignment(assignment.status)) continue;
    unavailable.push({ start: assignment.blockedFrom - bufferMs, end: assignment.blockedUntil + bufferMs });
  }

  return subtractIntervals(windows, unavailable);
}

/**
 * Throws ASSOCIATE_UNAVAILABLE unless `session` lies wholly inside the associate's free time (as
 * returned by `expandAvailability`, which already keeps buffers clear around their other bookings).
 * The check before writing an assignment; the database's exclusion constraint is the last line.
 */
export function assertAvailable({ free, session }: { free: readonly Interval[]; session: Interval }): void {
  if (!isIntervalCovered(normaliseIntervals(free), session)) {
    throw new DomainError("ASSOCIATE_UNAVAILABLE", undefined, { start: session.start, end: session.end });
  }
}
