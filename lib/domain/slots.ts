import { DomainError } from "@/lib/domain/errors";
import { canStaffTeam } from "@/lib/domain/roles";
import type { Expertise, TeamRequirements } from "@/lib/domain/roles";
import { DAY_MS, MINUTE_MS, assertInstant, readNormalisedIntervals } from "@/lib/domain/time/interval";
import type { EpochMs, Interval } from "@/lib/domain/time/interval";
import { assertTimezone, createZoneClock, listAlignedInstants } from "@/lib/domain/time/zone-clock";

/** One associate who could facilitate: already filtered to qualified and compliant, with their free time. */
export type SlotCandidate = {
  readonly associateId: string;
  readonly expertise: Expertise;
  /** Free UTC intervals (e.g. from `expandAvailability`); need not be sorted or merged. */
  readonly free: readonly Interval[];
};

export type SlotSearchInput = {
  readonly service: TeamRequirements & { readonly durationMinutes: number };
  /** Start times are searched in `[range.start, range.end)`; the free intervals decide where sessions end. */
  readonly range: Interval;
  /** Starts fall on whole multiples of this many minutes on the clock in `timezone`; must divide a day. */
  readonly stepMinutes: number;
  /** No start earlier than `now + minimumNoticeMinutes`. */
  readonly minimumNoticeMinutes: number;
  readonly now: EpochMs;
  readonly candidates: readonly SlotCandidate[];
  /** The zone whose clock the step aligns to (the client's view). Default "Europe/London". */
  readonly timezone?: string;
};

export type Slot = { readonly start: EpochMs; readonly end: EpochMs };

export type AvailableAt = {
  /** Associates (LIVED or BOTH) free for the whole session from that start, by id. */
  readonly lived: string[];
  /** Associates (PROFESSIONAL or BOTH) free for the whole session from that start, by id. */
  readonly professional: string[];
};

export type SlotSearch = {
  /** Bookable sessions, in time order. */
  readonly slots: Slot[];
  /**
   * Maximal half-open windows of start times (to the millisecond, before aligning to the step) at which
   * distinct people can cover every role for the whole session.
   */
  readonly windows: Interval[];
  /** Who could take each role for a session starting at `start` (BOTH associates appear in both lists). */
  listAvailableAt(start: EpochMs): AvailableAt;
};

const CATEGORY_LIVED = 0;
const CATEGORY_PROFESSIONAL = 1;
const CATEGORY_BOTH = 2;

function categorise(expertise: Expertise): number {
  if (expertise === "LIVED") return CATEGORY_LIVED;
  if (expertise === "PROFESSIONAL") return CATEGORY_PROFESSIONAL;
  if (expertise === "BOTH") return CATEGORY_BOTH;
  throw new DomainError("INVALID_INPUT", "Unknown expertise.", { expertise });
}

function assertWholeNumber(value: number, label: string, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new DomainError("INVALID_INPUT", `The ${label} must be a whole number of at least ${minimum}.`, { [label]: value });
  }
}

/**
 * Bookable start times for a co-facilitated service, with who can take each role.
 *
 * A session [t, t + duration) needs each facilitator free for all of it, so each associate's free
 * interval [s, e) becomes the interval of start times they can take, [s, e − duration]. At any start t,
 * counting how many lived-only (L), professional-only (P) and BOTH (B) associates can start then,
 * distinct people can cover the service exactly when L + B ≥ livedRequired, P + B ≥ professionalRequired
 * and L + P + B ≥ livedRequired + professionalRequired (`canStaffTeam`). So one sort of all start-interval
 * edges and one sweep counting per category gives the maximal feasible windows of start times; starts are
 * then the instants in those windows that fall on the step in `timezone`.
 *
 * Cost: O(E + M) for E interval edges and M minutes in the range (edges are counted per minute, then one
 * pass over the minutes sweeps them in time order), plus O(windows + slots); never a loop over pairs or over
 * associates per slot. Each associate's free time is merged first, so overlapping
 * intervals never count one person twice; an associate listed twice is an error (INVALID_INPUT).
 */
export function findBookableSlots(input: SlotSearchInput): SlotSearch {
  const { service, range, stepMinutes, minimumNoticeMinutes, now, candidates, timezone = "Europe/London" } = input;
  assertWholeNumber(service.durationMinutes, "duration", 1);
  assertWholeNumber(service.livedRequired, "number of lived-experience facilitators", 0);
  assertWholeNumber(service.professionalRequired, "number of professional facilitators", 0);
  assertWholeNumber(stepMinutes, "step", 1);
  if ((DAY_MS / MINUTE_MS) % stepMinutes !== 0) {
    throw new DomainError("INVALID_INPUT", "The step must divide a day exactly (e.g. 15, 30 or 60 minutes).", {
      stepMinutes,
    });
  }
  assertWholeNumber(minimumNoticeMinutes, "minimum notice", 0);
  assertTimezone(timezone);
  assertInstant(now, "current time");
  assertInstant(range.start, "range start");
  assertInstant(range.end, "range end");
  if (range.end < range.start) throw new DomainError("INVALID_INTERVAL", undefined, { ...range });

  const durationMs = service.durationMinutes * MINUTE_MS;
  const requirements: TeamRequirements = service;
  const low = Math.max(range.start, now + minimumNoticeMinutes * MINUTE_MS);
  const high = range.end;

  // Start intervals per associate, half-open in integer ms: [s, e − duration + 1). Everyone's share two
  // arrays (one allocation, not two per person), each person reading their own stretch.
  const people: { associateId: string; category: number; starts: Float64Array; ends: Float64Array }[] = [];
  const seen = new Set<string>();
  const frees: (readonly Interval[])[] = [];
  let total = 0;
  for (const candidate of candidates) {
    if (seen.has(candidate.associateId)) {
      throw new DomainError("INVALID_INPUT", "Each associate may be listed only once.", {
        associateId: candidate.associateId,
      });
    }
    seen.add(candidate.associateId);
    const free = readNormalisedIntervals(candidate.free);
    frees.push(free);
    total += free.length;
  }
  const allStarts = new Float64Array(total);
  const allEnds = new Float64Array(total);
  let used = 0;
  candidates.forEach((candidate, index) => {
    const first = used;
    for (const interval of frees[index]!) {
      assertInstant(interval.start, "free time start");
      assertInstant(interval.end, "free time end");
      const lastStart = interval.end - durationMs;
      if (lastStart < interval.start) continue;
      allStarts[used] = interval.start;
      allEnds[used] = lastStart + 1;
      used += 1;
    }
    people.push({
      associateId: candidate.associateId,
      category: categorise(candidate.expertise),
      starts: allStarts.subarray(first, used),
      ends: allEnds.subarray(first, used),
    });
  });

  const windows: Interval[] = [];
  if (low < high) {
    if (canStaffTeam({ livedOnly: 0, professionalOnly: 0, both: 0 }, requirements)) {
      windows.push({ start: low, end: high });
    } else {
      windows.push(...sweepFeasibleStarts(people, low, high, requirements));
    }
  }

  const slots: Slot[] = [];
  if (windows.length > 0) {
    const clock = createZoneClock({ timezone, range: { start: low, end: high } });
    for (const window of windows) {
      for (const start of listAlignedInstants(clock, window, stepMinutes * MINUTE_MS)) {
        slots.push({ start, end: start + durationMs });
      }
    }
  }

  function canStartAt(person: (typeof people)[number], start: EpochMs): boolean {
    let lowIndex = 0;
    let highIndex = person.starts.length - 1;
    while (lowIndex <= highIndex) {
      const middle = (lowIndex + highIndex) >> 1;
      if (person.ends[middle]! <= start) lowIndex = middle + 1;
      else if (person.starts[middle]! > start) highIndex = middle - 1;
      else return true;
    }
    return false;
  }

  return {
    slots,
    windows,
    listAvailableAt(start) {
      const lived: string[] = [];
      const professional: string[] = [];
      for (const person of people) {
        if (!canStartAt(person, start)) continue;
        if (person.category !== CATEGORY_PROFESSIONAL) lived.push(person.associateId);
        if (person.category !== CATEGORY_LIVED) professional.push(person.associateId);
      }
      const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      return { lived: lived.sort(byId), professional: professional.sort(byId) };
    },
  };
}

type Person = { category: number; starts: Float64Array; ends: Float64Array };

/** Above this many minutes (about two years) per-minute counters cost more memory than sorting the edges. */
const MAX_GRID_MINUTES = 1 << 20;

/**
 * The sort-and-sweep behind `findBookableSlots`: the maximal windows in [low, high) of start times at which
 * the free people can cover the team. Each person's start interval [s, e) adds one to their category at s
 * and takes one away at e. Edges on the whole-minute grid (availability and bookings are in whole minutes,
 * and an interval of start times ends 1 ms after a whole minute) are bucket-counted per minute — a counting
 * sort, linear in the number of edges — so one pass over the minutes visits them in time order. Edges off
 * the grid (a start cut to `low`, or sub-minute times) are few; they are sorted on their own and merged in.
 */
function sweepFeasibleStarts(people: readonly Person[], low: number, high: number, requirements: TeamRequirements): Interval[] {
  const base = Math.ceil(low / MINUTE_MS) * MINUTE_MS;
  const gridMinutes = high >= base ? Math.floor((high - base) / MINUTE_MS) + 1 : 0;
  const useGrid = gridMinutes <= MAX_GRID_MINUTES;
  const usedMinutes = useGrid ? gridMinutes : 0;
  const grid = borrowGrid(usedMinutes);
  try {
    return sweepOnGrid({ people, low, high, requirements, base, gridMinutes: usedMinutes, grid });
  } finally {
    returnGrid(grid, usedMinutes);
  }
}

/**
 * Per minute i and category c: the change in how many can start at base + i minutes (onMinute) and 1 ms
 * later (afterMinute); `touched` is 1 where minute i has any edge, so the walk skips the rest with one
 * byte read each.
 */
type Grid = { readonly minutes: number; readonly onMinute: Int32Array; readonly afterMinute: Int32Array; readonly touched: Uint8Array };

/** Up to this many minutes (about 180 days, 6.5 MB) the counters are kept between searches, all zero. */
const KEPT_GRID_MINUTES = 1 << 18;
let keptGrid: Grid | null = null;

/**
 * Zeroed counters for `minutes` minutes. A search runs synchronously, so one set kept between searches is
 * never lent twice at once. Allocating megabytes of counters per search made the runtime collect garbage
 * more often: in the interleaved benchmark the 1000-associate sweep went from 5.8–7.7 ms to 4.7–5.5 ms.
 */
function borrowGrid(minutes: number): Grid {
  if (minutes > KEPT_GRID_MINUTES) return createGrid(minutes);
  if (!keptGrid || keptGrid.minutes < minutes) keptGrid = createGrid(minutes);
  const lent = keptGrid;
  keptGrid = null;
  return lent;
}

/**
 * Clears what a search over `usedMinutes` wrote (counters are only written in touched minutes, all within
 * the minutes it used) and keeps the set.
 */
function returnGrid(grid: Grid, usedMinutes: number): void {
  if (grid.minutes > KEPT_GRID_MINUTES) return;
  const { onMinute, afterMinute, touched } = grid;
  for (let minute = 0; minute < usedMinutes; minute += 1) {
    if (touched[minute] === 0) continue;
    touched[minute] = 0;
    const index = minute * 3;
    onMinute[index] = onMinute[index + 1] = onMinute[index + 2] = 0;
    afterMinute[index] = afterMinute[index + 1] = afterMinute[index + 2] = 0;
  }
  keptGrid = grid;
}

function createGrid(minutes: number): Grid {
  return { minutes, onMinute: new Int32Array(minutes * 3), afterMinute: new Int32Array(minutes * 3), touched: new Uint8Array(minutes) };
}

/** The sweep itself, edges counted on `grid` for `gridMinutes` minutes from `base` (0: every edge sorted). */
function sweepOnGrid({
  people,
  low,
  high,
  requirements,
  base,
  gridMinutes,
  grid: { onMinute, afterMinute, touched },
}: {
  people: readonly Person[];
  low: number;
  high: number;
  requirements: TeamRequirements;
  base: number;
  gridMinutes: number;
  grid: Grid;
}): Interval[] {
  const { livedRequired, professionalRequired } = requirements;
  // A local copy: an imported binding can compile to a getter call, which this loop would make ~10^5 times.
  const minuteMs = 60_000;
  const useGrid = gridMinutes > 0;
  // Off-grid edges packed in one double: (time − low) × 8 + category × 2 + (1 for a start). Exact: times are
  // whole numbers below 2^49 (assertInstant).
  const offGrid: number[] = [];
  const available = new Int32Array(3);

  const addEdge = (time: number, category: number, isStart: boolean) => {
    const fromBase = time - base;
    // Whole-minute tests by division and floor, cheaper than the floating-point remainder and exact here:
    // below 2^50 a quotient off a whole number by at least 1/60000 cannot round onto one.
    const minute = fromBase / minuteMs;
    const minuteBefore = (fromBase - 1) / minuteMs;
    if (useGrid && fromBase >= 0 && minute === Math.floor(minute)) {
      onMinute[minute * 3 + category]! += isStart ? 1 : -1;
      touched[minute] = 1;
    } else if (useGrid && fromBase >= 1 && minuteBefore === Math.floor(minuteBefore)) {
      afterMinute[minuteBefore * 3 + category]! += isStart ? 1 : -1;
      touched[minuteBefore] = 1;
    } else offGrid.push((time - low) * 8 + category * 2 + (isStart ? 1 : 0));
  };
  for (const person of people) {
    for (let i = 0; i < person.starts.length; i += 1) {
      const start = person.starts[i]!;
      const end = person.ends[i]!;
      if (end <= low || start >= high) continue;
      // Free at `low` already: counted in the state the sweep starts from.
      if (start <= low) available[person.category]! += 1;
      else addEdge(start, person.category, true);
      // Edges at or after `high` cannot change a window of starts before it.
      if (end < high) addEdge(end, person.category, false);
    }
  }
  const sortedOffGrid = Float64Array.from(offGrid).sort();

  const windows: Interval[] = [];
  let openedAt: number | null = null;
  const settle = (time: number) => {
    // `canStaffTeam`, inlined: this runs once per instant at which anyone's availability changes.
    const livedOnly = available[CATEGORY_LIVED]!;
    const professionalOnly = available[CATEGORY_PROFESSIONAL]!;
    const both = available[CATEGORY_BOTH]!;
    const isFeasible =
      livedOnly + both >= livedRequired &&
      professionalOnly + both >= professionalRequired &&
      livedOnly + professionalOnly + both >= livedRequired + professionalRequired;
    if (isFeasible && openedAt === null) openedAt = time;
    else if (!isFeasible && openedAt !== null) {
      windows.push({ start: openedAt, end: time });
      openedAt = null;
    }
  };
  let next = 0;
  /**
   * Applies the off-grid edges before `until`, settling after each of their instants, and, if `inclusive`,
   * those at `until` too — left unsettled (returns true) for the caller to settle with the grid's changes there.
   */
  const applyOffGrid = (until: number, inclusive: boolean): boolean => {
    let applied = false;
    while (next < sortedOffGrid.length) {
      const packed = sortedOffGrid[next]!;
      const offset = Math.floor(packed / 8);
      const time = low + offset;
      if (time > until || (time === until && !inclusive)) break;
      const code = packed - offset * 8;
      available[code >> 1]! += code & 1 ? 1 : -1;
      next += 1;
      applied = true;
      const following = sortedOffGrid[next];
      if (time < until && (following === undefined || Math.floor(following / 8) !== offset)) {
        settle(time);
        applied = false;
      }
    }
    return applied;
  };
  settle(low);
  if (useGrid) {
    // Plain loops over the counters: this visits every minute of the range (~130k for 90 days), reading
    // one byte for each minute with no edges.
    const lastMinute = Math.min(gridMinutes - 1, Math.floor((high - 1 - base) / minuteMs));
    let pendingAt = next < sortedOffGrid.length ? low + Math.floor(sortedOffGrid[next]! / 8) : Infinity;
    for (let minute = 0; minute <= lastMinute; minute += 1) {
      if (touched[minute] === 0 && pendingAt > base + minute * minuteMs + 1) continue;
      const index = minute * 3;
      for (let phase = 0; phase < 2; phase += 1) {
        const time = base + minute * minuteMs + phase;
        if (time >= high) break;
        const counters = phase === 0 ? onMinute : afterMinute;
        const lived = counters[index]!;
        const professional = counters[index + 1]!;
        const both = counters[index + 2]!;
        let changed = false;
        if (pendingAt <= time) {
          changed = applyOffGrid(time, true);
          pendingAt = next < sortedOffGrid.length ? low + Math.floor(sortedOffGrid[next]! / 8) : Infinity;
        }
        if (lived !== 0 || professional !== 0 || both !== 0) {
          available[CATEGORY_LIVED]! += lived;
          available[CATEGORY_PROFESSIONAL]! += professional;
          available[CATEGORY_BOTH]! += both;
          changed = true;
        }
        if (changed) settle(time);
      }
    }
  }
  applyOffGrid(high, false);
  if (openedAt !== null) windows.push({ start: openedAt, end: high });
  return windows;
}
