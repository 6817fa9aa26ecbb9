import { describe, expect, it } from "vitest";
import {
  addWeeklyWindow,
  convertIntervalToLocalDays,
  convertLocalDaysToInterval,
  describeJoin,
  findDayWindowProblem,
  findOverrideDateProblem,
  findTimeOffProblems,
  findWeeklyRuleProblem,
  formatDayWindow,
  getCoverage,
  isSameWeeklyHours,
  isValidTimezone,
  listCalendarWeeks,
  mergeWeeklyRules,
  parseTimeOfDay,
  removeWeeklyWindow,
  splitIntoLocalDays,
} from "@/lib/domain/availability-rules";
import type { WeeklyRule } from "@/lib/domain/availability";

const H = (hours: number, minutes = 0) => hours * 60 + minutes;
const rule = (weekday: number, from: string, to: string): WeeklyRule => ({ weekday, startMinute: parseTimeOfDay(from)!, endMinute: parseTimeOfDay(to)! });
const show = (rules: readonly WeeklyRule[]) => rules.map((r) => `${r.weekday} ${formatDayWindow(r)}`);

describe("weekly window validation", () => {
  const QUARTER = "Times must be on the quarter hour, like 09:00, 09:15, 09:30 or 09:45.";
  const ORDER = "The end time must be after the start time.";
  const BOUNDS = "Times must be within the day, from 00:00 to midnight.";
  const WEEKDAY = "Choose a day from Monday to Sunday.";
  it.each([
    ["weekday: 1 (Monday) is the first allowed", { weekday: 1, startMinute: H(9), endMinute: H(17) }, null],
    ["weekday: 7 (Sunday) is the last allowed", { weekday: 7, startMinute: H(9), endMinute: H(17) }, null],
    ["weekday: 0 is below the range", { weekday: 0, startMinute: H(9), endMinute: H(17) }, WEEKDAY],
    ["weekday: 8 is above the range", { weekday: 8, startMinute: H(9), endMinute: H(17) }, WEEKDAY],
    ["weekday: 2.5 is not a whole day", { weekday: 2.5, startMinute: H(9), endMinute: H(17) }, WEEKDAY],
    ["quarter hour: 09:15 is on a boundary", { weekday: 2, startMinute: H(9, 15), endMinute: H(17) }, null],
    ["quarter hour: 09:10 is off a boundary", { weekday: 2, startMinute: H(9, 10), endMinute: H(17) }, QUARTER],
    ["quarter hour: an end at 16:59 is off a boundary", { weekday: 2, startMinute: H(9), endMinute: H(16, 59) }, QUARTER],
    ["order: a quarter-hour window (09:00–09:15) is the shortest allowed", { weekday: 2, startMinute: H(9), endMinute: H(9, 15) }, null],
    ["order: start equal to end is empty and refused", { weekday: 2, startMinute: H(9), endMinute: H(9) }, ORDER],
    ["order: start after end is refused", { weekday: 2, startMinute: H(17), endMinute: H(9) }, ORDER],
    ["day bounds: 00:00–midnight (0–1440) is the whole day and allowed", { weekday: 2, startMinute: 0, endMinute: 1440 }, null],
    ["day bounds: an end past midnight (1455) is refused", { weekday: 2, startMinute: H(23), endMinute: 1455 }, BOUNDS],
    ["day bounds: a start before 00:00 (-15) is refused", { weekday: 2, startMinute: -15, endMinute: H(1) }, BOUNDS],
    ["day bounds: fractional minutes are refused", { weekday: 2, startMinute: 540.5, endMinute: H(17) }, BOUNDS],
  ])("%s", (_name, input, expected) => {
    expect(findWeeklyRuleProblem(input)).toBe(expected);
  });

  it("a date's window follows the same rules without a weekday", () => {
    expect(findDayWindowProblem({ startMinute: H(10), endMinute: H(15) })).toBeNull();
    expect(findDayWindowProblem({ startMinute: H(10, 5), endMinute: H(15) })).toBe(QUARTER);
  });
});

describe("merging weekly windows (overlapping or touching windows on one day become one)", () => {
  it.each<[string, WeeklyRule[], string[], string[]]>([
    ["overlap: 09:00–12:00 and 11:00–14:00 join", [rule(2, "09:00", "12:00"), rule(2, "11:00", "14:00")], ["2 09:00–14:00"], ["On Tuesday we joined 09:00–12:00 and 11:00–14:00 into 09:00–14:00."]],
    ["touching: 09:00–12:00 and 12:00–14:00 join (one stretch of time)", [rule(2, "12:00", "14:00"), rule(2, "09:00", "12:00")], ["2 09:00–14:00"], ["On Tuesday we joined 09:00–12:00 and 12:00–14:00 into 09:00–14:00."]],
    ["gap of a quarter hour: 09:00–12:00 and 12:15–14:00 stay apart", [rule(2, "09:00", "12:00"), rule(2, "12:15", "14:00")], ["2 09:00–12:00", "2 12:15–14:00"], []],
    ["same times on different days stay apart", [rule(2, "09:00", "12:00"), rule(3, "11:00", "14:00")], ["2 09:00–12:00", "3 11:00–14:00"], []],
    ["contained: 10:00–11:00 inside 09:00–17:00 joins", [rule(5, "09:00", "17:00"), rule(5, "10:00", "11:00")], ["5 09:00–17:00"], ["On Friday we joined 09:00–17:00 and 10:00–11:00 into 09:00–17:00."]],
    ["three in a chain join into one", [rule(1, "09:00", "10:00"), rule(1, "10:00", "11:00"), rule(1, "10:30", "12:00")], ["1 09:00–12:00"], ["On Monday we joined 09:00–10:00, 10:00–11:00 and 10:30–12:00 into 09:00–12:00."]],
    ["a window to midnight reads 'midnight'", [rule(7, "18:00", "24:00"), rule(7, "20:00", "22:00")], ["7 18:00–midnight"], ["On Sunday we joined 18:00–midnight and 20:00–22:00 into 18:00–midnight."]],
  ])("%s", (_name, input, rules, messages) => {
    const merged = mergeWeeklyRules(input);
    expect(show(merged.rules)).toEqual(rules);
    expect(merged.joins.map(describeJoin)).toEqual(messages);
  });

  it("sorts by day, then time", () => {
    expect(show(mergeWeeklyRules([rule(3, "09:00", "10:00"), rule(1, "13:00", "14:00"), rule(1, "08:00", "09:00")]).rules)).toEqual(["1 08:00–09:00", "1 13:00–14:00", "3 09:00–10:00"]);
  });
});

describe("painting and erasing in the week editor", () => {
  const week = [rule(2, "09:00", "17:00")];
  it("painting next to existing hours extends them", () => {
    expect(show(addWeeklyWindow(week, rule(2, "17:00", "17:30")))).toEqual(["2 09:00–17:30"]);
  });
  it("erasing the middle splits a window; erasing an edge trims it; erasing elsewhere changes nothing", () => {
    expect(show(removeWeeklyWindow(week, rule(2, "12:00", "13:00")))).toEqual(["2 09:00–12:00", "2 13:00–17:00"]);
    expect(show(removeWeeklyWindow(week, rule(2, "08:30", "09:30")))).toEqual(["2 09:30–17:00"]);
    expect(show(removeWeeklyWindow(week, rule(3, "09:00", "17:00")))).toEqual(["2 09:00–17:00"]);
  });
  it("coverage of a half-hour cell: all, some (a quarter-hour edge) or none", () => {
    const quarter = [rule(2, "09:15", "17:00")];
    expect(getCoverage(quarter, 2, { startMinute: H(9, 30), endMinute: H(10) })).toBe("all");
    expect(getCoverage(quarter, 2, { startMinute: H(9), endMinute: H(9, 30) })).toBe("some");
    expect(getCoverage(quarter, 2, { startMinute: H(8, 30), endMinute: H(9) })).toBe("none");
  });
  it("two sets of hours are the same when they cover the same time, however split", () => {
    expect(isSameWeeklyHours([rule(1, "09:00", "12:00"), rule(1, "12:00", "17:00")], [rule(1, "09:00", "17:00")])).toBe(true);
    expect(isSameWeeklyHours([rule(1, "09:00", "17:00")], [rule(1, "09:00", "17:15")])).toBe(false);
  });
});

describe("times of day", () => {
  it.each([
    ["00:00", 0],
    ["9:30", 570],
    ["23:45", 1425],
    ["24:00", 1440],
    ["24:15", null],
    ["12:60", null],
    ["noon", null],
  ])("parses %s", (text, minute) => {
    expect(parseTimeOfDay(text)).toBe(minute);
  });
});

describe("time off dates (whole days, judged by today's date where the associate is)", () => {
  const today = "2026-11-23";
  it.each([
    ["end on the start day is a one-day stretch", "2026-12-01", "2026-12-01", {}],
    ["end the day before the start is refused", "2026-12-02", "2026-12-01", { to: "The last day off must be on or after the first day off." }],
    ["a year long at most: to the day before the same date next year is allowed", "2026-12-01", "2027-11-30", {}],
    ["a year long at most: to the same date next year is refused", "2026-12-01", "2027-12-01", { to: "Time off can be at most a year long. Add another stretch for the rest." }],
    ["not wholly in the past: ending today is allowed", "2026-11-20", "2026-11-23", {}],
    ["not wholly in the past: ending yesterday is refused", "2026-11-20", "2026-11-22", { to: "These days are all in the past. Choose today or a later date." }],
    ["starting too far ahead is refused", "2029-01-01", "2029-01-02", { from: "Choose a start within the next two years." }],
  ])("%s", (_name, from, to, expected) => {
    expect(findTimeOffProblems({ from, to, today })).toEqual(expected);
  });

  it("a year from 29 February ends on 27 February the next year", () => {
    expect(findTimeOffProblems({ from: "2028-02-29", to: "2029-02-27", today: "2028-01-01" })).toEqual({});
    expect(findTimeOffProblems({ from: "2028-02-29", to: "2029-02-28", today: "2028-01-01" })).toMatchObject({ to: expect.any(String) });
  });

  it("a date change must be today or later", () => {
    expect(findOverrideDateProblem({ date: "2026-11-23", today: "2026-11-23" })).toBeNull();
    expect(findOverrideDateProblem({ date: "2026-11-22", today: "2026-11-23" })).toBe("Choose today or a later date.");
  });
});

describe("whole local days as instants (clock changes included)", () => {
  it("the day clocks go back in London (2026-10-25) is 25 hours long, starting at 23:00 UTC the evening before", () => {
    const day = convertLocalDaysToInterval({ from: "2026-10-25", to: "2026-10-25", timezone: "Europe/London" });
    expect(new Date(day.start).toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect((day.end - day.start) / 3_600_000).toBe(25);
    expect(convertIntervalToLocalDays({ ...day, timezone: "Europe/London" })).toEqual({ from: "2026-10-25", to: "2026-10-25" });
  });
  it("the same dates in New York start at local midnight there", () => {
    const days = convertLocalDaysToInterval({ from: "2026-12-01", to: "2026-12-02", timezone: "America/New_York" });
    expect(new Date(days.start).toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(new Date(days.end).toISOString()).toBe("2026-12-03T05:00:00.000Z");
  });
});

describe("free time by local day", () => {
  it("splits an interval at local midnight and shows clock times (BST in October, GMT after the change)", () => {
    const free = [
      { start: Date.parse("2026-10-24T20:00:00Z"), end: Date.parse("2026-10-25T02:00:00Z") },
      { start: Date.parse("2026-10-26T09:00:00Z"), end: Date.parse("2026-10-26T17:00:00Z") },
    ];
    expect(Object.fromEntries(splitIntoLocalDays(free, "Europe/London"))).toEqual({
      "2026-10-24": [{ startMinute: H(21), endMinute: 1440 }],
      // 23:00 UTC on the 24th is midnight BST; clocks go back at 01:00 UTC, so 02:00 UTC is 02:00 GMT.
      "2026-10-25": [{ startMinute: 0, endMinute: H(2) }],
      "2026-10-26": [{ startMinute: H(9), endMinute: H(17) }],
    });
  });

  it("calendar weeks run Monday to Sunday around the range", () => {
    const weeks = listCalendarWeeks("2026-11-25", "2026-12-22");
    expect(weeks.map((w) => [w[0], w[6]])).toEqual([
      ["2026-11-23", "2026-11-29"],
      ["2026-11-30", "2026-12-06"],
      ["2026-12-07", "2026-12-13"],
      ["2026-12-14", "2026-12-20"],
      ["2026-12-21", "2026-12-27"],
    ]);
  });
});

describe("time zones", () => {
  it.each([
    ["Europe/London", true],
    ["Europe/Dublin", true],
    ["America/New_York", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
  ])("%s valid: %s", (zone, expected) => {
    expect(isValidTimezone(zone)).toBe(expected);
  });
});
