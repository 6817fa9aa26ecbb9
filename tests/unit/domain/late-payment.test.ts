import { describe, expect, it } from "vitest";
import {
  assessLatePayment,
  computeSimpleInterestPence,
  countDaysOverdue,
  getAgedDebtBucket,
  getBaseRateOn,
  getDueReminderStage,
  getFixedCompensationPence,
  getReferenceDate,
  summariseAgedDebt,
} from "@/lib/domain/late-payment";

describe("countDaysOverdue: overdue from the day after the due date (UK calendar dates)", () => {
  it.each([
    { rule: "the day before the due date is not overdue", dueOn: "2026-11-30", today: "2026-11-29", days: 0 },
    { rule: "the due date itself is not overdue", dueOn: "2026-11-30", today: "2026-11-30", days: 0 },
    { rule: "the day after the due date is day 1", dueOn: "2026-11-30", today: "2026-12-01", days: 1 },
    { rule: "across a year end", dueOn: "2026-12-31", today: "2027-01-30", days: 30 },
    { rule: "across 29 February", dueOn: "2028-02-28", today: "2028-03-01", days: 2 },
    { rule: "across the October clock change (dates, not hours)", dueOn: "2026-10-24", today: "2026-10-26", days: 2 },
  ])("$rule", ({ dueOn, today, days }) => {
    expect(countDaysOverdue(dueOn, today)).toBe(days);
  });
});

describe("getReferenceDate: the base rate on 30 June or 31 December before interest starts to run", () => {
  it.each([
    { rule: "due in March: interest starts in March, so the previous 31 December", dueOn: "2026-03-15", reference: "2025-12-31" },
    { rule: "due 29 June: interest starts 30 June, still the first half-year", dueOn: "2026-06-29", reference: "2025-12-31" },
    { rule: "due 30 June: interest starts 1 July, so 30 June", dueOn: "2026-06-30", reference: "2026-06-30" },
    { rule: "due in November: 30 June of the same year", dueOn: "2026-11-10", reference: "2026-06-30" },
    { rule: "due 30 December: interest starts 31 December, still the second half-year", dueOn: "2026-12-30", reference: "2026-06-30" },
    { rule: "due 31 December: interest starts 1 January, so that 31 December", dueOn: "2026-12-31", reference: "2026-12-31" },
  ])("$rule", ({ dueOn, reference }) => {
    expect(getReferenceDate(dueOn)).toBe(reference);
  });
});

describe("getBaseRateOn: the latest change on or before the date", () => {
  const changes = [
    { effectiveFrom: "2025-08-07", basisPoints: 400 },
    { effectiveFrom: "2025-12-18", basisPoints: 375 },
    { effectiveFrom: "2026-07-01", basisPoints: 350 },
  ];
  it.each([
    { rule: "before any known change: the fallback", date: "2025-06-30", rate: 425 },
    { rule: "a change is in force on its own day", date: "2025-12-18", rate: 375 },
    { rule: "31 December picks the December change", date: "2025-12-31", rate: 375 },
    { rule: "a change the day after the reference date doesn't count", date: "2026-06-30", rate: 375 },
    { rule: "after the last change", date: "2027-01-01", rate: 350 },
  ])("$rule", ({ date, rate }) => {
    expect(getBaseRateOn(changes, date, 425)).toBe(rate);
  });

  it("order of the changes doesn't matter", () => {
    expect(getBaseRateOn([...changes].reverse(), "2026-01-01", 425)).toBe(375);
  });
});

describe("getFixedCompensationPence: £40 / £70 / £100 by the size of the debt", () => {
  it.each([
    { debt: 0, pence: 0 },
    { debt: 1, pence: 4_000 },
    { debt: 99_999, pence: 4_000 },
    { debt: 100_000, pence: 7_000 },
    { debt: 999_999, pence: 7_000 },
    { debt: 1_000_000, pence: 10_000 },
    { debt: 50_000_000, pence: 10_000 },
  ])("a debt of $debt pence gives $pence pence", ({ debt, pence }) => {
    expect(getFixedCompensationPence(debt)).toBe(pence);
  });
});

describe("computeSimpleInterestPence: debt × rate × days ÷ 365, rounded once, half up", () => {
  it.each([
    { rule: "£1,000 at 12% for 365 days is £120", debt: 100_000, rate: 1200, days: 365, pence: 12_000 },
    { rule: "£1,000 at 12% for 1 day is 32.88p → 33p", debt: 100_000, rate: 1200, days: 1, pence: 33 },
    { rule: "£1,980 at 12% for 30 days is 1952.88p → 1953p (not 30 × 65p)", debt: 198_000, rate: 1200, days: 30, pence: 1_953 },
    { rule: "exactly half a penny rounds up (365p at 10% for 5 days = 0.5p)", debt: 365, rate: 1000, days: 5, pence: 1 },
    { rule: "no days, no interest", debt: 100_000, rate: 1200, days: 0, pence: 0 },
    { rule: "a large debt stays exact (£90m at 12.25% for 1000 days)", debt: 9_000_000_000, rate: 1225, days: 1000, pence: 3_020_547_945 },
  ])("$rule", ({ debt, rate, days, pence }) => {
    expect(computeSimpleInterestPence({ debtPence: debt, annualRateBasisPoints: rate, days })).toBe(pence);
  });

  it("refuses fractional pence or days", () => {
    expect(() => computeSimpleInterestPence({ debtPence: 10.5, annualRateBasisPoints: 1200, days: 1 })).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
    expect(() => computeSimpleInterestPence({ debtPence: 100, annualRateBasisPoints: 1200, days: 1.5 })).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
  });
});

describe("assessLatePayment", () => {
  const baseRates = [
    { effectiveFrom: "2025-12-18", basisPoints: 375 },
    { effectiveFrom: "2026-08-06", basisPoints: 350 },
  ];

  it("on the due date nothing is owed beyond the debt", () => {
    const result = assessLatePayment({ debtPence: 198_000, dueOn: "2026-11-30", today: "2026-11-30", baseRates, fallbackBaseRateBasisPoints: 400 });
    expect(result).toMatchObject({ daysOverdue: 0, isOverdue: false, interestPence: 0, compensationPence: 0 });
  });

  it("day 1 overdue: one day's interest at base + 8% and the fixed compensation", () => {
    // Due 30 November 2026 → reference date 30 June 2026 → base 3.75% (the August cut came later) → 11.75%.
    const result = assessLatePayment({ debtPence: 198_000, dueOn: "2026-11-30", today: "2026-12-01", baseRates, fallbackBaseRateBasisPoints: 400 });
    expect(result).toEqual({
      daysOverdue: 1,
      isOverdue: true,
      referenceDate: "2026-06-30",
      baseRateBasisPoints: 375,
      annualRateBasisPoints: 1175,
      dailyInterestPence: 64, // 198000 × 0.1175 ÷ 365 = 63.74p
      interestPence: 64,
      compensationPence: 7_000,
    });
  });

  it("the rate stays fixed at the reference date's base rate however long the debt runs", () => {
    // Due 15 March 2026 → reference 31 December 2025 → 3.75%; later cuts don't change it.
    const result = assessLatePayment({ debtPence: 50_000, dueOn: "2026-03-15", today: "2026-12-10", baseRates, fallbackBaseRateBasisPoints: 400 });
    expect(result.referenceDate).toBe("2025-12-31");
    expect(result.annualRateBasisPoints).toBe(1175);
    expect(result.daysOverdue).toBe(270);
    expect(result.interestPence).toBe(4_346); // 50000 × 0.1175 × 270 ÷ 365 = 4345.89p
    expect(result.compensationPence).toBe(4_000);
  });

  it("a debt fully credited or paid owes nothing, however late", () => {
    const result = assessLatePayment({ debtPence: 0, dueOn: "2026-01-01", today: "2026-12-01", baseRates, fallbackBaseRateBasisPoints: 400 });
    expect(result).toMatchObject({ isOverdue: false, interestPence: 0, compensationPence: 0 });
  });
});

describe("aged debt", () => {
  it.each([
    { days: 0, bucket: "CURRENT" },
    { days: 1, bucket: "DAYS_1_30" },
    { days: 30, bucket: "DAYS_1_30" },
    { days: 31, bucket: "DAYS_31_60" },
    { days: 60, bucket: "DAYS_31_60" },
    { days: 61, bucket: "DAYS_61_90" },
    { days: 90, bucket: "DAYS_61_90" },
    { days: 91, bucket: "DAYS_OVER_90" },
  ])("$days days overdue is $bucket", ({ days, bucket }) => {
    expect(getAgedDebtBucket(days)).toBe(bucket);
  });

  it("totals per bucket and per client, largest debt first; nothing outstanding is left out", () => {
    const summary = summariseAgedDebt([
      { clientId: "a", clientName: "Oak House", outstandingPence: 10_000, daysOverdue: 0 },
      { clientId: "a", clientName: "Oak House", outstandingPence: 5_000, daysOverdue: 45 },
      { clientId: "b", clientName: "Northshire", outstandingPence: 90_000, daysOverdue: 120 },
      { clientId: "c", clientName: "Bright Futures", outstandingPence: 0, daysOverdue: 10 },
    ]);
    expect(summary.totals).toEqual({ CURRENT: 10_000, DAYS_1_30: 0, DAYS_31_60: 5_000, DAYS_61_90: 0, DAYS_OVER_90: 90_000 });
    expect(summary.totalPence).toBe(105_000);
    expect(summary.clients.map((c) => [c.clientName, c.totalPence])).toEqual([
      ["Northshire", 90_000],
      ["Oak House", 15_000],
    ]);
    expect(summary.clients[1]!.totals).toEqual({ CURRENT: 10_000, DAYS_1_30: 0, DAYS_31_60: 5_000, DAYS_61_90: 0, DAYS_OVER_90: 0 });
  });
});

describe("getDueReminderStage: at 1, 14 and 30 days overdue, once each, never a burst", () => {
  it.each([
    { rule: "not overdue: nothing", days: 0, sent: [], stage: null },
    { rule: "day 1: the first reminder", days: 1, sent: [], stage: 1 },
    { rule: "day 1 again after sending: nothing", days: 1, sent: [1], stage: null },
    { rule: "day 13 after the first: nothing yet", days: 13, sent: [1], stage: null },
    { rule: "day 14: the second", days: 14, sent: [1], stage: 14 },
    { rule: "day 30: the third", days: 30, sent: [1, 14], stage: 30 },
    { rule: "day 45 after all three: nothing more", days: 45, sent: [1, 14, 30], stage: null },
    { rule: "the job missed days 1–19: only the 14-day one, not two at once", days: 20, sent: [], stage: 14 },
    { rule: "a later stage already sent: earlier ones are skipped", days: 31, sent: [30], stage: null },
  ])("$rule", ({ days, sent, stage }) => {
    expect(getDueReminderStage(days, sent)).toBe(stage);
  });
});
