import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ComplianceSummary, expertiseText, UtilisationBar } from "@/components/director/associate-parts";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatIsoDate } from "@/lib/domain/time/calendar-date";
import { formatDate, formatDateTime, formatPence } from "@/lib/format";
import { complianceKindLabel, payPreferenceLabel, taxStatusLabel } from "@/lib/labels";
import { getAssociateSummary } from "@/lib/server/director/associates";

export const metadata: Metadata = { title: "Associate" };
export const dynamic = "force-dynamic";

const linkClass = "font-semibold text-brand-800 underline";

const kindStatusText = { VERIFIED: "Current", EXPIRING: "Expiring soon", WAITING: "To verify", NOT_ACCEPTED: "Not accepted", LAPSED: "Lapsed", MISSING: "Not given" } as const;
const paymentStatusText = { PENDING: "In a draft pay run", APPROVED: "Approved, to pay", PAID: "Paid" } as const;

export default async function DirectorAssociatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireDirector(`/director/associates/${id}`);
  const a = await getAssociateSummary(db, { actor, unverifiedAssociateId: id });
  if (!a) notFound();
  return (
    <>
      <p className="mb-2">
        <Link className={linkClass} href="/director/associates">
          All associates
        </Link>
      </p>
      <PageHeader title={a.name} description={`${expertiseText[a.expertise]} · ${a.email}`}>
        {a.isActive ? null : <Badge>Not active</Badge>}
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="pay-heading">
          <CardTitle id="pay-heading">Pay</CardTitle>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="font-medium">Fee per half day</dt>
            <dd>{formatPence(a.feePerHalfDayPence)}</dd>
            <dt className="font-medium">How they&apos;re paid</dt>
            <dd>
              {payPreferenceLabel[a.payPreference]}
              {a.payPreference === "CHARITY" && a.charityName ? ` (${a.charityName})` : ""}
            </dd>
            <dt className="font-medium">Tax status</dt>
            <dd>{taxStatusLabel[a.taxStatus]}</dd>
            <dt className="font-medium">On benefits</dt>
            <dd>{a.receivesBenefits ? "Yes (their own declaration)" : "No"}</dd>
            {a.receivesBenefits ? (
              <>
                <dt className="font-medium">Benefits advice offered</dt>
                <dd>{a.benefitsAdviceOfferedOn ? formatIsoDate(a.benefitsAdviceOfferedOn) : "Not yet"}</dd>
                <dt className="font-medium">Their earnings threshold</dt>
                <dd>{a.earningsCapPence !== null ? `${formatPence(a.earningsCapPence)} a ${a.capPeriod === "WEEK" ? "week" : "month"}` : "Not set"}</dd>
              </>
            ) : null}
            <dt className="font-medium">Expense claims open</dt>
            <dd>
              {a.openClaims}
              {a.openClaims > 0 ? (
                <>
                  {" "}
                  <Link className={linkClass} href="/director/expenses">
                    Decide
                  </Link>
                </>
              ) : null}
            </dd>
          </dl>
        </Card>

        <Card aria-labelledby="util-heading">
          <CardTitle id="util-heading">Next 4 weeks</CardTitle>
          <p className="mt-1 text-sm text-stone-700">
            {formatIsoDate(a.window.firstDay)} to {formatIsoDate(a.window.lastDay)}
          </p>
          <div className="mt-3">
            <UtilisationBar utilisation={a.utilisation} />
          </div>
          {a.upcoming.length === 0 ? (
            <div className="mt-3">
              <EmptyState>No sessions booked or offered in the next four weeks.</EmptyState>
            </div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200 text-sm">
              {a.upcoming.map((s) => (
                <li key={s.id} className="py-2">
                  <p className="font-medium">{formatDateTime(s.delivery.startsAt)}</p>
                  <p className="text-stone-700">
                    {s.delivery.engagement.service.name} for {s.delivery.engagement.organisation.name} · {s.role === "LIVED" ? "lived-experience role" : "professional role"} ·{" "}
                    {s.status === "ACCEPTED" ? "accepted" : "offered, not yet accepted"}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card aria-labelledby="checks-heading">
          <CardTitle id="checks-heading">Checks</CardTitle>
          <div className="mt-3">
            <ComplianceSummary compliance={a.compliance} />
          </div>
          <ul className="mt-3 divide-y divide-stone-200 text-sm">
            {a.kinds.map((k) => (
              <li key={k.kind} className="flex justify-between gap-3 py-2">
                <span>{complianceKindLabel[k.kind]}</span>
                <span className="text-right">
                  {kindStatusText[k.status]}
                  {k.current?.validUntil ? ` until ${formatIsoDate(k.current.validUntil)}` : ""}
                </span>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-sm">
            <Link className={linkClass} href="/director/checks">
              Verify checks and approve services
            </Link>
          </p>
        </Card>

        <Card aria-labelledby="services-heading">
          <CardTitle id="services-heading">Services</CardTitle>
          {a.qualifications.length === 0 ? (
            <div className="mt-3">
              <EmptyState>Not set up for any services yet.</EmptyState>
            </div>
          ) : (
            <ul className="mt-3 space-y-1 text-sm">
              {a.qualifications.map((q) => (
                <li key={q.serviceName}>
                  {q.serviceName} {q.status === "PENDING" ? <Badge tone="warning">To approve</Badge> : <Badge tone="good">Approved</Badge>}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card aria-labelledby="payments-heading" className="lg:col-span-2">
          <CardTitle id="payments-heading">Recent payments</CardTitle>
          {a.payments.length === 0 ? (
            <div className="mt-3">
              <EmptyState>No payments yet.</EmptyState>
            </div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200 text-sm">
              {a.payments.map((p) => (
                <li key={p.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <span>
                    {p.expenseClaimId ? "Expenses" : "Fee"} · {paymentStatusText[p.status]}
                    {p.paidAt ? ` on ${formatDate(p.paidAt)}` : ""}
                    {p.payRunId ? (
                      <>
                        {" "}
                        ·{" "}
                        <Link className={linkClass} href={`/director/pay/${p.payRunId}`}>
                          pay run
                        </Link>
                      </>
                    ) : null}
                  </span>
                  <span className="tabular-nums">{formatPence(p.amountPence)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
