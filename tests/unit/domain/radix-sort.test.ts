import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { radixSortWholeNumbers } from "@/lib/domain/radix-sort";

describe("radixSortWholeNumbers", () => {
  it("sorts like a numeric sort for any whole numbers up to 2^53 − 1 (including duplicates and large gaps)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.maxSafeNat()), { maxLength: 300 }), (numbers) => {
        const values = Float64Array.from(numbers);
        const expected = Float64Array.from(numbers).sort();
        expect(radixSortWholeNumbers(values)).toEqual(expected);
      }),
    );
  });

  it.each([
    ["empty", []],
    ["one value", [7]],
    ["already sorted", [1, 2, 3, 4096, 4097]],
    ["reversed across a digit boundary", [4097, 4096, 4095, 1, 0]],
    ["the largest safe integer", [Number.MAX_SAFE_INTEGER, 0, Number.MAX_SAFE_INTEGER - 1]],
  ])("%s", (_, numbers) => {
    expect([...radixSortWholeNumbers(Float64Array.from(numbers))]).toEqual([...numbers].sort((a, b) => a - b));
  });

  it.each([[-1], [1.5], [Number.NaN], [2 ** 53]])("refuses %s (not a whole number in range)", (bad) => {
    expect(() => radixSortWholeNumbers(Float64Array.from([1, bad]))).toThrow(RangeError);
  });
});
