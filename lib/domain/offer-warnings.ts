import { earningsWarnings, payPreferenceWarning, type PayPreferenceKind } from "@/lib/domain/earnings";

/**
 * What an associate should know before accepting an offer, in their own words ("you"): the same rules
 * as the money page (lib/domain/earnings.ts — one place for them), applied to the offered session's own
 * week and cap period. Warnings, never a benefits calculation: the associate decides.
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
  readonly payPreference: PayPreferenceKind;
  /** The weekly hours setting, in minutes. */
  readonly weeklyHoursWarningMinutes: number;
};

export type OfferWarning = { readonly code: "OVER_THRESHOLD" | "OVER_WEEKLY_HOURS" | "VOUCHER_FOR_PAID_WORK"; readonly message: string };

/** Whether accepting `feePence` takes someone past their own limit: exactly at the limit is not over it. */
export function crossesEarningsCap(cap: { capPence: number; earnedThisPeriodPence: number } | null | undefined, feePence: number): boolean {
  return !!cap && cap.earnedThisPeriodPence + feePence > cap.capPence;
}

export function offerWarnings(facts: OfferWarningFacts): OfferWarning[] {
  const cap = facts.earningsCap;
  const warnings: OfferWarning[] = earningsWarnings({
    receivesBenefits: facts.receivesBenefits,
    capPence: cap?.capPence ?? null,
    capPeriod: cap?.period ?? null,
    weeklyHoursLimit: facts.weeklyHoursWarningMinutes / 60,
    periodFeesPence: cap?.earnedThisPeriodPence ?? 0,
    weekMinutes: facts.minutesBookedThisWeek,
    extraFeePence: facts.feePence,
    extraMinutes: facts.sessionMinutes,
    periodLabel: cap?.period === "MONTH" ? "that month" : "that week",
    weekLabel: "that week",
  });
  const voucher = facts.feePence > 0 ? payPreferenceWarning({ receivesBenefits: facts.receivesBenefits, payPreference: facts.payPreference }) : null;
  if (voucher) warnings.push({ code: "VOUCHER_FOR_PAID_WORK", message: voucher });
  return warnings;
}
