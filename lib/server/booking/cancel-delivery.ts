import { z } from "zod";
import { readCancellationTerms } from "@/lib/cancellation-terms";
import type { OrganisationContext } from "@/lib/auth/membership";
import { scopeDeliveries } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import { assertTransition, type CancellationCharge, type CancellationTerm, computeCancellationCharge } from "@/lib/domain/booking";
import { formatPounds } from "@/lib/domain/money";
import { deliveryInviteAttachment } from "@/lib/integrations/calendar/invite-attachment";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { renderCancelledEmail } from "@/lib/integrations/email/templates/booking";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { ACTIVE_ASSIGNMENT, lockDelivery } from "./delivery-lifecycle";
import { BOOKING_TRANSACTION_LIMITS } from "@/lib/server/booking/transaction-limits";


const CANCELLABLE = ["HELD", "NEEDS_PAIRING", "AWAITING_ACCEPTANCE", "CONFIRMED"] as const;

const CANCELLABLE_SELECT = {
  id: true,
  status: true,
  startsAt: true,
  engagement: { select: { id: true, reference: true, status: true, unitPricePenceSnapshot: true, cancellationTerms: true, service: { select: { name: true } } } },
} as const;

async function findCancellable(db: DbTx, context: OrganisationContext, unverifiedDeliveryId: string) {
  return db.delivery.findFirst({
    where: { id: unverifiedDeliveryId, ...scopeDeliveries(context.actor, context.organisation.id) },
    select: CANCELLABLE_SELECT,
  });
}

type Cancellable = NonNullable<Awaited<ReturnType<typeof findCancellable>>>;

function chargeFor(delivery: Cancellable, now: Date): CancellationCharge {
  const terms: CancellationTerm[] = readCancellationTerms(delivery.engagement.cancellationTerms);
  return computeCancellationCharge({ terms, priceNetPence: delivery.engagement.unitPricePenceSnapshot, startsAt: delivery.startsAt.getTime(), cancelledAt: now.getTime() });
}

/**
 * What cancelling this delivery now would cost, from the terms agreed at booking (shown before the
 * client confirms). Null when it is not theirs or can no longer be cancelled online.
 */
export async function previewCancellation(db: DbTx, { context, unverifiedDeliveryId, now = new Date() }: { context: OrganisationContext; unverifiedDeliveryId: string; now?: Date }) {
  const delivery = await findCancellable(db, context, unverifiedDeliveryId);
  if (!delivery || !(CANCELLABLE as readonly string[]).includes(delivery.status) || delivery.startsAt <= now) return null;
  return { deliveryId: delivery.id, ...chargeFor(delivery, now) };
}

export const cancelDeliveryInput = z.object({
  unverifiedDeliveryId: z.string().trim().min(1).max(60),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional().transform((value) => value || undefined),
  /** The charge the client saw and agreed to; if it has changed since (a day boundary passed), we ask again. */
  expectedChargePence: z.coerce.number().int().min(0),
});

/**
 * Cancels one delivery for the client: the charge is computed from the engagement's terms at this
 * moment, the people on it are released and told, and the engagement is cancelled when nothing is left.
 */
export async function cancelDelivery({ db, context, input, now = new Date() }: { db: Db; context: OrganisationContext; input: unknown; now?: Date }): Promise<Result<{ reference: string; chargePence: number }>> {
  const parsed = cancelDeliveryInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the cancellation details.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedDeliveryId, reason, expectedChargePence } = parsed.data;
  return db.$transaction(async (tx) => {
    const found = await findCancellable(tx, context, unverifiedDeliveryId);
    if (!found) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that session.");
    await lockDelivery(tx, found.id);
    const delivery = (await findCancellable(tx, context, found.id))!;
    if (!(CANCELLABLE as readonly string[]).includes(delivery.status)) return fail(AppErrorCode.INVALID_INPUT, "This session has already been cancelled or delivered.");
    if (delivery.startsAt <= now) return fail(AppErrorCode.INVALID_INPUT, "This session has already started, so it can't be cancelled online. Please contact us.");
    const charge = chargeFor(delivery, now);
    if (charge.chargePence !== expectedChargePence) {
      return fail(AppErrorCode.INVALID_INPUT, `The cancellation charge is now ${formatPounds(charge.chargePence)}. Please check and confirm again.`);
    }
    await cancelLockedDelivery(tx, { context, delivery, charge, reason, now });
    return ok({ reference: delivery.engagement.reference, chargePence: charge.chargePence });
  }, BOOKING_TRANSACTION_LIMITS);
}

/** Cancels one locked, cancellable delivery at `charge`: releases its people, tells everyone, audits. */
async function cancelLockedDelivery(
  tx: DbTx,
  { context, delivery, charge, reason, now }: { context: OrganisationContext; delivery: Cancellable; charge: CancellationCharge; reason: string | undefined; now: Date },
) {
  assertTransition("DELIVERY", delivery.status, "CANCELLED");
  const released = await tx.assignment.findMany({
    where: { deliveryId: delivery.id, status: { in: [...ACTIVE_ASSIGNMENT] } },
    select: { id: true, status: true, associate: { select: { user: { select: { email: true, name: true } } } } },
  });
  await tx.assignment.updateMany({ where: { id: { in: released.map((a) => a.id) } }, data: { status: "CANCELLED" } });
  // respondedAt is left as it was: a cancelled assignment with a reply time had been accepted, which is
  // who the cancellation pass-through is shared between (lib/domain/pay-run.ts).
  await tx.delivery.update({
    where: { id: delivery.id },
    data: {
      status: "CANCELLED",
      holdExpiresAt: null,
      cancelledAt: now,
      cancellationReason: reason ?? null,
      cancellationChargePence: charge.chargePence,
      cancellationPassThroughPence: charge.associatePassThroughPence,
    },
  });
  const remaining = await tx.delivery.count({ where: { engagementId: delivery.engagement.id, status: { not: "CANCELLED" } } });
  if (remaining === 0 && delivery.engagement.status !== "CANCELLED") {
    assertTransition("ENGAGEMENT", delivery.engagement.status, "CANCELLED");
    await tx.engagement.update({ where: { id: delivery.engagement.id }, data: { status: "CANCELLED", cancelledAt: now, cancellationReason: reason ?? null } });
  }
  const attendees = await tx.attendee.findMany({ where: { engagementId: delivery.engagement.id }, select: { email: true, name: true } });
  const recipients = [
    { to: context.actor.email, name: context.actor.name ?? null, isClient: true },
    ...released.filter((a) => a.status !== "HELD").map((a) => ({ to: a.associate.user.email, name: a.associate.user.name, isClient: false })),
    ...attendees.map((a) => ({ to: a.email, name: a.name, isClient: false })),
  ];
  // The cancelling calendar invite removes the entry from everyone's calendar.
  const invite = await deliveryInviteAttachment(tx, delivery.id);
  for (const recipient of recipients) {
    await enqueueEmail(tx, {
      kind: "cancelled",
      to: recipient.to,
      ...await renderCancelledEmail({ name: recipient.name, serviceName: delivery.engagement.service.name, startsAt: delivery.startsAt, reference: delivery.engagement.reference, chargePence: recipient.isClient ? charge.chargePence : null }),
      attachments: [invite],
    });
  }
  await tx.auditEvent.create({
    data: {
      actorId: context.actor.userId,
      organisationId: context.organisation.id,
      action: "delivery.cancel",
      subject: "Delivery",
      subjectId: delivery.id,
      data: { chargePence: charge.chargePence, passThroughPence: charge.associatePassThroughPence, noticeDays: charge.noticeDays, reason: reason ?? null },
    },
  });
}

export const cancelEngagementInput = z.object({
  unverifiedReference: z.string().trim().min(1).max(40),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional().transform((value) => value || undefined),
  expectedChargePence: z.coerce.number().int().min(0),
});

/** What cancelling every remaining session of an engagement now would cost, session by session. */
export async function previewEngagementCancellation(db: DbTx, { context, unverifiedReference, now = new Date() }: { context: OrganisationContext; unverifiedReference: string; now?: Date }) {
  const deliveries = await db.delivery.findMany({
    // AND, not a spread: the scope has its own `engagement` condition, which must not replace this one.
    where: { AND: [{ engagement: { reference: unverifiedReference } }, scopeDeliveries(context.actor, context.organisation.id)], status: { in: [...CANCELLABLE] }, startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: CANCELLABLE_SELECT,
  });
  const sessions = deliveries.map((delivery) => ({ deliveryId: delivery.id, startsAt: delivery.startsAt, ...chargeFor(delivery, now) }));
  return { sessions, totalChargePence: sessions.reduce((sum, p) => sum + p.chargePence, 0) };
}

/**
 * Cancels every remaining session of an engagement in one transaction, each charged by the terms agreed
 * at booking; refused (nothing written) if the total differs from what the client was shown.
 */
export async function cancelEngagement({ db, context, input, now = new Date() }: { db: Db; context: OrganisationContext; input: unknown; now?: Date }): Promise<Result<{ reference: string; chargePence: number; sessions: number }>> {
  const parsed = cancelEngagementInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the cancellation details.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedReference, reason, expectedChargePence } = parsed.data;
  return db.$transaction(async (tx) => {
    const engagement = await tx.engagement.findFirst({ where: { reference: unverifiedReference, organisationId: context.organisation.id }, select: { id: true, reference: true } });
    if (!engagement) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that booking.");
    await tx.$queryRaw`SELECT "id" FROM "Engagement" WHERE "id" = ${engagement.id} FOR UPDATE`;
    const ids = await tx.delivery.findMany({ where: { engagementId: engagement.id, status: { in: [...CANCELLABLE] }, startsAt: { gt: now } }, orderBy: { startsAt: "asc" }, select: { id: true } });
    if (ids.length === 0) return fail(AppErrorCode.INVALID_INPUT, "There are no upcoming sessions left to cancel.");
    const plans = [];
    for (const { id } of ids) {
      await lockDelivery(tx, id);
      const delivery = (await findCancellable(tx, context, id))!;
      plans.push({ delivery, charge: chargeFor(delivery, now) });
    }
    const total = plans.reduce((sum, plan) => sum + plan.charge.chargePence, 0);
    if (total !== expectedChargePence) return fail(AppErrorCode.INVALID_INPUT, `The cancellation charge is now ${formatPounds(total)}. Please check and confirm again.`);
    for (const plan of plans) await cancelLockedDelivery(tx, { context, delivery: plan.delivery, charge: plan.charge, reason, now });
    return ok({ reference: engagement.reference, chargePence: total, sessions: plans.length });
  }, BOOKING_TRANSACTION_LIMITS);
}
