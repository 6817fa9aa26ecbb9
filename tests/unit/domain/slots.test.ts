import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expertise } from "@/lib/domain/roles";
import { findBookableSlots } from "@/lib/domain/slots";
import type { SlotCandidate, SlotSearchInput } from "@/lib/domain/slots";
import type { Interval } from "@/lib/domain/time/interval";

const at = (iso: string) => Date.parse(iso);
const span = (from: string, to: string): Interval => ({ start: at(from), end: at(to) });
const person = (associateId: string, expertise: Expertise, ...free: Interval[]): SlotCandidate => ({ associateId, expertise, free });
const hhmm = (instant: number) => new Date(instant).toISOString().slice(11, 16);

// Monday 2026-03-30 is BST: 10:00 in London is 09:00Z.
const MONDAY = span("2026-03-30T00:00:00Z", "2026-03-31T00:00:00Z");
const NOW = at("2026-03-01T00:00:00Z");
const pair = { livedRequired: 1, professionalRequired: 1 };

function search(candidates: SlotCandidate[], patch: Partial<SlotSearchInput> = {}) {
  return findBookableSlots({
    service: { durationMinutes: 60, ...pair },
    range: MONDAY,
    stepMinutes: 30,
    minimumNoticeMinutes: 0,
    now: NOW,
    candidates,
    ...patch,
  });
}
const startsOf = (candidates: SlotCandidate[], patch: Partial<SlotSearchInput> = {}) =>
  search(candidates, patch).slots.map((slot) => hhmm(slot.start));

describe("findBookableSlots: distinct people free for the whole session", () => {
  it("a start is bookable only while both are free for the full hour; ending exactly at the end of free time fits", () => {
    const candidates = [
      person("amy", "LIVED", span("2026-03-30T08:00:00Z", "2026-03-30T16:00:00Z")),
      person("ben", "PROFESSIONAL", span("2026-03-30T09:00:00Z", "2026-03-30T11:00:00Z")),
    ];
    expect(startsOf(candidates)).toEqual(["09:00", "09:30", "10:00"]);
    expect(search(candidates).slots[0]).toEqual({ start: at("2026-03-30T09:00:00Z"), end: at("2026-03-30T10:00:00Z") });
  });

  it("counts that hold throughout are not enough: two lived associates covering an hour each cannot share a two-hour session", () => {
    const candidates = [
      person("amy", "LIVED", span("2026-03-30T09:00:00Z", "2026-03-30T10:00:00Z")),
      person("cat", "LIVED", span("2026-03-30T10:00:00Z", "2026-03-30T11:00:00Z")),
      person("ben", "PROFESSIONAL", span("2026-03-30T09:00:00Z", "2026-03-30T11:00:00Z")),
    ];
    expect(startsOf(candidates, { service: { durationMinutes: 120, ...pair } })).toEqual([]);
    // Hour-long sessions fit with either, but not across the hand-over at 10:00.
    expect(startsOf(candidates, { service: { durationMinutes: 60, ...pair } })).toEqual(["09:00", "10:00"]);
  });

  it("one person's touching free intervals join up (a two-hour session fits 09:00–10:00 + 10:00–11:00)", () => {
    const candidates = [
      person("amy", "LIVED", span("2026-03-30T10:00:00Z", "2026-03-30T11:00:00Z"), span("2026-03-30T09:00:00Z", "2026-03-30T10:00:00Z")),
      person("ben", "PROFESSIONAL", span("2026-03-30T09:00:00Z", "2026-03-30T11:00:00Z")),
    ];
    expect(startsOf(candidates, { service: { durationMinutes: 120, ...pair } })).toEqual(["09:00"]);
  });

  it("one person's overlapping free intervals never count them twice", () => {
    const free = span("2026-03-30T09:00:00Z", "2026-03-30T11:00:00Z");
    const candidates = [person("amy", "LIVED", free, free), person("ben", "PROFESSIONAL", free)];
    expect(startsOf(candidates, { service: { durationMinutes: 60, livedRequired: 2, professionalRequired: 1 } })).toEqual([]);
  });

  const free = span("2026-03-30T09:00:00Z", "2026-03-30T10:00:00Z");
  it.each<{ rule: string; people: Expertise[]; lr: number; pr: number; isBookable: boolean }>([
    { rule: "one BOTH associate alone cannot fill both roles", people: ["BOTH"], lr: 1, pr: 1, isBookable: false },
    { rule: "two BOTH associates make a pair", people: ["BOTH", "BOTH"], lr: 1, pr: 1, isBookable: true },
    { rule: "BOTH + LIVED make a pair (BOTH takes the professional role)", people: ["BOTH", "LIVED"], lr: 1, pr: 1, isBookable: true },
    { rule: "two LIVED cannot make a pair", people: ["LIVED", "LIVED"], lr: 1, pr: 1, isBookable: false },
    { rule: "2 lived + 1 professional: L=1, B=1 is one person short", people: ["LIVED", "BOTH"], lr: 2, pr: 1, isBookable: false },
    { rule: "2 lived + 1 professional: L=1, P=1, B=1 fits", people: ["LIVED", "PROFESSIONAL", "BOTH"], lr: 2, pr: 1, isBookable: true },
    { rule: "2 lived + 1 professional: P=1, B=2 fits (both BOTH take lived)", people: ["PROFESSIONAL", "BOTH", "BOTH"], lr: 2, pr: 1, isBookable: true },
    { rule: "2 lived + 1 professional: L=2, B=1 fits (BOTH takes professional)", people: ["LIVED", "LIVED", "BOTH"], lr: 2, pr: 1, isBookable: true },
    { rule: "2 lived + 1 professional: L=3, P=0 has no professional", people: ["LIVED", "LIVED", "LIVED"], lr: 2, pr: 1, isBookable: false },
  ])("$rule", ({ people, lr, pr, isBookable }) => {
    const candidates = people.map((expertise, i) => person(`p${i}`, expertise, free));
    const { slots } = search(candidates, { service: { durationMinutes: 60, livedRequired: lr, professionalRequired: pr } });
    expect(slots.length > 0).toBe(isBookable);
  });

  const allDay = [
    person("amy", "LIVED", span("2026-03-30T08:00:00Z", "2026-03-30T12:00:00Z")),
    person("ben", "PROFESSIONAL", span("2026-03-30T08:00:00Z", "2026-03-30T12:00:00Z")),
  ];
  it.each([
    { rule: "a start exactly at now + notice is allowed", now: "2026-03-30T08:00:00Z", notice: 60, first: "09:00" },
    { rule: "a start 1 minute short of the notice is not", now: "2026-03-30T08:01:00Z", notice: 60, first: "09:30" },
    { rule: "zero notice allows a start right now", now: "2026-03-30T08:00:00Z", notice: 0, first: "08:00" },
  ])("minimum notice: $rule", ({ now, notice, first }) => {
    expect(startsOf(allDay, { now: at(now), minimumNoticeMinutes: notice })[0]).toBe(first);
  });

  it("a start exactly at the end of the range is excluded (range is half-open)", () => {
    const range = span("2026-03-30T08:00:00Z", "2026-03-30T10:00:00Z");
    expect(startsOf(allDay, { range })).toEqual(["08:00", "08:30", "09:00", "09:30"]);
  });

  it("starts align to the London clock, so 30-minute steps stay on :00/:30 either side of the spring-forward Sunday", () => {
    const weekend = span("2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z");
    const candidates = [person("amy", "LIVED", weekend), person("ben", "PROFESSIONAL", weekend)];
    const { slots } = search(candidates, { range: weekend, stepMinutes: 60, service: { durationMinutes: 60, ...pair } });
    const londonHours = slots.map((slot) =>
      new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(slot.start),
    );
    expect(londonHours.every((label) => label.endsWith(":00"))).toBe(true);
    // Sunday 29 March has 23 hours: 01:00 local never happens.
    expect(londonHours.filter((label) => label.startsWith("29")).length).toBe(23);
    expect(londonHours).not.toContain("29 01:00");
  });

  it("listAvailableAt says who can take each role for the whole session; BOTH appears in both lists", () => {
    const candidates = [
      person("zoe", "BOTH", span("2026-03-30T09:00:00Z", "2026-03-30T11:00:00Z")),
      person("amy", "LIVED", span("2026-03-30T09:00:00Z", "2026-03-30T10:00:00Z")),
      person("ben", "PROFESSIONAL", span("2026-03-30T09:00:00Z", "2026-03-30T12:00:00Z")),
      person("cat", "LIVED", span("2026-03-30T09:30:00Z", "2026-03-30T12:00:00Z")),
    ];
    const result = search(candidates);
    expect(result.listAvailableAt(at("2026-03-30T09:00:00Z"))).toEqual({ lived: ["amy", "zoe"], professional: ["ben", "zoe"] });
    expect(result.listAvailableAt(at("2026-03-30T10:00:00Z"))).toEqual({ lived: ["cat", "zoe"], professional: ["ben", "zoe"] });
    expect(result.listAvailableAt(at("2026-03-30T10:01:00Z"))).toEqual({ lived: ["cat"], professional: ["ben"] });
  });

  it.each([
    { rule: "an associate listed twice", patch: { candidates: [person("amy", "LIVED"), person("amy", "PROFESSIONAL")] }, code: "INVALID_INPUT" },
    { rule: "a step that does not divide a day (7 minutes)", patch: { stepMinutes: 7 }, code: "INVALID_INPUT" },
    { rule: "a zero duration", patch: { service: { durationMinutes: 0, ...pair } }, code: "INVALID_INPUT" },
    { rule: "a negative notice", patch: { minimumNoticeMinutes: -5 }, code: "INVALID_INPUT" },
    { rule: "an unknown display zone", patch: { timezone: "Nowhere/Special", candidates: allDay }, code: "INVALID_TIMEZONE" },
  ])("rejects $rule ($code)", ({ patch, code }) => {
    expect(() => search([], patch)).toThrow(expect.objectContaining({ code }));
  });
});

describe("findBookableSlots against brute force (property)", () => {
  const MINUTE = 60_000;
  const DAY_START = at("2026-06-01T00:00:00Z");

  /** Is the person free at every minute of [t, t + duration)? Straight from the raw intervals. */
  function isFreeThroughout(candidate: SlotCandidate, t: number, durationMs: number): boolean {
    for (let minute = t; minute < t + durationMs; minute += MINUTE) {
      if (!candidate.free.some((interval) => interval.start <= minute && minute < interval.end)) return false;
    }
    return true;
  }

  /** Exhaustive search for distinct people to fill lr lived + pr professional places. */
  function canStaff(free: SlotCandidate[], lr: number, pr: number): boolean {
    const go = (i: number, lived: number, professional: number): boolean => {
      if (lived >= lr && professional >= pr) return true;
      if (i >= free.length) return false;
      const { expertise } = free[i]!;
      return (
        (expertise !== "PROFESSIONAL" && lived < lr && go(i + 1, lived + 1, professional)) ||
        (expertise !== "LIVED" && professional < pr && go(i + 1, lived, professional + 1)) ||
        go(i + 1, lived, professional)
      );
    };
    return go(0, 0, 0);
  }

  const arbitraryCandidates = fc
    .array(
      fc.record({
        expertise: fc.constantFrom<Expertise>("LIVED", "PROFESSIONAL", "BOTH"),
        free: fc.array(
          fc.tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 0, max: 16 })).map(([s, l]) => ({
            start: DAY_START + s * 15 * MINUTE,
            end: DAY_START + (s + l) * 15 * MINUTE,
          })),
          { maxLength: 4 },
        ),
      }),
      { maxLength: 6 },
    )
    .map((list) => list.map((c, i) => ({ associateId: `a${i}`, ...c })));

  it("every returned slot has distinct people free throughout, and every such aligned start is returned", () => {
    fc.assert(
      fc.property(
        arbitraryCandidates,
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 8 }).map((n) => n * 15),
        fc.integer({ min: 0, max: 8 }).map((n) => n * 15),
        (candidates, lr, pr, durationMinutes, noticeMinutes) => {
          const range = { start: DAY_START, end: DAY_START + 12 * 60 * MINUTE };
          const now = DAY_START + 60 * MINUTE;
          const result = findBookableSlots({
            service: { durationMinutes, livedRequired: lr, professionalRequired: pr },
            range,
            stepMinutes: 15,
            minimumNoticeMinutes: noticeMinutes,
            now,
            candidates,
            timezone: "UTC",
          });
          const durationMs = durationMinutes * MINUTE;
          const expected: number[] = [];
          for (let t = Math.max(range.start, now + noticeMinutes * MINUTE); t < range.end; t += 15 * MINUTE) {
            const free = candidates.filter((c) => isFreeThroughout(c, t, durationMs));
            if (canStaff(free, lr, pr)) expected.push(t);
            const lists = result.listAvailableAt(t);
            expect(lists.lived).toEqual(free.filter((c) => c.expertise !== "PROFESSIONAL").map((c) => c.associateId));
            expect(lists.professional).toEqual(free.filter((c) => c.expertise !== "LIVED").map((c) => c.associateId));
          }
          expect(result.slots.map((slot) => slot.start)).toEqual(expected);
          for (const slot of result.slots) expect(slot.end - slot.start).toBe(durationMs);
        },
      ),
      { numRuns: 300 },
    );
  });

  /**
   * The windows of feasible start times to the millisecond, by the plainest means: every instant at which
   * anyone's start interval begins or ends, sorted, with feasibility tested between them by brute force.
   */
  function referenceWindows(candidates: SlotCandidate[], durationMs: number, low: number, high: number, lr: number, pr: number) {
    // One person's touching or overlapping free intervals are one stretch of free time.
    const merge = (free: readonly { start: number; end: number }[]) =>
      [...free]
        .filter((f) => f.end > f.start)
        .sort((a, b) => a.start - b.start)
        .reduce<{ start: number; end: number }[]>((out, f) => {
          const last = out.at(-1);
          if (last && f.start <= last.end) last.end = Math.max(last.end, f.end);
          else out.push({ ...f });
          return out;
        }, []);
    const startIntervals = candidates.map((c) => ({
      ...c,
      starts: merge(c.free).filter((f) => f.end - durationMs >= f.start).map((f) => ({ start: f.start, end: f.end - durationMs + 1 })),
    }));
    const instants = [...new Set([low, ...startIntervals.flatMap((c) => c.starts.flatMap((s) => [s.start, s.end]))])].filter((t) => t >= low && t < high).sort((a, b) => a - b);
    const windows: { start: number; end: number }[] = [];
    for (const t of instants) {
      const free = startIntervals.filter((c) => c.starts.some((s) => s.start <= t && t < s.end));
      const feasible = canStaff(free, lr, pr);
      const open = windows.at(-1);
      if (feasible && !(open && open.end === Infinity)) windows.push({ start: t, end: Infinity });
      if (!feasible && open && open.end === Infinity) open.end = t;
    }
    const last = windows.at(-1);
    if (last && last.end === Infinity) last.end = high;
    return windows;
  }

  // Times on whole minutes, 1 ms after one (where intervals of start times end), or anywhere in between.
  const anyInstant = fc.oneof(
    fc.integer({ min: 0, max: 600 }).map((m) => DAY_START + m * MINUTE),
    fc.integer({ min: 0, max: 600 }).map((m) => DAY_START + m * MINUTE + 1),
    fc.integer({ min: 0, max: 600 * MINUTE }).map((ms) => DAY_START + ms),
  );
  const anyCandidates = fc
    .array(
      fc.record({
        expertise: fc.constantFrom<Expertise>("LIVED", "PROFESSIONAL", "BOTH"),
        free: fc.array(fc.tuple(anyInstant, fc.integer({ min: 0, max: 240 * MINUTE })).map(([start, length]) => ({ start, end: start + length })), { maxLength: 4 }),
      }),
      { maxLength: 6 },
    )
    .map((list) => list.map((c, i) => ({ associateId: `a${i}`, ...c })));

  it("the windows of start times match a brute-force sweep to the millisecond, on and off the minute grid", () => {
    fc.assert(
      fc.property(anyCandidates, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 180 }), anyInstant, (candidates, lr, pr, durationMinutes, now) => {
        fc.pre(lr + pr > 0);
        const range = { start: DAY_START, end: DAY_START + 10 * 60 * MINUTE + 7 };
        const result = findBookableSlots({ service: { durationMinutes, livedRequired: lr, professionalRequired: pr }, range, stepMinutes: 15, minimumNoticeMinutes: 0, now, candidates, timezone: "UTC" });
        const low = Math.max(range.start, now);
        const expected = low < range.end ? referenceWindows(candidates, durationMinutes * MINUTE, low, range.end, lr, pr) : [];
        expect(result.windows).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("a range of over two years (too long for per-minute counters) gives the same windows by sorting every edge", () => {
    const year = 365 * 24 * 60 * MINUTE;
    const candidates: SlotCandidate[] = [
      { associateId: "lived", expertise: "LIVED", free: [{ start: DAY_START + 2 * year, end: DAY_START + 2 * year + 300 * MINUTE + 5 }] },
      { associateId: "pro", expertise: "PROFESSIONAL", free: [{ start: DAY_START + 2 * year + 60 * MINUTE, end: DAY_START + 2 * year + 400 * MINUTE }] },
    ];
    const range = { start: DAY_START, end: DAY_START + 3 * year };
    const result = findBookableSlots({ service: { durationMinutes: 60, livedRequired: 1, professionalRequired: 1 }, range, stepMinutes: 60, minimumNoticeMinutes: 0, now: DAY_START, candidates, timezone: "UTC" });
    expect(result.windows).toEqual([{ start: DAY_START + 2 * year + 60 * MINUTE, end: DAY_START + 2 * year + 240 * MINUTE + 6 }]);
    expect(result.windows).toEqual(referenceWindows(candidates, 60 * MINUTE, range.start, range.end, 1, 1));
  });

  it("the per-minute counters kept between searches start clean: a search gives the same windows after a busier one", () => {
    const quiet: SlotCandidate[] = [
      { associateId: "lived", expertise: "LIVED", free: [{ start: DAY_START + 60 * MINUTE, end: DAY_START + 200 * MINUTE }] },
      { associateId: "pro", expertise: "PROFESSIONAL", free: [{ start: DAY_START + 90 * MINUTE, end: DAY_START + 300 * MINUTE }] },
    ];
    // Edges on the very minutes the quiet search has edges (60 and 90): left-over counts there would change it.
    const busy: SlotCandidate[] = [
      ...Array.from({ length: 30 }, (_, i) => ({
        associateId: `p${i}`,
        expertise: (["LIVED", "PROFESSIONAL", "BOTH"] as const)[i % 3]!,
        free: [{ start: DAY_START + i * 7 * MINUTE, end: DAY_START + (i * 7 + 90) * MINUTE }],
      })),
      { associateId: "ends-at-90", expertise: "LIVED", free: [{ start: DAY_START, end: DAY_START + 150 * MINUTE }] },
      { associateId: "starts-at-60", expertise: "PROFESSIONAL", free: [{ start: DAY_START + 60 * MINUTE, end: DAY_START + 500 * MINUTE }] },
    ];
    const run = (candidates: SlotCandidate[], minutes: number) =>
      findBookableSlots({ service: { durationMinutes: 60, livedRequired: 1, professionalRequired: 1 }, range: { start: DAY_START, end: DAY_START + minutes * MINUTE }, stepMinutes: 15, minimumNoticeMinutes: 0, now: DAY_START, candidates, timezone: "UTC" }).windows;
    const before = run(quiet, 600);
    expect(before).toEqual([{ start: DAY_START + 90 * MINUTE, end: DAY_START + 140 * MINUTE + 1 }]);
    run(busy, 600);
    expect(run(quiet, 600)).toEqual(before);
    // A longer search with edges far beyond the shorter one's range, then both lengths again.
    const later: SlotCandidate[] = [...busy, { associateId: "late", expertise: "BOTH", free: [{ start: DAY_START + 2000 * MINUTE, end: DAY_START + 2500 * MINUTE }] }];
    run(later, 3000);
    expect(run(quiet, 600)).toEqual(before);
    expect(run(quiet, 3000)).toEqual(before);
  });
});

