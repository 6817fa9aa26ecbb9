import { describe, expect, it } from "vitest";
import {
  addDays,
  countDaysBetween,
  formatIsoDate,
  getIsoDateInZone,
  getIsoWeekday,
} from "@/lib/domain/time/calendar-date";

describe("calendar dates", () => {
  it.each([
    { rule: "adding across a month end", date: "2026-01-31", days: 1, expected: "2026-02-01" },
    { rule: "adding across the spring-forward Sunday is still one calendar day", date: "2026-03-28", days: 2, expected: "2026-03-30" },
    { rule: "leap day exists in 2028", date: "2028-02-28", days: 1, expected: "2028-02-29" },
    { rule: "subtracting a year of days", date: "2026-10-25", days: -365, expected: "2025-10-25" },
  ])("addDays: $rule", ({ date, days, expected }) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each(["2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", "", "2027-02-29", "1900-02-29", "2026-00-10", "2026-04-31", "2026-01-00", " 2026-01-01", "2026/01/01", "２０２６-01-01", "0099-12-31"])("rejects %j as not a real date (INVALID_DATE)", (date) => {
    expect(() => addDays(date, 0)).toThrow(expect.objectContaining({ code: "INVALID_DATE" }));
  });

  it("reads every real date the same as the calendar does (day numbers of 2000–2030 round-trip)", () => {
    // Walks day by day through leap years (2000, 2004 …) and the century rule, against Date's own calendar.
    for (let day = Date.UTC(2000, 0, 1) / 86_400_000; day <= Date.UTC(2030, 11, 31) / 86_400_000; day += 1) {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(countDaysBetween("1970-01-01", date)).toBe(day);
    }
    expect(countDaysBetween("2000-02-28", "2000-03-01")).toBe(2);
  });

  it.each([
    { date: "2026-03-29", expected: 7 },
    { date: "2026-03-30", expected: 1 },
    { date: "2026-10-25", expected: 7 },
    { date: "1970-01-01", expected: 4 },
  ])("ISO weekday of $date is $expected", ({ date, expected }) => {
    expect(getIsoWeekday(date)).toBe(expected);
  });

  it("counts whole days between dates, negative when going back", () => {
    expect(countDaysBetween("2026-03-01", "2026-03-15")).toBe(14);
    expect(countDaysBetween("2026-03-15", "2026-03-01")).toBe(-14);
  });

  it.each([
    { rule: "23:30 UTC in summer is the next day in London", instant: "2026-06-30T23:30:00Z", zone: "Europe/London", expected: "2026-07-01" },
    { rule: "23:30 UTC in winter is the same day in London", instant: "2026-01-31T23:30:00Z", zone: "Europe/London", expected: "2026-01-31" },
    { rule: "02:00 UTC is the previous evening in New York", instant: "2026-06-01T02:00:00Z", zone: "America/New_York", expected: "2026-05-31" },
  ])("getIsoDateInZone: $rule", ({ instant, zone, expected }) => {
    expect(getIsoDateInZone(Date.parse(instant), zone)).toBe(expected);
  });

  it("formats dates UK style", () => {
    expect(formatIsoDate("2026-03-29")).toBe("29 March 2026");
  });
});
