import { afterAll, describe, expect, it } from "vitest";
import type { AssociateActor } from "@/lib/auth/guards";
import { createPrismaClient } from "@/lib/db/create-client";
import { getAvailability, saveWeeklyHours, updateTimezone } from "@/lib/server/associates/availability";
import { addTimeOff, removeDateOverride, removeTimeOff, saveDateOverride } from "@/lib/server/associates/availability-days";
import { getFreeTimePreview } from "@/lib/server/associates/availability-preview";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());

const H = (hours: number, minutes = 0) => hours * 60 + minutes;

async function twoAssociates() {
  const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
  const actors = scenario.associates.map(
    (a): AssociateActor => ({ userId: a.user.id, email: a.user.email, name: a.user.name, role: "ASSOCIATE", associateId: a.id, memberships: [] }),
  );
  return { scenario, me: actors[0]!, other: actors[1]! };
}

const rulesOf = (associateId: string) =>
  db.availabilityRule.findMany({ where: { associateId }, orderBy: [{ weekday: "asc" }, { startMinute: "asc" }], select: { weekday: true, startMinute: true, endMinute: true } });
const auditCount = (actorId: string) => db.auditEvent.count({ where: { actorId } });

/** A session for `associateId` (their partner not yet accepted) with its blocked range widened by the 30-minute in-person buffer. */
async function bookSession(scenario: Awaited<ReturnType<typeof twoAssociates>>["scenario"], associateId: string, startsAt: string, endsAt: string, status: "ACCEPTED" | "HELD" = "ACCEPTED", holdExpiresAt?: Date) {
  const engagement = await db.engagement.create({
    data: {
      reference: `GT-AV-${Math.random().toString(36).slice(2, 10)}`,
      organisationId: scenario.organisation.id,
      serviceId: scenario.service.id,
      requestedById: scenario.booker.id,
      status: "AWAITING_FACILITATORS",
      unitPricePenceSnapshot: 120_000,
      vatRateBasisPointsSnapshot: 2000,
    },
  });
  const delivery = await db.delivery.create({
    data: { engagementId: engagement.id, startsAt: new Date(startsAt), endsAt: new Date(endsAt), mode: "IN_PERSON", status: status === "HELD" ? "HELD" : "AWAITING_ACCEPTANCE", holdExpiresAt: holdExpiresAt ?? null },
  });
  const buffer = 30 * 60_000;
  await db.assignment.create({
    data: { deliveryId: delivery.id, associateId, role: "LIVED", status, bufferMinutes: 30, blockedFrom: new Date(Date.parse(startsAt) - buffer), blockedUntil: new Date(Date.parse(endsAt) + buffer) },
  });
}

describe("weekly hours", () => {
  it("saving replaces the rules, joins overlapping and touching windows and says so, and is audited", async () => {
    const { me } = await twoAssociates();
    const result = await saveWeeklyHours({
      db,
      actor: me,
      input: {
        windows: JSON.stringify([
          { weekday: 2, startMinute: H(9), endMinute: H(12) },
          { weekday: 2, startMinute: H(11), endMinute: H(14) },
          { weekday: 4, startMinute: H(13), endMinute: H(15) },
          { weekday: 4, startMinute: H(9), endMinute: H(13) },
          { weekday: 6, startMinute: H(10), endMinute: H(11, 45) },
        ]),
      },
    });
    expect(result).toEqual({
      ok: true,
      data: {
        rules: [
          { weekday: 2, startMinute: H(9), endMinute: H(14) },
          { weekday: 4, startMinute: H(9), endMinute: H(15) },
          { weekday: 6, startMinute: H(10), endMinute: H(11, 45) },
        ],
        joined: ["On Tuesday we joined 09:00–12:00 and 11:00–14:00 into 09:00–14:00.", "On Thursday we joined 09:00–13:00 and 13:00–15:00 into 09:00–15:00."],
      },
    });
    // The scenario's 08:00–20:00 every day is gone: replaced, not added to.
    expect(await rulesOf(me.associateId)).toEqual(result.ok ? result.data.rules : []);
    const event = await db.auditEvent.findFirstOrThrow({ where: { actorId: me.userId, action: "availability.weekly.replace" } });
    expect(event).toMatchObject({ subject: "Associate", subjectId: me.associateId, data: { removed: 7 } });

    // An empty week is allowed ("no regular hours").
    expect(await saveWeeklyHours({ db, actor: me, input: { windows: "[]" } })).toMatchObject({ ok: true, data: { rules: [] } });
    expect(await rulesOf(me.associateId)).toEqual([]);
  });

  it("bad input writes nothing and says which window is wrong and why", async () => {
    const { me } = await twoAssociates();
    const before = await rulesOf(me.associateId);
    const audits = await auditCount(me.userId);
    const bad = await saveWeeklyHours({
      db,
      actor: me,
      input: {
        windows: [
          { weekday: 1, startMinute: H(9), endMinute: H(17) },
          { weekday: 2, startMinute: H(9, 10), endMinute: H(12) },
          { weekday: 3, startMinute: H(17), endMinute: H(9) },
          { weekday: 8, startMinute: H(9), endMinute: H(10) },
          { weekday: 5, startMinute: H(23), endMinute: 1455 },
        ],
      },
    });
    expect(bad).toEqual({
      ok: false,
      code: "INVALID_INPUT",
      message: "Some of your weekly hours need changing before they can be saved.",
      fieldErrors: {
        windows: [
          "Tuesday 09:10–12:00: Times must be on the quarter hour, like 09:00, 09:15, 09:30 or 09:45.",
          "Wednesday 17:00–09:00: The end time must be after the start time.",
          "Day 8 09:00–10:00: Choose a day from Monday to Sunday.",
          "Friday 23:00–24:15: Times must be within the day, from 00:00 to midnight.",
        ],
      },
    });
    expect(await saveWeeklyHours({ db, actor: me, input: { windows: "not json" } })).toMatchObject({ ok: false, code: "INVALID_INPUT", message: "We couldn't read your weekly hours. Please try again." });
    expect(await saveWeeklyHours({ db, actor: me, input: { windows: [{ weekday: "2", startMinute: 540, endMinute: 600 }] } })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await rulesOf(me.associateId)).toEqual(before);
    expect(await auditCount(me.userId)).toBe(audits);
  });

  it("two saves at once leave one week or the other, never both mixed together", async () => {
    const { me } = await twoAssociates();
    const mornings = [1, 2, 3].map((weekday) => ({ weekday, startMinute: H(8), endMinute: H(12) }));
    const evenings = [4, 5].map((weekday) => ({ weekday, startMinute: H(17), endMinute: H(21) }));
    // A race shows only sometimes, so race a few times.
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all([saveWeeklyHours({ db, actor: me, input: { windows: mornings } }), saveWeeklyHours({ db, actor: me, input: { windows: evenings } })]);
      expect(results.every((r) => r.ok)).toBe(true);
      expect([mornings, evenings]).toContainEqual(await rulesOf(me.associateId));
    }
  });

  it("the time zone must be a real IANA zone; a change is audited and read back", async () => {
    const { me } = await twoAssociates();
    expect(await updateTimezone({ db, actor: me, input: { timezone: "Narnia/Cair_Paravel" } })).toMatchObject({ ok: false, fieldErrors: { timezone: ["Choose a time zone from the list, like Europe/London."] } });
    expect((await db.associate.findUniqueOrThrow({ where: { id: me.associateId } })).timezone).toBe("Europe/London");
    expect(await updateTimezone({ db, actor: me, input: { timezone: "Europe/Dublin" } })).toEqual({ ok: true, data: { timezone: "Europe/Dublin" } });
    expect(await db.auditEvent.findFirst({ where: { actorId: me.userId, action: "associate.timezone.update" }, select: { data: true } })).toEqual({ data: { from: "Europe/London", to: "Europe/Dublin" } });
    expect((await getAvailability({ db, actor: me }))!.timezone).toBe("Europe/Dublin");
  });
});

describe("date changes and time off", () => {
  const now = new Date("2026-11-23T12:00:00Z");

  it("a date change round-trips; saving the same date again replaces it; not available is startMinute = endMinute", async () => {
    const { me } = await twoAssociates();
    expect(await saveDateOverride({ db, actor: me, now, input: { date: "2026-12-03", kind: "HOURS", from: "10:00", to: "15:30" } })).toEqual({ ok: true, data: { date: "2026-12-03", replaced: false } });
    expect(await saveDateOverride({ db, actor: me, now, input: { date: "2026-12-03", kind: "HOURS", from: "12:00", to: "16:00" } })).toEqual({ ok: true, data: { date: "2026-12-03", replaced: true } });
    expect(await saveDateOverride({ db, actor: me, now, input: { date: "2026-12-04", kind: "UNAVAILABLE" } })).toMatchObject({ ok: true });
    const view = await getAvailability({ db, actor: me, now });
    expect(view!.overrides.map(({ date, windows, isUnavailable }) => ({ date, windows, isUnavailable }))).toEqual([
      { date: "2026-12-03", windows: [{ startMinute: H(12), endMinute: H(16) }], isUnavailable: false },
      { date: "2026-12-04", windows: [], isUnavailable: true },
    ]);
    expect(await db.availabilityOverride.findMany({ where: { associateId: me.associateId, date: new Date("2026-12-04") }, select: { startMinute: true, endMinute: true } })).toEqual([{ startMinute: 0, endMinute: 0 }]);

    const removed = await removeDateOverride({ db, actor: me, input: { unverifiedId: view!.overrides[0]!.id } });
    expect(removed).toEqual({ ok: true, data: { date: "2026-12-03" } });
    expect((await getAvailability({ db, actor: me, now }))!.overrides.map((o) => o.date)).toEqual(["2026-12-04"]);
    expect(await db.auditEvent.count({ where: { actorId: me.userId, action: { in: ["availability.override.set", "availability.override.remove"] } } })).toBe(4);
  });

  it("a bad date change writes nothing and says what to fix", async () => {
    const { me } = await twoAssociates();
    expect(await saveDateOverride({ db, actor: me, now, input: { date: "2026-11-22", kind: "UNAVAILABLE" } })).toMatchObject({ ok: false, fieldErrors: { date: ["Choose today or a later date."] } });
    expect(await saveDateOverride({ db, actor: me, now, input: { date: "2026-02-30", kind: "UNAVAILABLE" } })).toMatchObject({ ok: false, fieldErrors: { date: ["Enter a date, like 2026-12-01."] } });
    expect(await saveDateOverride({ db, actor: me, now, input: { date: "2026-12-03", kind: "HOURS", from: "15:00", to: "10:00" } })).toMatchObject({ ok: false, fieldErrors: { to: ["The end time must be after the start time."] } });
    expect(await saveDateOverride({ db, actor: me, now, input: { date: "2026-12-03", kind: "HOURS", from: "10:05", to: "12:00" } })).toMatchObject({ ok: false, fieldErrors: { from: [expect.stringContaining("quarter hour")] } });
    expect(await saveDateOverride({ db, actor: me, now, input: { date: "2026-12-03", kind: "HOURS" } })).toMatchObject({ ok: false, fieldErrors: { from: ["Choose a start time."], to: ["Choose an end time."] } });
    expect(await db.availabilityOverride.count({ where: { associateId: me.associateId } })).toBe(0);
    expect(await auditCount(me.userId)).toBe(0);
  });

  it("time off is whole days in the associate's zone, listed back by date, and can be removed", async () => {
    const { me } = await twoAssociates();
    const added = await addTimeOff({ db, actor: me, now, input: { from: "2026-12-21", to: "2027-01-01", reason: "Christmas with family" } });
    expect(added).toMatchObject({ ok: true, data: { from: "2026-12-21", to: "2027-01-01" } });
    const stored = await db.timeOff.findFirstOrThrow({ where: { associateId: me.associateId } });
    expect([stored.startsAt.toISOString(), stored.endsAt.toISOString(), stored.reason]).toEqual(["2026-12-21T00:00:00.000Z", "2027-01-02T00:00:00.000Z", "Christmas with family"]);
    // The note is the associate's own: not copied into the audit trail.
    const event = await db.auditEvent.findFirstOrThrow({ where: { actorId: me.userId, action: "availability.timeOff.add" } });
    expect(JSON.stringify(event.data)).not.toContain("Christmas");
    expect((await getAvailability({ db, actor: me, now }))!.timeOff).toEqual([{ id: stored.id, from: "2026-12-21", to: "2027-01-01", reason: "Christmas with family" }]);

    // In New York the same dates start five hours later in UTC.
    await updateTimezone({ db, actor: me, input: { timezone: "America/New_York" } });
    const nyc = await addTimeOff({ db, actor: me, now, input: { from: "2027-02-01", to: "2027-02-01" } });
    const nycRow = await db.timeOff.findUniqueOrThrow({ where: { id: nyc.ok ? nyc.data.id : "" } });
    expect([nycRow.startsAt.toISOString(), nycRow.endsAt.toISOString(), nycRow.reason]).toEqual(["2027-02-01T05:00:00.000Z", "2027-02-02T05:00:00.000Z", null]);

    expect(await removeTimeOff({ db, actor: me, input: { unverifiedId: stored.id } })).toEqual({ ok: true, data: null });
    expect(await db.timeOff.count({ where: { associateId: me.associateId } })).toBe(1);
  });

  it("bad time off is refused field by field and writes nothing", async () => {
    const { me } = await twoAssociates();
    expect(await addTimeOff({ db, actor: me, now, input: { from: "2026-12-05", to: "2026-12-01" } })).toMatchObject({ ok: false, fieldErrors: { to: ["The last day off must be on or after the first day off."] } });
    expect(await addTimeOff({ db, actor: me, now, input: { from: "2026-12-01", to: "2027-12-01" } })).toMatchObject({ ok: false, fieldErrors: { to: ["Time off can be at most a year long. Add another stretch for the rest."] } });
    expect(await addTimeOff({ db, actor: me, now, input: { from: "2026-11-01", to: "2026-11-22" } })).toMatchObject({ ok: false, fieldErrors: { to: ["These days are all in the past. Choose today or a later date."] } });
    expect(await addTimeOff({ db, actor: me, now, input: { from: "", to: "soon", reason: "x".repeat(201) } })).toMatchObject({
      ok: false,
      fieldErrors: { from: ["Enter the first day off, like 2026-12-01."], to: ["Enter the last day off, like 2026-12-05."], reason: ["Keep the note under 200 characters."] },
    });
    expect(await db.timeOff.count({ where: { associateId: me.associateId } })).toBe(0);
    expect(await auditCount(me.userId)).toBe(0);
  });

  it("another associate's date change or time off is not found, and stays as it was", async () => {
    const { me, other } = await twoAssociates();
    await saveDateOverride({ db, actor: other, now, input: { date: "2026-12-10", kind: "UNAVAILABLE" } });
    const theirs = await db.availabilityOverride.findFirstOrThrow({ where: { associateId: other.associateId } });
    const theirTimeOff = await addTimeOff({ db, actor: other, now, input: { from: "2026-12-14", to: "2026-12-18" } });
    const theirTimeOffId = theirTimeOff.ok ? theirTimeOff.data.id : "";

    expect(await removeDateOverride({ db, actor: me, input: { unverifiedId: theirs.id } })).toEqual({ ok: false, code: "NOT_FOUND", message: "We couldn't find that date change. It may have been removed already." });
    expect(await removeTimeOff({ db, actor: me, input: { unverifiedId: theirTimeOffId } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.availabilityOverride.count({ where: { id: theirs.id } })).toBe(1);
    expect(await db.timeOff.count({ where: { id: theirTimeOffId } })).toBe(1);
    // Nor does it show among mine.
    const mine = await getAvailability({ db, actor: me, now });
    expect([mine!.overrides, mine!.timeOff]).toEqual([[], []]);
  });
});

describe("free-time preview", () => {
  it("subtracts an accepted session with its buffer, ignores a lapsed hold, and marks the session on its day", async () => {
    const { scenario, me } = await twoAssociates();
    // The scenario's hours: 08:00–20:00 every day. December is GMT, so UTC reads as UK time.
    const now = new Date("2026-11-30T06:00:00Z");
    await bookSession(scenario, me.associateId, "2026-12-02T10:00:00Z", "2026-12-02T13:00:00Z");
    await bookSession(scenario, me.associateId, "2026-12-03T10:00:00Z", "2026-12-03T13:00:00Z", "HELD", new Date("2026-11-30T05:00:00Z"));
    await addTimeOff({ db, actor: me, now, input: { from: "2026-12-07", to: "2026-12-07" } });
    await saveDateOverride({ db, actor: me, now, input: { date: "2026-12-08", kind: "HOURS", from: "12:00", to: "14:00" } });

    const preview = (await getFreeTimePreview({ db, actor: me, now }))!;
    const day = (date: string) => preview.weeks.flat().find((d) => d.date === date)!;
    expect([preview.firstDay, preview.lastDay, preview.weeks.length]).toEqual(["2026-11-30", "2026-12-27", 4]);
    // Blocked 09:30–13:30; a new session also needs 30 minutes clear, so 09:00–14:00 is taken.
    expect(day("2026-12-02").free).toEqual([
      { startMinute: H(8), endMinute: H(9) },
      { startMinute: H(14), endMinute: H(20) },
    ]);
    expect(day("2026-12-02").sessions).toMatchObject([{ serviceName: "Trauma-informed practice", status: "ACCEPTED", window: { startMinute: H(10), endMinute: H(13) } }]);
    expect(day("2026-12-03")).toMatchObject({ free: [{ startMinute: H(8), endMinute: H(20) }], sessions: [] });
    expect(day("2026-12-07")).toMatchObject({ free: [], hasTimeOff: true });
    expect(day("2026-12-08")).toMatchObject({ free: [{ startMinute: H(12), endMinute: H(14) }], change: "HOURS" });
    expect([preview.hasWeeklyHours, preview.hasFreeTime]).toEqual([true, true]);
  });

  it("keeps clock times across the UK clock change (BST on Saturday 24 October 2026, GMT from Sunday 25th)", async () => {
    const { scenario, me } = await twoAssociates();
    await saveWeeklyHours({ db, actor: me, input: { windows: [6, 7].map((weekday) => ({ weekday, startMinute: H(9), endMinute: H(17) })) } });
    // 12:00–13:00 UTC is 13:00–14:00 BST on Saturday and 12:00–13:00 GMT on Sunday.
    await bookSession(scenario, me.associateId, "2026-10-24T12:00:00Z", "2026-10-24T13:00:00Z");
    await bookSession(scenario, me.associateId, "2026-10-25T12:00:00Z", "2026-10-25T13:00:00Z");
    const preview = (await getFreeTimePreview({ db, actor: me, now: new Date("2026-10-20T12:00:00Z") }))!;
    const day = (date: string) => preview.weeks.flat().find((d) => d.date === date)!;
    expect(day("2026-10-24").free).toEqual([
      { startMinute: H(9), endMinute: H(12) },
      { startMinute: H(15), endMinute: H(17) },
    ]);
    expect(day("2026-10-24").sessions[0]!.window).toEqual({ startMinute: H(13), endMinute: H(14) });
    expect(day("2026-10-25").free).toEqual([
      { startMinute: H(9), endMinute: H(11) },
      { startMinute: H(14), endMinute: H(17) },
    ]);
    expect(day("2026-10-25").sessions[0]!.window).toEqual({ startMinute: H(12), endMinute: H(13) });
    // Weekdays have no hours.
    expect(day("2026-10-26").free).toEqual([]);
  });

  it("with no weekly hours there is no free time (the page shows its empty state)", async () => {
    const { me } = await twoAssociates();
    await saveWeeklyHours({ db, actor: me, input: { windows: [] } });
    const preview = (await getFreeTimePreview({ db, actor: me, now: new Date("2026-11-30T06:00:00Z") }))!;
    expect([preview.hasWeeklyHours, preview.hasFreeTime]).toEqual([false, false]);
  });
});
