import "server-only";
import { z } from "zod";
import type { AssociateActor } from "@/lib/auth/guards";
import type { Db, DbTx } from "@/lib/db/create-client";
import type { WeeklyRule } from "@/lib/domain/availability";
import {
  convertIntervalToLocalDays,
  describeJoin,
  findWeeklyRuleProblem,
  formatDayWindow,
  getTodayInZone,
  getWeekdayName,
  isValidTimezone,
  MAX_WEEKLY_WINDOWS,
  mergeWeeklyRules,
} from "@/lib/domain/availability-rules";
import type { IsoDate } from "@/lib/domain/time/calendar-date";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";

/**
 * An associate's own availability: weekly hours (in their time zone), the zone itself, and reading
 * everything back for the availability page. Every query is scoped to `actor.associateId`, so another
 * associate's records are simply not found; every change writes an audit event.
 * Date changes and time off: ./availability-days.ts. Free-time preview: ./availability-preview.ts.
 */

export const NOT_FOUND_MESSAGE = "We couldn't find your associate profile.";

/** Serialises one associate's availability changes: two tabs saving at once leave one set of hours, not both. */
export async function lockAssociate(tx: DbTx, actor: AssociateActor): Promise<{ timezone: string } | null> {
  const rows = await tx.$queryRaw<{ timezone: string }[]>`SELECT "timezone" FROM "Associate" WHERE "id" = ${actor.associateId} FOR UPDATE`;
  return rows[0] ?? null;
}

export function audit(tx: DbTx, actor: AssociateActor, action: string, subject: string, subjectId: string, data: Record<string, unknown> = {}) {
  return tx.auditEvent.create({ data: { actorId: actor.userId, action, subject, subjectId, data: data as object } });
}

export function toDbDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function fromDbDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export type DateOverrideView = { id: string; date: IsoDate; windows: { startMinute: number; endMinute: number }[]; isUnavailable: boolean };
export type TimeOffView = { id: string; from: IsoDate; to: IsoDate; reason: string | null };
export type AvailabilityView = {
  timezone: string;
  today: IsoDate;
  rules: WeeklyRule[];
  overrides: DateOverrideView[];
  timeOff: TimeOffView[];
};

/** The associate's weekly hours, zone, and upcoming date changes and time off (dates in their zone). Null when not found. */
export async function getAvailability({ db, actor, now = new Date() }: { db: DbTx; actor: AssociateActor; now?: Date }): Promise<AvailabilityView | null> {
  const associate = await db.associate.findFirst({ where: { id: actor.associateId }, select: { timezone: true } });
  if (!associate) return null;
  const today = getTodayInZone(now, associate.timezone);
  const [rules, overrides, timeOff] = await Promise.all([
    db.availabilityRule.findMany({ where: { associateId: actor.associateId }, select: { weekday: true, startMinute: true, endMinute: true } }),
    db.availabilityOverride.findMany({
      where: { associateId: actor.associateId, date: { gte: toDbDate(today) } },
      orderBy: [{ date: "asc" }, { startMinute: "asc" }],
      select: { id: true, date: true, startMinute: true, endMinute: true },
    }),
    db.timeOff.findMany({
      where: { associateId: actor.associateId, endsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      select: { id: true, startsAt: true, endsAt: true, reason: true },
    }),
  ]);

  // Several rows on one date add up to that date's hours: shown (and removed) as one change.
  const byDate = new Map<IsoDate, DateOverrideView>();
  for (const row of overrides) {
    const date = fromDbDate(row.date);
    const view = byDate.get(date) ?? { id: row.id, date, windows: [], isUnavailable: true };
    if (row.endMinute > row.startMinute) {
      view.windows.push({ startMinute: row.startMinute, endMinute: row.endMinute });
      view.isUnavailable = false;
    }
    byDate.set(date, view);
  }

  return {
    timezone: associate.timezone,
    today,
    rules: mergeWeeklyRules(rules).rules,
    overrides: [...byDate.values()],
    timeOff: timeOff.map((row) => ({
      id: row.id,
      ...convertIntervalToLocalDays({ start: row.startsAt.getTime(), end: row.endsAt.getTime(), timezone: associate.timezone }),
      reason: row.reason,
    })),
  };
}

/** FormData sends the week as JSON text; anything that isn't JSON is left for the schema to refuse. */
function parseJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

const whole = z.number({ message: "Each time must be a number of minutes." });

export const weeklyHoursInput = z.object({
  windows: z.preprocess(
    parseJsonText,
    z
      .array(z.object({ weekday: whole, startMinute: whole, endMinute: whole }), { message: "We couldn't read your weekly hours. Please try again." })
      .max(MAX_WEEKLY_WINDOWS, `That is more than ${MAX_WEEKLY_WINDOWS} separate windows. Join some together and try again.`),
  ),
});

export type WeeklyHoursSaved = { rules: WeeklyRule[]; joined: string[] };

/**
 * Replaces the associate's weekly hours with `input.windows`, in one transaction. Every window must be
 * on an ISO weekday, on quarter hours, and start before it ends within the day; windows on one day that
 * overlap or touch are joined, and `joined` says which in plain English. Bad input writes nothing.
 * An empty week is allowed: it means "no regular hours" (date changes can still add single days).
 */
export async function saveWeeklyHours({ db, actor, input }: { db: Db; actor: AssociateActor; input: unknown }): Promise<Result<WeeklyHoursSaved>> {
  const parsed = weeklyHoursInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "We couldn't read your weekly hours. Please try again.", z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const problems: string[] = [];
  for (const window of parsed.data.windows) {
    const problem = findWeeklyRuleProblem(window);
    if (problem) problems.push(`${getWeekdayName(window.weekday)} ${formatDayWindow(window)}: ${problem}`);
  }
  if (problems.length > 0) return fail(AppErrorCode.INVALID_INPUT, "Some of your weekly hours need changing before they can be saved.", { windows: problems });
  const { rules, joins } = mergeWeeklyRules(parsed.data.windows);

  return db.$transaction(async (tx) => {
    if (!(await lockAssociate(tx, actor))) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    const removed = await tx.availabilityRule.deleteMany({ where: { associateId: actor.associateId } });
    if (rules.length > 0) await tx.availabilityRule.createMany({ data: rules.map((rule) => ({ ...rule, associateId: actor.associateId })) });
    await audit(tx, actor, "availability.weekly.replace", "Associate", actor.associateId, { removed: removed.count, rules: rules.map((r) => [r.weekday, r.startMinute, r.endMinute]) });
    return ok({ rules, joined: joins.map(describeJoin) });
  });
}

export const timezoneInput = z.object({
  timezone: z
    .string({ message: "Choose your time zone." })
    .trim()
    .refine(isValidTimezone, "Choose a time zone from the list, like Europe/London."),
});

/**
 * Sets the zone the associate's weekly hours and date changes are read in. Their hours keep their
 * clock times (09:00 stays 09:00, now in the new zone); time off already booked keeps its real dates.
 */
export async function updateTimezone({ db, actor, input }: { db: Db; actor: AssociateActor; input: unknown }): Promise<Result<{ timezone: string }>> {
  const parsed = timezoneInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose a time zone from the list.", z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const { timezone } = parsed.data;
  return db.$transaction(async (tx) => {
    const current = await lockAssociate(tx, actor);
    if (!current) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    if (current.timezone === timezone) return ok({ timezone });
    await tx.associate.update({ where: { id: actor.associateId }, data: { timezone } });
    await audit(tx, actor, "associate.timezone.update", "Associate", actor.associateId, { from: current.timezone, to: timezone });
    return ok({ timezone });
  });
}
