import type Stripe from "stripe";
import { z } from "zod";
import type { OrganisationContext } from "@/lib/auth/membership";
import type { Db } from "@/lib/db/create-client";
import { applyBasisPoints } from "@/lib/domain/money";
import { MINUTE_MS } from "@/lib/domain/time/interval";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { checkHeldBooking, requestBookingInput } from "@/lib/server/booking/request-booking";

/** Stripe's shortest checkout expiry is 30 minutes; the hold outlasts it so a late payment still finds it. */
const CHECKOUT_MINUTES = 30;
const HOLD_MARGIN_MINUTES = 5;

/**
 * Pay for a held booking by card: checks it like an invoice booking, extends the hold to cover the
 * payment window, and opens a Stripe Checkout session. Nothing is sent to the facilitators until
 * Stripe's signed webhook says the payment succeeded; an abandoned checkout expires with the hold.
 */
export async function startCardCheckout({
  db,
  stripe,
  context,
  input,
  appUrl,
  now = new Date(),
}: {
  db: Db;
  stripe: Stripe;
  context: OrganisationContext;
  input: unknown;
  appUrl: string;
  now?: Date;
}): Promise<Result<{ url: string }>> {
  const parsed = requestBookingInput.safeParse({ ...(typeof input === "object" && input ? input : {}), paymentMethod: "CARD" });
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the booking details.", z.flattenError(parsed.error).fieldErrors);
  const details = parsed.data;
  const holdUntil = new Date(now.getTime() + (CHECKOUT_MINUTES + HOLD_MARGIN_MINUTES) * MINUTE_MS);
  const prepared = await db.$transaction(async (tx) => {
    const checked = await checkHeldBooking(tx, { context, details, now });
    if (!checked.ok) return checked;
    const { engagement, delivery } = checked.data;
    // One card checkout per hold: the hold is extended once, so repeated clicks can't keep the
    // facilitators held indefinitely; after that the booker pays by invoice or chooses again.
    const earlier = await tx.cardPayment.count({ where: { engagementId: engagement.id } });
    if (earlier > 0) {
      return fail(AppErrorCode.INVALID_INPUT, "A card payment for this booking has already been started. Finish it in the other window, or choose to pay by invoice.");
    }
    await tx.delivery.update({ where: { id: delivery.id }, data: { holdExpiresAt: holdUntil } });
    await tx.engagement.update({
      where: { id: engagement.id },
      data: { paymentMethod: "CARD", attendeeCount: details.attendeeCount, purchaseOrderNumber: details.purchaseOrderNumber ?? null },
    });
    const amountPence = engagement.unitPricePenceSnapshot + applyBasisPoints(engagement.unitPricePenceSnapshot, engagement.vatRateBasisPointsSnapshot);
    return ok({ engagement, delivery, amountPence });
  });
  if (!prepared.ok) return prepared;
  const { engagement, delivery, amountPence } = prepared.data;
  const base = `${appUrl}/org/${context.organisation.slug}`;
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        client_reference_id: engagement.id,
        customer_email: context.actor.email,
        expires_at: Math.floor(now.getTime() / 1000) + CHECKOUT_MINUTES * 60,
        line_items: [
          {
            quantity: 1,
            price_data: { currency: "gbp", unit_amount: amountPence, product_data: { name: `${engagement.service.name} (${engagement.reference})`, description: "Including VAT" } },
          },
        ],
        metadata: { engagementId: engagement.id, deliveryId: delivery.id },
        success_url: `${base}/engagements/${engagement.reference}?paid=1`,
        cancel_url: `${base}/bookings/${engagement.reference}`,
      },
      { idempotencyKey: `checkout-${engagement.id}-${holdUntil.getTime()}` },
    );
  } catch {
    return fail(AppErrorCode.UNEXPECTED, "Card payments aren't working right now. Your time is still held — you can pay by invoice instead.");
  }
  if (!session.url) return fail(AppErrorCode.UNEXPECTED, "Card payments aren't working right now. Your time is still held — you can pay by invoice instead.");
  await db.cardPayment.create({ data: { engagementId: engagement.id, checkoutSessionId: session.id, amountPence, currency: "gbp" } });
  return ok({ url: session.url });
}
