import { DateTime } from "luxon";
import type { DbTx } from "@/lib/db/create-client";
import type { PairingCandidate } from "@/lib/domain/pairing";
import type { Interval } from "@/lib/domain/time/interval";
import type { SchedulingAssociate } from "./load-candidates";

const LONDON = "Europe/London";
const HALF_DAY_MINUTES = 240;

/** An associate's fee for a delivery: their half-day rate per started half day; nothing if they take expenses only or decline pay. */
export function computeFeePence(associate: Pick<SchedulingAssociate, "feePerHalfDayPence" | "payPreference">, durationMinutes: number): number {
  if (associate.payPreference === "EXPENSES_ONLY" || associate.payPreference === "DECLINE") return 0;
  return associate.feePerHalfDayPence * Math.max(1, Math.ceil(durationMinutes / HALF_DAY_MINUTES));
}

/** Accepted, not-cancelled paid work per associate, as parallel arrays sorted by start. */
export type PaidWork = Map<string, { startsAt: number[]; feePence: number[]; minutes: number[] }>;

/** The calendar periods (in UK time) that fairness, earnings caps and the weekly hours warning look at. */
export function pairingWindows(startsAt: number) {
  const at = DateTime.fromMillis(startsAt, { zone: LONDON });
  const window = (unit: "quarter" | "month" | "week"): Interval => ({ start: at.startOf(unit).toMillis(), end: at.endOf(unit).toMillis() });
  return { quarter: window("quarter"), month: window("month"), week: window("week") };
}

/** The span covering every pairing window of every start given. */
export function pairingSpan(starts: number[]): Interval {
  let start = Infinity;
  let end = -Infinity;
  for (const at of starts) {
    const { quarter, week } = pairingWindows(at);
    start = Math.min(start, quarter.start, week.start);
    end = Math.max(end, quarter.end, week.end);
  }
  return { start, end };
}

/**
 * Paid work of these associates with deliveries starting in `span`: one round trip, one row per
 * associate (the assignments folded into a string of numbers, cheaper to move than rows or JSON).
 */
export async function loadPaidWork(db: DbTx, { associateIds, span }: { associateIds: string[]; span: Interval }): Promise<PaidWork> {
  const work: PaidWork = new Map();
  if (associateIds.length === 0) return work;
  const rows = await db.$queryRaw<{ associateId: string; work: string }[]>`
    SELECT s."associateId",
           string_agg((date_part('epoch', d."startsAt") * 1000)::bigint || ' ' || s."feePence" || ' ' || (date_part('epoch', d."endsAt" - d."startsAt") / 60)::int, ' ' ORDER BY d."startsAt") AS "work"
      FROM "Assignment" s JOIN "Delivery" d ON d."id" = s."deliveryId"
     WHERE s."associateId" = ANY(${associateIds}::text[]) AND s."status" = 'ACCEPTED' AND d."status" <> 'CANCELLED'
       AND d."startsAt" BETWEEN ${new Date(span.start)} AND ${new Date(span.end)}
     GROUP BY s."associateId"`;
  for (const row of rows) {
    const values = row.work.split(" ").map(Number);
    const entry = { startsAt: [] as number[], feePence: [] as number[], minutes: [] as number[] };
    for (let i = 0; i + 2 < values.length; i += 3) {
      entry.startsAt.push(values[i]!);
      entry.feePence.push(values[i + 1]!);
      entry.minutes.push(values[i + 2]!);
    }
    work.set(row.associateId, entry);
  }
  return work;
}

/**
 * What pair ranking needs about each candidate for a delivery at `startsAt`: paid work this quarter
 * (fairness), earnings in their own cap period, minutes booked that week. Pure, from `loadPaidWork`
 * (which must cover `pairingSpan([startsAt])`).
 */
export function pairingCandidatesAt({
  associates,
  paidWork,
  startsAt,
  durationMinutes,
}: {
  associates: SchedulingAssociate[];
  paidWork: PaidWork;
  startsAt: number;
  durationMinutes: number;
}): PairingCandidate[] {
  const { quarter, month, week } = pairingWindows(startsAt);
  const within = (at: number, window: Interval) => at >= window.start && at <= window.end;
  return associates.map((associate) => {
    const total = { quarter: 0, week: 0, month: 0, weekMinutes: 0 };
    const work = paidWork.get(associate.associateId);
    if (work) {
      for (let i = 0; i < work.startsAt.length; i++) {
        const at = work.startsAt[i]!;
        if (within(at, quarter)) total.quarter += work.feePence[i]!;
        if (within(at, month)) total.month += work.feePence[i]!;
        if (within(at, week)) {
          total.week += work.feePence[i]!;
          total.weekMinutes += work.minutes[i]!;
        }
      }
    }
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

/** `pairingCandidatesAt` with its own one-query load, for a single delivery. */
export async function loadPairingCandidates(
  db: DbTx,
  { associates, startsAt, durationMinutes }: { associates: SchedulingAssociate[]; startsAt: number; durationMinutes: number },
): Promise<PairingCandidate[]> {
  if (associates.length === 0) return [];
  const paidWork = await loadPaidWork(db, { associateIds: associates.map((a) => a.associateId), span: pairingSpan([startsAt]) });
  return pairingCandidatesAt({ associates, paidWork, startsAt, durationMinutes });
}
