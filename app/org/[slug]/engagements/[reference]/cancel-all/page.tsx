import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CancelForm } from "@/components/booking/cancel-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDateTime, formatPence } from "@/lib/format";
import { previewEngagementCancellation } from "@/lib/server/booking/cancel-delivery";
import { getEngagementForClient } from "@/lib/server/engagements/get-engagement";

export const metadata: Metadata = { title: "Cancel the whole booking" };
export const dynamic = "force-dynamic";

export default async function CancelEngagementPage({ params }: { params: Promise<{ slug: string; reference: string }> }) {
  const { slug, reference } = await params;
  const context = await requireMembership(slug, undefined, `/org/${slug}/engagements/${reference}/cancel-all`);
  const engagement = await getEngagementForClient({ context, unverifiedReference: reference });
  if (!engagement) notFound();
  const preview = await previewEngagementCancellation(db, { context, unverifiedReference: reference });
  const backHref = `/org/${slug}/engagements/${reference}`;
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Cancel the whole booking?" description={`${engagement.service.name} · ${reference}`} />
      <Card className="space-y-4">
        {preview.sessions.length === 0 ? (
          <p>There are no upcoming sessions left to cancel.</p>
        ) : (
          <>
            <p>Every upcoming session below will be cancelled. Charges come from the cancellation terms you agreed when you booked:</p>
            <ul className="divide-y divide-stone-200">
              {preview.sessions.map((session) => (
                <li key={session.deliveryId} className="flex justify-between gap-4 py-2">
                  <span>
                    {formatDateTime(session.startsAt)} ({session.noticeDays} days&apos; notice)
                  </span>
                  <span className="font-medium">{session.chargePence === 0 ? "No charge" : `${formatPence(session.chargePence)} + VAT`}</span>
                </li>
              ))}
            </ul>
            <p className="text-lg">
              Total: <strong>{preview.totalChargePence === 0 ? "no charge" : `${formatPence(preview.totalChargePence)} plus VAT`}</strong>
            </p>
            <CancelForm
              orgSlug={slug}
              target={{ reference }}
              expectedChargePence={preview.totalChargePence}
              backHref={backHref}
              confirmLabel={preview.totalChargePence === 0 ? `Cancel all ${preview.sessions.length} sessions` : `Cancel all ${preview.sessions.length} sessions and accept the ${formatPence(preview.totalChargePence)} charge`}
            />
          </>
        )}
      </Card>
    </div>
  );
}
