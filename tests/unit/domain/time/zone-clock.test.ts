import { describe, expect, it } from "vitest";
import { HOUR_MS, MINUTE_MS } from "@/lib/domain/time/interval";
import { createZoneClock, listAlignedInstants } from "@/lib/domain/time/zone-clock";

const utc = (iso: string) => Date.parse(iso);
/** Wall-clock reading as epoch ms "as if UTC". */
const wall = (isoLocal: string) => Date.parse(`${isoLocal}Z`);
const range2026 = { start: utc("2026-01-01T00:00:00Z"), end: utc("2027-01-01T00:00:00Z") };

describe("createZoneClock: wall time → instant (first instant the clock shows that time or later)", () => {
  const london = createZoneClock({ timezone: "Europe/London", range: range2026 });

  it.each([
    { rule: "winter: London is UTC", local: "2026-03-28T09:00", expected: "2026-03-28T09:00:00.000Z" },
    { rule: "spring-forward day, before the change (00:59 GMT)", local: "2026-03-29T00:59", expected: "2026-03-29T00:59:00.000Z" },
    { rule: "spring-forward gap 01:00 maps to the moment clocks go forward", local: "2026-03-29T01:00", expected: "2026-03-29T01:00:00.000Z" },
    { rule: "spring-forward gap 01:30 maps to the moment clocks go forward", local: "2026-03-29T01:30", expected: "2026-03-29T01:00:00.000Z" },
    { rule: "spring-forward 02:00 exists (BST) and is 01:00 UTC", local: "2026-03-29T02:00", expected: "2026-03-29T01:00:00.000Z" },
    { rule: "summer: 09:00 BST is 08:00 UTC", local: "2026-03-29T09:00", expected: "2026-03-29T08:00:00.000Z" },
    { rule: "fall-back repeated 01:30 means its first occurrence (BST)", local: "2026-10-25T01:30", expected: "2026-10-25T00:30:00.000Z" },
    { rule: "fall-back 02:00 is GMT, after the repeated hour", local: "2026-10-25T02:00", expected: "2026-10-25T02:00:00.000Z" },
    { rule: "fall-back day 09:00 is GMT again", local: "2026-10-25T09:00", expected: "2026-10-25T09:00:00.000Z" },
  ])("London, $rule", ({ local, expected }) => {
    expect(new Date(london.convertWallToInstant(wall(local))).toISOString()).toBe(expected);
  });

  it.each([
    { zone: "America/New_York", rule: "EST before 8 March 2026", local: "2026-03-06T09:00", expected: "2026-03-06T14:00:00.000Z" },
    { zone: "America/New_York", rule: "EDT from 8 March 2026 (before the UK change)", local: "2026-03-09T09:00", expected: "2026-03-09T13:00:00.000Z" },
    { zone: "America/New_York", rule: "spring gap 02:30 maps to 03:00 EDT", local: "2026-03-08T02:30", expected: "2026-03-08T07:00:00.000Z" },
    { zone: "Asia/Kolkata", rule: "no daylight saving, +05:30 all year", local: "2026-03-29T09:00", expected: "2026-03-29T03:30:00.000Z" },
    { zone: "Asia/Kolkata", rule: "no daylight saving, +05:30 in October", local: "2026-10-25T09:00", expected: "2026-10-25T03:30:00.000Z" },
  ])("$zone, $rule", ({ zone, local, expected }) => {
    const clock = createZoneClock({ timezone: zone, range: range2026 });
    expect(new Date(clock.convertWallToInstant(wall(local))).toISOString()).toBe(expected);
  });

  it("wall → instant never goes backwards across a whole year in London, New York and Kolkata", () => {
    for (const timezone of ["Europe/London", "America/New_York", "Asia/Kolkata"]) {
      const clock = createZoneClock({ timezone, range: range2026 });
      let previous = -Infinity;
      const backwards: number[] = [];
      for (let w = wall("2026-01-01T00:00"); w < wall("2027-01-01T00:00"); w += 15 * MINUTE_MS) {
        const instant = clock.convertWallToInstant(w);
        if (instant < previous) backwards.push(w);
        previous = instant;
      }
      expect(backwards).toEqual([]);
    }
  });

  it("instant → wall agrees with Intl for every hour of 2026 in London", () => {
    const format = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/London",
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    const mismatches: number[] = [];
    for (let t = range2026.start; t < range2026.end; t += HOUR_MS) {
      const parts = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]));
      const expected = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
      if (london.convertInstantToWall(t) !== expected) mismatches.push(t);
    }
    expect(mismatches).toEqual([]);
  });

  it("rejects an unknown zone (INVALID_TIMEZONE)", () => {
    expect(() => createZoneClock({ timezone: "Europe/Atlantis", range: range2026 })).toThrow(
      expect.objectContaining({ code: "INVALID_TIMEZONE" }),
    );
  });
});

describe("listAlignedInstants", () => {
  const london = createZoneClock({ timezone: "Europe/London", range: range2026 });
  const localTimes = (instants: number[]) =>
    instants.map((t) => new Date(london.convertInstantToWall(t)).toISOString().slice(11, 16));

  it("skips the hour that does not exist on 2026-03-29 (00:00–03:00 local, hourly)", () => {
    const window = { start: utc("2026-03-29T00:00:00Z"), end: utc("2026-03-29T02:00:00Z") };
    expect(localTimes(listAlignedInstants(london, window, HOUR_MS))).toEqual(["00:00", "02:00"]);
  });

  it("offers the repeated hour twice on 2026-10-25 (it is two different instants)", () => {
    const window = { start: utc("2026-10-24T23:00:00Z"), end: utc("2026-10-25T03:00:00Z") };
    expect(localTimes(listAlignedInstants(london, window, HOUR_MS))).toEqual(["00:00", "01:00", "01:00", "02:00"]);
  });

  it("aligns to the local clock, not UTC, for a zone with a half-hour offset", () => {
    const kolkata = createZoneClock({ timezone: "Asia/Kolkata", range: range2026 });
    const window = { start: utc("2026-06-01T03:00:00Z"), end: utc("2026-06-01T05:00:00Z") };
    const isoTimes = listAlignedInstants(kolkata, window, HOUR_MS).map((t) => new Date(t).toISOString().slice(11, 16));
    expect(isoTimes).toEqual(["03:30", "04:30"]);
  });

  it("includes a start exactly at the window start and excludes one exactly at its end", () => {
    const window = { start: utc("2026-06-01T08:00:00Z"), end: utc("2026-06-01T09:00:00Z") };
    expect(localTimes(listAlignedInstants(london, window, 30 * MINUTE_MS))).toEqual(["09:00", "09:30"]);
  });
});
