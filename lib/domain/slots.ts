import { DomainError } from "@/lib/domain/errors";
import { radixSortWholeNumbers } from "@/lib/domain/radix-sort";
import { canStaffTeam } from "@/lib/domain/roles";
import type { Expertise, TeamRequirements } from "@/lib/domain/roles";
import { DAY_MS, MINUTE_MS, assertInstant, normaliseIntervals } from "@/lib/domain/time/interval";
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
 * Cost: O(E) for E interval edges (one radix sort), plus O(windows + slots); never a loop
 * over pairs or over associates per slot. Each associate's free time is merged first, so overlapping
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

  // Start intervals per associate, half-open in integer ms: [s, e − duration + 1).
  const people: { associateId: string; category: number; starts: Float64Array; ends: Float64Array }[] = [];
  const seen = new Set<string>();
  let edgeCount = 0;
  for (const candidate of candidates) {
    if (seen.has(candidate.associateId)) {
      throw new DomainError("INVALID_INPUT", "Each associate may be listed only once.", {
        associateId: candidate.associateId,
      });
    }
    seen.add(candidate.associateId);
    const free = normaliseIntervals(candidate.free);
    const starts: number[] = [];
    const ends: number[] = [];
    for (const interval of free) {
      assertInstant(interval.start, "free time start");
      assertInstant(interval.end, "free time end");
      const lastStart = interval.end - durationMs;
      if (lastStart < interval.start) continue;
      starts.push(interval.start);
      ends.push(lastStart + 1);
    }
    people.push({
      associateId: candidate.associateId,
      category: categorise(candidate.expertise),
      starts: Float64Array.from(starts),
      ends: Float64Array.from(ends),
    });
    edgeCount += starts.length * 2;
  }

  const windows: Interval[] = [];
  if (low < high) {
    if (canStaffTeam({ livedOnly: 0, professionalOnly: 0, both: 0 }, requirements)) {
      windows.push({ start: low, end: high });
    } else {
      // Each edge packed into one double: (time − low) × 8 + (category × 2 + isStart). Times are integers of at
      // most 2^49 (assertInstant), so this is exact, and a radix sort (linear) orders edges by time.
      const edges = new Float64Array(edgeCount);
      let count = 0;
      for (const person of people) {
        const code = person.category * 2;
        for (let i = 0; i < person.starts.length; i += 1) {
          const start = Math.max(person.starts[i]!, low);
          const end = Math.min(person.ends[i]!, high);
          if (start >= end) continue;
          edges[count++] = (start - low) * 8 + code + 1;
          edges[count++] = (end - low) * 8 + code;
        }
      }
      const sorted = radixSortWholeNumbers(edges.subarray(0, count));

      const { livedRequired, professionalRequired } = requirements;
      const available = new Int32Array(3);
      let openedAt: number | null = null;
      for (let i = 0; i < sorted.length; i += 1) {
        const packed = sorted[i]!;
        const offset = Math.floor(packed / 8);
        const code = packed - offset * 8;
        const time = low + offset;
        available[code >> 1]! += code & 1 ? 1 : -1;
        const next = sorted[i + 1];
        if (next !== undefined && Math.floor(next / 8) === offset) continue;
        // `canStaffTeam`, inlined: this runs once per distinct edge time.
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
      }
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
