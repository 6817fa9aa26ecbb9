import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReviewAnnouncements, ReviewCheckActions, ReviewServiceActions } from "@/components/director/review-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatIsoDate } from "@/lib/domain/time/calendar-date";
import { formatDate } from "@/lib/format";
import { complianceKindLabel } from "@/lib/labels";
import { describeDetails, kindInSentence } from "@/lib/server/associates/compliance-status";
import { getChecksReview } from "@/lib/server/director/review-checks";

export const metadata: Metadata = { title: "Associates' checks" };
export const dynamic = "force-dynamic";

const EXPERTISE = { LIVED: "Lived experience", PROFESSIONAL: "Professional", BOTH: "Lived experience and professional" } as const;

export default async function DirectorChecksPage() {
  const actor = await requireDirector("/director/checks");
  const review = await getChecksReview({ db, actor });
  if (!review) notFound();
  return (
    <>
      <PageHeader title="Associates' checks" description="Details associates have sent for you to verify, requests to deliver services, and checks running out soon. Each look at this page is recorded." />
      <ReviewAnnouncements>
        <div className="space-y-6">
          <Card aria-labelledby="waiting-heading">
            <CardTitle id="waiting-heading">Waiting for you to verify ({review.waiting.length})</CardTitle>
            <p className="mt-1 text-sm text-stone-700">Check each against the certificate, register or policy (for a DBS, the Update Service status). Until you verify it, it doesn&apos;t count.</p>
            {review.waiting.length === 0 ? (
              <div className="mt-3">
                <EmptyState>Nothing waiting. New details from associates will appear here.</EmptyState>
              </div>
            ) : (
              <ul className="mt-4 space-y-4">
                {review.waiting.map((record) => {
                  const who = record.associate.user.name ?? record.associate.user.email;
                  const what = `${who}'s ${kindInSentence(record.kind)}`;
                  return (
                    <li key={record.id} className="rounded-lg border border-stone-200 p-4" data-testid={`waiting-${record.id}`}>
                      <h3 className="font-semibold">
                        {who} · {complianceKindLabel[record.kind]}
                      </h3>
                      <p className="text-sm text-stone-700">Sent {formatDate(record.createdAt)}</p>
                      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                        {describeDetails(record).map(([term, value]) => (
                          <div key={term} className="contents">
                            <dt className="text-stone-600">{term}</dt>
                            <dd className="break-words font-medium">{value}</dd>
                          </div>
                        ))}
                      </dl>
                      <div className="mt-3">
                        <ReviewCheckActions recordId={record.id} what={what} />
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
          <Card aria-labelledby="services-heading">
            <CardTitle id="services-heading">Asking to deliver a service ({review.pendingQualifications.length})</CardTitle>
            {review.pendingQualifications.length === 0 ? (
              <div className="mt-3">
                <EmptyState>No requests waiting.</EmptyState>
              </div>
            ) : (
              <ul className="mt-4 divide-y divide-stone-200">
                {review.pendingQualifications.map((request) => {
                  const who = request.associate.user.name ?? "An associate";
                  return (
                    <li key={request.id} className="flex flex-col gap-3 py-3 md:flex-row md:items-start md:justify-between">
                      <div>
                        <p className="font-semibold">
                          {who} · {request.service.name}
                        </p>
                        <p className="text-sm text-stone-700">
                          {EXPERTISE[request.associate.expertise]} · asked {formatDate(request.createdAt)}
                          {request.service.childFacing ? " · works directly with children" : ""}
                          {request.service.requiresSocialWorkRegistration ? " · the professional role needs Social Work England registration" : ""}
                        </p>
                      </div>
                      <ReviewServiceActions qualificationId={request.id} what={`${who} for ${request.service.name}`} />
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
          <Card aria-labelledby="expiring-heading">
            <CardTitle id="expiring-heading">Running out in the next 30 days ({review.expiring.length})</CardTitle>
            <p className="mt-1 text-sm text-stone-700">Verified checks with no renewal verified yet. Each associate is emailed once, 30 days before.</p>
            {review.expiring.length === 0 ? (
              <div className="mt-3">
                <EmptyState>Nothing runs out in the next 30 days.</EmptyState>
              </div>
            ) : (
              <ul className="mt-4 divide-y divide-stone-200">
                {review.expiring.map((check) => (
                  <li key={check.recordId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      <span className="font-medium">{check.associateName ?? check.email}</span> · {complianceKindLabel[check.kind]} ({check.reference})
                    </span>
                    <Badge tone="warning">
                      {check.daysLeft === 0 ? "Last day today" : `Runs out ${formatIsoDate(check.validUntil)} · ${check.daysLeft} day${check.daysLeft === 1 ? "" : "s"}`}
                    </Badge>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </ReviewAnnouncements>
    </>
  );
}
