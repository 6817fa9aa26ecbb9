import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { InvoiceStatus } from "@/lib/db/generated/prisma/enums";
import { AGED_DEBT_BUCKETS, type AgedDebtBucket, type AgedDebtSummary, type LatePaymentAssessment } from "@/lib/domain/late-payment";
import { formatDate, formatPence } from "@/lib/format";
import { invoiceStatusLabel } from "@/lib/labels";

/** Small pieces shared by the director's invoice pages (server components). */

const statusTone: Record<InvoiceStatus, BadgeTone> = { DRAFT: "info", ISSUED: "neutral", PAID: "good", VOID: "neutral" };

/** The status in words (never colour alone); an unpaid invoice past its due date says "Overdue". */
export function InvoiceStatusBadge({ status, isOverdue = false }: { status: InvoiceStatus; isOverdue?: boolean }) {
  if (status === "ISSUED" && isOverdue) return <Badge tone="danger">Overdue</Badge>;
  return <Badge tone={statusTone[status]}>{invoiceStatusLabel[status]}</Badge>;
}

export const agedDebtBucketLabel: Record<AgedDebtBucket, string> = {
  CURRENT: "Not yet due",
  DAYS_1_30: "1–30 days overdue",
  DAYS_31_60: "31–60 days",
  DAYS_61_90: "61–90 days",
  DAYS_OVER_90: "Over 90 days",
};

export function AgedDebtTable({ summary }: { summary: AgedDebtSummary }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">Money owed by each client, by how long it has been overdue</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="py-2 pr-3">
              Client
            </th>
            {AGED_DEBT_BUCKETS.map((bucket) => (
              <th key={bucket} scope="col" className="py-2 pr-3 text-right">
                {agedDebtBucketLabel[bucket]}
              </th>
            ))}
            <th scope="col" className="py-2 text-right">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.clients.map((client) => (
            <tr key={client.clientId} className="border-b border-stone-200">
              <th scope="row" className="py-2 pr-3 font-medium">
                {client.clientName}
              </th>
              {AGED_DEBT_BUCKETS.map((bucket) => (
                <td key={bucket} className="py-2 pr-3 text-right tabular-nums">
                  {client.totals[bucket] ? formatPence(client.totals[bucket]) : "—"}
                </td>
              ))}
              <td className="py-2 text-right font-semibold tabular-nums">{formatPence(client.totalPence)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-stone-400">
            <th scope="row" className="py-2 pr-3">
              All clients
            </th>
            {AGED_DEBT_BUCKETS.map((bucket) => (
              <td key={bucket} className="py-2 pr-3 text-right font-semibold tabular-nums" data-testid={`aged-${bucket}`}>
                {formatPence(summary.totals[bucket])}
              </td>
            ))}
            <td className="py-2 text-right font-bold tabular-nums">{formatPence(summary.totalPence)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

const percent = (basisPoints: number) => `${basisPoints / 100}%`;

/** The statutory figures for one overdue debt, with how they were worked out. */
export function LatePaymentFacts({ lateness, outstandingPence }: { lateness: LatePaymentAssessment; outstandingPence: number }) {
  const rows: [string, string][] = [
    ["Days overdue", String(lateness.daysOverdue)],
    ["Owed (including VAT)", formatPence(outstandingPence)],
    ["Interest rate", `${percent(lateness.annualRateBasisPoints)} a year (Bank of England base rate ${percent(lateness.baseRateBasisPoints)} on ${formatDate(new Date(`${lateness.referenceDate}T12:00:00Z`))}, plus 8%)`],
    ["Interest so far", `${formatPence(lateness.interestPence)} (about ${formatPence(lateness.dailyInterestPence)} a day)`],
    ["Fixed compensation", formatPence(lateness.compensationPence)],
    ["Could be claimed in all", formatPence(outstandingPence + lateness.interestPence + lateness.compensationPence)],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-stone-700">{term}</dt>
          <dd className="tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function LatePaymentNote() {
  return (
    <p className="text-sm text-stone-700">
      Under the Late Payment of Commercial Debts (Interest) Act 1998, a business client that pays late owes simple interest at 8% a year above the Bank of England base rate (the rate on 30 June or 31 December
      before the debt became overdue), plus fixed compensation: £40 for a debt under £1,000, £70 up to £9,999.99 and £100 from £10,000. These figures are shown so you can decide; nothing is added to an
      invoice automatically.
    </p>
  );
}
