import { describe, expect, it } from "vitest";
import {
  describePeriod,
  earningsWarnings,
  getNextPeriod,
  getPeriod,
  mileageCapMessage,
  mileagePayable,
  parseDateRange,
  parseMonth,
  payPreferenceWarning,
  summariseEarnings,
  thresholdPercent,
  type EarningsWarningFacts,
  type PeriodKind,
} from "@/lib/domain/earnings";

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const HOUR = 3_600_000;

describe("getPeriod: weeks run Monday 00:00 to Monday 00:00 UK time", () => {
  it.each([
    { rule: "a Wednesday in winter (GMT): the week starts Monday 00:00 GMT", instant: "2026-11-25T12:00:00Z", start: "2026-11-23T00:00:00.000Z", end: "2026-11-30T00:00:00.000Z" },
    { rule: "Monday 00:00 exactly belongs to the new week", instant: "2026-11-23T00:00:00Z", start: "2026-11-23T00:00:00.000Z", end: "2026-11-30T00:00:00.000Z" },
    { rule: "Sunday 23:59:59 belongs to the week before", instant: "2026-11-22T23:59:59Z", start: "2026-11-16T00:00:00.000Z", end: "2026-11-23T00:00:00.000Z" },
    { rule: "in summer (BST) Monday 00:00 is Sunday 23:00 UTC", instant: "2026-07-12T23:00:00Z", start: "2026-07-12T23:00:00.000Z", end: "2026-07-19T23:00:00.000Z" },
    { rule: "Sunday 23:30 BST is still the old week", instant: "2026-07-12T22:30:00Z", start: "2026-07-05T23:00:00.000Z", end: "2026-07-12T23:00:00.000Z" },
    { rule: "the week the clocks go forward (29 Mar 2026) starts in GMT and ends in BST", instant: "2026-03-29T22:30:00Z", start: "2026-03-23T00:00:00.000Z", end: "2026-03-29T23:00:00.000Z" },
    { rule: "the first moment after that week is Monday 00:00 BST", instant: "2026-03-29T23:00:00Z", start: "2026-03-29T23:00:00.000Z", end: "2026-04-05T23:00:00.000Z" },
    { rule: "the week the clocks go back (25 Oct 2026) starts in BST and ends in GMT", instant: "2026-10-25T01:30:00Z", start: "2026-10-18T23:00:00.000Z", end: "2026-10-26T00:00:00.000Z" },
    { rule: "Monday 00:30 BST (Sunday 23:30 UTC) is in the new week", instant: "2026-10-18T23:30:00Z", start: "2026-10-18T23:00:00.000Z", end: "2026-10-26T00:00:00.000Z" },
  ])("$rule", ({ instant, start, end }) => {
    const period = getPeriod("WEEK", at(instant));
    expect({ start: iso(period.start), end: iso(period.end) }).toEqual({ start, end });
  });

  it("weeks across the clock changes are 167 and 169 hours long (wall-clock weeks, not 168-hour blocks)", () => {
    const spring = getPeriod("WEEK", at("2026-03-25T12:00:00Z"));
    const autumn = getPeriod("WEEK", at("2026-10-21T12:00:00Z"));
    expect((spring.end.getTime() - spring.start.getTime()) / HOUR).toBe(167);
    expect((autumn.end.getTime() - autumn.start.getTime()) / HOUR).toBe(169);
    expect(iso(getNextPeriod({ ...autumn, kind: "WEEK" }).start)).toBe("2026-10-26T00:00:00.000Z");
  });
});

describe("getPeriod: months and quarters in UK time", () => {
  it.each<{ rule: string; kind: PeriodKind; instant: string; start: string; end: string }>([
    { rule: "October (BST start, GMT end) runs from 30 Sep 23:00 UTC to 1 Nov 00:00 UTC", kind: "MONTH", instant: "2026-10-15T12:00:00Z", start: "2026-09-30T23:00:00.000Z", end: "2026-11-01T00:00:00.000Z" },
    { rule: "00:30 BST on 1 October is October, though UTC still says 30 September", kind: "MONTH", instant: "2026-09-30T23:30:00Z", start: "2026-09-30T23:00:00.000Z", end: "2026-11-01T00:00:00.000Z" },
    { rule: "Q1 is January to March", kind: "QUARTER", instant: "2026-02-10T12:00:00Z", start: "2026-01-01T00:00:00.000Z", end: "2026-03-31T23:00:00.000Z" },
    { rule: "23:59 on 31 March (BST) is still Q1", kind: "QUARTER", instant: "2026-03-31T22:59:59Z", start: "2026-01-01T00:00:00.000Z", end: "2026-03-31T23:00:00.000Z" },
    { rule: "00:00 on 1 April (BST) starts Q2", kind: "QUARTER", instant: "2026-03-31T23:00:00Z", start: "2026-03-31T23:00:00.000Z", end: "2026-06-30T23:00:00.000Z" },
    { rule: "Q4 starts 1 October BST and ends 1 January GMT", kind: "QUARTER", instant: "2026-11-23T12:00:00Z", start: "2026-09-30T23:00:00.000Z", end: "2027-01-01T00:00:00.000Z" },
    { rule: "New Year's Eve 23:59 is still Q4", kind: "QUARTER", instant: "2026-12-31T23:59:59Z", start: "2026-09-30T23:00:00.000Z", end: "2027-01-01T00:00:00.000Z" },
  ])("$rule", ({ kind, instant, start, end }) => {
    const period = getPeriod(kind, at(instant));
    expect({ start: iso(period.start), end: iso(period.end) }).toEqual({ start, end });
  });

  it("describes periods in plain words", () => {
    const now = at("2026-11-25T12:00:00Z");
    expect(describePeriod(getPeriod("WEEK", now), { now })).toBe("this week (Mon 23 Nov – Sun 29 Nov)");
    expect(describePeriod(getPeriod("WEEK", at("2026-12-09T10:00:00Z")), { now })).toBe("the week of Mon 7 Dec – Sun 13 Dec");
    expect(describePeriod(getPeriod("MONTH", now), { now })).toBe("this month (November 2026)");
    expect(describePeriod(getPeriod("QUARTER", now), { now })).toBe("this quarter (Oct – Dec 2026)");
    expect(describePeriod(parseMonth("2026-10")!)).toBe("October 2026");
  });
});

describe("parseMonth and parseDateRange (a Jobcentre letter covers at most 12 months)", () => {
  it("reads a month as UK time and refuses anything else", () => {
    expect(parseMonth("2026-07")).toMatchObject({ start: at("2026-06-30T23:00:00Z"), end: at("2026-07-31T23:00:00Z") });
    for (const bad of ["2026-13", "2026-7", "26-07", "", null, "2026-07-01", "1999-12"]) expect(parseMonth(bad)).toBeNull();
  });

  it.each([
    { rule: "one day covers the whole UK day", from: "2026-11-05", to: "2026-11-05", start: "2026-11-05T00:00:00.000Z", end: "2026-11-06T00:00:00.000Z" },
    { rule: "exactly 12 months (1 Jan – 31 Dec) is allowed", from: "2026-01-01", to: "2026-12-31", start: "2026-01-01T00:00:00.000Z", end: "2027-01-01T00:00:00.000Z" },
    { rule: "a summer range starts at midnight BST", from: "2026-07-01", to: "2026-07-31", start: "2026-06-30T23:00:00.000Z", end: "2026-07-31T23:00:00.000Z" },
  ])("$rule", ({ from, to, start, end }) => {
    const result = parseDateRange(from, to);
    expect(result.ok && { start: iso(result.period.start), end: iso(result.period.end) }).toEqual({ start, end });
  });

  it.each([
    { rule: "12 months and a day is refused", from: "2026-01-01", to: "2027-01-01", errors: { to: ["Choose a period of 12 months or less."] } },
    { rule: "the end before the start is refused", from: "2026-11-10", to: "2026-11-09", errors: { to: ["The last day must be on or after the first day."] } },
    { rule: "dates that don't exist are refused", from: "2026-02-30", to: "nonsense", errors: { from: ["Enter the first day, like 2026-11-01."], to: ["Enter the last day, like 2026-11-30."] } },
  ])("$rule", ({ from, to, errors }) => {
    expect(parseDateRange(from, to)).toEqual({ ok: false, fieldErrors: errors });
  });
});

describe("summariseEarnings: fees earned and booked, hours, and expenses kept apart", () => {
  const week = getPeriod("WEEK", at("2026-11-25T12:00:00Z"));
  const work = [
    { startsAt: at("2026-11-23T00:00:00Z"), endsAt: at("2026-11-23T03:00:00Z"), feePence: 17_500, isDelivered: true },
    { startsAt: at("2026-11-27T09:00:00Z"), endsAt: at("2026-11-27T10:30:00Z"), feePence: 10_000, isDelivered: false },
    // Starts exactly when the next week begins: not this week.
    { startsAt: at("2026-11-30T00:00:00Z"), endsAt: at("2026-11-30T03:00:00Z"), feePence: 99_999, isDelivered: false },
    { startsAt: at("2026-11-22T23:59:00Z"), endsAt: at("2026-11-23T02:00:00Z"), feePence: 88_888, isDelivered: true },
  ];
  it("counts sessions starting in the period, delivered and booked separately, and never adds expenses to fees", () => {
    expect(summariseEarnings(week, work, [{ on: at("2026-11-23T09:00:00Z"), amountPence: 1_350 }, { on: at("2026-11-30T09:00:00Z"), amountPence: 500 }])).toEqual({
      earnedPence: 17_500,
      bookedPence: 10_000,
      workedMinutes: 180,
      bookedMinutes: 90,
      expensesPence: 1_350,
    });
  });
});

describe("earningsWarnings: warnings against their own threshold and the weekly hours setting", () => {
  const base: EarningsWarningFacts = { receivesBenefits: true, capPence: 20_000, capPeriod: "WEEK", weeklyHoursLimit: 16, periodFeesPence: 0, weekMinutes: 0 };
  it.each<{ rule: string; facts: Partial<EarningsWarningFacts>; codes: string[] }>([
    { rule: "exactly at the threshold is not crossing it", facts: { periodFeesPence: 20_000 }, codes: [] },
    { rule: "1p over the threshold is crossing it", facts: { periodFeesPence: 20_001 }, codes: ["OVER_THRESHOLD"] },
    { rule: "an offer that lands exactly on the threshold is fine", facts: { periodFeesPence: 15_000, extraFeePence: 5_000 }, codes: [] },
    { rule: "an offer 1p over is warned about", facts: { periodFeesPence: 15_000, extraFeePence: 5_001 }, codes: ["OVER_THRESHOLD"] },
    { rule: "no threshold set: no threshold warning, whatever the fees", facts: { capPence: null, capPeriod: null, periodFeesPence: 1_000_000 }, codes: [] },
    { rule: "their own threshold is checked even without the benefits flag", facts: { receivesBenefits: false, periodFeesPence: 20_001 }, codes: ["OVER_THRESHOLD"] },
    { rule: "exactly 16 hours in a week is not over", facts: { weekMinutes: 16 * 60 }, codes: [] },
    { rule: "16 hours and 1 minute is over", facts: { weekMinutes: 16 * 60 + 1 }, codes: ["OVER_WEEKLY_HOURS"] },
    { rule: "an offer that takes the week over 16 hours is warned about", facts: { weekMinutes: 14 * 60, extraMinutes: 3 * 60 }, codes: ["OVER_WEEKLY_HOURS"] },
    { rule: "the hours warning is only for people who receive benefits", facts: { receivesBenefits: false, weekMinutes: 40 * 60 }, codes: [] },
    { rule: "both at once", facts: { periodFeesPence: 30_000, weekMinutes: 20 * 60 }, codes: ["OVER_THRESHOLD", "OVER_WEEKLY_HOURS"] },
  ])("$rule", ({ facts, codes }) => {
    expect(earningsWarnings({ ...base, ...facts }).map((w) => w.code)).toEqual(codes);
  });

  it("says the amounts and the period in plain English, and never works out benefits", () => {
    const [threshold, hours] = earningsWarnings({ ...base, periodFeesPence: 35_000, weekMinutes: 17 * 60 + 30, periodLabel: "the week of Mon 7 Dec – Sun 13 Dec", weekLabel: "the week of Mon 7 Dec – Sun 13 Dec" });
    expect(threshold!.message).toBe(
      "Your earned and booked fees for the week of Mon 7 Dec – Sun 13 Dec come to £350.00, which is £150.00 over the £200.00 threshold you set. If that's a worry, talk to us about moving some work, or check with a free benefits adviser.",
    );
    expect(hours!.message).toContain("You have 17 hours 30 minutes of work the week of Mon 7 Dec – Sun 13 Dec, over 16 hours.");
    const offer = earningsWarnings({ ...base, capPeriod: "MONTH", periodFeesPence: 19_000, extraFeePence: 2_000 });
    expect(offer[0]!.message).toBe("Taking this work would bring your fees for this month to £210.00, which is £10.00 over the £200.00 threshold you set.");
  });

  it("warns about vouchers only for someone who receives benefits", () => {
    expect(payPreferenceWarning({ receivesBenefits: true, payPreference: "VOUCHER" })).toContain("Vouchers for paid work can still count as earnings");
    expect(payPreferenceWarning({ receivesBenefits: false, payPreference: "VOUCHER" })).toBeNull();
    expect(payPreferenceWarning({ receivesBenefits: true, payPreference: "BANK_TRANSFER" })).toBeNull();
  });

  it.each([
    { total: 0, cap: 20_000, percent: 0 },
    { total: 19_999, cap: 20_000, percent: 99 },
    { total: 20_000, cap: 20_000, percent: 100 },
    { total: 50_000, cap: 20_000, percent: 100 },
  ])("the progress bar shows $percent% for $total of $cap", ({ total, cap, percent }) => {
    expect(thresholdPercent(total, cap)).toBe(percent);
  });
});

describe("mileagePayable: paid back at HMRC's approved rate, anything above it is capped", () => {
  it.each([
    { rule: "no amount typed: miles × rate", miles: 30, claimedPence: undefined, amountPence: 1_350, isCapped: false },
    { rule: "exactly the allowance is not capped", miles: 30, claimedPence: 1_350, amountPence: 1_350, isCapped: false },
    { rule: "1p over the allowance is capped", miles: 30, claimedPence: 1_351, amountPence: 1_350, isCapped: true },
    { rule: "far over is capped to the allowance", miles: 30, claimedPence: 2_000, amountPence: 1_350, isCapped: true },
    { rule: "asking for less than the allowance pays what was asked", miles: 30, claimedPence: 1_000, amountPence: 1_000, isCapped: false },
  ])("$rule", ({ miles, claimedPence, amountPence, isCapped }) => {
    expect(mileagePayable({ miles, ratePencePerMile: 45, claimedPence })).toMatchObject({ amountPence, isCapped, allowancePence: miles * 45 });
  });

  it.each([
    { rule: "zero miles", miles: 0, claimedPence: 100 },
    { rule: "part miles", miles: 2.5, claimedPence: 100 },
    { rule: "a zero amount", miles: 10, claimedPence: 0 },
    { rule: "a negative amount", miles: 10, claimedPence: -450 },
  ])("refuses $rule (INVALID_AMOUNT)", ({ miles, claimedPence }) => {
    expect(() => mileagePayable({ miles, ratePencePerMile: 45, claimedPence })).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
  });

  it("explains the cap in the words the form uses", () => {
    expect(mileageCapMessage({ ratePencePerMile: 45, amountPence: 1_350 })).toBe("HMRC's approved rate is 45p a mile, so we can pay £13.50; mileage above that would count as earnings.");
  });
});
