import { IANAZone } from "luxon";
import { DomainError } from "@/lib/domain/errors";
import { DAY_MS, HOUR_MS } from "@/lib/domain/time/interval";
import type { EpochMs, Interval } from "@/lib/domain/time/interval";

/**
 * Wall-clock time in a zone, as the epoch milliseconds the same date and clock reading would have in
 * UTC: 09:00 on 2026-03-30 in London is `Date.UTC(2026, 2, 30, 9, 0)` whatever the offset. Converting
 * between wall time and instants is where daylight saving bites, so it happens only here.
 */
export type WallMs = number;

/** A stretch of time over which a zone's UTC offset does not change. */
export type OffsetSegment = { readonly start: EpochMs; readonly end: EpochMs; readonly offsetMs: number };

export type ZoneClock = {
  readonly timezone: string;
  /** Sorted, contiguous; the first starts at -Infinity and the last ends at +Infinity. */
  readonly segments: readonly OffsetSegment[];
  /**
   * The first instant at which the zone's clock shows `wall` or later. So a wall time skipped when
   * clocks go forward (01:30 on 2026-03-29 in London) maps to the moment they go forward (01:00 UTC,
   * shown as 02:00 BST), and a wall time that happens twice when clocks go back (01:30 on 2026-10-25)
   * maps to its first occurrence (00:30 UTC, 01:30 BST). The mapping never goes backwards, so a
   * start–end pair never turns inside out.
   */
  convertWallToInstant(wall: WallMs): EpochMs;
  /** What the zone's clock shows at `instant`. */
  convertInstantToWall(instant: EpochMs): WallMs;
  /** The zone's offset from UTC at `instant`, in milliseconds (+3_600_000 for BST). */
  getOffsetAt(instant: EpochMs): number;
};

/**
 * Offsets are sampled every 12 hours and each change is pinned down by bisection. This assumes a zone
 * never changes its offset twice within 12 hours, which holds for every zone in the IANA database.
 */
const SAMPLE_MS = 12 * HOUR_MS;
const MAX_CACHED_YEARS = 2_000;
const yearCache = new Map<string, OffsetSegment[]>();

// Checking a zone builds an Intl formatter (~0.3 ms), so known-good names are remembered.
const validZones = new Set<string>();

/** Throws INVALID_TIMEZONE unless `timezone` is an IANA zone name luxon (ICU) knows. */
export function assertTimezone(timezone: string): void {
  if (validZones.has(timezone)) return;
  if (typeof timezone !== "string" || !IANAZone.isValidZone(timezone)) {
    throw new DomainError("INVALID_TIMEZONE", undefined, { timezone });
  }
  if (validZones.size < MAX_CACHED_YEARS) validZones.add(timezone);
}

function readOffsetMs(zone: IANAZone, instant: EpochMs): number {
  return Math.round(zone.offset(instant) * 60_000);
}

/** Offset segments for one UTC calendar year, memoised: the IANA data does not change at run time. */
function listYearSegments(timezone: string, zone: IANAZone, year: number): OffsetSegment[] {
  const key = `${timezone}|${year}`;
  const cached = yearCache.get(key);
  if (cached) return cached;

  const yearStart = Date.UTC(year, 0, 1);
  const yearEnd = Date.UTC(year + 1, 0, 1);
  const segments: OffsetSegment[] = [];
  let segmentStart = yearStart;
  let previousTime = yearStart;
  let previousOffset = readOffsetMs(zone, yearStart);
  for (let time = yearStart + SAMPLE_MS; previousTime < yearEnd; time += SAMPLE_MS) {
    const probe = Math.min(time, yearEnd - 1);
    const offset = readOffsetMs(zone, probe);
    if (offset !== previousOffset) {
      // Smallest instant in (previousTime, probe] whose offset differs from the previous one.
      let low = previousTime;
      let high = probe;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (readOffsetMs(zone, middle) === previousOffset) low = middle;
        else high = middle;
      }
      segments.push({ start: segmentStart, end: high, offsetMs: previousOffset });
      segmentStart = high;
      previousOffset = readOffsetMs(zone, high);
    }
    previousTime = probe === yearEnd - 1 ? yearEnd : probe;
  }
  segments.push({ start: segmentStart, end: yearEnd, offsetMs: previousOffset });

  if (yearCache.size >= MAX_CACHED_YEARS) yearCache.clear();
  yearCache.set(key, segments);
  return segments;
}

/**
 * A clock for `timezone` that converts between wall time and instants, exact around `range` (with two
 * days' margin either side) and extrapolating the edge offsets beyond it. Uses luxon's IANA zone data
 * for offsets; the only logic here is inverting them, with the gap/overlap rule documented on
 * `ZoneClock.convertWallToInstant`. Throws INVALID_TIMEZONE for an unknown zone.
 */
export function createZoneClock({ timezone, range }: { timezone: string; range: Interval }): ZoneClock {
  assertTimezone(timezone);
  const firstYear = new Date(range.start - 2 * DAY_MS).getUTCFullYear();
  const lastYear = new Date(range.end + 2 * DAY_MS).getUTCFullYear();
  // A clock depends only on the zone and the years it spans, and never changes once made: a slot search
  // asks for the same one for every candidate.
  const key = `${timezone}|${firstYear}|${lastYear}`;
  const cached = clockCache.get(key);
  if (cached) return cached;
  const clock = buildZoneClock(timezone, firstYear, lastYear);
  if (clockCache.size >= MAX_CACHED_YEARS) clockCache.clear();
  clockCache.set(key, clock);
  return clock;
}

const clockCache = new Map<string, ZoneClock>();

function buildZoneClock(timezone: string, firstYear: number, lastYear: number): ZoneClock {
  const zone = IANAZone.create(timezone);

  const merged: { start: number; end: number; offsetMs: number }[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    for (const segment of listYearSegments(timezone, zone, year)) {
      const last = merged[merged.length - 1];
      if (last && last.offsetMs === segment.offsetMs) last.end = segment.end;
      else merged.push({ ...segment });
    }
  }
  merged[0]!.start = -Infinity;
  merged[merged.length - 1]!.end = Infinity;
  // Frozen: clocks are cached and shared between callers.
  const segments: readonly OffsetSegment[] = Object.freeze(merged.map((segment) => Object.freeze(segment)));

  function findSegmentIndex(instant: EpochMs): number {
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (segments[middle]!.start <= instant) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  function getOffsetAt(instant: EpochMs): number {
    return segments[findSegmentIndex(instant)]!.offsetMs;
  }

  return Object.freeze({
    timezone,
    segments,
    getOffsetAt,
    convertInstantToWall: (instant) => instant + getOffsetAt(instant),
    convertWallToInstant(wall) {
      // First segment whose wall-clock span ends after `wall`; wall ends increase with the segments.
      let low = 0;
      let high = segments.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        const segment = segments[middle]!;
        if (segment.end + segment.offsetMs > wall) high = middle;
        else low = middle + 1;
      }
      const segment = segments[low]!;
      // The clock jumped over `wall` as this segment began: the first instant showing `wall` or later.
      if (wall < segment.start + segment.offsetMs) return segment.start;
      return wall - segment.offsetMs;
    },
  } satisfies ZoneClock);
}

/**
 * Instants in `window` at which `clock` shows a whole multiple of `stepMs` (counted from midnight when
 * `stepMs` divides a day): 09:00, 09:30 … for a 30-minute step. In the repeated hour when clocks go
 * back both occurrences count; in the skipped hour when they go forward there are none.
 */
export function listAlignedInstants(clock: ZoneClock, window: Interval, stepMs: number): EpochMs[] {
  const instants: EpochMs[] = [];
  for (const segment of clock.segments) {
    if (segment.end <= window.start) continue;
    if (segment.start >= window.end) break;
    const low = Math.max(window.start, segment.start);
    const high = Math.min(window.end, segment.end);
    const remainder = (((low + segment.offsetMs) % stepMs) + stepMs) % stepMs;
    for (let instant = remainder === 0 ? low : low + stepMs - remainder; instant < high; instant += stepMs) {
      instants.push(instant);
    }
  }
  return instants;
}
