import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { formatDate, formatDateTime, formatPence } from "@/lib/format";
import { alertKindLabel, deliveryStatusLabel } from "@/lib/labels";
import { OFFER_EXPIRY_WARNING_HOURS, REQUEST_WAITING_WORKING_DAYS, type PipelineAlerts } from "@/lib/server/director/pipeline";

const linkClass = "inline-flex min-h-11 items-center font-semibold text-brand-800 underline";

function Group({ id, title, count, children }: { id: string; title: string; count: number; children: React.ReactNode }) {
  if (count === 0) return null;
  return (
    <section aria-labelledby={id} className="border-t border-stone-200 pt-3">
      <h3 id={id} className="font-semibold">
        {title} <span className="font-normal text-stone-700">({count})</span>
      </h3>
      <ul className="mt-1 space-y-2">{children}</ul>
    </section>
  );
}

/** Everything that needs the director, each item linking to where she deals with it. */
export function PipelineAlertsPanel({ alerts }: { alerts: PipelineAlerts }) {
  return (
    <Card aria-labelledby="pipeline-alerts-heading" className="space-y-4">
      <CardTitle id="pipeline-alerts-heading">Needs your attention</CardTitle>
      {alerts.total === 0 ? (
        <EmptyState>Nothing needs you right now. New alerts appear here as soon as something changes.</EmptyState>
      ) : null}
      <Group id="alerts-open" title="Alerts" count={alerts.openAlertCount}>
        {alerts.openAlerts.map((alert) => (
          <li key={alert.id} className="rounded-lg border border-amber-200 bg-amber-50 p-3">
            <Badge tone="warning">{alertKindLabel[alert.kind]}</Badge>
            <p className="mt-1">{alert.message}</p>
            <p className="text-xs text-stone-700">Raised {formatDateTime(alert.createdAt)}</p>
            {alert.deliveryId ? (
              <Link className={linkClass} href={`/director/deliveries/${alert.deliveryId}`}>
                Re-pair this session
              </Link>
            ) : null}
          </li>
        ))}
        {alerts.openAlertCount > alerts.openAlerts.length ? (
          <li className="text-sm text-stone-700">and {alerts.openAlertCount - alerts.openAlerts.length} older alerts</li>
        ) : null}
      </Group>
      <Group id="alerts-pairing" title="Sessions without a pair" count={alerts.needsPairing.length}>
        {alerts.needsPairing.map((d) => (
          <li key={d.deliveryId}>
            <Link className={linkClass} href={`/director/deliveries/${d.deliveryId}`}>
              {d.serviceName} for {d.organisationName}, {formatDateTime(d.startsAt)}
            </Link>{" "}
            <Badge tone="danger">{deliveryStatusLabel[d.status]}</Badge>
          </li>
        ))}
      </Group>
      <Group id="alerts-offers" title={`Offers ending in the next ${OFFER_EXPIRY_WARNING_HOURS} hours`} count={alerts.expiringOffers.length}>
        {alerts.expiringOffers.map((o) => (
          <li key={o.assignmentId}>
            <Link className={linkClass} href={`/director/deliveries/${o.deliveryId}`}>
              {o.associateName}: {o.serviceName} for {o.organisationName}
            </Link>
            <p className="text-sm text-stone-700">Offer ends {formatDateTime(o.expiresAt)}; session {formatDateTime(o.startsAt)}</p>
          </li>
        ))}
      </Group>
      <Group id="alerts-compliance" title="Checks that won't cover a booked session" count={alerts.complianceLapsing.length}>
        {alerts.complianceLapsing.map((c) => (
          <li key={`${c.deliveryId}-${c.associateId}`}>
            <Link className={linkClass} href={`/director/deliveries/${c.deliveryId}`}>
              {c.associateName}: {c.serviceName} for {c.organisationName}, {formatDate(c.startsAt)}
            </Link>
            <ul className="list-disc pl-5 text-sm text-stone-700">
              {c.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </li>
        ))}
      </Group>
      <Group id="alerts-invoices" title="Overdue invoices" count={alerts.overdueInvoices.count}>
        <li>
          {formatPence(alerts.overdueInvoices.totalPence)} across {alerts.overdueInvoices.count} invoice{alerts.overdueInvoices.count === 1 ? "" : "s"} past their due date.{" "}
          <Link className={linkClass} href="/director/invoices">
            Invoices and money owed
          </Link>
        </li>
      </Group>
      <Group id="alerts-requests" title={`Requests waiting more than ${REQUEST_WAITING_WORKING_DAYS} working days`} count={alerts.waitingRequests.length}>
        {alerts.waitingRequests.map((r) => (
          <li key={r.reference}>
            <Link className={linkClass} href={`/director/requests/${r.reference}`}>
              {r.serviceName} for {r.organisationName} ({r.reference})
            </Link>
            <p className="text-sm text-stone-700">Asked on {formatDate(r.createdAt)}</p>
          </li>
        ))}
      </Group>
    </Card>
  );
}
