import { DateTime } from "luxon";
import { DomainError } from "@/lib/domain/errors";
import { formatPounds } from "@/lib/domain/money";

/**
 * An associate's earnings, in plain numbers: periods in UK time, fees earned and booked, hours,
 * expenses kept apart, the HMRC mileage cap, and warnings for people who told us they receive
 * benefits. Warnings only — this module never works out anyone's benefits.
 */
export const UK_ZONE = "Europe/London";

// ───────────────────────────── periods ─────────────────────────────

export type PeriodKind = "WEEK" | "MONTH" | "QUARTER";

/** A stretch of UK time: `start` inclusive, `end` exclusive (both instants). */
export type Period = { readonly kind: PeriodKind | "RANGE"; readonly start: Date; readonly end: Date };

const periodLength = { WEEK: { weeks: 1 }, MONTH: { months: 1 }, QUARTER: { months: 3 } } as const;
const periodUnit = { WEEK: "week", MONTH: "month", QUARTER: "quarter" } as const;

/**
 * The week (Monday 00:00 to the next Monday 00:00), calendar month or calendar quarter (Jan–Mar,
 * Apr–Jun, Jul–Sep, Oct–Dec) containing `at`, in UK time. Boundaries are UK midnights, so a week
 * spanning a clock change is 167 or 169 hours long.
 */
export function getPeriod(kind: PeriodKind, at: Date, zone = UK_ZONE): Period {
  const start = DateTime.fromJSDate(at, { zone }).startOf(periodUnit[kind]);
  return { kind, start: start.toJSDate(), end: start.plus(periodLength[kind]).toJSDate() };
}

/** The period straight after `period` (same kind). */
export function getNextPeriod(period: Period & { kind: PeriodKind }, zone = UK_ZONE): Period {
  return getPeriod(period.kind, period.end, zone);
}

/** The calendar month "YYYY-MM" in UK time, or null when it isn't a real month. */
export function parseMonth(value: unknown, zone = UK_ZONE): Period | null {
  if (typeof value !== "string" || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return null;
  const start = DateTime.fromISO(`${value}-01`, { zone });
  if (!start.isValid || start.year < 2000 || start.year > 2100) return null;
  return { kind: "MONTH", start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
}

/** "YYYY-MM" of the UK month containing `at`. */
export function monthKey(at: Date, zone = UK_ZONE): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("yyyy-MM");
}

export const MAX_RANGE_MONTHS = 12;

export type DateRangeResult = { ok: true; period: Period } | { ok: false; fieldErrors: { from?: string[]; to?: string[] } };

/**
 * Two UK calendar dates "YYYY-MM-DD", both included, as a period from the start of `from` to the
 * start of the day after `to`. At most 12 months (1 Jan to 31 Dec is fine; 1 Jan to 1 Jan next year is not).
 */
export function parseDateRange(from: unknown, to: unknown, zone = UK_ZONE): DateRangeResult {
  const read = (value: unknown) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? DateTime.fromISO(value.trim(), { zone }) : null);
  const start = read(from);
  const last = read(to);
  const fieldErrors: { from?: string[]; to?: string[] } = {};
  if (!start?.isValid) fieldErrors.from = ["Enter the first day, like 2026-11-01."];
  if (!last?.isValid) fieldErrors.to = ["Enter the last day, like 2026-11-30."];
  if (fieldErrors.from || fieldErrors.to) return { ok: false, fieldErrors };
  if (last! < start!) return { ok: false, fieldErrors: { to: ["The last day must be on or after the first day."] } };
  const end = last!.plus({ days: 1 });
  if (end > start!.plus({ months: MAX_RANGE_MONTHS })) return { ok: false, fieldErrors: { to: ["Choose a period of 12 months or less."] } };
  return { ok: true, period: { kind: "RANGE", start: start!.toJSDate(), end: end.toJSDate() } };
}

export function isWithin(period: Pick<Period, "start" | "end">, at: Date): boolean {
  return at >= period.start && at < period.end;
}

const dayFormat = { weekday: "short", day: "numeric", month: "short" } as const;

/** How a period reads on screen: "this week (Mon 23 Nov – Sun 29 Nov)", "November 2026", "1 Oct – 31 Dec 2026". */
export function describePeriod(period: Period, { now, zone = UK_ZONE }: { now?: Date; zone?: string } = {}): string {
  const start = DateTime.fromJSDate(period.start, { zone }).setLocale("en-GB");
  const last = DateTime.fromJSDate(period.end, { zone }).minus({ days: 1 }).setLocale("en-GB");
  const isCurrent = now ? isWithin(period, now) : false;
  switch (period.kind) {
    case "WEEK": {
      const days = `${start.toLocaleString(dayFormat)} – ${last.toLocaleString(dayFormat)}`;
      return isCurrent ? `this week (${days})` : `the week of ${days}`;
    }
    case "MONTH":
      return isCurrent ? `this month (${start.toFormat("LLLL yyyy")})` : start.toFormat("LLLL yyyy");
    case "QUARTER": {
      const months = `${start.toFormat("LLL")} – ${last.toFormat("LLL yyyy")}`;
      return isCurrent ? `this quarter (${months})` : months;
    }
    case "RANGE":
      return `${start.toFormat("d LLL yyyy")} – ${last.toFormat("d LLL yyyy")}`;
  }
}

// ───────────────────────────── totals ─────────────────────────────

/** One accepted session: delivered (fee earned) or not yet (fee booked). */
export type WorkItem = { readonly startsAt: Date; readonly endsAt: Date; readonly feePence: number; readonly isDelivered: boolean };
/** One expense claim's payable amount, dated by the session it was for. */
export type ExpenseItem = { readonly on: Date; readonly amountPence: number };

export type EarningsSummary = {
  /** Fees for sessions already delivered. */
  readonly earnedPence: number;
  /** Fees for accepted sessions not yet delivered. */
  readonly bookedPence: number;
  readonly workedMinutes: number;
  readonly bookedMinutes: number;
  /** Expenses paid back: never part of earnings. */
  readonly expensesPence: number;
};

/** Totals for the sessions that start within `period`. Expenses are added up on their own line. */
export function summariseEarnings(period: Pick<Period, "start" | "end">, work: readonly WorkItem[], expenses: readonly ExpenseItem[] = []): EarningsSummary {
  let earnedPence = 0;
  let bookedPence = 0;
  let workedMinutes = 0;
  let bookedMinutes = 0;
  for (const item of work) {
    if (!isWithin(period, item.startsAt)) continue;
    const minutes = Math.max(0, Math.round((item.endsAt.getTime() - item.startsAt.getTime()) / 60_000));
    if (item.isDelivered) {
      earnedPence += item.feePence;
      workedMinutes += minutes;
    } else {
      bookedPence += item.feePence;
      bookedMinutes += minutes;
    }
  }
  const expensesPence = expenses.filter((e) => isWithin(period, e.on)).reduce((sum, e) => sum + e.amountPence, 0);
  return { earnedPence, bookedPence, workedMinutes, bookedMinutes, expensesPence };
}

/** "3 hours", "2 hours 30 minutes", "45 minutes". */
export function formatHours(minutes: number): string {
  const whole = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (whole === 0) return `${rest} minute${rest === 1 ? "" : "s"}`;
  const h = `${whole} hour${whole === 1 ? "" : "s"}`;
  return rest === 0 ? h : `${h} ${rest} minute${rest === 1 ? "" : "s"}`;
}

// ───────────────────────────── warnings ─────────────────────────────

export type EarningsWarningCode = "OVER_THRESHOLD" | "OVER_WEEKLY_HOURS";
export type EarningsWarning = { readonly code: EarningsWarningCode; readonly message: string };

export type EarningsWarningFacts = {
  /** Self-declared "I receive benefits" (no detail). The hours warning is only for them. */
  readonly receivesBenefits: boolean;
  /** Their own threshold and its period, if they set one. */
  readonly capPence: number | null;
  readonly capPeriod: "WEEK" | "MONTH" | null;
  /** The weekly hours setting ("benefits.weeklyHoursWarning", about 16). */
  readonly weeklyHoursLimit: number;
  /** Fees earned plus booked in the threshold's period. */
  readonly periodFeesPence: number;
  /** Minutes worked plus booked in the week. */
  readonly weekMinutes: number;
  /** Work being considered (an offer): its fee and length. 0 on the money page. */
  readonly extraFeePence?: number;
  readonly extraMinutes?: number;
  /** How to name the periods in the message ("this week", "the week of Mon 7 Dec – Sun 13 Dec"). */
  readonly periodLabel?: string;
  readonly weekLabel?: string;
};

/**
 * Plain-English warnings, never a benefits calculation. A threshold is crossed only when the total
 * goes above it (exactly at the threshold is not over; 1p more is). The hours warning is for people
 * who receive benefits, when the week's hours go over the setting (exactly 16 hours is not over).
 */
export function earningsWarnings(facts: EarningsWarningFacts): EarningsWarning[] {
  const warnings: EarningsWarning[] = [];
  const extraFee = facts.extraFeePence ?? 0;
  const extraMinutes = facts.extraMinutes ?? 0;
  const isConsidering = extraFee > 0 || extraMinutes > 0;
  if (facts.capPence !== null && facts.capPeriod !== null) {
    const total = facts.periodFeesPence + extraFee;
    if (total > facts.capPence) {
      const label = facts.periodLabel ?? (facts.capPeriod === "WEEK" ? "this week" : "this month");
      const over = formatPounds(total - facts.capPence);
      const cap = formatPounds(facts.capPence);
      warnings.push({
        code: "OVER_THRESHOLD",
        message: isConsidering
          ? `Taking this work would bring your fees for ${label} to ${formatPounds(total)}, which is ${over} over the ${cap} threshold you set.`
          : `Your earned and booked fees for ${label} come to ${formatPounds(total)}, which is ${over} over the ${cap} threshold you set. ` +
            "If that's a worry, talk to us about moving some work, or check with a free benefits adviser.",
      });
    }
  }
  const limitMinutes = Math.round(facts.weeklyHoursLimit * 60);
  const weekMinutes = facts.weekMinutes + extraMinutes;
  if (facts.receivesBenefits && weekMinutes > limitMinutes) {
    const label = facts.weekLabel ?? "this week";
    warnings.push({
      code: "OVER_WEEKLY_HOURS",
      message:
        `${isConsidering ? "Taking this work would mean" : "You have"} ${formatHours(weekMinutes)} of work ${label}, over ${formatHours(limitMinutes)}. ` +
        `Some benefits have rules about working ${formatHours(limitMinutes)} or more a week, so it may be worth checking with a benefits adviser.`,
    });
  }
  return warnings;
}

export type PayPreferenceKind = "BANK_TRANSFER" | "VOUCHER" | "CHARITY" | "EXPENSES_ONLY" | "DECLINE";

export const VOUCHER_WARNING =
  "Vouchers for paid work can still count as earnings for benefits, just like money. If you're not sure how this affects you, a free independent benefits adviser can tell you.";

/** The voucher warning, for someone who receives benefits and chooses vouchers; otherwise null. */
export function payPreferenceWarning({ receivesBenefits, payPreference }: { receivesBenefits: boolean; payPreference: PayPreferenceKind }): string | null {
  return receivesBenefits && payPreference === "VOUCHER" ? VOUCHER_WARNING : null;
}

/** How much of the threshold is used, 0–100 (for a progress bar; the text beside it says the amounts). */
export function thresholdPercent(totalPence: number, capPence: number): number {
  if (capPence <= 0) return 100;
  return Math.min(100, Math.max(0, Math.floor((totalPence * 100) / capPence)));
}

// ───────────────────────────── mileage ─────────────────────────────

export type MileageAmounts = {
  /** What the associate asked for (the allowance when they didn't type an amount). */
  readonly claimedPence: number;
  /** miles × the HMRC approved rate. */
  readonly allowancePence: number;
  /** What we pay back: the claim, capped at the allowance. */
  readonly amountPence: number;
  readonly isCapped: boolean;
};

/**
 * Mileage is paid back at HMRC's approved rate (45p a mile for a car, for the first 10,000 business
 * miles of a tax year). More than that would be earnings, not an expense, so the payable amount is capped.
 */
export function mileagePayable({ miles, ratePencePerMile, claimedPence }: { miles: number; ratePencePerMile: number; claimedPence?: number | null }): MileageAmounts {
  if (!Number.isSafeInteger(miles) || miles <= 0) throw new DomainError("INVALID_AMOUNT", "Miles must be a whole number above 0.", { miles });
  if (!Number.isSafeInteger(ratePencePerMile) || ratePencePerMile < 0) throw new DomainError("INVALID_AMOUNT", "The mileage rate must be whole pence.", { ratePencePerMile });
  const allowancePence = miles * ratePencePerMile;
  const claimed = claimedPence ?? allowancePence;
  if (!Number.isSafeInteger(claimed) || claimed <= 0) throw new DomainError("INVALID_AMOUNT", "The amount must be more than £0.", { claimedPence });
  const amountPence = Math.min(claimed, allowancePence);
  return { claimedPence: claimed, allowancePence, amountPence, isCapped: claimed > allowancePence };
}

/** "45p" or "£1.05": the rate as people say it. */
export function formatRate(ratePencePerMile: number): string {
  return ratePencePerMile < 100 ? `${ratePencePerMile}p` : formatPounds(ratePencePerMile);
}

/** The sentence shown wherever mileage is capped. */
export function mileageCapMessage({ ratePencePerMile, amountPence }: { ratePencePerMile: number; amountPence: number }): string {
  return `HMRC's approved rate is ${formatRate(ratePencePerMile)} a mile, so we can pay ${formatPounds(amountPence)}; mileage above that would count as earnings.`;
}
