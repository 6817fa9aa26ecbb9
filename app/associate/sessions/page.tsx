import type { Metadata } from "next";
import Link from "next/link";
import { CalendarFeedControls } from "@/components/associate/session-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { formatPence, formatTimeRange } from "@/lib/format";
import { deliveryModeLabel } from "@/lib/labels";
import { getCalendarFeedToken, listSessions, type SessionListItem } from "@/lib/server/associates/sessions";

export const metadata: Metadata = { title: "My sessions" };

export default async function SessionsPage({ searchParams }: { searchParams: Promise<{ withdrawn?: string }> }) {
  const actor = await requireAssociate("/associate/sessions");
  const { withdrawn } = await searchParams;
  const [{ upcoming, past, cancelled }, token] = await Promise.all([listSessions(db, { actor }), getCalendarFeedToken(db, { actor })]);
  return (
    <>
      <PageHeader title="My sessions" description="Sessions you've said yes to, with the joining details and who you're working with." />
      {withdrawn ? (
        <p role="status" className="mb-6 rounded-lg bg-green-50 p-4 text-green-900">
          You&apos;ve withdrawn from that session. The director has been told and we&apos;re finding someone else — you don&apos;t need to do anything more.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <SessionList heading="Coming up" items={upcoming} empty="Nothing booked yet. Accepted offers appear here." />
          {cancelled.length > 0 ? <SessionList heading="Cancelled recently" items={cancelled} empty="" /> : null}
          <SessionList heading="Past sessions (last 12 months)" items={past} empty="No past sessions yet." />
        </div>
        <Card aria-labelledby="feed-heading" className="h-fit">
          <CardTitle id="feed-heading">Add your sessions to your calendar</CardTitle>
          <p className="mt-2 text-sm text-stone-700">
            Subscribe to this link in Google Calendar, Outlook or Apple Calendar (&quot;add calendar from URL&quot;). It keeps itself up to date, including offers
            (shown as tentative). Keep it private: anyone with it can see your session times and places.
          </p>
          <div className="mt-3">{token ? <CalendarFeedControls feedUrl={`${env.APP_URL}/api/calendar/${token}.ics`} /> : null}</div>
        </Card>
      </div>
    </>
  );
}

function SessionList({ heading, items, empty }: { heading: string; items: SessionListItem[]; empty: string }) {
  const headingId = heading.toLowerCase().replace(/[^a-z]+/g, "-");
  return (
    <Card aria-labelledby={headingId}>
      <CardTitle id={headingId}>{heading}</CardTitle>
      {items.length === 0 ? (
        <div className="mt-3">
          <EmptyState>{empty}</EmptyState>
        </div>
      ) : (
        <ul className="mt-3 divide-y divide-stone-200">
          {items.map(({ id, feePence, status, delivery }) => {
            const partner = delivery.assignments.find((a) => a.status === "ACCEPTED") ?? delivery.assignments[0];
            const attendees = delivery.engagement._count.attendees || delivery.engagement.attendeeCount || 0;
            const isCancelled = status === "CANCELLED" || delivery.status === "CANCELLED";
            return (
              <li key={id} className="py-3">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <Link href={`/associate/sessions/${id}`} className="font-semibold text-brand-800 underline-offset-2 hover:underline">
                    {delivery.engagement.service.name} for {delivery.engagement.organisation.name}
                  </Link>
                  {isCancelled ? <Badge tone="danger">Cancelled</Badge> : delivery.status === "CONFIRMED" ? <Badge tone="good">Confirmed</Badge> : delivery.status === "DELIVERED" ? <Badge>Delivered</Badge> : <Badge tone="warning">Waiting for your co-facilitator</Badge>}
                </div>
                <p className="text-sm text-stone-700">{formatTimeRange(delivery.startsAt, delivery.endsAt)}</p>
                <p className="text-sm">
                  {deliveryModeLabel[delivery.mode]}
                  {delivery.location ? ` · ${delivery.location}` : ""} · {attendees} {attendees === 1 ? "person" : "people"}
                  {partner ? ` · with ${partner.associate.user.name ?? "your co-facilitator"}` : ""}
                  {feePence > 0 ? ` · fee ${formatPence(feePence)}` : ""}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
