import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FreeTimeCalendar } from "@/components/associate/availability-calendar";
import { DateOverrideForm, RemoveDateOverrideButton, RemoveTimeOffButton, TimeOffForm, TimezoneForm } from "@/components/associate/availability-forms";
import { WeeklyHoursEditor } from "@/components/associate/availability-weekly-hours";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDayWindow } from "@/lib/domain/availability-rules";
import { getAvailability } from "@/lib/server/associates/availability";
import { getFreeTimePreview } from "@/lib/server/associates/availability-preview";

export const metadata: Metadata = { title: "Availability" };
export const dynamic = "force-dynamic";

const DATE = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const formatDate = (date: string) => DATE.format(new Date(`${date}T12:00:00Z`));

/** IANA zones for the time zone picker, with the associate's own first if the runtime lists it under another name. */
function listZones(current: string): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes(current) ? zones : [current, ...zones];
}

export default async function AvailabilityPage() {
  const actor = await requireAssociate("/associate/availability");
  const now = new Date();
  const [availability, preview] = await Promise.all([getAvailability({ db, actor, now }), getFreeTimePreview({ db, actor, now })]);
  if (!availability || !preview) notFound();
  return (
    <>
      <PageHeader title="Availability" description="Tell us when you can work. We only offer you sessions in your free time, and clients only see times when a pair of facilitators is free." />
      <div className="space-y-6">
        <Card aria-labelledby="weekly-heading">
          <CardTitle id="weekly-heading" className="mb-2">
            Weekly hours
          </CardTitle>
          <WeeklyHoursEditor savedRules={availability.rules} timezone={availability.timezone} />
        </Card>

        <Card aria-labelledby="zone-heading">
          <CardTitle id="zone-heading" className="mb-4">
            Time zone
          </CardTitle>
          <TimezoneForm timezone={availability.timezone} zones={listZones(availability.timezone)} />
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card aria-labelledby="overrides-heading">
            <CardTitle id="overrides-heading">Changes for one date</CardTitle>
            <p className="mt-1 text-sm text-stone-700">For a day that&apos;s different from your usual week: other hours, or not available at all. A new change for the same date replaces the old one.</p>
            <div className="mt-4">
              <DateOverrideForm today={availability.today} />
            </div>
            <h3 className="mt-6 font-semibold">Coming up</h3>
            {availability.overrides.length === 0 ? (
              <div className="mt-2">
                <EmptyState>No date changes. Your weekly hours apply every day.</EmptyState>
              </div>
            ) : (
              <ul className="mt-2 divide-y divide-stone-200">
                {availability.overrides.map((override) => (
                  <li key={override.id} className="py-2">
                    <p className="font-medium">{formatDate(override.date)}</p>
                    <p className="text-sm">{override.isUnavailable ? "Not available" : `Available ${override.windows.map(formatDayWindow).join(", ")}`}</p>
                    <RemoveDateOverrideButton id={override.id} label={formatDate(override.date)} />
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card aria-labelledby="time-off-heading">
            <CardTitle id="time-off-heading">Time off</CardTitle>
            <p className="mt-1 text-sm text-stone-700">Whole days when you don&apos;t want work, such as holidays. We won&apos;t offer you sessions on these days.</p>
            <div className="mt-4">
              <TimeOffForm today={availability.today} />
            </div>
            <h3 className="mt-6 font-semibold">Coming up</h3>
            {availability.timeOff.length === 0 ? (
              <div className="mt-2">
                <EmptyState>No time off booked.</EmptyState>
              </div>
            ) : (
              <ul className="mt-2 divide-y divide-stone-200">
                {availability.timeOff.map((stretch) => {
                  const label = stretch.from === stretch.to ? formatDate(stretch.from) : `${formatDate(stretch.from)} to ${formatDate(stretch.to)}`;
                  return (
                    <li key={stretch.id} className="py-2">
                      <p className="font-medium">{label}</p>
                      {stretch.reason ? <p className="text-sm">{stretch.reason}</p> : null}
                      <RemoveTimeOffButton id={stretch.id} label={label} />
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </div>

        <Card aria-labelledby="free-heading">
          <CardTitle id="free-heading" className="mb-2">
            Your free time for the next 4 weeks
          </CardTitle>
          <FreeTimeCalendar preview={preview} />
        </Card>
      </div>
    </>
  );
}
