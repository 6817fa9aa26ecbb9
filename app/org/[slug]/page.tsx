import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import { formatDate, formatInvoiceNumber, formatPence, formatTimeRange } from "@/lib/format";
import { deliveryModeLabel, deliveryStatusLabel, engagementStatusLabel } from "@/lib/labels";
import { getClientHome } from "@/lib/server/overview/get-client-home";

export const metadata: Metadata = { title: "Your organisation" };

export default async function ClientHomePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const context = await requireMembership(slug, undefined, `/org/${slug}`);
  const home = await getClientHome({ context });
  const today = new Date();
  return (
    <>
      <PageHeader title={context.organisation.name} description="Your upcoming sessions, invoices to pay and everything you have booked with us.">
        <Button asChild>
          <Link href="/services">Book training</Link>
        </Button>
        <Button asChild variant="secondary">
          <Link href={`/org/${slug}/invoices`}>Invoices</Link>
        </Button>
        {context.role === "ORG_ADMIN" ? (
          <Button asChild variant="secondary">
            <Link href={`/org/${slug}/settings`}>Settings and colleagues</Link>
          </Button>
        ) : null}
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="upcoming-heading" className="lg:col-span-2">
          <CardTitle id="upcoming-heading">Upcoming sessions</CardTitle>
          {home.upcoming.length === 0 ? (
            <div className="mt-3"><EmptyState>Nothing booked yet. Browse our services to book training or ask for support.</EmptyState></div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {home.upcoming.map((delivery) => {
                // Honest status: "Confirmed" only with the accepted pair; otherwise we are still finding them.
                const isConfirmed = delivery.status === "CONFIRMED";
                return (
                  <li key={delivery.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
                    <div>
                      <p className="font-semibold">
                        <Link href={`/org/${slug}/engagements/${delivery.engagement.reference}`} className="hover:underline">
                          {delivery.engagement.service.name}
                        </Link>
                      </p>
                      <p className="text-sm text-stone-700">
                        {formatTimeRange(delivery.startsAt, delivery.endsAt)} · {deliveryModeLabel[delivery.mode]}
                        {delivery.location ? ` · ${delivery.location}` : ""}
                      </p>
                      {isConfirmed ? (
                        <p className="text-sm">With {delivery.assignments.map((a) => a.associate.user.name).join(" and ")}</p>
                      ) : null}
                    </div>
                    <Badge tone={isConfirmed ? "good" : "warning"}>{deliveryStatusLabel[delivery.status]}</Badge>
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="invoices-heading">
          <CardTitle id="invoices-heading">Invoices to pay</CardTitle>
          {home.invoicesDue.length === 0 ? (
            <div className="mt-3"><EmptyState>No invoices waiting for payment.</EmptyState></div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {home.invoicesDue.map((invoice) => {
                const isOverdue = invoice.dueOn !== null && invoice.dueOn < today;
                return (
                  <li key={invoice.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      <span className="font-medium">{formatInvoiceNumber(invoice.number)}</span> · {formatPence(invoice.totalPence)}
                      {invoice.purchaseOrderNumber ? <span className="text-sm text-stone-700"> · PO {invoice.purchaseOrderNumber}</span> : null}
                    </span>
                    <Badge tone={isOverdue ? "danger" : "neutral"}>
                      {isOverdue ? "Overdue since" : "Due"} {invoice.dueOn ? formatDate(invoice.dueOn) : ""}
                    </Badge>
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="engagements-heading">
          <CardTitle id="engagements-heading">Your bookings and requests</CardTitle>
          {home.engagements.length === 0 ? (
            <div className="mt-3"><EmptyState>You haven&apos;t booked anything yet.</EmptyState></div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {home.engagements.map((engagement) => (
                <li key={engagement.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <Link href={`/org/${slug}/engagements/${engagement.reference}`} className="font-medium hover:underline">
                    {engagement.service.name} <span className="text-sm text-stone-700">({engagement.reference})</span>
                  </Link>
                  <Badge>{engagementStatusLabel[engagement.status]}</Badge>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
