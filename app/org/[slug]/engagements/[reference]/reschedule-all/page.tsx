import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RescheduleForm } from "@/components/booking/reschedule-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { listEngagementRescheduleTimes } from "@/lib/server/booking/reschedule-delivery";
import { getEngagementForClient } from "@/lib/server/engagements/get-engagement";

export const metadata: Metadata = { title: "Move the whole booking" };
export const dynamic = "force-dynamic";

export default async function RescheduleEngagementPage({ params }: { params: Promise<{ slug: string; reference: string }> }) {
  const { slug, reference } = await params;
  const context = await requireMembership(slug, undefined, `/org/${slug}/engagements/${reference}/reschedule-all`);
  const engagement = await getEngagementForClient({ context, unverifiedReference: reference });
  if (!engagement) notFound();
  const options = await listEngagementRescheduleTimes(db, { context, unverifiedReference: reference });
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Move the whole booking" description={`${engagement.service.name} · ${reference}`} />
      <Card className="space-y-4">
        {!options ? (
          <p>There are no upcoming sessions that can be moved online. Please contact us.</p>
        ) : options.isInChargeWindow ? (
          <p>At least one session is close enough that a cancellation charge would apply, so the booking can&apos;t be moved online. Please contact us and we&apos;ll see what we can do.</p>
        ) : options.starts.length === 0 ? (
          <p>Your facilitators don&apos;t share another set of times in the next six weeks. Please contact us and we&apos;ll find some.</p>
        ) : (
          <>
            <p>
              All {options.deliveries.length} upcoming sessions move together and keep the same gaps between them, each with its own facilitators. The first is now on{" "}
              {formatDateTime(options.deliveries[0]!.startsAt)}. There&apos;s no charge for moving.
            </p>
            <RescheduleForm
              orgSlug={slug}
              target={{ reference }}
              backHref={`/org/${slug}/engagements/${reference}`}
              label="New time for the first session (UK time)"
              submitLabel={`Move all ${options.deliveries.length} sessions`}
              starts={options.starts.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() }))}
            />
          </>
        )}
      </Card>
    </div>
  );
}
