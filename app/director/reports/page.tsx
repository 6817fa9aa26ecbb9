import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BarChart } from "@/components/charts/bar-chart";
import { formatHours, ReportNav, ReportPeriodSwitch, ReportStat } from "@/components/director/report-nav";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { describeGini } from "@/lib/domain/fairness";
import { formatDateTime, formatPence } from "@/lib/format";
import { getImpactReport } from "@/lib/server/director/reports";

export const metadata: Metadata = { title: "Impact report" };
export const dynamic = "force-dynamic";

const percent = (share: number) => `${Math.round(share * 100)}%`;

export default async function ImpactReportPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const actor = await requireDirector("/director/reports");
  const { period } = await searchParams;
  let result = await getImpactReport({ db, actor, input: { period } });
  const refusal = result.ok ? null : result.message;
  if (!result.ok) result = await getImpactReport({ db, actor, input: {} });
  if (!result.ok) notFound();
  const report = result.data;
  const { lived, spread, coDelivery } = report;
  const share = coDelivery.delivered === 0 ? null : coDelivery.coDelivered / coDelivery.delivered;
  const earners = report.people.filter((p) => p.paidPence > 0);

  return (
    <>
      <PageHeader title="Impact" description="Paid work for care-experienced associates, how evenly it is shared, and whether every session was co-delivered. Each look at this page is recorded, because it shows what people earned." />
      <ReportNav active="impact" period={report.range.period} />
      <ReportPeriodSwitch basePath="/director/reports" period={report.range.period} rangeLabel={report.range.label} />
      {refusal ? (
        <div className="mb-6">
          <FormAlert message={`${refusal} Showing this quarter instead.`} />
        </div>
      ) : null}

      <section aria-labelledby="headline-heading" className="mb-8">
        <h2 id="headline-heading" className="sr-only">
          Headline figures
        </h2>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <ReportStat label="Paid hours for care-experienced associates" value={formatHours(lived.paidMinutes)} testId="impact-hours" detail={`${lived.paidSessions} paid session${lived.paidSessions === 1 ? "" : "s"} in the lived-experience role`} />
          <ReportStat label="Fees for care-experienced associates" value={formatPence(lived.paidPence)} testId="impact-pounds" detail={`${formatPence(lived.paidOutPence)} of it paid out so far`} />
          <ReportStat
            label="Care-experienced associates given paid work"
            value={String(lived.associatesPaid)}
            testId="impact-lived-people"
            detail={`of ${spread.people} who can take the lived-experience role`}
          />
          <ReportStat label="Associates given paid work (any role)" value={String(report.associatesPaidAnyRole)} testId="impact-all-people" />
          <ReportStat
            label="Sessions co-delivered"
            value={share === null ? "No sessions" : percent(share)}
            testId="impact-codelivered"
            detail={
              share === null ? (
                "No sessions were delivered in this period."
              ) : (
                <>
                  {coDelivery.coDelivered} of {coDelivery.delivered} delivered sessions{" "}
                  {coDelivery.exceptions.length === 0 ? <Badge tone="good">All co-delivered</Badge> : <Badge tone="danger">{coDelivery.exceptions.length} not co-delivered: see below</Badge>}
                </>
              )
            }
          />
          <ReportStat label="How evenly paid work is shared" value={spread.peopleWithSome === 0 ? "No paid work yet" : `Gini ${spread.gini.toFixed(2)}`} testId="impact-gini" detail={spread.peopleWithSome === 0 ? undefined : describeGini(spread.gini)} />
        </div>
        {lived.unpaidMinutes > 0 ? (
          <p className="mt-3 text-sm text-stone-700">
            Also {formatHours(lived.unpaidMinutes)} in the lived-experience role by associates who chose expenses only or no payment. These are not counted as paid hours.
          </p>
        ) : null}
      </section>

      {coDelivery.exceptions.length > 0 ? (
        <Card aria-labelledby="exceptions-heading" className="mb-6 border-red-300">
          <CardTitle id="exceptions-heading">Sessions delivered without a pair ({coDelivery.exceptions.length})</CardTitle>
          <p className="mt-1 text-sm text-stone-700">Every session should be led by a care-experienced associate and a professional associate together. Please look into these.</p>
          <ul className="mt-3 divide-y divide-stone-200">
            {coDelivery.exceptions.map((exception) => (
              <li key={exception.deliveryId} className="py-2">
                <Link className="font-semibold text-brand-800 underline" href={`/director/requests/${encodeURIComponent(exception.engagementReference)}`}>
                  {exception.serviceName} for {exception.organisationName}
                </Link>
                <p className="text-sm text-stone-700">
                  {formatDateTime(exception.startsAt)} · {exception.engagementReference} · {exception.missing}
                </p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card aria-labelledby="spread-heading" className="mb-6">
        <CardTitle id="spread-heading">Who had paid work</CardTitle>
        {spread.people === 0 ? (
          <div className="mt-3">
            <EmptyState>There are no active associates who can take the lived-experience role yet.</EmptyState>
          </div>
        ) : (
          <div className="mt-3 space-y-4">
            <p className="text-stone-800">
              {spread.peopleWithSome === 0 ? (
                "Nobody had paid lived-experience work in this period yet."
              ) : (
                <>
                  The Gini coefficient is <strong>{spread.gini.toFixed(2)}</strong>: {describeGini(spread.gini).toLowerCase()} The top {spread.topFifthCount} {spread.topFifthCount === 1 ? "person" : "people"} (the top 20%) had{" "}
                  <strong>{percent(spread.topFifthShare)}</strong> of the fees. {spread.people - spread.peopleWithSome} of {spread.people} had none.
                </>
              )}
            </p>
            <BarChart
              id="fees-by-associate"
              title="Fees for lived-experience work, by associate"
              summary={
                earners.length === 0
                  ? "No fees in this period."
                  : `${earners[0]!.name} had the most (${formatPence(earners[0]!.paidPence)}); ${spread.people - spread.peopleWithSome} of ${spread.people} associates had no paid lived-experience work.`
              }
              labelHeading="Associate"
              valueHeading="Fees and hours"
              rows={report.people.map((p) => ({
                key: p.associateId,
                label: p.name,
                value: p.paidPence,
                display: p.paidPence > 0 ? `${formatPence(p.paidPence)} · ${formatHours(p.paidMinutes)}` : "No paid work",
              }))}
            />
          </div>
        )}
      </Card>

      <Card aria-labelledby="definitions-heading">
        <CardTitle id="definitions-heading">What these figures count</CardTitle>
        <dl className="mt-3 space-y-3 text-sm">
          <div>
            <dt className="font-semibold">Period</dt>
            <dd className="text-stone-800">The calendar month, quarter (January–March, April–June, July–September, October–December) or year in UK time. A session counts in the period it starts in.</dd>
          </div>
          <div>
            <dt className="font-semibold">Paid work for care-experienced associates</dt>
            <dd className="text-stone-800">
              Sessions marked delivered where an associate accepted the lived-experience role for a fee above £0. Offers that were declined, withdrawn or never answered, and sessions not yet delivered, are not counted.
            </dd>
          </div>
          <div>
            <dt className="font-semibold">Fees</dt>
            <dd className="text-stone-800">The fee agreed for each of those places, whether or not a pay run has paid it yet (&ldquo;paid out&rdquo; is what has been). Expenses are not included: they pay back costs and are not earnings.</dd>
          </div>
          <div>
            <dt className="font-semibold">Hours</dt>
            <dd className="text-stone-800">The length of each session, from its start to its end time.</dd>
          </div>
          <div>
            <dt className="font-semibold">How evenly it is shared</dt>
            <dd className="text-stone-800">
              The <Link className="underline" href="/glossary">Gini coefficient</Link> of the fees across every active associate who can take the lived-experience role, counting those with no paid work as £0. 0 means everyone had the same; the highest possible (one person had everything) is 1 minus 1 divided by the number of people. Up to 0.1 we call very even, up to 0.25 fairly even, up to 0.4 uneven, and above that very uneven.
            </dd>
          </div>
          <div>
            <dt className="font-semibold">Co-delivered</dt>
            <dd className="text-stone-800">A delivered session where at least one care-experienced associate and at least one professional associate, two different people, had both accepted. It should always be 100%.</dd>
          </div>
          <div>
            <dt className="font-semibold">Associates given paid work (any role)</dt>
            <dd className="text-stone-800">Different associates with at least one fee on a delivered session in the period, in either role.</dd>
          </div>
        </dl>
      </Card>
    </>
  );
}
