import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { QuoteForm } from "@/components/director/quote-form";
import { QuoteSummary } from "@/components/quotes/quote-summary";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDate } from "@/lib/format";
import { getRequestForDirector } from "@/lib/server/quotes/get-requests";

export const metadata: Metadata = { title: "Request" };
export const dynamic = "force-dynamic";

const DEFAULT_TERMS = "Payment within 30 days of invoice. Cancellation: 28 days or more before a session, no charge; 14 to 27 days, half the price; less than 14 days, the full price.";
const quoteStatusLabel: Record<string, string> = { SENT: "Sent, waiting for the client", ACCEPTED: "Accepted", DECLINED: "Declined", EXPIRED: "Expired or replaced", DRAFT: "Draft" };

export default async function RequestPage({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<{ sent?: string }> }) {
  const { reference } = await params;
  const { sent } = await searchParams;
  const actor = await requireDirector(`/director/requests/${reference}`);
  const request = await getRequestForDirector(db, { actor, unverifiedReference: reference });
  if (!request) notFound();
  const latest = request.quotes[0];
  const canQuote = request.status === "REQUESTED" || request.status === "QUOTED";
  return (
    <>
      <PageHeader title={`${request.service.name} for ${request.organisation.name}`} description={`${request.reference} · asked ${formatDate(request.createdAt)} by ${request.requestedBy.name ?? request.requestedBy.email}`} />
      {sent ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          <strong>Quote sent.</strong> The client has been emailed and can accept it online.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle>What they asked for</CardTitle>
          <p className="mt-2 whitespace-pre-line">{request.needs ?? "—"}</p>
          <p className="mt-2 text-sm text-stone-700">Preferred dates: {request.preferredDates ?? "none given"}</p>
          <p className="text-sm text-stone-700">Sessions: {request.sessionsRequested}</p>
          {request.organisation.poRequired ? <p className="text-sm text-stone-700">This organisation needs a PO number to accept.</p> : null}
        </Card>
        {latest ? (
          <Card>
            <CardTitle>Latest quote: {quoteStatusLabel[latest.status]}</CardTitle>
            <div className="mt-3">
              <QuoteSummary quote={latest} />
            </div>
            {latest.declineReason ? <p className="mt-3 text-sm">Their reason: {latest.declineReason}</p> : null}
          </Card>
        ) : null}
      </div>
      {canQuote ? (
        <Card className="mt-6">
          <CardTitle className="mb-4">{latest ? "Send a new quote (replaces an unanswered one)" : "Send a quote"}</CardTitle>
          <QuoteForm
            reference={request.reference}
            sessions={Math.min(20, Math.max(1, request.sessionsRequested))}
            modes={request.service.deliveryModes}
            defaultLine={{ description: `${request.service.name} session`, unitPrice: (request.service.pricePence / 100).toFixed(2) }}
            defaultTerms={DEFAULT_TERMS}
          />
        </Card>
      ) : null}
    </>
  );
}
