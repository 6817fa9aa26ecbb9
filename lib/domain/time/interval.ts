import { DomainError } from "@/lib/domain/errors";

/**
 * Instants in `lib/domain` are epoch milliseconds (UTC). Intervals are half-open, `[start, end)`: an
 * interval ending at 10:00 and one starting at 10:00 touch but do not overlap, which is what
 * back-to-back bookings need.
 */
export type EpochMs = number;

export type Interval = { readonly start: EpochMs; readonly end: EpochMs };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Largest instant we accept: slot search packs instants into doubles with 3 spare bits (see slots.ts). */
const MAX_ABS_INSTANT = 2 ** 49;

/** Throws INVALID_INTERVAL unless `value` is a whole number of epoch milliseconds in a sane range. */
export function assertInstant(value: number, label = "instant"): void {
  if (!Number.isInteger(value) || Math.abs(value) > MAX_ABS_INSTANT) {
    throw new DomainError("INVALID_INTERVAL", `The ${label} must be a whole number of milliseconds.`, { value });
  }
}

/** Builds an interval, throwing INVALID_INTERVAL when it ends before it starts. Empty (start = end) is allowed. */
export function createInterval(start: EpochMs, end: EpochMs): Interval {
  assertInstant(start, "start");
  assertInstant(end, "end");
  if (end < start) throw new DomainError("INVALID_INTERVAL", undefined, { start, end });
  return { start, end };
}

/** Tells whether the interval has no length. */
export function isEmptyInterval(interval: Interval): boolean {
  return interval.end <= interval.start;
}

/** Already sorted, non-empty and separated by gaps? One linear pass, so normalising twice costs little. */
function isNormalised(intervals: readonly Interval[]): boolean {
  let previousEnd = -Infinity;
  for (const interval of intervals) {
    // Written so that NaN fails every comparison and falls through to the full (validating) path.
    if (!(interval.start > previousEnd && interval.end > interval.start)) return false;
    previousEnd = interval.end;
  }
  return true;
}

/**
 * Sorts intervals and merges those that overlap or touch, dropping empty ones. The result is sorted,
 * pairwise disjoint and separated by gaps — the form every other function here relies on.
 * Throws INVALID_INTERVAL for an interval that ends before it starts. O(n log n), linear when sorted.
 */
export function normaliseIntervals(intervals: readonly Interval[]): Interval[] {
  if (isNormalised(intervals)) return intervals.slice();
  return normaliseUnsorted(intervals);
}

/** `normaliseIntervals` for reading only: the list itself when it is already normal, with no copy. */
export function readNormalisedIntervals(intervals: readonly Interval[]): readonly Interval[] {
  return isNormalised(intervals) ? intervals : normaliseUnsorted(intervals);
}

function normaliseUnsorted(intervals: readonly Interval[]): Interval[] {
  const nonEmpty: Interval[] = [];
  for (const interval of intervals) {
    if (interval.end < interval.start || Number.isNaN(interval.start) || Number.isNaN(interval.end)) {
      throw new DomainError("INVALID_INTERVAL", undefined, { start: interval.start, end: interval.end });
    }
    if (interval.end > interval.start) nonEmpty.push(interval);
  }
  nonEmpty.sort((a, b) => a.start - b.start || a.end - b.end);

  const merged: Interval[] = [];
  let current: { start: number; end: number } | undefined;
  for (const interval of nonEmpty) {
    if (current && interval.start <= current.end) {
      if (interval.end > current.end) current.end = interval.end;
      continue;
    }
    if (current) merged.push(current);
    current = { start: interval.start, end: interval.end };
  }
  if (current) merged.push(current);
  return merged;
}

/** Time in `from` that is not in `remove`. Both are normalised first; the sweep itself is linear. */
export function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const base = readNormalisedIntervals(from);
  const holes = readNormalisedIntervals(remove);
  const result: Interval[] = [];
  let h = 0;
  for (const interval of base) {
    let cursor = interval.start;
    // Holes ending at or before this interval can never matter again: the base is sorted.
    while (h < holes.length && holes[h]!.end <= cursor) h += 1;
    let k = h;
    while (k < holes.length && holes[k]!.start < interval.end) {
      const hole = holes[k]!;
      if (hole.start > cursor) result.push({ start: cursor, end: hole.start });
      if (hole.end > cursor) cursor = hole.end;
      if (cursor >= interval.end) break;
      k += 1;
    }
    if (cursor < interval.end) result.push({ start: cursor, end: interval.end });
  }
  return result;
}

/** Time that is in both `a` and `b`. Both are normalised first; the sweep itself is linear. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const left = readNormalisedIntervals(a);
  const right = readNormalisedIntervals(b);
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const x = left[i]!;
    const y = right[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start < end) result.push({ start, end });
    if (x.end < y.end) i += 1;
    else j += 1;
  }
  return result;
}

/** Cuts intervals down to `range`. */
export function clipIntervals(intervals: readonly Interval[], range: Interval): Interval[] {
  return intersectIntervals(intervals, [range]);
}

/**
 * Widens every interval by `beforeMs` at the start and `afterMs` at the end (e.g. a travel buffer
 * around a booking), then normalises, so buffers that now overlap merge.
 */
export function widenIntervals(
  intervals: readonly Interval[],
  { beforeMs, afterMs }: { beforeMs: number; afterMs: number },
): Interval[] {
  if (!(beforeMs >= 0) || !(afterMs >= 0)) {
    throw new DomainError("INVALID_INTERVAL", "A buffer cannot be negative.", { beforeMs, afterMs });
  }
  return normaliseIntervals(intervals.map((i) => ({ start: i.start - beforeMs, end: i.end + afterMs })));
}

/**
 * Tells whether `inner` lies entirely inside one interval of `intervals` (which must be normalised).
 * Binary search, O(log n). An empty `inner` counts as covered only where a point of it is covered.
 */
export function isIntervalCovered(intervals: readonly Interval[], inner: Interval): boolean {
  let low = 0;
  let high = intervals.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = intervals[middle]!;
    if (candidate.end <= inner.start) low = middle + 1;
    else if (candidate.start > inner.start) high = middle - 1;
    else return inner.end <= candidate.end;
  }
  return false;
}

/** Total length of normalised intervals, in milliseconds. */
export function sumIntervalLengths(intervals: readonly Interval[]): number {
  let total = 0;
  for (const interval of intervals) total += interval.end - interval.start;
  return total;
}
