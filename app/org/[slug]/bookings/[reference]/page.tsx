import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CheckoutForm } from "@/components/booking/checkout-form";
import { HoldCountdown } from "@/components/booking/hold-countdown";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import { describeCancellationTerms } from "@/lib/cancellation-terms";
import { db } from "@/lib/db/client";
import { formatPence, formatTimeRange } from "@/lib/format";
import { deliveryModeLabel } from "@/lib/labels";
import { getHeldBooking } from "@/lib/server/booking/get-held-booking";
import { getStripe } from "@/lib/integrations/payments/stripe";

export const metadata: Metadata = { title: "Finish your booking" };
export const dynamic = "force-dynamic";

export default async function CheckoutPage({ params }: { params: Promise<{ slug: string; reference: string }> }) {
  const { slug, reference } = await params;
  const context = await requireMembership(slug, undefined, `/org/${slug}/bookings/${reference}`);
  const booking = await getHeldBooking(db, { context, unverifiedReference: reference });
  if (!booking) notFound();
  // A hold that ran out is cancelled by the background job; that is still "run out" to the booker here.
  if (booking.status !== "PENDING_PAYMENT" && booking.status !== "CANCELLED") redirect(`/org/${slug}/engagements/${booking.reference}`);
  const delivery = booking.deliveries[0];
  if (!delivery) notFound();
  const isLive = booking.status === "PENDING_PAYMENT" && delivery.status === "HELD" && !!delivery.holdExpiresAt && delivery.holdExpiresAt > new Date();
  const vat = Math.round((booking.unitPricePenceSnapshot * booking.vatRateBasisPointsSnapshot) / 10000);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Finish your booking" description={`Reference ${booking.reference}`} />
      <div className="space-y-6">
        <Card className="space-y-2">
          <CardTitle>{booking.service.name}</CardTitle>
          <p>
            {formatTimeRange(delivery.startsAt, delivery.endsAt)} (UK time) · {deliveryModeLabel[delivery.mode]}
            {delivery.location ? ` · ${delivery.location}` : ""}
          </p>
          <p>
            {formatPence(booking.unitPricePenceSnapshot)} + VAT {formatPence(vat)} = <strong>{formatPence(booking.unitPricePenceSnapshot + vat)}</strong>
          </p>
          {isLive ? <HoldCountdown expiresAt={delivery.holdExpiresAt!.toISOString()} /> : null}
        </Card>
        {isLive ? (
          <>
            <Card>
              <CardTitle>Cancellation terms</CardTitle>
              <p className="mt-1 text-sm text-stone-700">These are fixed when you send the booking. Any charge is worked out from them, never typed in by hand.</p>
              <ul className="mt-2 list-disc pl-5">
                {describeCancellationTerms(booking.cancellationTerms).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </Card>
            <Card>
              <CardTitle className="mb-4">Your details</CardTitle>
              <CheckoutForm orgSlug={slug} engagementId={booking.id} capacity={booking.service.capacity} poRequired={booking.organisation.poRequired} canPayByCard={getStripe() !== null} />
              <p className="mt-4 text-sm text-stone-700">
                After you send it we ask the two facilitators to confirm. Your booking shows as &ldquo;awaiting facilitators&rdquo; until both have said yes, and we email you when it&apos;s confirmed.
              </p>
            </Card>
          </>
        ) : (
          <Card role="alert">
            <p className="font-semibold">This hold has run out, so the time has been released.</p>
            <p className="mt-2">
              <Link className="font-semibold text-brand-800 underline" href={`/org/${slug}/book/${booking.service.slug}`}>
                Choose a time again
              </Link>
            </p>
          </Card>
        )}
      </div>
    </div>
  );
}
