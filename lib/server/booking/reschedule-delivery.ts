import { z } from "zod";
import type { OrganisationContext } from "@/lib/auth/membership";
import { scopeDeliveries } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import { isRetryableConflict } from "@/lib/db/errors";
import { DAY_MS, MINUTE_MS } from "@/lib/domain/time/interval";
import { deliveryInviteAttachment } from "@/lib/integrations/calendar/invite-attachment";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { renderRescheduledEmail } from "@/lib/integrations/email/templates/booking";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { searchSlots } from "@/lib/server/scheduling/search-slots";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { ACTIVE_ASSIGNMENT, lockDelivery } from "./delivery-lifecycle";

const MOVABLE = ["NEEDS_PAIRING", "AWAITING_ACCEPTANCE", "CONFIRMED"] as const;

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
export async function listRescheduleTimes(db: DbTx, { context, unverifiedDeliveryId, now = new Date(), weeks = 6 }: { context: OrganisationContext; unverifiedDeliveryId: string; now?: Date; weeks?: number }) {
  const delivery = await findMovable(db, context, unverifiedDeliveryId);
  if (!delivery || !(MOVABLE as readonly string[]).includes(delivery.status) || delivery.startsAt <= now || delivery.assignments.length === 0) return null;
  const policy = await getPolicy(db, now);
  const from = now.getTime() + policy["booking.minimumNoticeHours"] * 3_600_000;
  const { search } = await searchSlots(db, {
    service: delivery.engagement.service,
    range: { start: from, end: from + weeks * 7 * DAY_MS },
    now: now.getTime(),
    policy,
    excludeAssignmentIds: delivery.assignments.map((a) => a.id),
  });
  const people = delivery.assignments;
  const starts = search.slots
    .filter((slot) => slot.start !== delivery.startsAt.getTime())
    .filter((slot) => {
      const free = search.listAvailableAt(slot.start);
      return people.every((p) => (p.role === "LIVED" ? free.lived : free.professional).includes(p.associateId));
    })
    .map((slot) => ({ start: new Date(slot.start), end: new Date(slot.end) }));
  return { delivery, starts };
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
  const start = parsed.data.startsAt.getTime();
  if (!options.starts.some((s) => s.start.getTime() === start)) {
    return fail(AppErrorCode.SLOT_TAKEN, "Your facilitators aren't both free then any more. Please choose another time.");
  }
  const end = start + options.delivery.engagement.service.durationMinutes * MINUTE_MS;
  try {
    return await db.$transaction(async (tx) => {
      await lockDelivery(tx, options.delivery.id);
      const current = await findMovable(tx, context, options.delivery.id);
      if (!current || !(MOVABLE as readonly string[]).includes(current.status) || current.startsAt <= now) return fail(AppErrorCode.NOT_FOUND, "This session can't be moved online. Please contact us.");
      const previous = current.startsAt;
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
      await tx.auditEvent.create({
        data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "delivery.reschedule", subject: "Delivery", subjectId: current.id, data: { from: previous.toISOString(), to: new Date(start).toISOString() } },
      });
      return ok({ reference: current.engagement.reference });
    });
  } catch (error) {
    if (isRetryableConflict(error)) return fail(AppErrorCode.SLOT_TAKEN, "That time was just taken. Please choose another time.");
    throw error;
  }
}
