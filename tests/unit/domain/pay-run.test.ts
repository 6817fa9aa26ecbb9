import { describe, expect, it } from "vitest";
import {
  bankTransferTotals,
  type CancellationCandidate,
  cancellationShares,
  type ExpenseCandidate,
  type FeeCandidate,
  feeMethodFor,
  gatherPayLines,
  penceToPoundsText,
  type PayPreference,
  splitEqually,
} from "@/lib/domain/pay-run";

const period = { start: new Date("2026-10-31T23:00:00Z"), end: new Date("2026-11-30T00:00:00Z") }; // 1–29 Nov UK
const inside = new Date("2026-11-10T10:00:00Z");

const fee = (over: Partial<FeeCandidate> = {}): FeeCandidate => ({
  assignmentId: "as-1",
  associateId: "a-1",
  payPreference: "BANK_TRANSFER",
  feePence: 20_000,
  assignmentStatus: "ACCEPTED",
  deliveryStatus: "DELIVERED",
  startsAt: inside,
  isInPayRun: false,
  ...over,
});
const expense = (over: Partial<ExpenseCandidate> = {}): ExpenseCandidate => ({
  expenseClaimId: "ex-1",
  associateId: "a-1",
  payPreference: "BANK_TRANSFER",
  amountPence: 1_250,
  status: "APPROVED",
  startsAt: inside,
  isInPayRun: false,
  ...over,
});
const gather = (input: { fees?: FeeCandidate[]; expenses?: ExpenseCandidate[]; cancellations?: CancellationCandidate[] }) =>
  gatherPayLines({ period, fees: input.fees ?? [], expenses: input.expenses ?? [], cancellations: input.cancellations ?? [] });

describe("gatherPayLines: fees", () => {
  it.each([
    ["an accepted assignment on a delivered session in the period is paid", {}, 1],
    ["a session still to come (confirmed) is not paid yet", { deliveryStatus: "CONFIRMED" }, 0],
    ["a declined assignment is not paid", { assignmentStatus: "DECLINED" }, 0],
    ["a withdrawn assignment is not paid", { assignmentStatus: "WITHDRAWN" }, 0],
    ["a £0 fee makes no line", { feePence: 0 }, 0],
    ["work already in a pay run is never paid again", { isInPayRun: true }, 0],
    ["a session starting exactly at the period start is in", { startsAt: period.start }, 1],
    ["a session starting exactly at the period end is out (the end is exclusive)", { startsAt: period.end }, 0],
    ["a session a minute before the period is out", { startsAt: new Date(period.start.getTime() - 60_000) }, 0],
  ] as const)("%s", (_rule, over, count) => {
    expect(gather({ fees: [fee(over as Partial<FeeCandidate>)] })).toHaveLength(count);
  });

  it("the same assignment offered twice is gathered once", () => {
    expect(gather({ fees: [fee(), fee()] })).toHaveLength(1);
  });
});

describe("gatherPayLines: pay preferences", () => {
  it.each([
    ["BANK_TRANSFER", "BANK_TRANSFER", 2],
    ["VOUCHER", "VOUCHER", 2],
    ["CHARITY", "CHARITY", 2],
    ["EXPENSES_ONLY", null, 1],
    ["DECLINE", null, 1],
  ] as const)("%s: fee method %s, %i lines (expenses are always paid back by bank transfer)", (preference, feeMethod, count) => {
    const lines = gather({ fees: [fee({ payPreference: preference })], expenses: [expense({ payPreference: preference })] });
    expect(lines).toHaveLength(count);
    expect(lines.find((l) => l.kind === "FEE")?.method ?? null).toBe(feeMethod);
    expect(lines.find((l) => l.kind === "EXPENSE")).toMatchObject({ method: "BANK_TRANSFER", amountPence: 1_250, assignmentId: null, expenseClaimId: "ex-1" });
  });

  it("feeMethodFor names no method for people who take no fees", () => {
    expect((["BANK_TRANSFER", "VOUCHER", "CHARITY", "EXPENSES_ONLY", "DECLINE"] as PayPreference[]).map(feeMethodFor)).toEqual(["BANK_TRANSFER", "VOUCHER", "CHARITY", null, null]);
  });
});

describe("gatherPayLines: expenses", () => {
  it.each([
    ["an approved claim is paid", { status: "APPROVED" }, 1],
    ["a submitted claim waits for a decision", { status: "SUBMITTED" }, 0],
    ["a queried claim waits for the associate", { status: "QUERIED" }, 0],
    ["a rejected claim is never paid", { status: "REJECTED" }, 0],
    ["a paid claim is not paid again", { status: "PAID" }, 0],
    ["an approved claim already in a pay run is not paid again", { isInPayRun: true }, 0],
    ["a claim for a session outside the period waits for that period's run", { startsAt: new Date("2026-12-01T10:00:00Z") }, 0],
  ] as const)("%s", (_rule, over, count) => {
    expect(gather({ expenses: [expense(over as Partial<ExpenseCandidate>)] })).toHaveLength(count);
  });

  it("fees and expenses stay separate lines for the same associate and session", () => {
    const lines = gather({ fees: [fee()], expenses: [expense()] });
    expect(lines.map((l) => [l.kind, l.amountPence])).toEqual([
      ["FEE", 20_000],
      ["EXPENSE", 1_250],
    ]);
  });
});

describe("cancellation pass-through", () => {
  const cancelled = (over: Partial<CancellationCandidate> = {}): CancellationCandidate => ({
    deliveryId: "d-1",
    deliveryStatus: "CANCELLED",
    startsAt: inside,
    passThroughPence: 10_001,
    assignments: [
      { assignmentId: "as-b", associateId: "a-2", payPreference: "BANK_TRANSFER", assignmentStatus: "CANCELLED", hadAccepted: true, isInPayRun: false },
      { assignmentId: "as-a", associateId: "a-1", payPreference: "BANK_TRANSFER", assignmentStatus: "CANCELLED", hadAccepted: true, isInPayRun: false },
      { assignmentId: "as-c", associateId: "a-3", payPreference: "BANK_TRANSFER", assignmentStatus: "CANCELLED", hadAccepted: false, isInPayRun: false },
    ],
    ...over,
  });

  it("splits equally between the associates who had accepted the work; the odd penny goes to the first by id; shares add up exactly", () => {
    const shares = cancellationShares(cancelled());
    expect(shares.map((s) => [s.assignmentId, s.amountPence])).toEqual([
      ["as-a", 5_001],
      ["as-b", 5_000],
    ]);
    expect(shares.reduce((sum, s) => sum + s.amountPence, 0)).toBe(10_001);
  });

  it.each([
    ["no pass-through", { passThroughPence: null }],
    ["a £0 pass-through", { passThroughPence: 0 }],
    ["a session that was not cancelled", { deliveryStatus: "DELIVERED" }],
  ] as const)("%s pays nothing", (_rule, over) => {
    expect(gather({ cancellations: [cancelled(over as Partial<CancellationCandidate>)] })).toEqual([]);
  });

  it("is paid like a fee: someone who declines fees gets no line, and a share already paid is not paid again", () => {
    const base = cancelled();
    const lines = gather({
      cancellations: [
        {
          ...base,
          assignments: [
            { ...base.assignments[0]!, payPreference: "DECLINE" },
            { ...base.assignments[1]!, isInPayRun: true },
          ],
        },
      ],
    });
    expect(lines).toEqual([]);
    const paid = gather({ cancellations: [cancelled()] });
    expect(paid.map((l) => [l.kind, l.assignmentId, l.method])).toEqual([
      ["CANCELLATION", "as-a", "BANK_TRANSFER"],
      ["CANCELLATION", "as-b", "BANK_TRANSFER"],
    ]);
  });
});

describe("splitEqually", () => {
  it.each([
    [100, 3, [34, 33, 33]],
    [0, 2, [0, 0]],
    [5, 0, []],
    [7, 7, [1, 1, 1, 1, 1, 1, 1]],
  ])("%i pence between %i people → %j", (total, count, shares) => {
    expect(splitEqually(total, count)).toEqual(shares);
  });
  it("refuses fractions of a penny and negative amounts", () => {
    expect(() => splitEqually(10.5, 2)).toThrow(RangeError);
    expect(() => splitEqually(-1, 2)).toThrow(RangeError);
  });
});

describe("bank file rows", () => {
  it("one row per associate with the total of their bank-transfer lines only, by payee name", () => {
    const rows = bankTransferTotals(
      [
        { associateId: "a-2", payeeName: "Zara Ali", amountPence: 20_000, method: "BANK_TRANSFER" },
        { associateId: "a-2", payeeName: "Zara Ali", amountPence: 1_250, method: "BANK_TRANSFER" },
        { associateId: "a-1", payeeName: "Ann Bell", amountPence: 5_000, method: "VOUCHER" },
        { associateId: "a-1", payeeName: "Ann Bell", amountPence: 900, method: "BANK_TRANSFER" },
        { associateId: "a-3", payeeName: "Cat Dee", amountPence: 7_000, method: "CHARITY" },
      ],
      "GT PAY NOV 2026",
    );
    expect(rows).toEqual([
      { associateId: "a-1", payeeName: "Ann Bell", reference: "GT PAY NOV 2026", amountPence: 900 },
      { associateId: "a-2", payeeName: "Zara Ali", reference: "GT PAY NOV 2026", amountPence: 21_250 },
    ]);
  });

  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [123_450, "1234.50"],
    [-99, "-0.99"],
  ])("%i pence is written %s", (pence, text) => {
    expect(penceToPoundsText(pence)).toBe(text);
  });
});
