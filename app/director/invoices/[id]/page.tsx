import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddLineForm, CreditNoteForm, DeleteDraftForm, DraftDetailsForm, EditLineForm, IssueInvoiceForm, MarkPaidForm, ReissueForm } from "@/components/director/invoice-forms";
import { InvoiceStatusBadge, LatePaymentFacts, LatePaymentNote } from "@/components/director/invoice-parts";
import { Button } from "@/components/ui/button";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatCreditNoteNumber, formatDate, formatInvoiceNumber, formatPence } from "@/lib/format";
import { getInvoiceDetail, type InvoiceDetail } from "@/lib/server/director/invoices";

export const metadata: Metadata = { title: "Invoice" };
export const dynamic = "force-dynamic";

const linkClass = "font-semibold text-brand-800 underline";

type Notices = { created?: string; issued?: string; paid?: string; credited?: string; reissued?: string };

export default async function InvoicePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Notices> }) {
  const { id } = await params;
  const actor = await requireDirector(`/director/invoices/${id}`);
  const invoice = await getInvoiceDetail({ db, actor, unverifiedInvoiceId: id });
  if (!invoice) notFound();
  const notices = await searchParams;
  const isDraft = invoice.status === "DRAFT";
  const title = isDraft ? `Draft invoice for ${invoice.organisation.name}` : `Invoice ${formatInvoiceNumber(invoice.number)}`;
  return (
    <>
      <PageHeader title={title} description={[invoice.organisation.name, invoice.engagement ? `${invoice.engagement.service.name} (${invoice.engagement.reference})` : null].filter(Boolean).join(" · ")}>
        <Button asChild variant="secondary">
          <a href={`/director/invoices/${invoice.id}/invoice.pdf`}>{isDraft ? "Preview PDF" : "Download PDF"}</a>
        </Button>
        {!isDraft ? (
          <Button asChild variant="secondary">
            <a href={`/director/invoices/${invoice.id}/invoice.xml`}>Download e-invoice (UBL)</a>
          </Button>
        ) : null}
      </PageHeader>
      <StatusNotice invoice={invoice} notices={notices} />

      <div className="mb-6 flex flex-wrap items-center gap-3">
        <InvoiceStatusBadge status={invoice.status} isOverdue={invoice.lateness?.isOverdue ?? false} />
        {invoice.replaces ? (
          <span className="text-sm">
            Replaces{" "}
            <Link className={linkClass} href={`/director/invoices/${invoice.replaces.id}`}>
              {formatInvoiceNumber(invoice.replaces.number)}
            </Link>
          </span>
        ) : null}
        {invoice.reissuedAs ? (
          <span className="text-sm">
            Re-issued as{" "}
            <Link className={linkClass} href={`/director/invoices/${invoice.reissuedAs.id}`}>
              {invoice.reissuedAs.number === null ? "a draft" : formatInvoiceNumber(invoice.reissuedAs.number)}
            </Link>
          </span>
        ) : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card aria-labelledby="lines-heading">
            <CardTitle id="lines-heading">Lines</CardTitle>
            {!isDraft ? <p className="mt-1 text-sm text-stone-700">An issued invoice can&apos;t be changed. To correct it, issue a credit note, then re-issue it.</p> : null}
            <Lines invoice={invoice} />
          </Card>
          {isDraft ? (
            <Card aria-labelledby="add-line-heading">
              <CardTitle id="add-line-heading" className="mb-3">
                Add a line
              </CardTitle>
              <AddLineForm invoiceId={invoice.id} />
            </Card>
          ) : null}
          {invoice.lateness?.isOverdue ? (
            <Card aria-labelledby="late-heading">
              <CardTitle id="late-heading" className="mb-3">
                Late payment
              </CardTitle>
              <LatePaymentFacts lateness={invoice.lateness} outstandingPence={invoice.outstandingPence} />
              <p className="mt-3 text-sm">
                Reminders sent: {invoice.remindersSent.length ? invoice.remindersSent.map((stage) => `${stage} day${stage === 1 ? "" : "s"} overdue`).join(", ") : "none yet"} (they go automatically at 1, 14 and 30 days).
              </p>
              <div className="mt-3">
                <LatePaymentNote />
              </div>
            </Card>
          ) : null}
          {!isDraft ? (
            <Card aria-labelledby="credit-heading">
              <CardTitle id="credit-heading">Credit notes</CardTitle>
              {invoice.creditNotes.length === 0 ? (
                <div className="mt-3">
                  <EmptyState>No credit notes against this invoice.</EmptyState>
                </div>
              ) : (
                <ul className="mt-3 divide-y divide-stone-200">
                  {invoice.creditNotes.map((note) => (
                    <li key={note.id} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between">
                      <div>
                        <p className="font-medium">
                          {formatCreditNoteNumber(note.number)} · {formatPence(note.totalPence)} including VAT · {formatDate(note.issuedOn)}
                        </p>
                        <p className="text-sm text-stone-700">{note.reason}</p>
                      </div>
                      <a className={linkClass} href={`/director/invoices/credit-notes/${note.id}/credit-note.pdf`}>
                        Download<span className="sr-only"> {formatCreditNoteNumber(note.number)}</span> (PDF)
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              {invoice.isFullyCredited ? (
                <div className="mt-4 space-y-2">
                  <p>This invoice has been credited in full.</p>
                  {invoice.reissuedAs ? null : <ReissueForm invoiceId={invoice.id} />}
                </div>
              ) : (
                <div className="mt-4 border-t border-stone-200 pt-4">
                  <h3 className="mb-3 font-semibold">Issue a credit note</h3>
                  <CreditNoteForm invoiceId={invoice.id} canCreditWhole={invoice.canCreditWhole} totalPence={invoice.totalPence} creditable={invoice.creditableByRate} />
                </div>
              )}
            </Card>
          ) : null}
        </div>

        <div className="space-y-6">
          <Card aria-labelledby="facts-heading">
            <CardTitle id="facts-heading" className="mb-3">
              {isDraft ? "PO and terms" : "Details"}
            </CardTitle>
            {isDraft ? (
              <DraftDetailsForm invoiceId={invoice.id} purchaseOrderNumber={invoice.purchaseOrderNumber ?? ""} paymentTermsDays={invoice.paymentTermsDays} isPoRequired={invoice.organisation.poRequired} />
            ) : (
              <Facts invoice={invoice} />
            )}
          </Card>
          {isDraft ? (
            <Card aria-labelledby="issue-heading">
              <CardTitle id="issue-heading" className="mb-3">
                Issue
              </CardTitle>
              <div className="space-y-4">
                <IssueInvoiceForm invoiceId={invoice.id} recipient={invoice.organisation.invoiceEmail} totalPence={invoice.totalPence} />
                <DeleteDraftForm invoiceId={invoice.id} />
              </div>
            </Card>
          ) : null}
          {invoice.status === "ISSUED" ? (
            <Card aria-labelledby="paid-heading">
              <CardTitle id="paid-heading" className="mb-3">
                Record a payment
              </CardTitle>
              <MarkPaidForm invoiceId={invoice.id} today={invoice.today} outstandingPence={invoice.outstandingPence} />
              {invoice.canPayByCard ? (
                <p className="mt-4 text-sm text-stone-700">
                  Card payments are on: the client can pay this by card from their invoices page (the link is in the invoice email), and it marks itself paid.
                </p>
              ) : null}
            </Card>
          ) : null}
        </div>
      </div>
      <p className="mt-6">
        <Link className={linkClass} href="/director/invoices">
          Back to invoices
        </Link>
      </p>
    </>
  );
}

function StatusNotice({ invoice, notices }: { invoice: InvoiceDetail; notices: Notices }) {
  const message = notices.issued
    ? `Issued as ${formatInvoiceNumber(invoice.number)} and emailed to ${invoice.billing.invoiceEmail ?? "the client"} with the PDF attached.`
    : notices.paid
      ? `Marked as paid.${notices.paid === "all" ? " Everything on this engagement is now paid." : ""}`
      : notices.credited
        ? `Credit note ${formatCreditNoteNumber(Number(notices.credited))} issued and emailed to the client.${invoice.isFullyCredited && !invoice.reissuedAs ? " The invoice is now credited in full: you can re-issue it with corrections." : ""}`
        : notices.reissued
          ? "A new draft has been made from the credited invoice. Correct it, then issue it."
          : notices.created
            ? "Draft created. Check the lines, then issue it."
            : null;
  if (!message) return null;
  return (
    <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
      {message}
    </p>
  );
}

function Lines({ invoice }: { invoice: InvoiceDetail }) {
  const isDraft = invoice.status === "DRAFT";
  if (invoice.lines.length === 0) {
    return (
      <div className="mt-3">
        <EmptyState>No lines yet. Add one below.</EmptyState>
      </div>
    );
  }
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">Invoice lines with VAT worked out on each line</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="py-2 pr-3">Description</th>
            <th scope="col" className="py-2 pr-3 text-right">Qty</th>
            <th scope="col" className="py-2 pr-3 text-right">Unit price</th>
            <th scope="col" className="py-2 pr-3 text-right">VAT</th>
            <th scope="col" className="py-2 text-right">Net</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line, index) => (
            <tr key={line.id} className="border-b border-stone-200 align-top">
              <td className="py-2 pr-3">
                {line.description}
                {line.vatRateBasisPoints === 0 && line.vatExemptionReason ? <span className="block text-xs text-stone-700">No VAT: {line.vatExemptionReason}</span> : null}
                {isDraft ? <EditLineForm invoiceId={invoice.id} line={line} position={index + 1} /> : null}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">{line.quantity}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{formatPence(line.unitPricePence)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">
                {line.vatRateBasisPoints / 100}%<span className="block text-xs text-stone-700">{formatPence(line.vatPence)}</span>
              </td>
              <td className="py-2 text-right tabular-nums">{formatPence(line.netPence)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="tabular-nums">
          <tr>
            <th scope="row" colSpan={4} className="pt-3 pr-3 text-right font-medium">
              Subtotal
            </th>
            <td className="pt-3 text-right">{formatPence(invoice.subtotalPence)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={4} className="pr-3 text-right font-medium">
              VAT
            </th>
            <td className="text-right" data-testid="invoice-vat">
              {formatPence(invoice.vatPence)}
            </td>
          </tr>
          <tr>
            <th scope="row" colSpan={4} className="pr-3 text-right font-bold">
              Total
            </th>
            <td className="text-right font-bold" data-testid="invoice-total">
              {formatPence(invoice.totalPence)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Facts({ invoice }: { invoice: InvoiceDetail }) {
  const rows: [string, string][] = [
    ["Issued", invoice.issuedOn ? formatDate(invoice.issuedOn) : "—"],
    ["Due", invoice.dueOn ? `${formatDate(invoice.dueOn)} (${invoice.paymentTermsDays} days)` : "—"],
    ["PO number", invoice.purchaseOrderNumber ?? "None"],
    ["Sent to", invoice.billing.invoiceEmail ?? "—"],
    ["Total", formatPence(invoice.totalPence)],
    ...(invoice.creditedPence ? ([["Credited", formatPence(invoice.creditedPence)]] as [string, string][]) : []),
    ...(invoice.status === "ISSUED" ? ([["Still owed", formatPence(invoice.outstandingPence)]] as [string, string][]) : []),
    ...(invoice.paidAt ? ([["Paid", `${formatDate(invoice.paidAt)}${invoice.paymentReference ? ` · ${invoice.paymentReference}` : ""}`]] as [string, string][]) : []),
  ];
  return (
    <dl className="space-y-2">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt className="text-sm font-medium text-stone-700">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
