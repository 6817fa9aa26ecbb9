import type Stripe from "stripe";
import type { DbTx, Db } from "@/lib/db/create-client";
import { lockDelivery } from "@/lib/server/booking/delivery-lifecycle";
import { releaseHold } from "@/lib/server/booking/expire-holds-and-offers";
import { sendHeldBooking } from "@/lib/server/booking/request-booking";

export type StripeEventOutcome = "duplicate" | "ignored" | "unknown-payment" | "booking-sent" | "already-paid" | "paid-after-lapse" | "checkout-expired" | "invoice-paid";

/**
 * Applies one verified Stripe event exactly once. WebhookEvent is unique per event id; the event is
 * recorded, applied and its outcome written in one transaction, so a redelivery (even a concurrent
 * one, which waits for the first to commit) is answered "duplicate" and changes nothing. A paid
 * checkout sends the held booking to the pair; an expired one releases the hold; a payment for a
 * booking that had already lapsed, or a second payment for an invoice, is flagged for the director.
 */
export async function handleStripeEvent({ db, event, now = new Date() }: { db: Db; event: Stripe.Event; now?: Date }): Promise<StripeEventOutcome> {
  return db.$transaction(async (tx) => {
    // ON CONFLICT DO NOTHING: only a clash on the event id itself is a duplicate; any other error
    // rolls back and answers 500, so Stripe delivers the event again.
    const recorded = await tx.webhookEvent.createMany({ data: [{ provider: "stripe", eventId: event.id, type: event.type, processedAt: now }], skipDuplicates: true });
    if (recorded.count === 0) return "duplicate";
    const outcome = await applyEvent(tx, event, now);
    await tx.webhookEvent.update({ where: { provider_eventId: { provider: "stripe", eventId: event.id } }, data: { outcome } });
    return outcome;
  });
}

async function applyEvent(tx: DbTx, event: Stripe.Event, now: Date): Promise<Exclude<StripeEventOutcome, "duplicate">> {
  if (event.type !== "checkout.session.completed" && event.type !== "checkout.session.async_payment_succeeded" && event.type !== "checkout.session.expired") return "ignored";
  const session = event.data.object;
  const paymentIntentId = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
  const payment = await tx.cardPayment.findUnique({
    where: { checkoutSessionId: session.id },
    select: {
      id: true,
      engagement: { select: { id: true, organisationId: true, purchaseOrderNumber: true, attendeeCount: true, reference: true, requestedBy: { select: { id: true, email: true } }, deliveries: { select: { id: true }, take: 1 } } },
    },
  });
  if (!payment) {
    // Not a booking checkout: perhaps an invoice paid by card.
    // Found by the id we put in the session's metadata: a colleague may have opened a newer checkout since.
    const invoiceId = typeof session.metadata?.invoiceId === "string" ? session.metadata.invoiceId : null;
    const found = await tx.invoice.findFirst({
      where: { OR: [{ stripeCheckoutSessionId: session.id }, ...(invoiceId ? [{ id: invoiceId }] : [])] },
      select: { id: true },
    });
    if (!found) return "unknown-payment";
    if (event.type === "checkout.session.expired" || session.payment_status !== "paid") return "ignored";
    // Locked and read again: two checkouts for one invoice paid at once must not both count as the payment.
    await tx.$queryRaw`SELECT "id" FROM "Invoice" WHERE "id" = ${found.id} FOR UPDATE`;
    const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: found.id }, select: { id: true, number: true, status: true, organisationId: true, paymentReference: true } });
    const reference = `card ${paymentIntentId ?? session.id}`;
    if (invoice.status !== "ISSUED") {
      // The same payment told again (another event for this checkout): nothing more to do.
      if (invoice.status === "PAID" && invoice.paymentReference === reference) return "already-paid";
      // Paid twice (or after it was voided): never lost silently — the director refunds.
      await tx.alert.create({
        data: {
          kind: "PAYMENT_NEEDS_ATTENTION",
          message: `A card payment (${paymentIntentId ?? session.id}) arrived for invoice ${invoice.number ?? invoice.id}, which was ${invoice.status === "PAID" ? "already paid" : invoice.status === "VOID" ? "void" : "not issued"}: refund it.`,
        },
      });
      return "already-paid";
    }
    await tx.invoice.update({ where: { id: invoice.id }, data: { status: "PAID", paidAt: now, stripePaymentIntentId: paymentIntentId, paymentReference: reference } });
    await tx.auditEvent.create({ data: { organisationId: invoice.organisationId, action: "invoice.paid.card", subject: "Invoice", subjectId: invoice.id, data: { checkoutSessionId: session.id } } });
    return "invoice-paid";
  }
  const delivery = payment.engagement.deliveries[0];
  // Delivery first, then the payment (the order every writer uses); both read again under the lock, so
  // events for one checkout handled at the same moment see each other's effects.
  if (delivery) await lockDelivery(tx, delivery.id);
  const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT "status"::text AS "status" FROM "CardPayment" WHERE "id" = ${payment.id} FOR UPDATE`;
  const status = locked!.status;

  if (event.type === "checkout.session.expired") {
    if (status !== "PENDING") return "ignored";
    await tx.cardPayment.update({ where: { id: payment.id }, data: { status: "EXPIRED" } });
    if (delivery) {
      await tx.delivery.updateMany({ where: { id: delivery.id, status: "HELD" }, data: { holdExpiresAt: now } });
      await releaseHold(tx, { deliveryId: delivery.id, now, reason: "The card payment was not completed." });
    }
    return "checkout-expired";
  }

  if (session.payment_status !== "paid") return "ignored";
  if (status === "PAID" || status === "NEEDS_ATTENTION") return "already-paid";
  const current = delivery ? await tx.delivery.findUniqueOrThrow({ where: { id: delivery.id }, select: { status: true, engagement: { select: { status: true } } } }) : null;
  const engagement = payment.engagement;
  if (delivery && current?.status === "HELD" && current.engagement.status === "PENDING_PAYMENT") {
    await tx.cardPayment.update({ where: { id: payment.id }, data: { status: "PAID", paidAt: now, paymentIntentId } });
    await sendHeldBooking(tx, {
      engagementId: engagement.id,
      deliveryId: delivery.id,
      bookerEmail: engagement.requestedBy.email,
      actorId: null,
      organisationId: engagement.organisationId,
      details: { purchaseOrderNumber: engagement.purchaseOrderNumber ?? undefined, attendeeCount: engagement.attendeeCount ?? 1, paymentMethod: "CARD" },
      now,
    });
    return "booking-sent";
  }
  // The money arrived but the booking had lapsed: never confirm silently; ask the director to act.
  await tx.cardPayment.update({ where: { id: payment.id }, data: { status: "NEEDS_ATTENTION", paidAt: now, paymentIntentId } });
  await tx.alert.create({
    data: {
      kind: "PAYMENT_NEEDS_ATTENTION",
      deliveryId: delivery?.id ?? null,
      message: `A card payment for ${engagement.reference} arrived after the booking had lapsed: refund it or rebook with the client.`,
    },
  });
  return "paid-after-lapse";
}
