import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertAvailable, computeBlockedRange, expandAvailability } from "@/lib/domain/availability";
import type { AvailabilityInput, WeeklyRule } from "@/lib/domain/availability";
import { addDays } from "@/lib/domain/time/calendar-date";
import { intersectIntervals } from "@/lib/domain/time/interval";
import type { Interval } from "@/lib/domain/time/interval";

const at = (iso: string) => Date.parse(iso);
const range = (from: string, to: string): Interval => ({ start: at(`${from}T00:00:00Z`), end: at(`${to}T00:00:00Z`) });
const everyDay = (startMinute: number, endMinute: number): WeeklyRule[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute, endMinute }));
const H = (hours: number, minutes = 0) => hours * 60 + minutes;

/** Free time as ISO pairs, which read well in a table. */
function expand(input: Partial<AvailabilityInput> & Pick<AvailabilityInput, "range">): [string, string][] {
  return expandAvailability({ timezone: "Europe/London", rules: [], ...input }).map((i) => [
    new Date(i.start).toISOString().slice(0, 16),
    new Date(i.end).toISOString().slice(0, 16),
  ]);
}

describe("expandAvailability across the UK clock changes (weekly 09:00–17:00 stays 09:00–17:00 on the clock)", () => {
  it("spring forward on Sunday 2026-03-29: 09:00–17:00 is UTC before and an hour earlier in UTC from that Sunday", () => {
    expect(expand({ rules: everyDay(H(9), H(17)), range: range("2026-03-27", "2026-03-31") })).toEqual([
      ["2026-03-27T09:00", "2026-03-27T17:00"],
      ["2026-03-28T09:00", "2026-03-28T17:00"],
      ["2026-03-29T08:00", "2026-03-29T16:00"],
      ["2026-03-30T08:00", "2026-03-30T16:00"],
    ]);
  });

  it("fall back on Sunday 2026-10-25: BST on Saturday, GMT from that Sunday", () => {
    expect(expand({ rules: everyDay(H(9), H(17)), range: range("2026-10-24", "2026-10-27") })).toEqual([
      ["2026-10-24T08:00", "2026-10-24T16:00"],
      ["2026-10-25T09:00", "2026-10-25T17:00"],
      ["2026-10-26T09:00", "2026-10-26T17:00"],
    ]);
  });

  it.each([
    { rule: "00:00–03:00 on spring-forward day is two real hours", day: "2026-03-29", from: H(0), to: H(3), expected: [["2026-03-29T00:00", "2026-03-29T02:00"]] },
    { rule: "00:00–03:00 on fall-back day is four real hours", day: "2026-10-25", from: H(0), to: H(3), expected: [["2026-10-24T23:00", "2026-10-25T03:00"]] },
    { rule: "a start in the skipped hour (01:30) starts when clocks go forward", day: "2026-03-29", from: H(1, 30), to: H(2, 30), expected: [["2026-03-29T01:00", "2026-03-29T01:30"]] },
    { rule: "a window wholly inside the skipped hour (01:00–02:00) is empty", day: "2026-03-29", from: H(1), to: H(2), expected: [] },
    { rule: "a start in the repeated hour (01:30) means its first occurrence", day: "2026-10-25", from: H(1, 30), to: H(2), expected: [["2026-10-25T00:30", "2026-10-25T02:00"]] },
    { rule: "until midnight (1440) on spring-forward day ends at 23:00 UTC", day: "2026-03-29", from: H(22), to: 1440, expected: [["2026-03-29T21:00", "2026-03-29T23:00"]] },
  ])("$rule", ({ day, from, to, expected }) => {
    const sunday = 7;
    expect(expand({ rules: [{ weekday: sunday, startMinute: from, endMinute: to }], range: range(addDays(day, -1), addDays(day, 1)) })).toEqual(expected);
  });
});

describe("expandAvailability for associates in other zones", () => {
  const monday = [{ weekday: 1, startMinute: H(9), endMinute: H(17) }];

  it.each([
    { rule: "New York in EST (before 8 March) is UTC−5", zone: "America/New_York", from: "2026-03-02", expected: [["2026-03-02T14:00", "2026-03-02T22:00"]] },
    { rule: "New York in EDT while the UK is still on GMT is UTC−4", zone: "America/New_York", from: "2026-03-09", expected: [["2026-03-09T13:00", "2026-03-09T21:00"]] },
    { rule: "Kolkata is UTC+5:30 with no clock change", zone: "Asia/Kolkata", from: "2026-03-30", expected: [["2026-03-30T03:30", "2026-03-30T11:30"]] },
  ])("$rule", ({ zone, from, expected }) => {
    expect(expand({ timezone: zone, rules: monday, range: { start: at(`${from}T00:00:00Z`), end: at(`${from}T00:00:00Z`) + 86_400_000 } })).toEqual(expected);
  });

  it("a New York evening (Mon 20:00–24:00 EDT) lands on Tuesday in UTC and is clipped to the range", () => {
    const evening = [{ weekday: 1, startMinute: H(20), endMinute: 1440 }];
    expect(expand({ timezone: "America/New_York", rules: evening, range: range("2026-06-02", "2026-06-03") })).toEqual([
      ["2026-06-02T00:00", "2026-06-02T04:00"],
    ]);
    expect(expand({ timezone: "America/New_York", rules: evening, range: range("2026-06-01", "2026-06-02") })).toEqual([]);
    expect(expand({ timezone: "America/New_York", rules: evening, range: { start: at("2026-06-02T01:00:00Z"), end: at("2026-06-02T02:00:00Z") } })).toEqual([
      ["2026-06-02T01:00", "2026-06-02T02:00"],
    ]);
  });
});

describe("expandAvailability: overrides, time off and bookings", () => {
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: H(9), endMinute: H(17) }));
  const monday30 = range("2026-03-30", "2026-03-31");

  it.each([
    { rule: "an override replaces that day's weekly rules", overrides: [{ date: "2026-03-30", startMinute: H(13), endMinute: H(15) }], expected: [["2026-03-30T12:00", "2026-03-30T14:00"]] },
    { rule: "an override with start = end means unavailable all day", overrides: [{ date: "2026-03-30", startMinute: H(9), endMinute: H(9) }], expected: [] },
    { rule: "two overrides on one date add up", overrides: [{ date: "2026-03-30", startMinute: H(8), endMinute: H(9) }, { date: "2026-03-30", startMinute: H(18), endMinute: H(19) }], expected: [["2026-03-30T07:00", "2026-03-30T08:00"], ["2026-03-30T17:00", "2026-03-30T18:00"]] },
    { rule: "an override for another date leaves this day's rules alone", overrides: [{ date: "2026-03-31", startMinute: H(9), endMinute: H(9) }], expected: [["2026-03-30T08:00", "2026-03-30T16:00"]] },
  ])("$rule", ({ overrides, expected }) => {
    expect(expand({ rules: weekdays, overrides, range: monday30 })).toEqual(expected);
  });

  it("an override adds availability on a day with no weekly rules (Saturday 2026-03-28, GMT)", () => {
    expect(expand({ rules: weekdays, overrides: [{ date: "2026-03-28", startMinute: H(10), endMinute: H(12) }], range: range("2026-03-28", "2026-03-29") })).toEqual([
      ["2026-03-28T10:00", "2026-03-28T12:00"],
    ]);
  });

  it("time off (UTC instants) is taken away, half-open at both ends", () => {
    const timeOff = [{ start: at("2026-03-30T10:00:00Z"), end: at("2026-03-30T12:00:00Z") }];
    expect(expand({ rules: weekdays, timeOff, range: monday30 })).toEqual([
      ["2026-03-30T08:00", "2026-03-30T10:00"],
      ["2026-03-30T12:00", "2026-03-30T16:00"],
    ]);
  });

  it.each([
    { rule: "a HELD assignment blocks its range widened by the new delivery's 30-minute buffer", status: "HELD" as const, buffer: 30, expected: [["2026-03-30T08:00", "2026-03-30T09:30"], ["2026-03-30T12:30", "2026-03-30T16:00"]] },
    { rule: "an OFFERED assignment blocks too", status: "OFFERED" as const, buffer: 0, expected: [["2026-03-30T08:00", "2026-03-30T10:00"], ["2026-03-30T12:00", "2026-03-30T16:00"]] },
    { rule: "an ACCEPTED assignment blocks too", status: "ACCEPTED" as const, buffer: 0, expected: [["2026-03-30T08:00", "2026-03-30T10:00"], ["2026-03-30T12:00", "2026-03-30T16:00"]] },
    { rule: "a DECLINED assignment does not block", status: "DECLINED" as const, buffer: 30, expected: [["2026-03-30T08:00", "2026-03-30T16:00"]] },
    { rule: "an EXPIRED hold does not block", status: "EXPIRED" as const, buffer: 30, expected: [["2026-03-30T08:00", "2026-03-30T16:00"]] },
    { rule: "a WITHDRAWN assignment does not block", status: "WITHDRAWN" as const, buffer: 30, expected: [["2026-03-30T08:00", "2026-03-30T16:00"]] },
  ])("$rule", ({ status, buffer, expected }) => {
    const assignments = [{ blockedFrom: at("2026-03-30T10:00:00Z"), blockedUntil: at("2026-03-30T12:00:00Z"), status }];
    expect(expand({ rules: weekdays, assignments, bufferMinutes: buffer, range: monday30 })).toEqual(expected);
  });

  it.each([
    { rule: "a session inside free time is fine", session: ["2026-03-30T09:00:00Z", "2026-03-30T10:00:00Z"], isFree: true },
    { rule: "a session ending exactly when free time ends is fine", session: ["2026-03-30T15:00:00Z", "2026-03-30T16:00:00Z"], isFree: true },
    { rule: "a session running a minute past free time is refused", session: ["2026-03-30T15:01:00Z", "2026-03-30T16:01:00Z"], isFree: false },
    { rule: "a session spanning time off is refused", session: ["2026-03-30T09:30:00Z", "2026-03-30T10:30:00Z"], isFree: false },
  ])("assertAvailable: $rule", ({ session, isFree }) => {
    const free = expandAvailability({
      timezone: "Europe/London",
      rules: weekdays,
      timeOff: [{ start: at("2026-03-30T10:00:00Z"), end: at("2026-03-30T12:00:00Z") }],
      range: monday30,
    });
    const attempt = () => assertAvailable({ free, session: { start: at(session[0]!), end: at(session[1]!) } });
    if (isFree) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(expect.objectContaining({ code: "ASSOCIATE_UNAVAILABLE" }));
  });

  it("computeBlockedRange widens a delivery by its buffer on both sides", () => {
    expect(computeBlockedRange({ startsAt: at("2026-03-30T10:00:00Z"), endsAt: at("2026-03-30T12:00:00Z"), bufferMinutes: 15 })).toEqual({
      start: at("2026-03-30T09:45:00Z"),
      end: at("2026-03-30T12:15:00Z"),
    });
  });

  it.each([
    { rule: "weekday 0 is not ISO", rules: [{ weekday: 0, startMinute: 0, endMinute: 60 }], code: "INVALID_INPUT" },
    { rule: "weekday 8 is not ISO", rules: [{ weekday: 8, startMinute: 0, endMinute: 60 }], code: "INVALID_INPUT" },
    { rule: "endMinute 1441 is past midnight", rules: [{ weekday: 1, startMinute: 0, endMinute: 1441 }], code: "INVALID_INTERVAL" },
    { rule: "endMinute before startMinute", rules: [{ weekday: 1, startMinute: 600, endMinute: 540 }], code: "INVALID_INTERVAL" },
    { rule: "a fractional minute", rules: [{ weekday: 1, startMinute: 0.5, endMinute: 60 }], code: "INVALID_INTERVAL" },
  ])("rejects a weekly rule where $rule ($code)", ({ rules, code }) => {
    expect(() => expand({ rules, range: monday30 })).toThrow(expect.objectContaining({ code }));
  });

  it("rejects an unknown zone (INVALID_TIMEZONE) and an impossible override date (INVALID_DATE)", () => {
    expect(() => expand({ timezone: "Mars/Olympus", rules: weekdays, range: monday30 })).toThrow(expect.objectContaining({ code: "INVALID_TIMEZONE" }));
    expect(() => expand({ rules: weekdays, overrides: [{ date: "2026-02-30", startMinute: 0, endMinute: 0 }], range: monday30 })).toThrow(
      expect.objectContaining({ code: "INVALID_DATE" }),
    );
  });

  it("free time never overlaps time off or a buffered active booking and stays inside the range (property)", () => {
    const day = 86_400_000;
    const base = at("2026-03-23T00:00:00Z");
    const span = fc.tuple(fc.integer({ min: 0, max: 14 * 96 }), fc.integer({ min: 1, max: 40 })).map(([s, l]) => ({
      start: base + s * 900_000,
      end: base + (s + l) * 900_000,
    }));
    fc.assert(
      fc.property(
        fc.array(fc.record({ weekday: fc.integer({ min: 1, max: 7 }), startMinute: fc.integer({ min: 0, max: 1440 }), length: fc.integer({ min: 0, max: 600 }) }), { maxLength: 6 }),
        fc.array(span, { maxLength: 4 }),
        fc.array(span, { maxLength: 4 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom("Europe/London", "America/New_York", "Asia/Kolkata"),
        (rawRules, timeOff, busy, bufferMinutes, timezone) => {
          const rules = rawRules.map((r) => ({ weekday: r.weekday, startMinute: r.startMinute, endMinute: Math.min(1440, r.startMinute + r.length) }));
          const searchRange = { start: base + day, end: base + 13 * day };
          const free = expandAvailability({
            timezone,
            rules,
            timeOff,
            assignments: busy.map((b) => ({ blockedFrom: b.start, blockedUntil: b.end, status: "ACCEPTED" as const })),
            bufferMinutes,
            range: searchRange,
          });
          const buffered = busy.map((b) => ({ start: b.start - bufferMinutes * 60_000, end: b.end + bufferMinutes * 60_000 }));
          expect(intersectIntervals(free, [...timeOff, ...buffered])).toEqual([]);
          for (const interval of free) {
            expect(interval.start).toBeGreaterThanOrEqual(searchRange.start);
            expect(interval.end).toBeLessThanOrEqual(searchRange.end);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
