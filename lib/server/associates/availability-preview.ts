import "server-only";
import { DateTime } from "luxon";
import type { AssociateActor } from "@/lib/auth/guards";
import type { DbTx } from "@/lib/db/create-client";
import { expandAvailability } from "@/lib/domain/availability";
import { convertLocalDaysToInterval, getTodayInZone, listCalendarWeeks, splitIntoLocalDays, type DayWindow } from "@/lib/domain/availability-rules";
import { addDays, type IsoDate } from "@/lib/domain/time/calendar-date";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { fromDbDate, toDbDate } from "./availability";

export type PreviewSession = {
  assignmentId: string;
  serviceName: string;
  status: "HELD" | "OFFERED" | "ACCEPTED";
  startsAt: Date;
  endsAt: Date;
  /** Clock times in the associate's zone. */
  window: DayWindow;
};

export type PreviewDay = {
  date: IsoDate;
  /** False for the days before today and after the last day that pad the first and last week rows. */
  isInRange: boolean;
  isToday: boolean;
  free: DayWindow[];
  sessions: PreviewSession[];
  /** The date has a date change: other hours, or not available. */
  change: "HOURS" | "UNAVAILABLE" | null;
  hasTimeOff: boolean;
};

export type FreeTimePreview = {
  timezone: string;
  hasWeeklyHours: boolean;
  hasFreeTime: boolean;
  bufferMinutes: number;
  firstDay: IsoDate;
  lastDay: IsoDate;
  weeks: PreviewDay[][];
};

/**
 * The associate's free time for the next `weeks` weeks from today, as the slot search sees it:
 * weekly hours (or that date's change) − time off − their active sessions (held, offered or accepted,
 * each already widened by its own buffer, and kept clear by the buffer a new session needs), shown
 * per local day in their zone. Lapsed holds no longer block. Their booked sessions are listed per day.
 */
export async function getFreeTimePreview({ db, actor, now = new Date(), weeks = 4 }: { db: DbTx; actor: AssociateActor; now?: Date; weeks?: number }): Promise<FreeTimePreview | null> {
  const associate = await db.associate.findFirst({ where: { id: actor.associateId }, select: { timezone: true } });
  if (!associate) return null;
  const { timezone } = associate;
  const firstDay = getTodayInZone(now, timezone);
  const lastDay = addDays(firstDay, weeks * 7 - 1);
  const days = convertLocalDaysToInterval({ from: firstDay, to: lastDay, timezone });
  const range = { start: Math.max(days.start, now.getTime()), end: days.end };

  const [rules, overrides, timeOff, assignments, policy] = await Promise.all([
    db.availabilityRule.findMany({ where: { associateId: actor.associateId }, select: { weekday: true, startMinute: true, endMinute: true } }),
    db.availabilityOverride.findMany({
      where: { associateId: actor.associateId, date: { gte: toDbDate(addDays(firstDay, -1)), lte: toDbDate(addDays(lastDay, 1)) } },
      select: { date: true, startMinute: true, endMinute: true },
    }),
    db.timeOff.findMany({
      where: { associateId: actor.associateId, startsAt: { lt: new Date(range.end) }, endsAt: { gt: new Date(range.start) } },
      select: { startsAt: true, endsAt: true },
    }),
    db.assignment.findMany({
      where: {
        associateId: actor.associateId,
        status: { in: ["HELD", "OFFERED", "ACCEPTED"] },
        blockedFrom: { lt: new Date(range.end) },
        blockedUntil: { gt: new Date(range.start - 24 * 3_600_000) },
        delivery: { status: { not: "CANCELLED" } },
      },
      orderBy: { blockedFrom: "asc" },
      select: {
        id: true,
        status: true,
        blockedFrom: true,
        blockedUntil: true,
        delivery: { select: { startsAt: true, endsAt: true, holdExpiresAt: true, engagement: { select: { service: { select: { name: true } } } } } },
      },
    }),
    getPolicy(db, now),
  ]);

  // A hold whose time has run out frees the associate even before the background job tidies it up.
  const active = assignments.filter((a) => a.status !== "HELD" || !a.delivery.holdExpiresAt || a.delivery.holdExpiresAt > now);
  const bufferMinutes = policy["scheduling.bufferMinutes"];
  const free = expandAvailability({
    timezone,
    rules,
    overrides: overrides.map((o) => ({ date: fromDbDate(o.date), startMinute: o.startMinute, endMinute: o.endMinute })),
    timeOff: timeOff.map((t) => ({ start: t.startsAt.getTime(), end: t.endsAt.getTime() })),
    assignments: active.map((a) => ({ blockedFrom: a.blockedFrom.getTime(), blockedUntil: a.blockedUntil.getTime(), status: a.status as "HELD" | "OFFERED" | "ACCEPTED" })),
    bufferMinutes,
    range,
  });
  const freeByDay = splitIntoLocalDays(free, timezone);

  const sessionsByDay = new Map<IsoDate, PreviewSession[]>();
  for (const assignment of active) {
    const start = DateTime.fromJSDate(assignment.delivery.startsAt, { zone: timezone });
    const end = DateTime.fromJSDate(assignment.delivery.endsAt, { zone: timezone });
    const date = start.toISODate()!;
    const endMinute = end.toISODate() === date ? end.hour * 60 + end.minute : 1440;
    const list = sessionsByDay.get(date) ?? [];
    list.push({
      assignmentId: assignment.id,
      serviceName: assignment.delivery.engagement.service.name,
      status: assignment.status as PreviewSession["status"],
      startsAt: assignment.delivery.startsAt,
      endsAt: assignment.delivery.endsAt,
      window: { startMinute: start.hour * 60 + start.minute, endMinute },
    });
    sessionsByDay.set(date, list);
  }

  const changes = new Map<IsoDate, "HOURS" | "UNAVAILABLE">();
  for (const override of overrides) {
    const date = fromDbDate(override.date);
    if (override.endMinute > override.startMinute) changes.set(date, "HOURS");
    else if (!changes.has(date)) changes.set(date, "UNAVAILABLE");
  }
  const timeOffDays = new Set<IsoDate>();
  for (const stretch of timeOff) {
    const local = splitIntoLocalDays([{ start: stretch.startsAt.getTime(), end: stretch.endsAt.getTime() }], timezone);
    for (const date of local.keys()) timeOffDays.add(date);
  }

  const calendar = listCalendarWeeks(firstDay, lastDay).map((week) =>
    week.map((date): PreviewDay => {
      const isInRange = date >= firstDay && date <= lastDay;
      return {
        date,
        isInRange,
        isToday: date === firstDay,
        free: isInRange ? (freeByDay.get(date) ?? []) : [],
        sessions: isInRange ? (sessionsByDay.get(date) ?? []) : [],
        change: isInRange ? (changes.get(date) ?? null) : null,
        hasTimeOff: isInRange && timeOffDays.has(date),
      };
    }),
  );

  return {
    timezone,
    hasWeeklyHours: rules.length > 0,
    hasFreeTime: free.length > 0,
    bufferMinutes,
    firstDay,
    lastDay,
    weeks: calendar,
  };
}
