import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAssociate } from "@/lib/auth/guards";
import { formatDate, formatDateTime, formatPence, formatTimeRange } from "@/lib/format";
import { complianceKindLabel, deliveryModeLabel } from "@/lib/labels";
import { getAssociateHome } from "@/lib/server/overview/get-associate-home";

export const metadata: Metadata = { title: "My work" };

export default async function AssociateHomePage() {
  const actor = await requireAssociate("/associate");
  const home = await getAssociateHome({ actor });
  const firstName = home.profile?.user.name?.split(" ")[0] ?? "there";
  return (
    <>
      <PageHeader title={`Hello, ${firstName}`} description="Your offers, your next sessions and anything to keep up to date." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="offers-heading">
          <CardTitle id="offers-heading">Offers waiting for you</CardTitle>
          {home.offers.length === 0 ? (
            <div className="mt-3"><EmptyState>No offers right now. We&apos;ll email you when there is work that fits your availability.</EmptyState></div>
          ) : (
            <ul className="mt-3 space-y-3">
              {home.offers.map((offer) => (
                <li key={offer.id} className="rounded-lg border border-stone-200 p-3">
                  <p className="font-semibold">
                    {offer.delivery.engagement.service.name} for {offer.delivery.engagement.organisation.name}
                  </p>
                  <p className="text-sm text-stone-700">{formatTimeRange(offer.delivery.startsAt, offer.delivery.endsAt)}</p>
                  <p className="text-sm">
                    Fee {formatPence(offer.feePence)} · {offer.role === "LIVED" ? "Lived-experience role" : "Professional role"}
                  </p>
                  {offer.expiresAt ? <p className="text-sm text-amber-900">Please reply by {formatDateTime(offer.expiresAt)}</p> : null}
                  <Link href="/associate/offers" className="mt-1 inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 underline">
                    Read and answer this offer
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="next-heading">
          <CardTitle id="next-heading">Your next sessions</CardTitle>
          {home.upcoming.length === 0 ? (
            <div className="mt-3"><EmptyState>No sessions booked yet.</EmptyState></div>
          ) : (
            <ul className="mt-3 space-y-3">
              {home.upcoming.map(({ id, delivery }) => {
                const partner = delivery.assignments[0]?.associate.user.name;
                const attendees = delivery.engagement._count.attendees || delivery.engagement.attendeeCount || 0;
                return (
                  <li key={id} className="rounded-lg border border-stone-200 p-3">
                    <Link href={`/associate/sessions/${id}`} className="font-semibold text-brand-800 underline-offset-2 hover:underline">
                      {delivery.engagement.service.name} for {delivery.engagement.organisation.name}
                    </Link>
                    <p className="text-sm text-stone-700">{formatTimeRange(delivery.startsAt, delivery.endsAt)}</p>
                    <p className="text-sm">
                      {deliveryModeLabel[delivery.mode]}
                      {delivery.location ? ` · ${delivery.location}` : ""} · {attendees} attendee{attendees === 1 ? "" : "s"}
                    </p>
                    {partner ? <p className="text-sm">With {partner}</p> : null}
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="checks-heading" className="lg:col-span-2">
          <CardTitle id="checks-heading">Checks to renew</CardTitle>
          {home.compliance.length === 0 ? (
            <div className="mt-3"><EmptyState>Your checks are all current.</EmptyState></div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {home.compliance.map((record) => {
                const isLapsed = record.expiresOn! < new Date();
                return (
                  <li key={record.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>{complianceKindLabel[record.kind]}</span>
                    <Badge tone={isLapsed ? "danger" : "warning"}>
                      {isLapsed ? "Lapsed on" : "Due by"} {formatDate(record.expiresOn!)}
                    </Badge>
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
