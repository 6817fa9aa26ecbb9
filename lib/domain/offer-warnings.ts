import { formatPounds } from "@/lib/domain/money";

/**
 * What an associate should know before accepting an offer, in their own words ("you"). These are
 * warnings, never a benefits calculation: the associate decides. Same limits as pair ranking
 * (lib/domain/pairing.ts): going over their own earnings limit, or — when they told us they receive
 * benefits — more than the weekly hours setting (~16 hours), or vouchers for paid work.
 */
export type OfferWarningFacts = {
  /** The fee this offer pays (0 for expenses-only or declined pay). */
  readonly feePence: number;
  /** Length of the session in minutes. */
  readonly sessionMinutes: number;
  /** Their own limit, if they set one, with the fees already accepted in the period this session falls in. */
  readonly earningsCap: { readonly capPence: number; readonly period: "WEEK" | "MONTH"; readonly earnedThisPeriodPence: number } | null;
  /** Self-declared "I receive benefits". */
  readonly receivesBenefits: boolean;
  /** Minutes of accepted work in the same week (Monday to Sunday, UK time). */
  readonly minutesBookedThisWeek: number;
  readonly payPreference: "BANK_TRANSFER" | "VOUCHER" | "CHARITY" | "EXPENSES_ONLY" | "DECLINE";
  /** The weekly hours setting, in minutes. */
  readonly weeklyHoursWarningMinutes: number;
};

export type OfferWarning = { readonly code: "CROSSES_EARNINGS_LIMIT" | "OVER_WEEKLY_HOURS" | "VOUCHER_FOR_PAID_WORK"; readonly message: string };

/** Whether accepting `feePence` takes someone past their own limit: exactly at the limit is not over it. */
export function crossesEarningsCap(cap: { capPence: number; earnedThisPeriodPence: number } | null | undefined, feePence: number): boolean {
  return !!cap && cap.earnedThisPeriodPence + feePence > cap.capPence;
}

function hours(minutes: number): string {
  const whole = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${whole} hour${whole === 1 ? "" : "s"}` : `${whole} hours ${rest} minutes`;
}

export function offerWarnings(facts: OfferWarningFacts): OfferWarning[] {
  const warnings: OfferWarning[] = [];
  const cap = facts.earningsCap;
  if (cap && crossesEarningsCap(cap, facts.feePence)) {
    const period = cap.period === "WEEK" ? "week" : "month";
    const total = cap.earnedThisPeriodPence + facts.feePence;
    warnings.push({
      code: "CROSSES_EARNINGS_LIMIT",
      message:
        `Accepting this would take you to ${formatPounds(total)} that ${period}, over the ${formatPounds(cap.capPence, { hideZeroPence: true })} limit you set ` +
        `(you already have ${formatPounds(cap.earnedThisPeriodPence)} of work that ${period}). You can still accept — it's your choice.`,
    });
  }
  const weekMinutes = facts.minutesBookedThisWeek + facts.sessionMinutes;
  if (facts.receivesBenefits && weekMinutes > facts.weeklyHoursWarningMinutes) {
    warnings.push({
      code: "OVER_WEEKLY_HOURS",
      message:
        `This would make ${hours(weekMinutes)} of work that week, more than ${hours(facts.weeklyHoursWarningMinutes)}. ` +
        "Working more than about 16 hours a week can change some benefits — you may want to check with an adviser first.",
    });
  }
  if (facts.receivesBenefits && facts.payPreference === "VOUCHER" && facts.feePence > 0) {
    warnings.push({
      code: "VOUCHER_FOR_PAID_WORK",
      message: "You've chosen to be paid in vouchers. Vouchers for paid work can still count as earnings for benefits.",
    });
  }
  return warnings;
}
