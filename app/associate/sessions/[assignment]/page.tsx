import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { WithdrawForm } from "@/components/associate/session-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatPence, formatTimeRange } from "@/lib/format";
import { deliveryModeLabel } from "@/lib/labels";
import { getSession } from "@/lib/server/associates/sessions";

export const metadata: Metadata = { title: "Session details" };

const roleLabel = { LIVED: "lived-experience associate", PROFESSIONAL: "professional associate" } as const;

export default async function SessionPage({ params }: { params: Promise<{ assignment: string }> }) {
  const { assignment: assignmentId } = await params;
  const actor = await requireAssociate(`/associate/sessions/${assignmentId}`);
  const session = await getSession(db, { actor, unverifiedAssignmentId: assignmentId });
  if (!session) notFound();
  const { delivery } = session;
  const attendees = delivery.engagement._count.attendees || delivery.engagement.attendeeCount || 0;
  const isCancelled = session.status === "CANCELLED" || delivery.status === "CANCELLED";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/associate/sessions" className="text-brand-800 underline">
          ← All my sessions
        </Link>
      </p>
      <PageHeader title={`${delivery.engagement.service.name}`} description={`For ${delivery.engagement.organisation.name} · ${formatTimeRange(delivery.startsAt, delivery.endsAt)}`}>
        {isCancelled ? <Badge tone="danger">Cancelled</Badge> : session.status === "WITHDRAWN" ? <Badge>You withdrew</Badge> : delivery.status === "CONFIRMED" ? <Badge tone="good">Confirmed</Badge> : null}
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="joining-heading">
          <CardTitle id="joining-heading">Joining details</CardTitle>
          <dl className="mt-3 space-y-2 text-sm">
            <div>
              <dt className="font-medium text-stone-700">How</dt>
              <dd>{deliveryModeLabel[delivery.mode]}</dd>
            </div>
            {delivery.mode === "IN_PERSON" ? (
              <div>
                <dt className="font-medium text-stone-700">Where</dt>
                <dd>{delivery.location ?? "The venue will be confirmed by the director."}</dd>
              </div>
            ) : (
              <div>
                <dt className="font-medium text-stone-700">Video link</dt>
                <dd>{delivery.videoLink ? <a href={delivery.videoLink} className="break-all text-brand-800 underline">{delivery.videoLink}</a> : "The link will be added before the session."}</dd>
              </div>
            )}
            <div>
              <dt className="font-medium text-stone-700">Group</dt>
              <dd>{attendees > 0 ? `${attendees} ${attendees === 1 ? "person" : "people"}` : "Numbers not confirmed yet"}</dd>
            </div>
            {delivery.joiningInstructions ? (
              <div>
                <dt className="font-medium text-stone-700">Instructions for everyone</dt>
                <dd className="whitespace-pre-line">{delivery.joiningInstructions}</dd>
              </div>
            ) : null}
            <div>
              <dt className="font-medium text-stone-700">Your role and fee</dt>
              <dd>
                {session.role === "LIVED" ? "Lived-experience associate" : "Professional associate"}
                {session.feePence > 0 ? ` · ${formatPence(session.feePence)}` : " · no fee (expenses only)"}
              </dd>
            </div>
            {isCancelled && delivery.cancellationReason ? (
              <div>
                <dt className="font-medium text-stone-700">Why it was cancelled</dt>
                <dd>{delivery.cancellationReason}</dd>
              </div>
            ) : null}
          </dl>
        </Card>
        <Card aria-labelledby="partner-heading">
          <CardTitle id="partner-heading">Your co-facilitator</CardTitle>
          {session.coFacilitators.length === 0 ? (
            <p className="mt-3 text-sm">We&apos;re finding your co-facilitator. We&apos;ll let you know who it is as soon as they accept.</p>
          ) : (
            <ul className="mt-3 space-y-3 text-sm">
              {session.coFacilitators.map((partner) => (
                <li key={partner.name}>
                  <p className="font-semibold">
                    {partner.name}, {roleLabel[partner.role]}
                  </p>
                  {partner.email ? (
                    <p>
                      <a href={`mailto:${partner.email}`} className="text-brand-800 underline">
                        {partner.email}
                      </a>
                      {partner.phone ? ` · ${partner.phone}` : ""}
                    </p>
                  ) : (
                    <p className="text-stone-700">{partner.hasAccepted ? "" : "They haven't accepted yet; their contact details appear once they do."}</p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="prep-heading" className="lg:col-span-2">
          <CardTitle id="prep-heading">Preparation notes</CardTitle>
          <p className="mt-3 whitespace-pre-line text-sm">{delivery.prepNotes ?? "No notes from the director yet. If you'd like to plan together, contact your co-facilitator."}</p>
        </Card>
        {session.canWithdraw ? (
          <Card aria-labelledby="withdraw-heading" className="lg:col-span-2">
            <CardTitle id="withdraw-heading">Can&apos;t make it any more?</CardTitle>
            <div className="mt-3">
              <WithdrawForm assignmentId={session.id} />
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}
