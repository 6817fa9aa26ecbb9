import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AttendanceForm } from "@/components/booking/attendance-form";
import { describeCancellationTerms } from "@/lib/cancellation-terms";
import { AttendeesPanel } from "@/components/booking/attendees-panel";
import { QuoteResponse } from "@/components/quotes/quote-response";
import { QuoteSummary } from "@/components/quotes/quote-summary";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import Link from "next/link";
import { formatInvoiceNumber, formatPence, formatTimeRange } from "@/lib/format";
import { deliveryModeLabel, deliveryStatusLabel, engagementStatusLabel } from "@/lib/labels";
import { getEngagementForClient } from "@/lib/server/engagements/get-engagement";

export const metadata: Metadata = { title: "Booking" };

export default async function EngagementPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; reference: string }>;
  searchParams: Promise<{ sent?: string; requested?: string; cancelled?: string; accepted?: string; declined?: string; paid?: string; moved?: string }>;
}) {
  const { slug, reference } = await params;
  const { sent, requested, cancelled, accepted, declined, paid, moved } = await searchParams;
  const now = new Date();
  const context = await requireMembership(slug, undefined, `/org/${slug}/engagements/${reference}`);
  const engagement = await getEngagementForClient({ context, unverifiedReference: reference });
  if (!engagement) notFound();
  const quote = engagement.quotes[0];
  return (
    <>
      <PageHeader title={engagement.service.name} description={`Reference ${engagement.reference}${engagement.purchaseOrderNumber ? ` · PO ${engagement.purchaseOrderNumber}` : ""}`}>
        <Badge>{engagementStatusLabel[engagement.status]}</Badge>
      </PageHeader>
      {sent && engagement.status === "AWAITING_FACILITATORS" ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          <strong>Thank you — your booking has been sent.</strong> We&apos;re asking your two facilitators to confirm. It shows as &ldquo;awaiting facilitators&rdquo; until both have said yes, and we&apos;ll email you when it&apos;s confirmed.
        </p>
      ) : null}
      {paid ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          {engagement.status === "PENDING_PAYMENT" ? (
            <>
              <strong>Thank you.</strong> We&apos;re waiting for the card payment to come through — this usually takes a few seconds. Refresh the page to check.
            </>
          ) : (
            <>
              <strong>Payment received — thank you.</strong> We&apos;re asking your two facilitators to confirm, and we&apos;ll email you when it&apos;s confirmed.
            </>
          )}
        </p>
      ) : null}
      {moved ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          <strong>The session has been moved.</strong> We&apos;ve told your facilitators and everyone on the attendee list.
        </p>
      ) : null}
      {cancelled ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          <strong>Cancelled.</strong> We&apos;ve emailed you a confirmation and let the facilitators and attendees know.
        </p>
      ) : null}
      {requested && engagement.status === "REQUESTED" ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          <strong>Thank you — we&apos;ve got your request.</strong> We&apos;ll come back to you with a quote. Nothing is booked or charged until you accept it.
        </p>
      ) : null}
      {accepted ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          <strong>Thank you — you&apos;ve accepted the quote.</strong> We&apos;re asking the facilitators for each session to confirm; each shows as &ldquo;awaiting facilitators&rdquo; until both have said yes.
        </p>
      ) : null}
      {declined ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          <strong>Thanks for letting us know.</strong> We&apos;ll be in touch about what would work better.
        </p>
      ) : null}
      {quote && quote.status === "SENT" ? (
        <Card className="mb-6">
          <CardTitle>Your quote</CardTitle>
          <div className="mt-3 space-y-6">
            <QuoteSummary quote={quote} />
            <div>
              <h3 className="font-semibold">If you need to cancel later</h3>
              <ul className="mt-1 list-disc pl-5 text-sm">
                {describeCancellationTerms(engagement.cancellationTerms).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
            <QuoteResponse orgSlug={slug} quoteId={quote.id} poRequired={engagement.organisation.poRequired} />
          </div>
        </Card>
      ) : null}
      {engagement.needs ? (
        <Card className="mb-6">
          <CardTitle>What you asked for</CardTitle>
          <p className="mt-2 whitespace-pre-line">{engagement.needs}</p>
          {engagement.preferredDates ? <p className="mt-2 text-sm text-stone-700">Preferred dates: {engagement.preferredDates}</p> : null}
        </Card>
      ) : null}
      <Card>
        <CardTitle>Sessions</CardTitle>
        {engagement.deliveries.length === 0 ? (
          <div className="mt-3"><EmptyState>No dates are set yet. We&apos;ll be in touch with a quote and dates.</EmptyState></div>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200">
            {engagement.deliveries.map((delivery) => (
              <li key={delivery.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div>
                  <p className="font-medium">{formatTimeRange(delivery.startsAt, delivery.endsAt)}</p>
                  <p className="text-sm text-stone-700">
                    {deliveryModeLabel[delivery.mode]}
                    {delivery.location ? ` · ${delivery.location}` : ""}
                  </p>
                  {delivery.status === "CONFIRMED" || delivery.status === "DELIVERED" ? (
                    <p className="text-sm">With {delivery.assignments.map((a) => a.associate.user.name).join(" and ")}</p>
                  ) : null}
                  {delivery.status === "CONFIRMED" && delivery.videoLink ? (
                    <p className="text-sm">
                      Video link:{" "}
                      <a className="font-medium text-brand-800 underline" href={delivery.videoLink} rel="noopener noreferrer" target="_blank">
                        {delivery.videoLink}
                      </a>
                    </p>
                  ) : null}
                  {delivery.status === "CONFIRMED" && delivery.joiningInstructions ? <p className="whitespace-pre-line text-sm">Joining instructions: {delivery.joiningInstructions}</p> : null}
                </div>
                <div className="flex flex-wrap items-center gap-3">
                  <Badge tone={delivery.status === "CONFIRMED" ? "good" : delivery.status === "CANCELLED" ? "neutral" : "warning"}>
                    {deliveryStatusLabel[delivery.status]}
                  </Badge>
                  {delivery.status === "CANCELLED" && delivery.cancellationChargePence !== null ? (
                    <span className="text-sm text-stone-700">Charge: {formatPence(delivery.cancellationChargePence)} + VAT</span>
                  ) : null}
                  {delivery.status !== "HELD" ? (
                    <a className="text-sm font-semibold text-brand-800 underline" href={`/org/${slug}/engagements/${reference}/sessions/${delivery.id}/calendar.ics`}>
                      {delivery.status === "CANCELLED" ? "Remove from my calendar" : "Add to my calendar"}
                    </a>
                  ) : null}
                  {["NEEDS_PAIRING", "AWAITING_ACCEPTANCE", "CONFIRMED"].includes(delivery.status) && delivery.startsAt > now ? (
                    <Link className="text-sm font-semibold text-brand-800 underline" href={`/org/${slug}/engagements/${reference}/reschedule/${delivery.id}`}>
                      Move to another time
                    </Link>
                  ) : null}
                  {delivery.status !== "CANCELLED" && delivery.status !== "DELIVERED" && delivery.startsAt > now ? (
                    <Link className="text-sm font-semibold text-red-800 underline" href={`/org/${slug}/engagements/${reference}/cancel/${delivery.id}`}>
                      Cancel this session
                    </Link>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {engagement.deliveries.filter((d) => ["HELD", "NEEDS_PAIRING", "AWAITING_ACCEPTANCE", "CONFIRMED"].includes(d.status) && d.startsAt > now).length > 1 ? (
        <p className="mt-3">
          <Link className="mr-4 text-sm font-semibold text-brand-800 underline" href={`/org/${slug}/engagements/${reference}/reschedule-all`}>
            Move the whole booking
          </Link>
          <Link className="text-sm font-semibold text-red-800 underline" href={`/org/${slug}/engagements/${reference}/cancel-all`}>
            Cancel the whole booking
          </Link>
        </p>
      ) : null}
      {engagement.attendees.length > 0
        ? engagement.deliveries
            .filter((delivery) => (delivery.status === "CONFIRMED" || delivery.status === "DELIVERED") && delivery.startsAt <= now)
            .map((delivery) => (
              <Card key={delivery.id} className="mt-6">
                <CardTitle className="mb-2">Register for {formatTimeRange(delivery.startsAt, delivery.endsAt)}</CardTitle>
                <AttendanceForm orgSlug={slug} reference={engagement.reference} deliveryId={delivery.id} attendees={engagement.attendees} isUpdate={delivery.status === "DELIVERED"} />
              </Card>
            ))
        : null}
      {engagement.invoices.length > 0 || engagement.deliveries.some((d) => d.status !== "HELD") ? (
        <Card className="mt-6">
          <CardTitle className="mb-2">Documents</CardTitle>
          <ul className="space-y-1 text-sm">
            {engagement.invoices.map((invoice) => (
              <li key={invoice.id}>
                <a className="font-semibold text-brand-800 underline" href={`/org/${slug}/invoices/${invoice.number}/invoice.pdf`}>
                  Invoice {formatInvoiceNumber(invoice.number)} (PDF)
                </a>{" "}
                · {formatPence(invoice.totalPence)} · {invoice.status === "PAID" ? "paid" : invoice.status === "VOID" ? "void" : "to pay"}
              </li>
            ))}
            {engagement.deliveries
              .filter((d) => d.status !== "HELD")
              .map((delivery) => (
                <li key={delivery.id}>
                  <a className="font-semibold text-brand-800 underline" href={`/org/${slug}/engagements/${reference}/sessions/${delivery.id}/calendar.ics`}>
                    Calendar invite for {formatTimeRange(delivery.startsAt, delivery.endsAt)}
                  </a>
                </li>
              ))}
          </ul>
          <p className="mt-2 text-sm text-stone-700">Attendees get their certificates from their own feedback link after the session.</p>
        </Card>
      ) : null}
      {engagement.deliveries.length > 0 ? (
        <Card className="mt-6">
          <CardTitle className="mb-2">Who&apos;s coming</CardTitle>
          <AttendeesPanel
            orgSlug={slug}
            reference={engagement.reference}
            attendees={engagement.attendees}
            capacity={engagement.service.capacity}
            isEditable={["PENDING_PAYMENT", "AWAITING_FACILITATORS", "CONFIRMED"].includes(engagement.status)}
          />
        </Card>
      ) : null}
    </>
  );
}
