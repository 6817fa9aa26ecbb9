import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CancelForm } from "@/components/booking/cancel-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatPence } from "@/lib/format";
import { previewCancellation } from "@/lib/server/booking/cancel-delivery";
import { getEngagementForClient } from "@/lib/server/engagements/get-engagement";
import { formatTimeRange } from "@/lib/format";

export const metadata: Metadata = { title: "Cancel a session" };
export const dynamic = "force-dynamic";

export default async function CancelDeliveryPage({ params }: { params: Promise<{ slug: string; reference: string; delivery: string }> }) {
  const { slug, reference, delivery: deliveryId } = await params;
  const context = await requireMembership(slug, undefined, `/org/${slug}/engagements/${reference}/cancel/${deliveryId}`);
  const engagement = await getEngagementForClient({ context, unverifiedReference: reference });
  const delivery = engagement?.deliveries.find((d) => d.id === deliveryId);
  if (!engagement || !delivery) notFound();
  const preview = await previewCancellation(db, { context, unverifiedDeliveryId: delivery.id });
  const backHref = `/org/${slug}/engagements/${reference}`;
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Cancel this session?" description={`${engagement.service.name} · ${formatTimeRange(delivery.startsAt, delivery.endsAt)}`} />
      <Card className="space-y-4">
        {preview ? (
          <>
            <p className="text-lg">
              {preview.chargePence === 0 ? (
                <strong>There is no charge for cancelling now.</strong>
              ) : (
                <>
                  Cancelling now will cost <strong>{formatPence(preview.chargePence)} plus VAT</strong>.
                </>
              )}
            </p>
            <p className="text-sm text-stone-700">
              You&apos;re giving {preview.noticeDays} day{preview.noticeDays === 1 ? "" : "s"}&apos; notice. This is worked out from the cancellation terms you agreed when you booked
              {preview.associatePassThroughPence > 0 ? `; ${formatPence(preview.associatePassThroughPence)} of it is paid to the facilitators, who had set the time aside` : ""}.
            </p>
            <CancelForm orgSlug={slug} target={{ deliveryId: delivery.id }} expectedChargePence={preview.chargePence} backHref={backHref} confirmLabel={preview.chargePence === 0 ? "Cancel the session" : `Cancel and accept the ${formatPence(preview.chargePence)} charge`} />
          </>
        ) : (
          <p>This session can&apos;t be cancelled online (it has started, been delivered or already been cancelled). Please contact us if you need help.</p>
        )}
      </Card>
    </div>
  );
}
