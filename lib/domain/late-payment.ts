import { DomainError } from "@/lib/domain/errors";
import { assertBasisPoints, BASIS_POINTS_PER_WHOLE } from "@/lib/domain/money";
import { addDays, assertIsoDate, countDaysBetween, type IsoDate } from "@/lib/domain/time/calendar-date";

/**
 * Overdue invoices: statutory late-payment interest and fixed compensation under the Late Payment of
 * Commercial Debts (Interest) Act 1998, the aged-debt buckets, and which polite reminder is due.
 * Pure functions over calendar dates ('YYYY-MM-DD', UK dates) and integer pence. These figures are
 * shown to the director, never charged automatically: claiming them is her decision.
 *
 * The rules, as the Act and its 2002 order set them:
 * - interest starts to run the day after the due date, so the due date itself is not overdue;
 * - the rate is 8% a year above the Bank of England base rate in force on the *reference date*:
 *   30 June for interest that starts to run from 1 July to 31 December, and 31 December (of the year
 *   before) for interest that starts from 1 January to 30 June. The rate is then fixed for the debt;
 * - it is simple interest: debt × rate × days ÷ 365. We work it out for the whole period and round once,
 *   half up to the penny (never per day, so pennies don't drift);
 * - fixed compensation per debt: £40 under £1,000, £70 from £1,000 to £9,999.99, £100 from £10,000.
 * The debt is what is still owed including VAT (the invoice total less any credit notes).
 */

/** 8 percentage points above base rate, in basis points. */
export const STATUTORY_MARGIN_BASIS_POINTS = 800;
export const DAYS_IN_INTEREST_YEAR = 365;

/** One base-rate change: the rate in force from `effectiveFrom` (inclusive) until the next change. */
export type BaseRateChange = { readonly effectiveFrom: IsoDate; readonly basisPoints: number };

function assertPence(value: number, label: string) {
  if (!Number.isSafeInteger(value)) throw new DomainError("INVALID_AMOUNT", `${label} must be a whole number of pence.`, { [label]: value });
}

/** Whole days past the due date on `today` (0 on the due date itself and before it). */
export function countDaysOverdue(dueOn: IsoDate, today: IsoDate): number {
  return Math.max(0, countDaysBetween(dueOn, today));
}

/**
 * The reference date whose base rate sets the interest rate on a debt due on `dueOn`: the 30 June or
 * 31 December at the start of the half-year in which interest starts to run (the day after `dueOn`).
 */
export function getReferenceDate(dueOn: IsoDate): IsoDate {
  const interestStarts = addDays(dueOn, 1);
  const year = Number(interestStarts.slice(0, 4));
  const month = Number(interestStarts.slice(5, 7));
  return month >= 7 ? `${year}-06-30` : `${year - 1}-12-31`;
}

/**
 * The base rate in force on `date`: the latest change on or before it (a change announced for a day is
 * in force at the close of business that day). Before the first known change, `fallbackBasisPoints`.
 */
export function getBaseRateOn(changes: readonly BaseRateChange[], date: IsoDate, fallbackBasisPoints: number): number {
  assertIsoDate(date);
  let best: BaseRateChange | null = null;
  for (const change of changes) {
    assertIsoDate(change.effectiveFrom);
    assertBasisPoints(change.basisPoints, "base rate");
    if (change.effectiveFrom <= date && (best === null || change.effectiveFrom > best.effectiveFrom)) best = change;
  }
  if (best) return best.basisPoints;
  assertBasisPoints(fallbackBasisPoints, "base rate");
  return fallbackBasisPoints;
}

/** £40 for a debt under £1,000; £70 from £1,000 to £9,999.99; £100 from £10,000. Nothing is owed on no debt. */
export function getFixedCompensationPence(debtPence: number): number {
  assertPence(debtPence, "debtPence");
  if (debtPence <= 0) return 0;
  if (debtPence < 100_000) return 4_000;
  if (debtPence < 1_000_000) return 7_000;
  return 10_000;
}

/**
 * Simple interest on `debtPence` at `annualRateBasisPoints` for `days` days: debt × rate × days ÷ 365,
 * rounded half up to the penny once. Exact: worked out in BigInt, so large debts don't lose pence.
 */
export function computeSimpleInterestPence({ debtPence, annualRateBasisPoints, days }: { debtPence: number; annualRateBasisPoints: number; days: number }): number {
  assertPence(debtPence, "debtPence");
  if (!Number.isSafeInteger(days) || days < 0) throw new DomainError("INVALID_AMOUNT", "The number of days must be a whole number, 0 or more.", { days });
  if (!Number.isSafeInteger(annualRateBasisPoints) || annualRateBasisPoints < 0) throw new DomainError("INVALID_AMOUNT", "The rate must be a whole number of basis points.", { annualRateBasisPoints });
  if (debtPence <= 0 || days === 0) return 0;
  const numerator = BigInt(debtPence) * BigInt(annualRateBasisPoints) * BigInt(days);
  const denominator = BigInt(BASIS_POINTS_PER_WHOLE) * BigInt(DAYS_IN_INTEREST_YEAR);
  const quotient = numerator / denominator;
  const remainder = numerator - quotient * denominator;
  const rounded = remainder * 2n >= denominator ? quotient + 1n : quotient;
  return Number(rounded);
}

export type LatePaymentAssessment = {
  /** Whole days past the due date on `today`. */
  readonly daysOverdue: number;
  readonly isOverdue: boolean;
  /** The 30 June / 31 December whose base rate applies. */
  readonly referenceDate: IsoDate;
  readonly baseRateBasisPoints: number;
  /** Base rate + 8%. */
  readonly annualRateBasisPoints: number;
  /** Interest for one day, to the penny (for "it grows by about £x a day"). */
  readonly dailyInterestPence: number;
  /** Interest from the day after the due date up to and including `today`. */
  readonly interestPence: number;
  readonly compensationPence: number;
};

/**
 * What the Act would allow on one debt today: days overdue, the rate (base rate on the reference date
 * + 8%), interest so far and the fixed compensation. Nothing is due before the day after `dueOn`.
 */
export function assessLatePayment({
  debtPence,
  dueOn,
  today,
  baseRates,
  fallbackBaseRateBasisPoints,
}: {
  debtPence: number;
  dueOn: IsoDate;
  today: IsoDate;
  baseRates: readonly BaseRateChange[];
  fallbackBaseRateBasisPoints: number;
}): LatePaymentAssessment {
  assertPence(debtPence, "debtPence");
  const daysOverdue = countDaysOverdue(dueOn, today);
  const referenceDate = getReferenceDate(dueOn);
  const baseRateBasisPoints = getBaseRateOn(baseRates, referenceDate, fallbackBaseRateBasisPoints);
  const annualRateBasisPoints = baseRateBasisPoints + STATUTORY_MARGIN_BASIS_POINTS;
  const isOverdue = daysOverdue > 0 && debtPence > 0;
  return {
    daysOverdue,
    isOverdue,
    referenceDate,
    baseRateBasisPoints,
    annualRateBasisPoints,
    dailyInterestPence: computeSimpleInterestPence({ debtPence: Math.max(0, debtPence), annualRateBasisPoints, days: 1 }),
    interestPence: isOverdue ? computeSimpleInterestPence({ debtPence, annualRateBasisPoints, days: daysOverdue }) : 0,
    compensationPence: isOverdue ? getFixedCompensationPence(debtPence) : 0,
  };
}

// ── Aged debt ───────────────────────────────────────────────────────────────

export const AGED_DEBT_BUCKETS = ["CURRENT", "DAYS_1_30", "DAYS_31_60", "DAYS_61_90", "DAYS_OVER_90"] as const;
export type AgedDebtBucket = (typeof AGED_DEBT_BUCKETS)[number];

/** Current (not yet past its due date), 1–30, 31–60, 61–90, or more than 90 days overdue. */
export function getAgedDebtBucket(daysOverdue: number): AgedDebtBucket {
  if (daysOverdue <= 0) return "CURRENT";
  if (daysOverdue <= 30) return "DAYS_1_30";
  if (daysOverdue <= 60) return "DAYS_31_60";
  if (daysOverdue <= 90) return "DAYS_61_90";
  return "DAYS_OVER_90";
}

export type BucketTotals = Record<AgedDebtBucket, number>;
export type AgedDebtItem = { readonly clientId: string; readonly clientName: string; readonly outstandingPence: number; readonly daysOverdue: number };
export type AgedDebtSummary = {
  readonly totals: BucketTotals;
  readonly totalPence: number;
  /** One row per client with anything outstanding, largest debt first (then by name). */
  readonly clients: { clientId: string; clientName: string; totals: BucketTotals; totalPence: number }[];
};

const emptyTotals = (): BucketTotals => ({ CURRENT: 0, DAYS_1_30: 0, DAYS_31_60: 0, DAYS_61_90: 0, DAYS_OVER_90: 0 });

/** Outstanding money by age, in total and per client. Items with nothing outstanding are left out. */
export function summariseAgedDebt(items: readonly AgedDebtItem[]): AgedDebtSummary {
  const totals = emptyTotals();
  const byClient = new Map<string, { clientId: string; clientName: string; totals: BucketTotals; totalPence: number }>();
  let totalPence = 0;
  for (const item of items) {
    assertPence(item.outstandingPence, "outstandingPence");
    if (item.outstandingPence <= 0) continue;
    const bucket = getAgedDebtBucket(item.daysOverdue);
    totals[bucket] += item.outstandingPence;
    totalPence += item.outstandingPence;
    const client = byClient.get(item.clientId) ?? { clientId: item.clientId, clientName: item.clientName, totals: emptyTotals(), totalPence: 0 };
    client.totals[bucket] += item.outstandingPence;
    client.totalPence += item.outstandingPence;
    byClient.set(item.clientId, client);
  }
  const clients = [...byClient.values()].sort((a, b) => b.totalPence - a.totalPence || a.clientName.localeCompare(b.clientName));
  return { totals, totalPence, clients };
}

// ── Reminders ───────────────────────────────────────────────────────────────

/** Days overdue at which a polite reminder goes: once each. */
export const REMINDER_STAGES = [1, 14, 30] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

/**
 * The reminder to send now, if any: the latest stage reached that hasn't been sent, and only if no later
 * stage has been sent. A job that missed a few days sends one reminder (the latest), never a burst.
 */
export function getDueReminderStage(daysOverdue: number, alreadySent: readonly number[]): ReminderStage | null {
  const reached = REMINDER_STAGES.filter((stage) => daysOverdue >= stage);
  const latest = reached.at(-1);
  if (latest === undefined) return null;
  if (alreadySent.some((stage) => stage >= latest)) return null;
  return latest;
}
