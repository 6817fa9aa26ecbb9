import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SlotPicker } from "@/components/booking/slot-picker";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import { DEFAULT_CANCELLATION_TERMS, describeCancellationTerms } from "@/lib/cancellation-terms";
import { db } from "@/lib/db/client";
import { formatDuration, formatPence } from "@/lib/format";
import { listBookableDays } from "@/lib/server/booking/list-bookable-days";

export const metadata: Metadata = { title: "Choose a time" };
export const dynamic = "force-dynamic";

export default async function ChooseTimePage({ params }: { params: Promise<{ slug: string; service: string }> }) {
  const { slug, service: serviceSlug } = await params;
  const context = await requireMembership(slug, undefined, `/org/${slug}/book/${serviceSlug}`);
  const bookable = await listBookableDays(db, { unverifiedServiceSlug: serviceSlug });
  if (!bookable) notFound();
  const { service, days } = bookable;
  const vat = Math.round((service.pricePence * service.vatRateBasisPoints) / 10000);
  return (
    <>
      <PageHeader
        title={`Book ${service.name}`}
        description={`For ${context.organisation.name}. ${formatDuration(service.durationMinutes)}, up to ${service.capacity} people, ${formatPence(service.pricePence)} + VAT (${formatPence(service.pricePence + vat)} in total).`}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          {days.length === 0 ? (
            <EmptyState>
              There are no free times in the next six weeks. <Link className="underline" href={`/org/${slug}/request/${serviceSlug}`}>Ask us for a date</Link> and we&apos;ll find one.
            </EmptyState>
          ) : (
            <SlotPicker
              orgSlug={slug}
              serviceSlug={serviceSlug}
              modes={service.deliveryModes}
              holdMinutes={bookable.holdMinutes}
              days={days.map((day) => ({ date: day.date, starts: day.starts.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() })) }))}
            />
          )}
        </Card>
        <Card className="space-y-3 text-sm">
          <h2 className="text-base font-semibold">Good to know</h2>
          <p>Every time shown has a care-experienced facilitator and a professional facilitator free to deliver it together.</p>
          <p>Times are UK time. Bookings need at least {bookable.minimumNoticeHours / 24} days&apos; notice.</p>
          <div>
            <h3 className="font-semibold">If you need to cancel</h3>
            <ul className="mt-1 list-disc pl-5">
              {describeCancellationTerms(DEFAULT_CANCELLATION_TERMS).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        </Card>
      </div>
    </>
  );
}
