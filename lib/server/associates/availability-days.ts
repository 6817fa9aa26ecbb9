import "server-only";
import { z } from "zod";
import type { AssociateActor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/create-client";
import {
  convertLocalDaysToInterval,
  findDayWindowProblem,
  findOverrideDateProblem,
  findTimeOffProblems,
  getTodayInZone,
  isIsoDate,
  parseTimeOfDay,
  AVAILABILITY_STEP_MINUTES,
} from "@/lib/domain/availability-rules";
import type { IsoDate } from "@/lib/domain/time/calendar-date";
import { AppErrorCode, fail, type FieldErrors, ok, type Result } from "@/lib/result";
import { audit, lockAssociate, NOT_FOUND_MESSAGE, toDbDate } from "./availability";

/**
 * Single dates that differ from the weekly hours (a date change: other hours, or not available that
 * day) and time off (whole days in the associate's zone). Scoped to `actor.associateId`: another
 * associate's date change or time off is "not found". Bad input writes nothing.
 */

const isoDate = (message: string) => z.string({ message }).trim().refine(isIsoDate, message);

export const dateOverrideInput = z.object({
  date: isoDate("Enter a date, like 2026-12-01."),
  kind: z.enum(["HOURS", "UNAVAILABLE"], { message: "Choose different hours or not available." }),
  from: z.string().trim().optional(),
  to: z.string().trim().optional(),
});

/**
 * Sets one date's hours, replacing any change already made for that date (never a second one):
 * `kind: "HOURS"` with `from`/`to` ("HH:MM", on quarter hours), or `kind: "UNAVAILABLE"` (stored as
 * startMinute = endMinute = 0, the schema's "not available that day"). The date is today or later in
 * the associate's zone.
 */
export async function saveDateOverride({ db, actor, input, now = new Date() }: { db: Db; actor: AssociateActor; input: unknown; now?: Date }): Promise<Result<{ date: IsoDate; replaced: boolean }>> {
  const parsed = dateOverrideInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the date change.", z.flattenError(parsed.error).fieldErrors as FieldErrors);
  const { date, kind } = parsed.data;
  let window = { startMinute: 0, endMinute: 0 };
  if (kind === "HOURS") {
    const startMinute = parseTimeOfDay(parsed.data.from ?? "");
    const endMinute = parseTimeOfDay(parsed.data.to ?? "");
    const errors: FieldErrors = {};
    if (startMinute === null) errors.from = ["Choose a start time."];
    if (endMinute === null) errors.to = ["Choose an end time."];
    if (startMinute !== null && endMinute !== null) {
      const problem = findDayWindowProblem({ startMinute, endMinute });
      if (problem) errors[startMinute % AVAILABILITY_STEP_MINUTES !== 0 ? "from" : "to"] = [problem];
      window = { startMinute, endMinute };
    }
    if (Object.keys(errors).length > 0) return fail(AppErrorCode.INVALID_INPUT, "Check the hours for that date.", errors);
  }

  return db.$transaction(async (tx) => {
    const associate = await lockAssociate(tx, actor);
    if (!associate) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    const dateProblem = findOverrideDateProblem({ date, today: getTodayInZone(now, associate.timezone) });
    if (dateProblem) return fail(AppErrorCode.INVALID_INPUT, "Check the date change.", { date: [dateProblem] });
    const replaced = await tx.availabilityOverride.deleteMany({ where: { associateId: actor.associateId, date: toDbDate(date) } });
    const created = await tx.availabilityOverride.create({ data: { associateId: actor.associateId, date: toDbDate(date), ...window }, select: { id: true } });
    await audit(tx, actor, "availability.override.set", "AvailabilityOverride", created.id, { date, ...window, replaced: replaced.count });
    return ok({ date, replaced: replaced.count > 0 });
  });
}

export const removeByIdInput = z.object({ unverifiedId: z.string({ message: "We couldn't tell which one to remove." }).trim().min(1).max(60) });

/** Removes a date change (every window of that date), so the weekly hours apply again. */
export async function removeDateOverride({ db, actor, input }: { db: Db; actor: AssociateActor; input: unknown }): Promise<Result<{ date: IsoDate }>> {
  const parsed = removeByIdInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "We couldn't tell which date change to remove.");
  return db.$transaction(async (tx) => {
    if (!(await lockAssociate(tx, actor))) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    const override = await tx.availabilityOverride.findFirst({ where: { id: parsed.data.unverifiedId, associateId: actor.associateId }, select: { id: true, date: true } });
    if (!override) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that date change. It may have been removed already.");
    await tx.availabilityOverride.deleteMany({ where: { associateId: actor.associateId, date: override.date } });
    const date = override.date.toISOString().slice(0, 10);
    await audit(tx, actor, "availability.override.remove", "AvailabilityOverride", override.id, { date });
    return ok({ date });
  });
}

export const TIME_OFF_REASON_MAX = 200;

export const timeOffInput = z.object({
  from: isoDate("Enter the first day off, like 2026-12-01."),
  to: isoDate("Enter the last day off, like 2026-12-05."),
  reason: z
    .string()
    .trim()
    .max(TIME_OFF_REASON_MAX, `Keep the note under ${TIME_OFF_REASON_MAX} characters.`)
    .optional()
    .transform((value) => value || null),
});

/**
 * Adds time off: whole days `from`–`to` (both included) in the associate's zone, stored as the UTC
 * instants of those local midnights. At most a year long, not wholly in the past. The optional note
 * is the associate's own and is kept out of the audit event.
 */
export async function addTimeOff({ db, actor, input, now = new Date() }: { db: Db; actor: AssociateActor; input: unknown; now?: Date }): Promise<Result<{ id: string; from: IsoDate; to: IsoDate }>> {
  const parsed = timeOffInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the dates of your time off.", z.flattenError(parsed.error).fieldErrors as FieldErrors);
  const { from, to, reason } = parsed.data;
  return db.$transaction(async (tx) => {
    const associate = await lockAssociate(tx, actor);
    if (!associate) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    const problems = findTimeOffProblems({ from, to, today: getTodayInZone(now, associate.timezone) });
    if (problems.from || problems.to) {
      const errors: FieldErrors = {};
      if (problems.from) errors.from = [problems.from];
      if (problems.to) errors.to = [problems.to];
      return fail(AppErrorCode.INVALID_INPUT, "Check the dates of your time off.", errors);
    }
    const interval = convertLocalDaysToInterval({ from, to, timezone: associate.timezone });
    const created = await tx.timeOff.create({ data: { associateId: actor.associateId, startsAt: new Date(interval.start), endsAt: new Date(interval.end), reason }, select: { id: true } });
    await audit(tx, actor, "availability.timeOff.add", "TimeOff", created.id, { from, to, timezone: associate.timezone });
    return ok({ id: created.id, from, to });
  });
}

/** Removes a stretch of time off. */
export async function removeTimeOff({ db, actor, input }: { db: Db; actor: AssociateActor; input: unknown }): Promise<Result<null>> {
  const parsed = removeByIdInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "We couldn't tell which time off to remove.");
  return db.$transaction(async (tx) => {
    const removed = await tx.timeOff.deleteMany({ where: { id: parsed.data.unverifiedId, associateId: actor.associateId } });
    if (removed.count === 0) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that time off. It may have been removed already.");
    await audit(tx, actor, "availability.timeOff.remove", "TimeOff", parsed.data.unverifiedId);
    return ok(null);
  });
}
