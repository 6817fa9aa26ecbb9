import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RescheduleForm } from "@/components/booking/reschedule-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatTimeRange } from "@/lib/format";
import { listRescheduleTimes } from "@/lib/server/booking/reschedule-delivery";
import { getEngagementForClient } from "@/lib/server/engagements/get-engagement";

export const metadata: Metadata = { title: "Move a session" };
export const dynamic = "force-dynamic";

export default async function RescheduleDeliveryPage({ params }: { params: Promise<{ slug: string; reference: string; delivery: string }> }) {
  const { slug, reference, delivery: deliveryId } = await params;
  const context = await requireMembership(slug, undefined, `/org/${slug}/engagements/${reference}/reschedule/${deliveryId}`);
  const engagement = await getEngagementForClient({ context, unverifiedReference: reference });
  const delivery = engagement?.deliveries.find((d) => d.id === deliveryId);
  if (!engagement || !delivery) notFound();
  const options = await listRescheduleTimes(db, { context, unverifiedDeliveryId: delivery.id });
  const backHref = `/org/${slug}/engagements/${reference}`;
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Move this session" description={`${engagement.service.name} · now ${formatTimeRange(delivery.startsAt, delivery.endsAt)}`} />
      <Card className="space-y-4">
        {!options ? (
          <p>This session can&apos;t be moved online (it has started, been delivered or cancelled, or has no facilitators yet). Please contact us.</p>
        ) : options.isInChargeWindow ? (
          <p>This session is close enough that a cancellation charge would apply, so it can&apos;t be moved online. Please contact us and we&apos;ll see what we can do.</p>
        ) : options.starts.length === 0 ? (
          <p>
            Your facilitators don&apos;t have another time in common in the next six weeks.{" "}
            <Link className="underline" href={`/org/${slug}/request/${engagement.service.slug}`}>
              Ask us
            </Link>{" "}
            and we&apos;ll find one.
          </p>
        ) : (
          <>
            <p>There&apos;s no charge for moving a session. We&apos;ll tell your facilitators and everyone on the attendee list.</p>
            <RescheduleForm orgSlug={slug} target={{ deliveryId: delivery.id }} backHref={backHref} starts={options.starts.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() }))} />
          </>
        )}
      </Card>
    </div>
  );
}
