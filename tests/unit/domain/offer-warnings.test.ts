import { describe, expect, it } from "vitest";
import { crossesEarningsCap, offerWarnings, type OfferWarningFacts } from "@/lib/domain/offer-warnings";

const base: OfferWarningFacts = {
  feePence: 18_000,
  sessionMinutes: 180,
  earningsCap: null,
  receivesBenefits: false,
  minutesBookedThisWeek: 0,
  payPreference: "BANK_TRANSFER",
  weeklyHoursWarningMinutes: 16 * 60,
};

describe("offerWarnings", () => {
  it.each([
    ["no limit set → no warning", {}, []],
    ["earned + fee exactly at the limit is not over it", { earningsCap: { capPence: 20_000, period: "WEEK", earnedThisPeriodPence: 2_000 } }, []],
    ["1p over the limit warns", { earningsCap: { capPence: 19_999, period: "WEEK", earnedThisPeriodPence: 2_000 } }, ["OVER_THRESHOLD"]],
    ["a monthly limit warns the same way", { earningsCap: { capPence: 40_000, period: "MONTH", earnedThisPeriodPence: 30_000 } }, ["OVER_THRESHOLD"]],
    ["a zero fee never crosses a limit already reached exactly", { feePence: 0, earningsCap: { capPence: 10_000, period: "WEEK", earnedThisPeriodPence: 10_000 } }, []],
    ["16 hours exactly (on benefits) is not over", { receivesBenefits: true, minutesBookedThisWeek: 16 * 60 - 180 }, []],
    ["16 hours and 1 minute (on benefits) warns", { receivesBenefits: true, minutesBookedThisWeek: 16 * 60 - 179 }, ["OVER_WEEKLY_HOURS"]],
    ["over 16 hours without benefits: no hours warning", { minutesBookedThisWeek: 20 * 60 }, []],
    ["vouchers for paid work, on benefits, warns", { receivesBenefits: true, payPreference: "VOUCHER" }, ["VOUCHER_FOR_PAID_WORK"]],
    ["vouchers without benefits: no warning", { payPreference: "VOUCHER" }, []],
  ] as const)("%s", (_rule, facts, codes) => {
    expect(offerWarnings({ ...base, ...facts } as OfferWarningFacts).map((w) => w.code)).toEqual(codes);
  });

  it("says the amounts in pounds, for the week the session is in", () => {
    const [warning] = offerWarnings({ ...base, earningsCap: { capPence: 15_000, period: "WEEK", earnedThisPeriodPence: 5_000 } });
    expect(warning!.message).toBe("Taking this work would bring your fees for that week to £230.00, which is £80.00 over the £150.00 threshold you set.");
  });

  it("crossesEarningsCap is false with no cap", () => {
    expect(crossesEarningsCap(null, 1_000_000)).toBe(false);
  });
});
