import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApprovePayRunForm, DeletePayRunForm, MarkPayRunPaidForm } from "@/components/director/pay-forms";
import { payLineKindLabel, payMethodLabel, PayRunStatusBadge } from "@/components/director/pay-parts";
import { Button } from "@/components/ui/button";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import type { PayMethod } from "@/lib/domain/pay-run";
import { formatIsoDate } from "@/lib/domain/time/calendar-date";
import { formatDate, formatDateTime, formatPence } from "@/lib/format";
import { getPayRun } from "@/lib/server/director/pay-runs";

export const metadata: Metadata = { title: "Pay run" };
export const dynamic = "force-dynamic";

export default async function PayRunPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; approved?: string; paid?: string }> }) {
  const { id } = await params;
  const actor = await requireDirector(`/director/pay/${id}`);
  const { created, approved, paid } = await searchParams;
  const paidCount = Number(paid);
  const run = await getPayRun(db, { actor, unverifiedPayRunId: id });
  if (!run) notFound();
  const period = `${formatIsoDate(run.periodStart)} to ${formatIsoDate(run.periodEnd)}`;
  const byAssociate = new Map<string, typeof run.lines>();
  for (const line of run.lines) byAssociate.set(line.associateId, [...(byAssociate.get(line.associateId) ?? []), line]);
  const methods = (Object.keys(run.totalsByMethod) as PayMethod[]).filter((m) => run.totalsByMethod[m] > 0);
  return (
    <>
      <p className="mb-2">
        <Link className="font-semibold text-brand-800 underline" href="/director/pay">
          All pay runs
        </Link>
      </p>
      <PageHeader title={`Pay run: ${period}`} description={<>Bank reference {run.reference}. Created {formatDateTime(run.createdAt)}{run.paidAt ? `; paid ${formatDate(run.paidAt)}` : ""}.</>}>
        <PayRunStatusBadge status={run.status} />
      </PageHeader>
      {created ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          Draft pay run created with {run.lines.length} payment{run.lines.length === 1 ? "" : "s"}. Check it, then approve it.
        </p>
      ) : null}
      {approved && run.status === "APPROVED" ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          Pay run approved. Download the bank file, make the payments, then mark it as paid.
        </p>
      ) : null}
      {paid && run.status === "PAID" && Number.isInteger(paidCount) ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          Marked as paid. {paidCount} payment{paidCount === 1 ? " now shows" : "s now show"} on the associates&apos; statements.
        </p>
      ) : null}

      <div className="space-y-6">
        <Card aria-labelledby="totals-heading">
          <CardTitle id="totals-heading">Totals</CardTitle>
          <dl className="mt-3 grid gap-4 sm:grid-cols-4">
            <div>
              <dt className="text-sm text-stone-700">Total</dt>
              <dd className="text-2xl font-bold tabular-nums" data-testid="pay-run-total">
                {formatPence(run.totalPence)}
              </dd>
            </div>
            {methods.map((method) => (
              <div key={method}>
                <dt className="text-sm text-stone-700">{payMethodLabel[method]}</dt>
                <dd className="text-xl font-semibold tabular-nums">{formatPence(run.totalsByMethod[method])}</dd>
              </div>
            ))}
          </dl>
        </Card>

        <Card aria-labelledby="next-heading">
          <CardTitle id="next-heading">What to do next</CardTitle>
          <div className="mt-3 space-y-4">
            {run.status === "DRAFT" ? (
              <>
                <ApprovePayRunForm payRunId={run.id} totalPence={run.totalPence} />
                <DeletePayRunForm payRunId={run.id} />
              </>
            ) : null}
            {run.status !== "DRAFT" ? (
              <div className="space-y-2">
                <Button asChild variant="secondary">
                  <a href={`/director/pay/${run.id}/bank-file.csv`}>Download the bank file (CSV)</a>
                </Button>
                <p className="text-sm text-stone-700">
                  One row per person paid by bank transfer, with their total. Golden Thread doesn&apos;t store bank details, so the sort code and account number columns are left empty: match
                  the names to the payees saved in your bank. Vouchers and charity gifts are listed below, not in the file.
                </p>
              </div>
            ) : null}
            {run.status === "APPROVED" ? <MarkPayRunPaidForm payRunId={run.id} totalPence={run.totalPence} /> : null}
            {run.status === "PAID" ? <p>Everything in this run has been paid, and it shows on each associate&apos;s statement.</p> : null}
          </div>
        </Card>

        <Card aria-labelledby="lines-heading">
          <CardTitle id="lines-heading">Who is paid</CardTitle>
          {run.lines.length === 0 ? (
            <div className="mt-3">
              <EmptyState>This pay run has no payments.</EmptyState>
            </div>
          ) : (
            <div className="mt-3 space-y-6">
              {[...byAssociate.entries()].map(([associateId, lines]) => (
                <section key={associateId} aria-labelledby={`who-${associateId}`}>
                  <h3 id={`who-${associateId}`} className="font-semibold">
                    {lines[0]!.associateName}: {formatPence(lines.reduce((sum, l) => sum + l.amountPence, 0))}
                  </h3>
                  {/* Focusable so keyboard users can scroll it if a narrow screen makes it overflow. */}
                  <div className="mt-2 overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2" tabIndex={0} role="region" aria-label={`Payments to ${lines[0]!.associateName}`}>
                    <table className="w-full text-left text-sm">
                      <caption className="sr-only">Payments to {lines[0]!.associateName}</caption>
                      <thead>
                        <tr className="border-b border-stone-300">
                          <th scope="col" className="py-2 pr-3">
                            What
                          </th>
                          <th scope="col" className="py-2 pr-3">
                            Session
                          </th>
                          <th scope="col" className="py-2 pr-3">
                            How it&apos;s paid
                          </th>
                          <th scope="col" className="py-2 text-right">
                            Amount
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {lines.map((line) => (
                          <tr key={line.id} className="border-b border-stone-100" data-testid="pay-line">
                            <td className="py-2 pr-3">
                              {payLineKindLabel[line.kind]}
                              {line.description ? <span className="block text-stone-700">{line.description}</span> : null}
                            </td>
                            <td className="py-2 pr-3">
                              {line.sessionStartsAt ? formatDate(line.sessionStartsAt) : "—"}
                              {line.serviceName ? (
                                <span className="block text-stone-700">
                                  {line.serviceName}
                                  {line.organisationName ? ` for ${line.organisationName}` : ""}
                                </span>
                              ) : null}
                            </td>
                            <td className="py-2 pr-3">
                              {line.method ? payMethodLabel[line.method] : "Not paid (declines fees)"}
                              {line.charityName ? <span className="block text-stone-700">to {line.charityName}</span> : null}
                            </td>
                            <td className="py-2 text-right tabular-nums">{formatPence(line.amountPence)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
              ))}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
