import type { Metadata } from "next";
import Link from "next/link";
import { AgedDebtTable, InvoiceStatusBadge, LatePaymentNote } from "@/components/director/invoice-parts";
import { Button } from "@/components/ui/button";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatCreditNoteNumber, formatDate, formatInvoiceNumber, formatPence } from "@/lib/format";
import { getInvoicesOverview } from "@/lib/server/director/invoices";

export const metadata: Metadata = { title: "Invoices" };
export const dynamic = "force-dynamic";

const linkClass = "font-semibold text-brand-800 underline";

export default async function DirectorInvoicesPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const actor = await requireDirector("/director/invoices");
  const { deleted } = await searchParams;
  const overview = (await getInvoicesOverview({ db, actor }))!;
  const overdueTotal = overview.overdue.reduce((sum, invoice) => sum + invoice.outstandingPence, 0);
  return (
    <>
      <PageHeader title="Invoices" description="Work ready to invoice, drafts to finish, and who owes what.">
        <Button asChild>
          <Link href="/director/invoices/new">New invoice</Link>
        </Button>
        <Button asChild variant="secondary">
          <a href="/director/invoices/export.csv">Download all invoices (CSV)</a>
        </Button>
      </PageHeader>
      {deleted ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          The draft has been deleted.
        </p>
      ) : null}

      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Card>
          <p className="text-sm text-stone-700">Owed to us</p>
          <p className="text-2xl font-bold tabular-nums">{formatPence(overview.agedDebt.totalPence)}</p>
          <p className="text-sm text-stone-700">
            on {overview.open.length} invoice{overview.open.length === 1 ? "" : "s"} waiting for payment
          </p>
        </Card>
        <Card>
          <p className="text-sm text-stone-700">Overdue</p>
          <p className="text-2xl font-bold tabular-nums">{formatPence(overdueTotal)}</p>
          <p className="text-sm text-stone-700">
            on {overview.overdue.length} invoice{overview.overdue.length === 1 ? "" : "s"} past their due date
          </p>
        </Card>
        <Card>
          <p className="text-sm text-stone-700">Ready to invoice</p>
          <p className="text-2xl font-bold tabular-nums">{overview.readyToInvoice.length}</p>
          <p className="text-sm text-stone-700">engagement{overview.readyToInvoice.length === 1 ? "" : "s"} with delivered work not yet invoiced</p>
        </Card>
      </div>

      <div className="space-y-6">
        <Card aria-labelledby="ready-heading">
          <CardTitle id="ready-heading">Ready to invoice</CardTitle>
          {overview.readyToInvoice.length === 0 ? (
            <div className="mt-3">
              <EmptyState>All delivered work has been invoiced. To bill a confirmed booking in advance, choose “New invoice”.</EmptyState>
            </div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {overview.readyToInvoice.map((engagement) => (
                <li key={engagement.reference} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div>
                    <p className="font-medium">
                      {engagement.serviceName} for {engagement.organisationName}
                    </p>
                    <p className="text-sm text-stone-700">
                      {engagement.reference} · {engagement.delivered} session{engagement.delivered === 1 ? "" : "s"} delivered
                      {engagement.charges ? ` · ${engagement.charges} cancellation charge${engagement.charges === 1 ? "" : "s"}` : ""} · about {formatPence(engagement.approxNetPence)} before VAT
                    </p>
                  </div>
                  <Link className={linkClass} href={`/director/invoices/new?engagement=${encodeURIComponent(engagement.reference)}`}>
                    Create draft<span className="sr-only"> invoice for {engagement.reference}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card aria-labelledby="drafts-heading">
          <CardTitle id="drafts-heading">Drafts</CardTitle>
          {overview.drafts.length === 0 ? (
            <div className="mt-3">
              <EmptyState>No drafts waiting to be issued.</EmptyState>
            </div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {overview.drafts.map((draft) => (
                <li key={draft.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div>
                    <Link className={linkClass} href={`/director/invoices/${draft.id}`}>
                      Draft for {draft.organisation.name}
                      {draft.engagement ? ` (${draft.engagement.reference})` : ""}
                    </Link>
                    <p className="text-sm text-stone-700">
                      {draft._count.lines} line{draft._count.lines === 1 ? "" : "s"} · {formatPence(draft.totalPence)} including VAT · started {formatDate(draft.createdAt)}
                      {draft.replacesInvoiceNumber ? ` · replaces ${formatInvoiceNumber(draft.replacesInvoiceNumber)}` : ""}
                    </p>
                  </div>
                  <InvoiceStatusBadge status="DRAFT" />
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card aria-labelledby="aged-heading">
          <CardTitle id="aged-heading">Money owed, by age</CardTitle>
          <div className="mt-3">{overview.agedDebt.clients.length === 0 ? <EmptyState>Nobody owes anything right now.</EmptyState> : <AgedDebtTable summary={overview.agedDebt} />}</div>
        </Card>

        <Card aria-labelledby="overdue-heading">
          <CardTitle id="overdue-heading">Overdue invoices</CardTitle>
          {overview.overdue.length === 0 ? (
            <div className="mt-3">
              <EmptyState>Nothing is overdue.</EmptyState>
            </div>
          ) : (
            <div className="mt-3 space-y-3">
              <div className="overflow-x-auto">
                <table className="w-full min-w-[48rem] text-left text-sm">
                  <caption className="sr-only">Overdue invoices with the statutory interest and compensation that could be claimed</caption>
                  <thead>
                    <tr className="border-b border-stone-300">
                      <th scope="col" className="py-2 pr-3">Invoice</th>
                      <th scope="col" className="py-2 pr-3">Client</th>
                      <th scope="col" className="py-2 pr-3">Due</th>
                      <th scope="col" className="py-2 pr-3 text-right">Days overdue</th>
                      <th scope="col" className="py-2 pr-3 text-right">Owed</th>
                      <th scope="col" className="py-2 pr-3 text-right">Interest so far</th>
                      <th scope="col" className="py-2 pr-3 text-right">Compensation</th>
                      <th scope="col" className="py-2">Reminders sent</th>
                    </tr>
                  </thead>
                  <tbody>
                    {overview.overdue.map((invoice) => (
                      <tr key={invoice.id} className="border-b border-stone-200" data-testid={`overdue-${invoice.number}`}>
                        <th scope="row" className="py-2 pr-3">
                          <Link className={linkClass} href={`/director/invoices/${invoice.id}`}>
                            {formatInvoiceNumber(invoice.number)}
                          </Link>
                        </th>
                        <td className="py-2 pr-3">{invoice.organisation.name}</td>
                        <td className="py-2 pr-3">{formatDate(invoice.dueOn!)}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">{invoice.daysOverdue}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">{formatPence(invoice.outstandingPence)}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">
                          {formatPence(invoice.lateness.interestPence)}
                          <span className="block text-xs text-stone-700">at {invoice.lateness.annualRateBasisPoints / 100}% a year</span>
                        </td>
                        <td className="py-2 pr-3 text-right tabular-nums">{formatPence(invoice.lateness.compensationPence)}</td>
                        <td className="py-2">{invoice.remindersSent.length ? invoice.remindersSent.map((stage) => `day ${stage}`).join(", ") : "None yet"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <LatePaymentNote />
            </div>
          )}
        </Card>

        <Card aria-labelledby="open-heading">
          <CardTitle id="open-heading">Waiting for payment</CardTitle>
          {overview.open.length === 0 ? (
            <div className="mt-3">
              <EmptyState>No issued invoices are waiting for payment.</EmptyState>
            </div>
          ) : (
            <InvoiceTable
              caption="Issued invoices waiting for payment, soonest due first"
              rows={overview.open.map((invoice) => ({ ...invoice, isOverdue: invoice.lateness.isOverdue, amountLabel: formatPence(invoice.outstandingPence) }))}
              amountHeading="Owed"
            />
          )}
        </Card>

        <Card aria-labelledby="recent-heading">
          <CardTitle id="recent-heading">Recently paid or credited</CardTitle>
          {overview.recent.length === 0 ? (
            <div className="mt-3">
              <EmptyState>No paid or credited invoices yet.</EmptyState>
            </div>
          ) : (
            <InvoiceTable caption="The latest paid or credited invoices" rows={overview.recent.map((invoice) => ({ ...invoice, isOverdue: false, amountLabel: formatPence(invoice.totalPence) }))} amountHeading="Total" />
          )}
        </Card>

        <Card aria-labelledby="credits-heading">
          <CardTitle id="credits-heading">Credit notes</CardTitle>
          {overview.creditNotes.length === 0 ? (
            <div className="mt-3">
              <EmptyState>No credit notes yet. To correct an issued invoice, open it and issue a credit note.</EmptyState>
            </div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {overview.creditNotes.map((note) => (
                <li key={note.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div>
                    <p className="font-medium">
                      {formatCreditNoteNumber(note.number)} · {formatPence(note.totalPence)} against{" "}
                      <Link className={linkClass} href={`/director/invoices/${note.invoice.id}`}>
                        {formatInvoiceNumber(note.invoice.number)}
                      </Link>
                    </p>
                    <p className="text-sm text-stone-700">
                      {note.invoice.organisation.name} · {formatDate(note.issuedOn)} · {note.reason}
                    </p>
                  </div>
                  <a className={linkClass} href={`/director/invoices/credit-notes/${note.id}/credit-note.pdf`}>
                    Download<span className="sr-only"> {formatCreditNoteNumber(note.number)}</span> (PDF)
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

type Row = { id: string; number: number | null; status: "DRAFT" | "ISSUED" | "PAID" | "VOID"; issuedOn: Date | null; dueOn: Date | null; organisation: { name: string }; engagement: { reference: string } | null; isOverdue: boolean; amountLabel: string };

function InvoiceTable({ caption, rows, amountHeading }: { caption: string; rows: Row[]; amountHeading: string }) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="py-2 pr-3">Invoice</th>
            <th scope="col" className="py-2 pr-3">Client</th>
            <th scope="col" className="py-2 pr-3">Issued</th>
            <th scope="col" className="py-2 pr-3">Due</th>
            <th scope="col" className="py-2 pr-3 text-right">{amountHeading}</th>
            <th scope="col" className="py-2">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((invoice) => (
            <tr key={invoice.id} className="border-b border-stone-200">
              <th scope="row" className="py-2 pr-3">
                <Link className={linkClass} href={`/director/invoices/${invoice.id}`}>
                  {formatInvoiceNumber(invoice.number)}
                </Link>
              </th>
              <td className="py-2 pr-3">
                {invoice.organisation.name}
                {invoice.engagement ? <span className="block text-stone-700">{invoice.engagement.reference}</span> : null}
              </td>
              <td className="py-2 pr-3">{invoice.issuedOn ? formatDate(invoice.issuedOn) : "—"}</td>
              <td className="py-2 pr-3">{invoice.dueOn ? formatDate(invoice.dueOn) : "—"}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{invoice.amountLabel}</td>
              <td className="py-2">
                <InvoiceStatusBadge status={invoice.status} isOverdue={invoice.isOverdue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
