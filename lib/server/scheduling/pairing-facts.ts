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
  // Totals per associate computed in SQL: one row each, instead of every accepted assignment.
  const rows = await db.$queryRaw<{ associateId: string; quarter: number; week: number; month: number; weekMinutes: number }[]>`
    SELECT s."associateId",
           coalesce(sum(s."feePence") FILTER (WHERE d."startsAt" BETWEEN ${new Date(quarter.start)} AND ${new Date(quarter.end)}), 0)::int AS "quarter",
           coalesce(sum(s."feePence") FILTER (WHERE d."startsAt" BETWEEN ${new Date(week.start)} AND ${new Date(week.end)}), 0)::int AS "week",
           coalesce(sum(s."feePence") FILTER (WHERE d."startsAt" BETWEEN ${new Date(month.start)} AND ${new Date(month.end)}), 0)::int AS "month",
           coalesce(sum(date_part('epoch', d."endsAt" - d."startsAt") / 60) FILTER (WHERE d."startsAt" BETWEEN ${new Date(week.start)} AND ${new Date(week.end)}), 0)::int AS "weekMinutes"
      FROM "Assignment" s JOIN "Delivery" d ON d."id" = s."deliveryId"
     WHERE s."associateId" = ANY(${associates.map((a) => a.associateId)}::text[]) AND s."status" = 'ACCEPTED' AND d."status" <> 'CANCELLED'
       AND d."startsAt" BETWEEN ${new Date(Math.min(from, month.start))} AND ${new Date(Math.max(until, month.end))}
     GROUP BY s."associateId"`;
  const totals = new Map(rows.map((row) => [row.associateId, row]));
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
