import type { Metadata } from "next";
import Link from "next/link";
import { OfferResponse } from "@/components/associate/offer-response";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDateTime, formatDuration, formatPence, formatTimeRange } from "@/lib/format";
import { deliveryModeLabel } from "@/lib/labels";
import { listOffers, type AssociateOffer } from "@/lib/server/associates/offers";

export const metadata: Metadata = { title: "Offers" };

const DONE_MESSAGES: Record<string, string> = {
  confirmed: "Thank you — you've accepted. Your co-facilitator has too, so the session is confirmed and the client has been told.",
  accepted: "Thank you — you've accepted. We'll confirm the session with the client as soon as your co-facilitator accepts.",
  declined: "You've declined that one. Thank you for letting us know — we've offered it to someone else.",
};

const roleLabel = { LIVED: "Lived-experience role", PROFESSIONAL: "Professional role" } as const;

export default async function OffersPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const actor = await requireAssociate("/associate/offers");
  const { done } = await searchParams;
  const { offers, expired } = await listOffers(db, { actor });
  const notice = done ? DONE_MESSAGES[done] : undefined;
  return (
    <>
      <PageHeader title="Offers" description="Work we'd like you to do. Take your time to read each one; accept or decline before the reply-by time." />
      {notice ? (
        <p role="status" className="mb-6 rounded-lg bg-green-50 p-4 text-green-900">
          {notice}
        </p>
      ) : null}
      {offers.length === 0 ? (
        <EmptyState>No offers waiting right now. We&apos;ll email you when there&apos;s work that fits your availability and the services you deliver.</EmptyState>
      ) : (
        <ul className="space-y-6" aria-label="Offers waiting for your answer">
          {offers.map((offer) => (
            <li key={offer.id}>
              <OfferCard offer={offer} />
            </li>
          ))}
        </ul>
      )}
      {expired.length > 0 ? (
        <section aria-labelledby="expired-heading" className="mt-10">
          <h2 id="expired-heading" className="text-lg font-semibold">
            Offers that ran out of time
          </h2>
          <p className="text-sm text-stone-700">These can&apos;t be accepted any more. Don&apos;t worry — we&apos;ll keep offering you work.</p>
          <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {expired.map((offer) => (
              <li key={offer.id} className="p-3 text-sm">
                {offer.serviceName} for {offer.clientName} · {formatTimeRange(offer.startsAt, offer.endsAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function OfferCard({ offer }: { offer: AssociateOffer }) {
  const headingId = `offer-${offer.id}`;
  const isBlocked = offer.blockedBy.length > 0;
  const label = `${offer.serviceName} for ${offer.clientName}`;
  return (
    <Card aria-labelledby={headingId}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {offer.serviceName} <span className="font-normal text-stone-700">for {offer.clientName}</span>
        </h2>
        <Badge tone="info">{roleLabel[offer.role]}</Badge>
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium text-stone-700">When</dt>
          <dd>
            {formatTimeRange(offer.startsAt, offer.endsAt)} ({formatDuration(offer.sessionMinutes)})
          </dd>
        </div>
        <div>
          <dt className="font-medium text-stone-700">Where</dt>
          <dd>
            {deliveryModeLabel[offer.mode]}
            {offer.mode === "IN_PERSON" ? ` · ${offer.location ?? offer.clientTown ?? "venue to be confirmed"}` : " · the video link comes with the joining details"}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-stone-700">Working with</dt>
          <dd>
            {offer.coFacilitators.length === 0
              ? "We're still finding your co-facilitator."
              : offer.coFacilitators.map((c) => `${c.name} (${c.hasAccepted ? "has accepted" : "has been asked"})`).join(", ")}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-stone-700">Group</dt>
          <dd>
            {offer.attendees > 0 ? `${offer.attendees} ${offer.attendees === 1 ? "person" : "people"}` : "Numbers not confirmed yet"}
            {offer.isChildFacing ? " · works directly with children or young people" : ""}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-stone-700">Fee</dt>
          <dd>{offer.feePence > 0 ? formatPence(offer.feePence) : "No fee (you've chosen expenses only or not to be paid)"}</dd>
        </div>
        <div>
          <dt className="font-medium text-stone-700">Expenses</dt>
          <dd>
            Paid on top of the fee and kept separate from it: mileage at {offer.mileagePencePerMile}p a mile (the HMRC rate), public transport, meals and
            accommodation with receipts.
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="font-medium text-stone-700">Please reply by</dt>
          <dd>{offer.expiresAt ? formatDateTime(offer.expiresAt) : "No deadline"}</dd>
        </div>
      </dl>
      {isBlocked ? (
        <div className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900" id={`${headingId}-blocked`}>
          <p className="font-semibold">You can&apos;t accept this yet, because of your checks:</p>
          <ul className="mt-1 list-disc pl-5">
            {offer.blockedBy.map((reason) => (
              <li key={reason.code}>{reason.message}</li>
            ))}
          </ul>
          <p className="mt-1">
            Update them on the <Link className="font-semibold underline" href="/associate/checks">Checks</Link> page; the director will verify them. You can still decline.
          </p>
        </div>
      ) : null}
      {offer.warnings.length > 0 ? (
        <div className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <p className="font-semibold">Before you accept</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {offer.warnings.map((warning) => (
              <li key={warning.code}>{warning.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="mt-4">
        <OfferResponse assignmentId={offer.id} isBlocked={isBlocked} label={label} />
      </div>
    </Card>
  );
}
