import type { DbTx } from "@/lib/db/create-client";
import { findBookableSlots, type SlotSearch } from "@/lib/domain/slots";
import { type Interval, MINUTE_MS } from "@/lib/domain/time/interval";
import type { Policy } from "@/lib/server/settings/get-policy";
import { loadSchedulingCandidates, type SchedulingAssociate, type SchedulingService } from "./load-candidates";

/**
 * Bookable start times for `service` with starts in `range`: loads candidates (qualified, consenting to
 * matching, compliant per day, free) and runs the domain's sweep. `exactStart` searches one start only.
 */
export async function searchSlots(
  db: DbTx,
  {
    service,
    range,
    now,
    policy,
    exactStart = false,
    excludeAssignmentIds = [],
  }: { service: SchedulingService; range: Interval; now: number; policy: Policy; exactStart?: boolean; excludeAssignmentIds?: string[] },
): Promise<{ search: SlotSearch; associates: SchedulingAssociate[] }> {
  const durationMs = service.durationMinutes * MINUTE_MS;
  const associates = await loadSchedulingCandidates(db, {
    service,
    range: { start: range.start, end: range.end + durationMs },
    policy,
    excludeAssignmentIds,
    ...(exactStart ? { session: { start: range.start, end: range.start + durationMs } } : {}),
  });
  const search = findBookableSlots({
    service,
    range,
    stepMinutes: exactStart ? 1 : policy["booking.slotStepMinutes"],
    minimumNoticeMinutes: policy["booking.minimumNoticeHours"] * 60,
    now,
    candidates: associates.flatMap((associate) => associate.entries),
  });
  return { search, associates };
}
