import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDomainError } from "@/lib/domain/errors";
import {
  clipIntervals,
  createInterval,
  intersectIntervals,
  isIntervalCovered,
  normaliseIntervals,
  subtractIntervals,
  sumIntervalLengths,
  widenIntervals,
} from "@/lib/domain/time/interval";
import type { Interval } from "@/lib/domain/time/interval";

const iv = (start: number, end: number): Interval => ({ start, end });

/** Brute force over integer points: which points of [lo, hi) are covered. */
function toPoints(intervals: readonly Interval[], lo = 0, hi = 60): Set<number> {
  const points = new Set<number>();
  for (const { start, end } of intervals) for (let t = Math.max(start, lo); t < Math.min(end, hi); t += 1) points.add(t);
  return points;
}

const arbitraryIntervals = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 10 })).map(([s, l]) => iv(s, s + l)),
  { maxLength: 8 },
);

function isNormalised(intervals: readonly Interval[]): boolean {
  return intervals.every((x, i) => x.start < x.end && (i === 0 || intervals[i - 1]!.end < x.start));
}

describe("normaliseIntervals", () => {
  it.each([
    { rule: "overlapping intervals merge", input: [iv(0, 10), iv(5, 15)], expected: [iv(0, 15)] },
    { rule: "touching half-open intervals merge ([0,10) + [10,20))", input: [iv(10, 20), iv(0, 10)], expected: [iv(0, 20)] },
    { rule: "a 1 ms gap keeps intervals apart", input: [iv(0, 10), iv(11, 20)], expected: [iv(0, 10), iv(11, 20)] },
    { rule: "empty intervals are dropped", input: [iv(5, 5), iv(1, 2)], expected: [iv(1, 2)] },
    { rule: "a contained interval disappears", input: [iv(0, 30), iv(5, 10)], expected: [iv(0, 30)] },
  ])("$rule", ({ input, expected }) => {
    expect(normaliseIntervals(input)).toEqual(expected);
  });

  it("rejects an interval that ends before it starts (INVALID_INTERVAL)", () => {
    expect(() => normaliseIntervals([iv(10, 9)])).toThrow(expect.objectContaining({ code: "INVALID_INTERVAL" }));
  });

  it("covers exactly the same points and is sorted and disjoint (property)", () => {
    fc.assert(
      fc.property(arbitraryIntervals, (input) => {
        const result = normaliseIntervals(input);
        expect(isNormalised(result)).toBe(true);
        expect(toPoints(result)).toEqual(toPoints(input));
      }),
    );
  });
});

describe("subtractIntervals / intersectIntervals", () => {
  it.each([
    { rule: "a hole in the middle splits the interval", from: [iv(0, 10)], remove: [iv(3, 5)], expected: [iv(0, 3), iv(5, 10)] },
    { rule: "a hole touching the start leaves the rest", from: [iv(0, 10)], remove: [iv(-5, 0)], expected: [iv(0, 10)] },
    { rule: "a hole ending exactly at the end trims it", from: [iv(0, 10)], remove: [iv(8, 10)], expected: [iv(0, 8)] },
    { rule: "one hole spanning two intervals removes from both", from: [iv(0, 10), iv(20, 30)], remove: [iv(5, 25)], expected: [iv(0, 5), iv(25, 30)] },
    { rule: "removing everything leaves nothing", from: [iv(0, 10)], remove: [iv(0, 10)], expected: [] },
  ])("subtract: $rule", ({ from, remove, expected }) => {
    expect(subtractIntervals(from, remove)).toEqual(expected);
  });

  it("subtract matches point-set difference (property)", () => {
    fc.assert(
      fc.property(arbitraryIntervals, arbitraryIntervals, (a, b) => {
        const result = subtractIntervals(a, b);
        expect(isNormalised(result)).toBe(true);
        const expected = new Set([...toPoints(a)].filter((t) => !toPoints(b).has(t)));
        expect(toPoints(result)).toEqual(expected);
      }),
    );
  });

  it("intersect matches point-set intersection (property)", () => {
    fc.assert(
      fc.property(arbitraryIntervals, arbitraryIntervals, (a, b) => {
        const result = intersectIntervals(a, b);
        expect(isNormalised(result)).toBe(true);
        const expected = new Set([...toPoints(a)].filter((t) => toPoints(b).has(t)));
        expect(toPoints(result)).toEqual(expected);
      }),
    );
  });

  it("clip keeps only what is inside the range, half-open at both ends", () => {
    expect(clipIntervals([iv(0, 10), iv(15, 30)], iv(5, 20))).toEqual([iv(5, 10), iv(15, 20)]);
  });
});

describe("widenIntervals / isIntervalCovered / createInterval", () => {
  it("widening by a buffer merges bookings whose buffers now overlap", () => {
    expect(widenIntervals([iv(10, 20), iv(25, 30)], { beforeMs: 3, afterMs: 3 })).toEqual([iv(7, 33)]);
  });

  it("a negative buffer is rejected", () => {
    expect(() => widenIntervals([iv(0, 1)], { beforeMs: -1, afterMs: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_INTERVAL" }),
    );
  });

  it.each([
    { rule: "inside one interval is covered", inner: iv(2, 8), expected: true },
    { rule: "ending exactly at the interval's end is covered", inner: iv(5, 10), expected: true },
    { rule: "one ms past the end is not covered", inner: iv(5, 11), expected: false },
    { rule: "spanning the gap between two intervals is not covered", inner: iv(8, 22), expected: false },
    { rule: "starting in the gap is not covered", inner: iv(12, 15), expected: false },
    { rule: "inside the second interval is covered", inner: iv(20, 30), expected: true },
  ])("isIntervalCovered: $rule", ({ inner, expected }) => {
    expect(isIntervalCovered([iv(0, 10), iv(20, 30)], inner)).toBe(expected);
  });

  it.each([
    { rule: "end before start", start: 10, end: 9 },
    { rule: "fractional milliseconds", start: 0.5, end: 9 },
    { rule: "not a number", start: Number.NaN, end: 9 },
  ])("createInterval rejects $rule", ({ start, end }) => {
    let caught: unknown;
    try {
      createInterval(start, end);
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught, "INVALID_INTERVAL")).toBe(true);
  });

  it("sums lengths of normalised intervals", () => {
    expect(sumIntervalLengths(normaliseIntervals([iv(0, 10), iv(5, 15), iv(20, 21)]))).toBe(16);
  });
});
