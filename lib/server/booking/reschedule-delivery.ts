import { DateTime } from "luxon";
import { z } from "zod";
import { readCancellationTerms } from "@/lib/cancellation-terms";
import type { OrganisationContext } from "@/lib/auth/membership";
import { scopeDeliveries } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import { isRetryableConflict } from "@/lib/db/errors";
import { computeCancellationCharge } from "@/lib/domain/booking";
import { DAY_MS, MINUTE_MS } from "@/lib/domain/time/interval";
import { deliveryInviteAttachment } from "@/lib/integrations/calendar/invite-attachment";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { renderRescheduledEmail } from "@/lib/integrations/email/templates/booking";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { searchSlots } from "@/lib/server/scheduling/search-slots";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { ACTIVE_ASSIGNMENT, lockDelivery } from "./delivery-lifecycle";
import { BOOKING_TRANSACTION_LIMITS } from "@/lib/server/booking/transaction-limits";

const MOVABLE = ["NEEDS_PAIRING", "AWAITING_ACCEPTANCE", "CONFIRMED"] as const;
const CHARGE_WINDOW_MESSAGE = "This session is close enough that a cancellation charge would apply, so it can't be moved online. Please contact us and we'll see what we can do.";

async function findMovable(db: DbTx, context: OrganisationContext, unverifiedDeliveryId: string) {
  return db.delivery.findFirst({
    where: { id: unverifiedDeliveryId, ...scopeDeliveries(context.actor, context.organisation.id) },
    select: {
      id: true,
      status: true,
      startsAt: true,
      endsAt: true,
      engagement: {
        select: {
          reference: true,
          cancellationTerms: true,
          unitPricePenceSnapshot: true,
          service: { select: { id: true, name: true, durationMinutes: true, livedRequired: true, professionalRequired: true, childFacing: true, requiresSocialWorkRegistration: true } },
          requestedBy: { select: { email: true, name: true } },
          attendees: { select: { email: true, name: true } },
        },
      },
      assignments: { where: { status: { in: [...ACTIVE_ASSIGNMENT] } }, select: { id: true, associateId: true, role: true, associate: { select: { user: { select: { email: true, name: true } } } } } },
    },
  });
}

/**
 * Times the same facilitators could both do instead (so the pair the client was given stays), over the
 * next `weeks`, after the minimum notice. Null when the session can't be moved online.
 */
export async function listRescheduleTimes(
  db: DbTx,
  {
    context,
    unverifiedDeliveryId,
    now = new Date(),
    weeks = 6,
    alsoMoving = [],
  }: {
    context: OrganisationContext;
    unverifiedDeliveryId: string;
    now?: Date;
    weeks?: number;
    /** Assignments on other sessions that move at the same time (their old times don't count as busy). */
    alsoMoving?: string[];
  },
) {
  const delivery = await findMovable(db, context, unverifiedDeliveryId);
  if (!delivery || !(MOVABLE as readonly string[]).includes(delivery.status) || delivery.startsAt <= now || delivery.assignments.length === 0) return null;
  // Moving would otherwise dodge a cancellation charge (move far away, then cancel for free): inside
  // the charged period a session is moved by talking to us, not online.
  const terms = readCancellationTerms(delivery.engagement.cancellationTerms);
  const charge = computeCancellationCharge({ terms, priceNetPence: delivery.engagement.unitPricePenceSnapshot, startsAt: delivery.startsAt.getTime(), cancelledAt: now.getTime() });
  if (charge.chargePence > 0) return { delivery, starts: [], isInChargeWindow: true };
  const policy = await getPolicy(db, now);
  const from = now.getTime() + policy["booking.minimumNoticeHours"] * 3_600_000;
  const { search } = await searchSlots(db, {
    service: delivery.engagement.service,
    range: { start: from, end: from + weeks * 7 * DAY_MS },
    now: now.getTime(),
    policy,
    excludeAssignmentIds: [...delivery.assignments.map((a) => a.id), ...alsoMoving],
  });
  const people = delivery.assignments;
  const starts = search.slots
    .filter((slot) => slot.start !== delivery.startsAt.getTime())
    .filter((slot) => {
      const free = search.listAvailableAt(slot.start);
      return people.every((p) => (p.role === "LIVED" ? free.lived : free.professional).includes(p.associateId));
    })
    .map((slot) => ({ start: new Date(slot.start), end: new Date(slot.end) }));
  return { delivery, starts, isInChargeWindow: false };
}

export const rescheduleInput = z.object({
  unverifiedDeliveryId: z.string().trim().min(1).max(60),
  startsAt: z.coerce.date({ message: "Choose a new time." }),
});

/**
 * Moves a session to a time its facilitators can both do. The database moves their blocked time with
 * it (trigger) and its exclusion constraint refuses a clash, so a race ends as "that time was just
 * taken". Everyone is told; calendar invites update (same UID, higher SEQUENCE). No charge: moving is free.
 */
export async function rescheduleDelivery({ db, context, input, now = new Date() }: { db: Db; context: OrganisationContext; input: unknown; now?: Date }): Promise<Result<{ reference: string }>> {
  const parsed = rescheduleInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose a new time.", z.flattenError(parsed.error).fieldErrors);
  const options = await listRescheduleTimes(db, { context, unverifiedDeliveryId: parsed.data.unverifiedDeliveryId, now });
  if (!options) return fail(AppErrorCode.NOT_FOUND, "This session can't be moved online. Please contact us.");
  if (options.isInChargeWindow) return fail(AppErrorCode.INVALID_INPUT, CHARGE_WINDOW_MESSAGE);
  const start = parsed.data.startsAt.getTime();
  if (!options.starts.some((s) => s.start.getTime() === start)) {
    return fail(AppErrorCode.SLOT_TAKEN, "Your facilitators aren't both free then any more. Please choose another time.");
  }
  try {
    return await db.$transaction(async (tx) => {
      await lockDelivery(tx, options.delivery.id);
      const current = await findMovable(tx, context, options.delivery.id);
      if (!current || !(MOVABLE as readonly string[]).includes(current.status) || current.startsAt <= now) return fail(AppErrorCode.NOT_FOUND, "This session can't be moved online. Please contact us.");
      const previous = current.startsAt;
      await moveLockedDelivery(tx, current, start);
      await tx.auditEvent.create({
        data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "delivery.reschedule", subject: "Delivery", subjectId: current.id, data: { from: previous.toISOString(), to: new Date(start).toISOString() } },
      });
      return ok({ reference: current.engagement.reference });
    }, BOOKING_TRANSACTION_LIMITS);
  } catch (error) {
    if (isRetryableConflict(error)) return fail(AppErrorCode.SLOT_TAKEN, "That time was just taken. Please choose another time.");
    throw error;
  }
}

/**
 * Moving a whole booking: every remaining session shifts by the same amount (keeping their spacing),
 * each with its own facilitators. Returns the new first-session times for which every shifted session
 * is free for its pair; null when the booking can't be moved online.
 */
export async function listEngagementRescheduleTimes(db: DbTx, { context, unverifiedReference, now = new Date(), weeks = 6 }: { context: OrganisationContext; unverifiedReference: string; now?: Date; weeks?: number }) {
  const deliveries = await db.delivery.findMany({
    where: { AND: [{ engagement: { reference: unverifiedReference } }, scopeDeliveries(context.actor, context.organisation.id)], status: { in: [...MOVABLE] }, startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true, assignments: { where: { status: { in: [...ACTIVE_ASSIGNMENT] } }, select: { id: true } } },
  });
  if (deliveries.length === 0) return null;
  // Sessions shift together by the same amount, so they never meet each other: each one's search
  // ignores the others' current times.
  const moving = deliveries.flatMap((d) => d.assignments.map((a) => a.id));
  const first = deliveries[0]!;
  const optionsByDelivery = new Map<string, Set<number>>();
  for (const delivery of deliveries) {
    const gapWeeks = Math.ceil((delivery.startsAt.getTime() - first.startsAt.getTime()) / (7 * DAY_MS));
    const options = await listRescheduleTimes(db, { context, unverifiedDeliveryId: delivery.id, now, weeks: weeks + gapWeeks + 1, alsoMoving: moving });
    if (!options) return null;
    if (options.isInChargeWindow) return { deliveries, starts: [], isInChargeWindow: true };
    optionsByDelivery.set(delivery.id, new Set(options.starts.map((s) => s.start.getTime())));
  }
  const limit = now.getTime() + weeks * 7 * DAY_MS;
  const starts = [...optionsByDelivery.get(first.id)!]
    .filter((start) => start !== first.startsAt.getTime() && start <= limit)
    .sort((a, b) => a - b)
    .filter((start) => {
      const targets = shiftedStarts(deliveries, start);
      return deliveries.every((d) => optionsByDelivery.get(d.id)!.has(targets.get(d.id)!));
    })
    .map((start) => ({ start: new Date(start), end: new Date(start + (first.endsAt.getTime() - first.startsAt.getTime())) }));
  return { deliveries, starts, isInChargeWindow: false };
}

/**
 * Where each session goes when the first moves to `firstStart`: the same number of days later or
 * earlier and the same change of clock time, in UK time — so a 10:00 session stays at 10:00 across
 * the clock changes rather than drifting by an hour.
 */
export function shiftedStarts(deliveries: { id: string; startsAt: Date }[], firstStart: number): Map<string, number> {
  const zone = "Europe/London";
  const base = DateTime.fromMillis(deliveries[0]!.startsAt.getTime(), { zone });
  const target = DateTime.fromMillis(firstStart, { zone });
  const dayShift = Math.round(target.startOf("day").diff(base.startOf("day"), "days").days);
  const minuteShift = target.hour * 60 + target.minute - (base.hour * 60 + base.minute);
  const result = new Map<string, number>();
  for (const delivery of deliveries) {
    const wall = DateTime.fromMillis(delivery.startsAt.getTime(), { zone });
    const minutes = wall.hour * 60 + wall.minute + minuteShift;
    const extraDays = Math.floor(minutes / 1440);
    const inDay = minutes - extraDays * 1440;
    const moved = wall.plus({ days: dayShift + extraDays }).set({ hour: Math.floor(inDay / 60), minute: inDay % 60 });
    result.set(delivery.id, moved.toMillis());
  }
  return result;
}

export const rescheduleEngagementInput = z.object({
  unverifiedReference: z.string().trim().min(1).max(40),
  firstStartsAt: z.coerce.date({ message: "Choose a new time for the first session." }),
});

/** Moves every remaining session of a booking by the same amount, in one transaction. */
export async function rescheduleEngagement({ db, context, input, now = new Date() }: { db: Db; context: OrganisationContext; input: unknown; now?: Date }): Promise<Result<{ reference: string; sessions: number }>> {
  const parsed = rescheduleEngagementInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose a new time.", z.flattenError(parsed.error).fieldErrors);
  const options = await listEngagementRescheduleTimes(db, { context, unverifiedReference: parsed.data.unverifiedReference, now });
  if (!options) return fail(AppErrorCode.NOT_FOUND, "This booking can't be moved online. Please contact us.");
  if (options.isInChargeWindow) return fail(AppErrorCode.INVALID_INPUT, CHARGE_WINDOW_MESSAGE);
  const first = options.deliveries[0]!;
  const offset = parsed.data.firstStartsAt.getTime() - first.startsAt.getTime();
  const targets = shiftedStarts(options.deliveries, parsed.data.firstStartsAt.getTime());
  if (!options.starts.some((s) => s.start.getTime() === parsed.data.firstStartsAt.getTime())) {
    return fail(AppErrorCode.SLOT_TAKEN, "Your facilitators aren't all free for that any more. Please choose another time.");
  }
  try {
    return await db.$transaction(async (tx) => {
      // Later sessions move first when moving later (earlier first when moving earlier), so no session
      // ever lands on another's old place for a moment: the exclusion constraint checks every row.
      const ordered = [...options.deliveries].sort((a, b) => (offset > 0 ? b.startsAt.getTime() - a.startsAt.getTime() : a.startsAt.getTime() - b.startsAt.getTime()));
      let reference = parsed.data.unverifiedReference;
      for (const delivery of ordered) {
        await lockDelivery(tx, delivery.id);
        const current = await findMovable(tx, context, delivery.id);
        if (!current || !(MOVABLE as readonly string[]).includes(current.status) || current.startsAt.getTime() !== delivery.startsAt.getTime()) {
          throw new MovedMeanwhile();
        }
        reference = current.engagement.reference;
        await moveLockedDelivery(tx, current, targets.get(delivery.id)!);
      }
      const engagement = await tx.engagement.findFirstOrThrow({ where: { reference, organisationId: context.organisation.id }, select: { id: true } });
      await tx.auditEvent.create({
        data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "engagement.reschedule", subject: "Engagement", subjectId: engagement.id, data: { offsetMinutes: offset / MINUTE_MS, sessions: ordered.length } },
      });
      return ok({ reference, sessions: ordered.length });
    }, BOOKING_TRANSACTION_LIMITS);
  } catch (error) {
    if (error instanceof MovedMeanwhile || isRetryableConflict(error)) return fail(AppErrorCode.SLOT_TAKEN, "Something changed while we were moving the sessions, so nothing was moved. Please try again.");
    throw error;
  }
}

class MovedMeanwhile extends Error {}

/**
 * Moves one locked session to `start` (same length; the database moves its people's blocked time) and
 * tells the booker, attendees and facilitators, each with the updated calendar invite.
 */
async function moveLockedDelivery(tx: DbTx, current: NonNullable<Awaited<ReturnType<typeof findMovable>>>, start: number) {
  const previous = current.startsAt;
  const end = start + (current.endsAt.getTime() - current.startsAt.getTime());
  await tx.delivery.update({ where: { id: current.id }, data: { startsAt: new Date(start), endsAt: new Date(end), reminderSentAt: null } });
  const recipients = new Map<string, string | null>([[current.engagement.requestedBy.email, current.engagement.requestedBy.name]]);
  for (const a of current.engagement.attendees) recipients.set(a.email, a.name);
  for (const a of current.assignments) recipients.set(a.associate.user.email, a.associate.user.name);
  const invite = await deliveryInviteAttachment(tx, current.id);
  for (const [to, name] of recipients) {
    await enqueueEmail(tx, {
      kind: "rescheduled",
      to,
      ...(await renderRescheduledEmail({ name, serviceName: current.engagement.service.name, reference: current.engagement.reference, from: previous, to: new Date(start) })),
      attachments: [invite],
    });
  }
}
