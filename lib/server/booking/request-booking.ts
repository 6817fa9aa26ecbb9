import { z } from "zod";
import type { OrganisationContext } from "@/lib/auth/membership";
import type { Db, DbTx } from "@/lib/db/create-client";
import { assertTransition, isHoldExpired } from "@/lib/domain/booking";
import { deliveryInviteAttachment } from "@/lib/integrations/calendar/invite-attachment";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { renderAwaitingFacilitatorsEmail, renderOfferEmail } from "@/lib/integrations/email/templates/booking";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { lockDelivery, syncStatuses } from "./delivery-lifecycle";
import { BOOKING_TRANSACTION_LIMITS } from "@/lib/server/booking/transaction-limits";

export const requestBookingInput = z.object({
  unverifiedEngagementId: z.string().trim().min(1).max(60),
  purchaseOrderNumber: z
    .string()
    .trim()
    .max(60, "Keep the PO number under 60 characters.")
    .optional()
    .transform((value) => value || undefined),
  attendeeCount: z.coerce.number({ message: "Enter how many people will attend." }).int("Enter a whole number.").min(1, "At least one person must attend."),
  paymentMethod: z.enum(["INVOICE", "CARD"]).default("INVOICE"),
});

export type BookingDetails = z.output<typeof requestBookingInput>;

/**
 * Checks a held booking can be sent: the organisation's, still PENDING_PAYMENT, the hold live, the PO
 * rule and capacity. Locks the delivery for the rest of the transaction.
 */
export async function checkHeldBooking(tx: DbTx, { context, details, now }: { context: OrganisationContext; details: BookingDetails; now: Date }) {
  const engagement = await tx.engagement.findFirst({
    where: { id: details.unverifiedEngagementId, organisationId: context.organisation.id },
    select: {
      id: true,
      reference: true,
      status: true,
      unitPricePenceSnapshot: true,
      vatRateBasisPointsSnapshot: true,
      organisation: { select: { name: true, poRequired: true } },
      service: { select: { name: true, capacity: true } },
      deliveries: { select: { id: true, status: true, startsAt: true, holdExpiresAt: true } },
    },
  });
  if (!engagement) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that booking.");
  const delivery = engagement.deliveries[0];
  if (engagement.status !== "PENDING_PAYMENT" || !delivery) return fail(AppErrorCode.INVALID_INPUT, "This booking has already been sent.");
  await lockDelivery(tx, delivery.id);
  const current = await tx.delivery.findUniqueOrThrow({ where: { id: delivery.id }, select: { status: true, holdExpiresAt: true } });
  if (current.status !== "HELD" || isHoldExpired(now.getTime(), current.holdExpiresAt?.getTime())) {
    return fail(AppErrorCode.SLOT_TAKEN, "Your hold on this time has run out. Please choose a time again.");
  }
  if (engagement.organisation.poRequired && !details.purchaseOrderNumber) {
    return fail(AppErrorCode.INVALID_INPUT, "Your organisation needs a purchase-order (PO) number on every booking.", {
      purchaseOrderNumber: ["Enter your PO number."],
    });
  }
  if (details.attendeeCount > engagement.service.capacity) {
    return fail(AppErrorCode.INVALID_INPUT, `This session is for up to ${engagement.service.capacity} people.`, {
      attendeeCount: [`Enter ${engagement.service.capacity} or fewer.`],
    });
  }
  return ok({ engagement, delivery });
}

/**
 * Sends a held booking on to the pair: written offers (with an expiry), the engagement to
 * AWAITING_FACILITATORS, the booker told. Runs in the caller's transaction with the delivery locked.
 */
export async function sendHeldBooking(
  tx: DbTx,
  {
    engagementId,
    deliveryId,
    bookerEmail,
    actorId,
    organisationId,
    details,
    now,
  }: {
    engagementId: string;
    deliveryId: string;
    bookerEmail: string;
    actorId: string | null;
    organisationId: string;
    details: Pick<BookingDetails, "purchaseOrderNumber" | "attendeeCount" | "paymentMethod">;
    now: Date;
  },
) {
  const engagement = await tx.engagement.findUniqueOrThrow({
    where: { id: engagementId },
    select: { id: true, reference: true, status: true, organisation: { select: { name: true } }, service: { select: { name: true } } },
  });
  const delivery = await tx.delivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { id: true, startsAt: true } });
  const policy = await getPolicy(tx, now);
  const expiresAt = new Date(Math.min(now.getTime() + policy["offer.hours"] * 3_600_000, delivery.startsAt.getTime()));
  assertTransition("ENGAGEMENT", engagement.status, "AWAITING_FACILITATORS");
  await tx.engagement.update({
    where: { id: engagement.id },
    data: { status: "AWAITING_FACILITATORS", purchaseOrderNumber: details.purchaseOrderNumber ?? null, attendeeCount: details.attendeeCount, paymentMethod: details.paymentMethod },
  });
  const held = await tx.assignment.findMany({
    where: { deliveryId: delivery.id, status: "HELD" },
    select: { id: true, feePence: true, associate: { select: { user: { select: { email: true, name: true } } } } },
  });
  await tx.assignment.updateMany({ where: { id: { in: held.map((a) => a.id) } }, data: { status: "OFFERED", offeredAt: now, expiresAt } });
  await syncStatuses(tx, delivery.id);
  for (const assignment of held) {
    await enqueueEmail(tx, {
      kind: "offer",
      to: assignment.associate.user.email,
      ...await renderOfferEmail({
        name: assignment.associate.user.name,
        serviceName: engagement.service.name,
        organisationName: engagement.organisation.name,
        startsAt: delivery.startsAt,
        feePence: assignment.feePence,
        expiresAt,
      }),
    });
  }
  await enqueueEmail(tx, {
    kind: "awaiting-facilitators",
    to: bookerEmail,
    ...await renderAwaitingFacilitatorsEmail({ serviceName: engagement.service.name, startsAt: delivery.startsAt, reference: engagement.reference }),
    attachments: [await deliveryInviteAttachment(tx, delivery.id)],
  });
  await tx.auditEvent.create({
    data: {
      actorId,
      organisationId,
      action: "booking.request",
      subject: "Engagement",
      subjectId: engagement.id,
      data: { attendeeCount: details.attendeeCount, purchaseOrderNumber: details.purchaseOrderNumber ?? null, paymentMethod: details.paymentMethod },
    },
  });
  return { reference: engagement.reference };
}

/**
 * Turns a held slot into a booking paid by invoice: checks the hold is still live, the PO rule and the
 * capacity, then sends written offers to the held pair. The booking is CONFIRMED only when both accept.
 * (Card payments go through `startCardCheckout`; the payment webhook sends the booking on.)
 */
export async function requestBooking({
  db,
  context,
  input,
  now = new Date(),
}: {
  db: Db;
  context: OrganisationContext;
  input: unknown;
  now?: Date;
}): Promise<Result<{ reference: string; status: "AWAITING_FACILITATORS" }>> {
  const parsed = requestBookingInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the booking details.", z.flattenError(parsed.error).fieldErrors);
  if (parsed.data.paymentMethod === "CARD") return fail(AppErrorCode.INVALID_INPUT, "To pay by card, use the card payment button.");
  return db.$transaction(async (tx) => {
    const checked = await checkHeldBooking(tx, { context, details: parsed.data, now });
    if (!checked.ok) return checked;
    const { engagement, delivery } = checked.data;
    const sent = await sendHeldBooking(tx, {
      engagementId: engagement.id,
      deliveryId: delivery.id,
      bookerEmail: context.actor.email,
      actorId: context.actor.userId,
      organisationId: context.organisation.id,
      details: parsed.data,
      now,
    });
    return ok({ reference: sent.reference, status: "AWAITING_FACILITATORS" as const });
  }, BOOKING_TRANSACTION_LIMITS);
}
