import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { findBookableSlots } from "@/lib/domain/slots";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { loadSchedulingCandidates } from "@/lib/server/scheduling/load-candidates";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 4 });
afterAll(() => db.$disconnect());

const NOW = new Date("2026-11-17T09:00:00Z");
const DAY = 86_400_000;
// Four weeks from Tuesday 1 December 2026, plus the session length at the end (as searchSlots asks).
const RANGE = { start: Date.parse("2026-12-01T00:00:00Z"), end: Date.parse("2026-12-29T03:00:00Z") };

describe("candidate loading in pages", () => {
  it("asks for associates a page at a time and joins the pages into exactly what one query gives, in id order", async () => {
    const weekdays = (startMinute: number, endMinute: number) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute, endMinute }));
    const scenario = await createScenario(db, {
      associates: [
        { expertise: "LIVED" },
        { expertise: "PROFESSIONAL", rules: weekdays(9 * 60, 17 * 60) },
        { expertise: "BOTH", rules: weekdays(13 * 60, 21 * 60) },
        { expertise: "LIVED", insuranceExpiresOn: "2026-12-14" },
        { expertise: "PROFESSIONAL" },
        { expertise: "LIVED", rules: [{ weekday: 6, startMinute: 10 * 60, endMinute: 16 * 60 }] },
        { expertise: "PROFESSIONAL", rules: weekdays(8 * 60, 12 * 60) },
      ],
    });
    const [first, second] = scenario.associates;
    await db.timeOff.create({ data: { associateId: first!.id, startsAt: new Date("2026-12-07T00:00:00Z"), endsAt: new Date("2026-12-12T00:00:00Z") } });
    await db.availabilityOverride.create({ data: { associateId: second!.id, date: new Date("2026-12-05"), startMinute: 600, endMinute: 900 } });
    // A held booking on Wednesday 2 December 10:00–13:00 makes two of them busy then (± the buffer).
    const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: "2026-12-02T10:00:00Z", mode: "ONLINE" }, now: NOW });
    if (!held.ok) throw new Error(`hold failed: ${held.message}`);
    const busyIds = (await db.assignment.findMany({ where: { deliveryId: held.data.deliveryId } })).map((assignment) => assignment.associateId);
    expect(busyIds).toHaveLength(2);
    const policy = await getPolicy(db, NOW);
    const input = { service: scenario.service, range: RANGE, policy };

    const whole = await loadSchedulingCandidates(db, input);
    const inPages = await loadSchedulingCandidates(db, { ...input, pageSize: 2 });
    // The same through a transaction client, as the pairing board and re-pairing use it.
    const inPagesInTransaction = await db.$transaction((tx) => loadSchedulingCandidates(tx, { ...input, pageSize: 3 }));

    expect(whole).toHaveLength(7);
    const ids = whole.map((associate) => associate.associateId);
    expect(ids).toEqual([...ids].sort());
    expect(inPages).toEqual(whole);
    expect(inPagesInTransaction).toEqual(whole);
    // The loaded data made it through: time off, the date change, and insurance that runs out mid-range.
    const freeOf = (id: string) => whole.find((associate) => associate.associateId === id)!.entries.flatMap((entry) => entry.free);
    expect(freeOf(first!.id).some((interval) => interval.start < Date.parse("2026-12-12T00:00:00Z") && interval.end > Date.parse("2026-12-07T00:00:00Z"))).toBe(false);
    expect(freeOf(second!.id)).toContainEqual({ start: Date.parse("2026-12-05T10:00:00Z"), end: Date.parse("2026-12-05T15:00:00Z") });
    const buffer = policy["scheduling.bufferMinutes"] * 60_000;
    for (const id of busyIds) {
      const overlapsBooking = (interval: { start: number; end: number }) =>
        interval.start < Date.parse("2026-12-02T13:00:00Z") + buffer && interval.end > Date.parse("2026-12-02T10:00:00Z") - buffer;
      expect(freeOf(id).some(overlapsBooking)).toBe(false);
    }
    const lapsed = scenario.associates[3]!;
    expect(Math.max(...freeOf(lapsed.id).map((interval) => interval.end))).toBeLessThanOrEqual(Date.parse("2026-12-15T00:00:00Z"));

    const search = (candidates: typeof whole) =>
      findBookableSlots({
        service: { ...scenario.service, livedRequired: 1, professionalRequired: 1 },
        range: { start: RANGE.start, end: RANGE.start + 28 * DAY },
        stepMinutes: 30,
        minimumNoticeMinutes: 0,
        now: NOW.getTime(),
        candidates: candidates.flatMap((associate) => associate.entries),
      }).slots;
    expect(search(inPages).length).toBeGreaterThan(0);
    expect(search(inPages)).toEqual(search(whole));
  });

  it("a page size equal to the number of associates ends with one empty page, not a lost or repeated associate", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }, { expertise: "BOTH" }] });
    const policy = await getPolicy(db, NOW);
    const input = { service: scenario.service, range: RANGE, policy };
    const whole = await loadSchedulingCandidates(db, input);
    for (const pageSize of [1, 3, 4]) {
      expect(await loadSchedulingCandidates(db, { ...input, pageSize })).toEqual(whole);
    }
  });
});
