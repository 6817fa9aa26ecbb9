import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDate, formatInvoiceNumber, formatPence } from "@/lib/format";
import { listClientInvoices } from "@/lib/server/invoices/client-invoices";
import { getStripe } from "@/lib/integrations/payments/stripe";
import { PayByCardButton } from "@/components/invoices/pay-by-card";

export const metadata: Metadata = { title: "Invoices" };
export const dynamic = "force-dynamic";

export default async function InvoicesPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ paid?: string }> }) {
  const { slug } = await params;
  const { paid } = await searchParams;
  const canPayByCard = getStripe() !== null;
  const context = await requireMembership(slug, undefined, `/org/${slug}/invoices`);
  const invoices = await listClientInvoices(db, { context });
  // Due dates are calendar dates: overdue from the day after, in UK time.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  return (
    <>
      <PageHeader title="Invoices" description={`${context.organisation.name}. Pay by bank transfer using the invoice number as the reference.`} />
      {paid ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          <strong>Thank you.</strong> Your card payment is being confirmed; the invoice shows as paid as soon as it comes through (usually seconds).
        </p>
      ) : null}
      <Card>
        {invoices.length === 0 ? (
          <EmptyState>No invoices yet. We send one after each session (or when you accept a quote that asks for payment up front).</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">Your invoices</caption>
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="py-2">Invoice</th>
                  <th scope="col" className="py-2">For</th>
                  <th scope="col" className="py-2">Issued</th>
                  <th scope="col" className="py-2">Due</th>
                  <th scope="col" className="py-2 text-right">Total</th>
                  <th scope="col" className="py-2">Status</th>
                  <th scope="col" className="py-2"><span className="sr-only">Download</span></th>
                </tr>
              </thead>
              <tbody>
                {invoices.map((invoice) => {
                  const isOverdue = invoice.status === "ISSUED" && invoice.dueOn !== null && invoice.dueOn.toISOString().slice(0, 10) < today;
                  return (
                    <tr key={invoice.id} className="border-b border-stone-200">
                      <td className="py-2 font-medium">{formatInvoiceNumber(invoice.number)}</td>
                      <td className="py-2">
                        {invoice.engagement?.service.name ?? "—"}
                        {invoice.purchaseOrderNumber ? <span className="block text-stone-700">PO {invoice.purchaseOrderNumber}</span> : null}
                      </td>
                      <td className="py-2">{invoice.issuedOn ? formatDate(invoice.issuedOn) : "—"}</td>
                      <td className="py-2">{invoice.dueOn ? formatDate(invoice.dueOn) : "—"}</td>
                      <td className="py-2 text-right">{formatPence(invoice.totalPence)}</td>
                      <td className="py-2">
                        <Badge tone={invoice.status === "PAID" ? "good" : isOverdue ? "warning" : "neutral"}>{invoice.status === "PAID" ? "Paid" : invoice.status === "VOID" ? "Void" : isOverdue ? "Overdue" : "To pay"}</Badge>
                      </td>
                      <td className="py-2">
                        <div className="flex flex-wrap items-center gap-3">
                          <a className="font-semibold text-brand-800 underline" href={`/org/${slug}/invoices/${invoice.number}/invoice.pdf`}>
                            Download<span className="sr-only"> {formatInvoiceNumber(invoice.number)}</span> (PDF)
                          </a>
                          {canPayByCard && invoice.status === "ISSUED" && invoice.number !== null ? <PayByCardButton orgSlug={slug} number={invoice.number} label={formatInvoiceNumber(invoice.number)} /> : null}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
