import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { formatDate, formatDateTime, formatPence } from "@/lib/format";
import { alertKindLabel, complianceKindLabel, deliveryStatusLabel, engagementStatusLabel, engagementStatusOrder } from "@/lib/labels";
import { getDirectorOverview } from "@/lib/server/overview/get-director-overview";

export const metadata: Metadata = { title: "Overview" };

export default async function DirectorOverviewPage() {
  const actor = await requireDirector("/director");
  const overview = await getDirectorOverview({ actor });
  return (
    <>
      <PageHeader title={`Good to see you, ${actor.name?.split(" ")[0] ?? "there"}`} description="What needs you today, and where every engagement stands." />
      <section aria-labelledby="pipeline-heading" className="mb-8">
        <h2 id="pipeline-heading" className="mb-3 text-lg font-semibold">
          Engagements by stage
        </h2>
        <p className="mb-3">
          <Link className="font-semibold text-brand-800 underline" href="/director/engagements">
            See every engagement and what needs you
          </Link>
        </p>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {engagementStatusOrder.map((status) => (
            <li key={status} className="rounded-xl border border-stone-200 bg-white p-4">
              <p className="text-sm text-stone-700">{engagementStatusLabel[status]}</p>
              <p className="text-2xl font-bold" data-testid={`count-${status}`}>
                {overview.counts[status] ?? 0}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="alerts-heading">
          <CardTitle id="alerts-heading">Needs your attention</CardTitle>
          {overview.alerts.length === 0 ? (
            <div className="mt-3"><EmptyState>Nothing needs you right now.</EmptyState></div>
          ) : (
            <ul className="mt-3 space-y-3">
              {overview.alerts.map((alert) => (
                <li key={alert.id} className="rounded-lg border border-amber-200 bg-amber-50 p-3">
                  <Badge tone="warning">{alertKindLabel[alert.kind]}</Badge>
                  <p className="mt-1">{alert.message}</p>
                  <p className="text-xs text-stone-700">Raised {formatDateTime(alert.createdAt)}</p>
                  {alert.deliveryId ? (
                    <p className="mt-1">
                      <Link className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline" href={`/director/deliveries/${alert.deliveryId}`}>
                        Re-pair this session
                      </Link>
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="pairing-heading">
          <CardTitle id="pairing-heading">Deliveries without a confirmed pair</CardTitle>
          {overview.needsPairing.length === 0 ? (
            <div className="mt-3"><EmptyState>Every upcoming delivery has its pair.</EmptyState></div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {overview.needsPairing.map((delivery) => (
                <li key={delivery.id} className="py-2">
                  <p className="font-medium">
                    <Link className="text-brand-800 underline" href={`/director/deliveries/${delivery.id}`}>
                      {delivery.engagement.service.name} for {delivery.engagement.organisation.name}
                    </Link>
                  </p>
                  <p className="text-sm text-stone-700">
                    {formatDateTime(delivery.startsAt)} · <Badge tone={delivery.status === "NEEDS_PAIRING" ? "danger" : "warning"}>{deliveryStatusLabel[delivery.status]}</Badge>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="money-heading">
          <CardTitle id="money-heading">Overdue invoices</CardTitle>
          <p className="mt-2 text-3xl font-bold">{formatPence(overview.overdue.totalPence)}</p>
          <p className="text-stone-700">
            across {overview.overdue.count} invoice{overview.overdue.count === 1 ? "" : "s"} past their due date
          </p>
          <p className="mt-2">
            <Link className="font-semibold text-brand-800 underline" href="/director/invoices">
              Invoices and money owed
            </Link>
          </p>
          <p className="mt-1">
            <Link className="font-semibold text-brand-800 underline" href="/director/reports">
              Impact and evaluation reports
            </Link>
            {" · "}
            <Link className="font-semibold text-brand-800 underline" href="/director/audit">
              Audit log
            </Link>
          </p>
          <p className="mt-1">
            <Link className="font-semibold text-brand-800 underline" href="/director/pay">
              Associate pay and expense claims
            </Link>
          </p>
        </Card>
        <Card aria-labelledby="compliance-heading">
          <CardTitle id="compliance-heading">Checks lapsed or due in the next 30 days</CardTitle>
          {overview.lapsing.length === 0 ? (
            <div className="mt-3"><EmptyState>All associates&apos; checks are current.</EmptyState></div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {overview.lapsing.map((record) => (
                <li key={record.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{record.associate.user.name}</span> · {complianceKindLabel[record.kind]}
                  </span>
                  <Badge tone={record.isLapsed ? "danger" : "warning"}>
                    {record.isLapsed ? "Lapsed" : "Due"} {formatDate(record.expiresOn!)}
                  </Badge>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="week-heading" className="lg:col-span-2">
          <CardTitle id="week-heading">Confirmed this week</CardTitle>
          {overview.upcoming.length === 0 ? (
            <div className="mt-3"><EmptyState>No confirmed deliveries in the next seven days.</EmptyState></div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {overview.upcoming.map((delivery) => (
                <li key={delivery.id} className="py-2">
                  {formatDateTime(delivery.startsAt)} · {delivery.engagement.service.name} for {delivery.engagement.organisation.name}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <nav aria-label="More of the business" className="mt-8">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <Link className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline" href="/director/inspections">
              Mock-inspection reports
            </Link>
          </li>
          <li>
            <Link className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline" href="/director/services">
              The catalogue: prices and who co-delivers
            </Link>
          </li>
          <li>
            <Link className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline" href="/director/clients">
              Clients and their billing details
            </Link>
          </li>
        </ul>
      </nav>
    </>
  );
}
