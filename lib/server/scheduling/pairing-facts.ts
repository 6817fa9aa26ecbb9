import { DateTime } from "luxon";
import type { DbTx } from "@/lib/db/create-client";
import type { PairingCandidate } from "@/lib/domain/pairing";
import type { SchedulingAssociate } from "./load-candidates";

const LONDON = "Europe/London";
const HALF_DAY_MINUTES = 240;

/** An associate's fee for a delivery: their half-day rate per started half day; nothing if they take expenses only or decline pay. */
export function computeFeePence(associate: Pick<SchedulingAssociate, "feePerHalfDayPence" | "payPreference">, durationMinutes: number): number {
  if (associate.payPreference === "EXPENSES_ONLY" || associate.payPreference === "DECLINE") return 0;
  return associate.feePerHalfDayPence * Math.max(1, Math.ceil(durationMinutes / HALF_DAY_MINUTES));
}

/**
 * What pair ranking needs about each candidate for a delivery at `startsAt`: paid work this quarter
 * (fairness), earnings in their own cap period, hours booked that week. One query for all candidates.
 */
export async function loadPairingCandidates(
  db: DbTx,
  { associates, startsAt, durationMinutes }: { associates: SchedulingAssociate[]; startsAt: number; durationMinutes: number },
): Promise<PairingCandidate[]> {
  if (associates.length === 0) return [];
  const at = DateTime.fromMillis(startsAt, { zone: LONDON });
  const quarter = { start: at.startOf("quarter").toMillis(), end: at.endOf("quarter").toMillis() };
  const week = { start: at.startOf("week").toMillis(), end: at.endOf("week").toMillis() };
  const month = { start: at.startOf("month").toMillis(), end: at.endOf("month").toMillis() };
  const from = Math.min(quarter.start, week.start);
  const until = Math.max(quarter.end, week.end);
  const accepted = await db.assignment.findMany({
    where: {
      associateId: { in: associates.map((a) => a.associateId) },
      status: "ACCEPTED",
      delivery: { startsAt: { gte: new Date(from), lte: new Date(until) }, status: { not: "CANCELLED" } },
    },
    select: { associateId: true, feePence: true, delivery: { select: { startsAt: true, endsAt: true } } },
  });
  const totals = new Map<string, { quarter: number; week: number; month: number; weekMinutes: number }>();
  const within = (t: number, range: { start: number; end: number }) => t >= range.start && t <= range.end;
  for (const row of accepted) {
    const total = totals.get(row.associateId) ?? { quarter: 0, week: 0, month: 0, weekMinutes: 0 };
    const t = row.delivery.startsAt.getTime();
    if (within(t, quarter)) total.quarter += row.feePence;
    if (within(t, month)) total.month += row.feePence;
    if (within(t, week)) {
      total.week += row.feePence;
      total.weekMinutes += Math.round((row.delivery.endsAt.getTime() - t) / 60_000);
    }
    totals.set(row.associateId, total);
  }
  return associates.map((associate) => {
    const total = totals.get(associate.associateId) ?? { quarter: 0, week: 0, month: 0, weekMinutes: 0 };
    return {
      associateId: associate.associateId,
      expertise: associate.expertise,
      paidThisQuarterPence: total.quarter,
      feePence: computeFeePence(associate, durationMinutes),
      earningsCap:
        associate.earningsCapPence !== null && associate.capPeriod
          ? {
              capPence: associate.earningsCapPence,
              period: associate.capPeriod,
              earnedThisPeriodPence: associate.capPeriod === "WEEK" ? total.week : total.month,
            }
          : null,
      isOnBenefits: associate.receivesBenefits,
      minutesBookedThisWeek: total.weekMinutes,
    };
  });
}
