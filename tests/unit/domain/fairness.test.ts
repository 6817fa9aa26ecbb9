import { describe, expect, it } from "vitest";
import { calculateGini, calculateTopShare, describeGini, summariseSpread } from "@/lib/domain/fairness";

/** Brute force over all ordered pairs: the textbook definition the fast formula must match. */
function giniByPairs(xs: number[]): number {
  const n = xs.length;
  const total = xs.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) return 0;
  let sum = 0;
  for (const a of xs) for (const b of xs) sum += Math.abs(a - b);
  return sum / (2 * n * total);
}

describe("calculateGini", () => {
  it.each([
    { rule: "nobody counted → 0", amounts: [], expected: 0 },
    { rule: "everyone has nothing → 0 (nothing to share is not unequal)", amounts: [0, 0, 0], expected: 0 },
    { rule: "one person → 0", amounts: [5000], expected: 0 },
    { rule: "all equal → 0", amounts: [20_000, 20_000, 20_000, 20_000], expected: 0 },
    { rule: "one of two has all → (n−1)/n = 1/2", amounts: [0, 30_000], expected: 1 / 2 },
    { rule: "one of four has all → (n−1)/n = 3/4", amounts: [0, 0, 90_000, 0], expected: 3 / 4 },
    { rule: "one of five has all → 4/5", amounts: [0, 0, 0, 0, 1], expected: 4 / 5 },
    { rule: "1,2,3,4 → 0.25", amounts: [1, 2, 3, 4], expected: 0.25 },
    { rule: "order does not matter", amounts: [4, 1, 3, 2], expected: 0.25 },
    { rule: "scaling every amount does not change it", amounts: [100, 200, 300, 400], expected: 0.25 },
    { rule: "two with all, two with none → 1/2", amounts: [10, 10, 0, 0], expected: 0.5 },
  ])("$rule", ({ amounts, expected }) => {
    expect(calculateGini(amounts)).toBeCloseTo(expected, 12);
  });

  it("matches the pairwise definition on uneven lists", () => {
    const lists = [
      [36_000, 18_000, 0, 54_000, 9_000],
      [1, 1, 1, 1, 1, 1, 100],
      [25_000, 25_000, 50_000],
      [7, 0, 3, 3, 12, 12, 1, 0, 0, 40],
    ];
    for (const xs of lists) expect(calculateGini(xs)).toBeCloseTo(giniByPairs(xs), 12);
  });

  it("refuses negative or non-finite amounts", () => {
    expect(() => calculateGini([1, -1])).toThrow(RangeError);
    expect(() => calculateGini([Number.NaN])).toThrow(RangeError);
    expect(() => calculateGini([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});

describe("calculateTopShare (top 20% by default)", () => {
  it.each([
    { rule: "nobody counted → 0", amounts: [], expected: 0 },
    { rule: "all zero → 0", amounts: [0, 0], expected: 0 },
    { rule: "all equal, 5 people → the top one holds 1/5", amounts: [10, 10, 10, 10, 10], expected: 1 / 5 },
    { rule: "all equal, 10 people → the top two hold 2/10", amounts: Array.from({ length: 10 }, () => 3), expected: 2 / 10 },
    { rule: "3 people → the top 20% is one person (rounded up)", amounts: [10, 30, 60], expected: 0.6 },
    { rule: "6 people → the top 20% is two people (1.2 rounded up)", amounts: [1, 1, 1, 1, 3, 3], expected: 0.6 },
    { rule: "one person has all → 1", amounts: [0, 0, 0, 0, 50], expected: 1 },
  ])("$rule", ({ amounts, expected }) => {
    expect(calculateTopShare(amounts)).toBeCloseTo(expected, 12);
  });

  it("takes another fraction and refuses a nonsense one", () => {
    expect(calculateTopShare([1, 2, 3, 4], 0.5)).toBeCloseTo(7 / 10, 12);
    expect(calculateTopShare([1, 2, 3, 4], 1)).toBe(1);
    expect(() => calculateTopShare([1], 0)).toThrow(RangeError);
    expect(() => calculateTopShare([1], 1.5)).toThrow(RangeError);
  });
});

describe("summariseSpread and describeGini", () => {
  it("counts people with and without work and how many the top fifth is", () => {
    expect(summariseSpread([0, 36_000, 18_000, 0, 18_000, 36_000, 0])).toMatchObject({ people: 7, peopleWithSome: 4, topFifthCount: 2, topFifthShare: 72_000 / 108_000 });
    expect(summariseSpread([])).toEqual({ people: 0, peopleWithSome: 0, gini: 0, topFifthShare: 0, topFifthCount: 0 });
  });

  it.each([
    { gini: 0, starts: "Very even" },
    { gini: 0.099, starts: "Very even" },
    { gini: 0.1, starts: "Fairly even" },
    { gini: 0.25, starts: "Uneven" },
    { gini: 0.4, starts: "Very uneven" },
    { gini: 0.8, starts: "Very uneven" },
  ])("a Gini of $gini reads as “$starts”", ({ gini, starts }) => {
    expect(describeGini(gini).startsWith(starts)).toBe(true);
  });
});
