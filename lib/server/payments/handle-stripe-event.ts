import type Stripe from "stripe";
import type { Db } from "@/lib/db/create-client";
import { isPgError } from "@/lib/db/errors";
import { lockDelivery } from "@/lib/server/booking/delivery-lifecycle";
import { releaseHold } from "@/lib/server/booking/expire-holds-and-offers";
import { sendHeldBooking } from "@/lib/server/booking/request-booking";

export type StripeEventOutcome = "duplicate" | "ignored" | "unknown-payment" | "booking-sent" | "already-paid" | "paid-after-lapse" | "checkout-expired" | "invoice-paid";

/**
 * Applies one verified Stripe event exactly once (WebhookEvent is unique per event id, recorded in the
 * same transaction as its effect). A paid checkout sends the held booking to the pair; an expired one
 * releases the hold; a payment for a booking that had already lapsed is flagged for the director.
 */
export async function handleStripeEvent({ db, event, now = new Date() }: { db: Db; event: Stripe.Event; now?: Date }): Promise<StripeEventOutcome> {
  try {
    return await db.$transaction(async (tx) => {
      await tx.webhookEvent.create({ data: { provider: "stripe", eventId: event.id, type: event.type, processedAt: now } });
      if (event.type !== "checkout.session.completed" && event.type !== "checkout.session.async_payment_succeeded" && event.type !== "checkout.session.expired") return "ignored";
      const session = event.data.object;
      const payment = await tx.cardPayment.findUnique({
        where: { checkoutSessionId: session.id },
        select: {
          id: true,
          status: true,
          amountPence: true,
          engagement: { select: { id: true, status: true, organisationId: true, purchaseOrderNumber: true, attendeeCount: true, reference: true, requestedBy: { select: { id: true, email: true } }, deliveries: { select: { id: true }, take: 1 } } },
        },
      });
      if (!payment) {
        // Not a booking checkout: perhaps an invoice paid by card.
        // Found by the id we put in the session's metadata: a colleague may have opened a newer checkout since.
        const invoiceId = typeof session.metadata?.invoiceId === "string" ? session.metadata.invoiceId : null;
        const invoice = await tx.invoice.findFirst({
          where: { OR: [{ stripeCheckoutSessionId: session.id }, ...(invoiceId ? [{ id: invoiceId }] : [])] },
          select: { id: true, number: true, status: true, organisationId: true },
        });
        if (!invoice) return "unknown-payment";
        if (event.type === "checkout.session.expired" || session.payment_status !== "paid") return "ignored";
        if (invoice.status !== "ISSUED") {
          // Paid twice (or after it was voided): never lost silently — the director refunds.
          await tx.alert.create({ data: { kind: "PAYMENT_NEEDS_ATTENTION", message: `A card payment arrived for invoice ${invoice.number ?? invoice.id}, which was already ${invoice.status === "PAID" ? "paid" : "void"}: refund it.` } });
          return "already-paid";
        }
        const paymentIntentId = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
        await tx.invoice.update({ where: { id: invoice.id }, data: { status: "PAID", paidAt: now, stripePaymentIntentId: paymentIntentId, paymentReference: `card ${paymentIntentId ?? session.id}` } });
        await tx.auditEvent.create({ data: { organisationId: invoice.organisationId, action: "invoice.paid.card", subject: "Invoice", subjectId: invoice.id, data: { checkoutSessionId: session.id } } });
        return "invoice-paid";
      }
      const delivery = payment.engagement.deliveries[0];
      if (delivery) await lockDelivery(tx, delivery.id);

      if (event.type === "checkout.session.expired") {
        if (payment.status !== "PENDING") return "ignored";
        await tx.cardPayment.update({ where: { id: payment.id }, data: { status: "EXPIRED" } });
        if (delivery) {
          await tx.delivery.updateMany({ where: { id: delivery.id, status: "HELD" }, data: { holdExpiresAt: now } });
          await releaseHold(tx, { deliveryId: delivery.id, now, reason: "The card payment was not completed." });
        }
        return "checkout-expired";
      }

      if (session.payment_status !== "paid") return "ignored";
      if (payment.status === "PAID" || payment.status === "NEEDS_ATTENTION") return "already-paid";
      const paymentIntentId = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
      const current = delivery ? await tx.delivery.findUniqueOrThrow({ where: { id: delivery.id }, select: { status: true } }) : null;
      const engagement = payment.engagement;
      if (engagement.status === "PENDING_PAYMENT" && current?.status === "HELD" && delivery) {
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
    });
  } catch (error) {
    if (isPgError(error, "23505") || (error as { code?: unknown } | null)?.code === "P2002") return "duplicate";
    throw error;
  }
}
