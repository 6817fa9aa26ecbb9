import { describe, expect, it } from "vitest";
import { applyBasisPoints, computeLine, formatPounds, sumInvoice } from "@/lib/domain/money";

describe("computeLine: VAT per line, rounded half up to the penny", () => {
  it.each([
    { rule: "20% of £100 is exactly £20", quantity: 1, unitPricePence: 10_000, vatRateBasisPoints: 2000, netPence: 10_000, vatPence: 2000 },
    { rule: "quantity multiplies before VAT (3 × £3.33 = £9.99, VAT 199.8p → 200p)", quantity: 3, unitPricePence: 333, vatRateBasisPoints: 2000, netPence: 999, vatPence: 200 },
    { rule: "exactly half a penny rounds up (10p at 5% = 0.5p → 1p)", quantity: 1, unitPricePence: 10, vatRateBasisPoints: 500, netPence: 10, vatPence: 1 },
    { rule: "just under half a penny rounds down (9p at 5% = 0.45p → 0p)", quantity: 1, unitPricePence: 9, vatRateBasisPoints: 500, netPence: 9, vatPence: 0 },
    { rule: "a credit line mirrors the invoice (−10p at 5% = −0.5p → −1p)", quantity: 1, unitPricePence: -10, vatRateBasisPoints: 500, netPence: -10, vatPence: -1 },
    { rule: "zero-rated or exempt lines carry no VAT", quantity: 2, unitPricePence: 45_000, vatRateBasisPoints: 0, netPence: 90_000, vatPence: 0 },
  ])("$rule", ({ quantity, unitPricePence, vatRateBasisPoints, netPence, vatPence }) => {
    expect(computeLine({ quantity, unitPricePence, vatRateBasisPoints })).toEqual({ netPence, vatPence, grossPence: netPence + vatPence });
  });

  it.each([
    { rule: "quantity 0", line: { quantity: 0, unitPricePence: 100, vatRateBasisPoints: 2000 } },
    { rule: "fractional quantity", line: { quantity: 1.5, unitPricePence: 100, vatRateBasisPoints: 2000 } },
    { rule: "fractional pence", line: { quantity: 1, unitPricePence: 99.5, vatRateBasisPoints: 2000 } },
    { rule: "VAT over 100%", line: { quantity: 1, unitPricePence: 100, vatRateBasisPoints: 10_001 } },
    { rule: "negative VAT", line: { quantity: 1, unitPricePence: 100, vatRateBasisPoints: -1 } },
  ])("rejects $rule (INVALID_AMOUNT)", ({ line }) => {
    expect(() => computeLine(line)).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
  });
});

describe("sumInvoice", () => {
  it("adds the rounded lines and never re-rounds at invoice level (3 × 0.5p VAT = 3p, not round(1.5p) = 2p)", () => {
    const lines = [1, 2, 3].map(() => computeLine({ quantity: 1, unitPricePence: 10, vatRateBasisPoints: 500 }));
    expect(sumInvoice(lines)).toEqual({ subtotalPence: 30, vatPence: 3, totalPence: 33 });
  });

  it("an empty invoice totals zero", () => {
    expect(sumInvoice([])).toEqual({ subtotalPence: 0, vatPence: 0, totalPence: 0 });
  });
});

describe("applyBasisPoints", () => {
  it.each([
    { amount: 100_001, bp: 5000, expected: 50_001, rule: "half a penny rounds up" },
    { amount: 100_001, bp: 10_000, expected: 100_001, rule: "100% is the whole amount" },
    { amount: 99, bp: 1, expected: 0, rule: "0.0099p rounds to nothing" },
  ])("$rule", ({ amount, bp, expected }) => {
    expect(applyBasisPoints(amount, bp)).toBe(expected);
  });
});

describe("formatPounds (en-GB)", () => {
  it.each([
    { pence: 0, expected: "£0.00" },
    { pence: 5, expected: "£0.05" },
    { pence: 99_999, expected: "£999.99" },
    { pence: 123_450, expected: "£1,234.50" },
    { pence: 100_000_000, expected: "£1,000,000.00" },
    { pence: -500, expected: "-£5.00" },
  ])("$pence pence → $expected", ({ pence, expected }) => {
    expect(formatPounds(pence)).toBe(expected);
  });

  it.each([
    { pence: 30_000, expected: "£300" },
    { pence: 30_050, expected: "£300.50" },
    { pence: 12_000_000, expected: "£120,000" },
  ])("with hideZeroPence, $pence pence → $expected", ({ pence, expected }) => {
    expect(formatPounds(pence, { hideZeroPence: true })).toBe(expected);
  });

  it("rejects fractional pence (INVALID_AMOUNT)", () => {
    expect(() => formatPounds(1.5)).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
  });
});
