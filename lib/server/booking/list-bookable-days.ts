import type { DbTx } from "@/lib/db/create-client";
import { DAY_MS } from "@/lib/domain/time/interval";
import { searchSlots } from "@/lib/server/scheduling/search-slots";
import { getPolicy } from "@/lib/server/settings/get-policy";

const LONDON_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

export type BookableDay = { date: string; starts: { start: Date; end: Date }[] };

/**
 * The times a service can be booked online over the next `weeks`, grouped by UK date: only starts
 * where a free, qualified and compliant lived-experience + professional pair exists (the slot search),
 * after the minimum notice. Public data: no associate is named.
 */
export async function listBookableDays(
  db: DbTx,
  { unverifiedServiceSlug, weeks = 6, now = new Date() }: { unverifiedServiceSlug: string; weeks?: number; now?: Date },
) {
  const service = await db.service.findFirst({
    where: { slug: unverifiedServiceSlug, active: true, bookableOnline: true },
    select: { id: true, slug: true, name: true, durationMinutes: true, livedRequired: true, professionalRequired: true, childFacing: true, requiresSocialWorkRegistration: true, deliveryModes: true, capacity: true, pricePence: true, vatRateBasisPoints: true },
  });
  if (!service) return null;
  const policy = await getPolicy(db, now);
  const from = now.getTime() + policy["booking.minimumNoticeHours"] * 3_600_000;
  const { search } = await searchSlots(db, { service, range: { start: from, end: from + weeks * 7 * DAY_MS }, now: now.getTime(), policy });
  const days = new Map<string, BookableDay>();
  for (const slot of search.slots) {
    const date = LONDON_DAY.format(slot.start);
    const day = days.get(date) ?? { date, starts: [] };
    day.starts.push({ start: new Date(slot.start), end: new Date(slot.end) });
    days.set(date, day);
  }
  return { service, days: [...days.values()], holdMinutes: policy["hold.minutes"], minimumNoticeHours: policy["booking.minimumNoticeHours"] };
}
