import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NewDraftForm } from "@/components/director/invoice-forms";
import { Button } from "@/components/ui/button";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatPence } from "@/lib/format";
import { engagementStatusLabel } from "@/lib/labels";
import { getDraftCandidates } from "@/lib/server/director/invoice-drafts";
import { getInvoicesOverview } from "@/lib/server/director/invoices";

export const metadata: Metadata = { title: "New invoice" };
export const dynamic = "force-dynamic";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2";

/** Choose an engagement (ready to invoice, or any by reference for billing in advance), then its sessions. */
export default async function NewInvoicePage({ searchParams }: { searchParams: Promise<{ engagement?: string }> }) {
  const actor = await requireDirector("/director/invoices/new");
  const { engagement: reference } = await searchParams;

  if (!reference) {
    const overview = (await getInvoicesOverview({ db, actor }))!;
    return (
      <>
        <PageHeader title="New invoice" description="Invoices are made from an engagement's sessions. Choose one that is ready, or look one up by its reference." />
        <div className="grid gap-6 lg:grid-cols-2">
          <Card aria-labelledby="ready-heading">
            <CardTitle id="ready-heading">Ready to invoice</CardTitle>
            {overview.readyToInvoice.length === 0 ? (
              <div className="mt-3">
                <EmptyState>All delivered work has been invoiced.</EmptyState>
              </div>
            ) : (
              <ul className="mt-3 divide-y divide-stone-200">
                {overview.readyToInvoice.map((e) => (
                  <li key={e.reference} className="py-3">
                    <Link className="font-semibold text-brand-800 underline" href={`/director/invoices/new?engagement=${encodeURIComponent(e.reference)}`}>
                      {e.serviceName} for {e.organisationName} ({e.reference})
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card aria-labelledby="lookup-heading">
            <CardTitle id="lookup-heading">Bill an engagement in advance</CardTitle>
            <form method="get" className="mt-3 space-y-3">
              <label htmlFor="engagement-reference" className="block font-medium">
                Engagement reference
              </label>
              <p id="engagement-reference-hint" className="text-sm text-stone-700">
                For example GT-2026-0042, from the engagement or the client&apos;s booking.
              </p>
              <input id="engagement-reference" name="engagement" aria-describedby="engagement-reference-hint" className={inputClass} autoComplete="off" />
              <Button type="submit" variant="secondary">
                Find engagement
              </Button>
            </form>
          </Card>
        </div>
      </>
    );
  }

  const candidates = await getDraftCandidates({ db, actor, unverifiedReference: reference });
  if (!candidates) notFound();
  const { engagement, work } = candidates;
  return (
    <>
      <PageHeader
        title={`Invoice ${engagement.service.name} for ${engagement.organisation.name}`}
        description={`${engagement.reference} · ${engagementStatusLabel[engagement.status]} · ${formatPence(engagement.unitPricePenceSnapshot)} a session before VAT. The invoice goes to ${engagement.organisation.invoiceEmail ?? "the person who booked (no invoice email is set)"}.`}
      />
      <Card>
        {engagement.paymentMethod !== "INVOICE" ? (
          <EmptyState>This booking was paid by card when it was made, so there is nothing to invoice.</EmptyState>
        ) : work.length === 0 ? (
          <EmptyState>Nothing is left to invoice on this engagement: every session is already on an invoice or a draft.</EmptyState>
        ) : (
          <NewDraftForm
            reference={engagement.reference}
            work={work.map((item) => ({ deliveryId: item.deliveryId, kind: item.kind, description: item.description, unitPricePence: item.unitPricePence }))}
            defaults={{ purchaseOrderNumber: engagement.purchaseOrderNumber ?? "", isPoRequired: engagement.organisation.poRequired, paymentTermsDays: engagement.organisation.paymentTermsDays, vatRateBasisPoints: engagement.vatRateBasisPointsSnapshot }}
          />
        )}
      </Card>
      <p className="mt-4">
        <Link className="font-semibold text-brand-800 underline" href="/director/invoices">
          Back to invoices
        </Link>
      </p>
    </>
  );
}
