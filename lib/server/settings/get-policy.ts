import type { DbTx } from "@/lib/db/create-client";

/**
 * Policy values that change over time (PolicySetting rows with an effective date), with defaults.
 * The value in force on a date is the row with the latest effectiveFrom on or before it.
 */
export const POLICY_DEFAULTS = {
  "dbs.maxUpdateCheckAgeDays": 365,
  "benefits.weeklyHoursWarning": 16,
  "hmrc.mileagePencePerMile": 45,
  "hold.minutes": 15,
  "offer.hours": 48,
  "scheduling.bufferMinutes": 30,
  "booking.minimumNoticeHours": 72,
  "booking.slotStepMinutes": 30,
  /** Bank of England base rate in basis points (400 = 4%), for statutory late-payment interest. Set each change as a row with its effective date. */
  "lateInterest.baseRateBasisPoints": 400,
} as const;

export type PolicyKey = keyof typeof POLICY_DEFAULTS;
export type Policy = { [K in PolicyKey]: number };

export async function getPolicy(db: DbTx, on: Date = new Date()): Promise<Policy> {
  const rows = await db.policySetting.findMany({
    where: { key: { in: Object.keys(POLICY_DEFAULTS) }, effectiveFrom: { lte: on } },
    orderBy: { effectiveFrom: "asc" },
    select: { key: true, value: true },
  });
  const policy: Policy = { ...POLICY_DEFAULTS };
  for (const row of rows) {
    if (typeof row.value === "number" && Number.isFinite(row.value)) policy[row.key as PolicyKey] = row.value;
  }
  return policy;
}
