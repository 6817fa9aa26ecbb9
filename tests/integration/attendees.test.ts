import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { addAttendee, importAttendees, removeAttendee, updateAttendee } from "@/lib/server/attendees/manage-attendees";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { requestBooking } from "@/lib/server/booking/request-booking";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 12 });
afterAll(() => db.$disconnect());
const NOW = new Date("2026-11-17T09:00:00Z");

async function booking(capacity: number) {
  const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }], serviceOverrides: { capacity } });
  const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: "2026-12-01T10:00:00Z", mode: "ONLINE" }, now: NOW });
  if (!held.ok) throw new Error(held.message);
  const sent = await requestBooking({ db, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO", attendeeCount: "1" }, now: NOW });
  if (!sent.ok) throw new Error(sent.message);
  return { scenario, reference: sent.data.reference, engagementId: held.data.engagementId };
}

describe("attendees", () => {
  it("10 people added at once to a session for 3: exactly 3 are added, the rest are told it's full", async () => {
    const { scenario, reference, engagementId } = await booking(3);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => addAttendee({ db, context: scenario.context, input: { unverifiedReference: reference, name: `Person ${i}`, email: `p${i}@example.org` } })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && /full/.test(r.message))).toBe(true);
    expect(await db.attendee.count({ where: { engagementId } })).toBe(3);
  });

  it("refuses a duplicate email, bad input and another organisation's booking; removes after confirming", async () => {
    const { scenario, reference, engagementId } = await booking(10);
    const other = await createScenario(db, { associates: [] });
    const first = await addAttendee({ db, context: scenario.context, input: { unverifiedReference: reference, name: "Asha Patel", email: "Asha@Example.org", jobTitle: "Residential worker" } });
    expect(first.ok).toBe(true);
    // They are emailed their place with the calendar invite attached.
    const invite = await db.outboxMessage.findFirstOrThrow({ where: { kind: "attendee-invite", to: "asha@example.org" } });
    const attachments = (invite.payload as { attachments: { filename: string; content: string }[] }).attachments;
    expect(attachments).toHaveLength(1);
    expect(attachments[0]!.filename).toBe(`${reference}.ics`);
    expect(attachments[0]!.content).toContain("DTSTART:20261201T100000Z");
    const refusals = await Promise.all([
      addAttendee({ db, context: scenario.context, input: { unverifiedReference: reference, name: "Asha again", email: "asha@example.org" } }),
      addAttendee({ db, context: scenario.context, input: { unverifiedReference: reference, name: "", email: "not-an-email" } }),
      addAttendee({ db, context: other.context, input: { unverifiedReference: reference, name: "Intruder", email: "x@example.org" } }),
      removeAttendee({ db, context: other.context, input: { unverifiedReference: reference, unverifiedAttendeeId: first.ok ? first.data.id : "" } }),
    ]);
    expect(refusals.map((r) => (r.ok ? "ok" : r.code))).toEqual(["INVALID_INPUT", "INVALID_INPUT", "NOT_FOUND", "NOT_FOUND"]);
    expect(refusals[1]).toMatchObject({ fieldErrors: { name: ["Enter the person's name."], email: ["Enter an email address like name@example.org."] } });
    expect(await db.attendee.count({ where: { engagementId } })).toBe(1);
    // Corrections keep the same feedback link; a clash with someone else's email is refused.
    const second = await addAttendee({ db, context: scenario.context, input: { unverifiedReference: reference, name: "Ben Okoro", email: "ben@example.org" } });
    const before = await db.attendee.findUniqueOrThrow({ where: { id: first.ok ? first.data.id : "" } });
    expect(await updateAttendee({ db, context: scenario.context, input: { unverifiedReference: reference, unverifiedAttendeeId: before.id, name: "Asha Patel-Jones", email: "asha.pj@example.org", jobTitle: "" } })).toEqual({ ok: true, data: null });
    expect(await db.attendee.findUniqueOrThrow({ where: { id: before.id } })).toMatchObject({ name: "Asha Patel-Jones", email: "asha.pj@example.org", jobTitle: null, accessToken: before.accessToken });
    expect(await updateAttendee({ db, context: scenario.context, input: { unverifiedReference: reference, unverifiedAttendeeId: before.id, name: "Asha", email: "ben@example.org" } })).toMatchObject({ ok: false, fieldErrors: { email: ["Someone else on the list has this email address."] } });
    expect(await updateAttendee({ db, context: other.context, input: { unverifiedReference: reference, unverifiedAttendeeId: before.id, name: "X", email: "x@example.org" } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    if (second.ok) await removeAttendee({ db, context: scenario.context, input: { unverifiedReference: reference, unverifiedAttendeeId: second.data.id } });
    const removed = await removeAttendee({ db, context: scenario.context, input: { unverifiedReference: reference, unverifiedAttendeeId: first.ok ? first.data.id : "" } });
    expect(removed.ok).toBe(true);
    expect(await db.attendee.count({ where: { engagementId } })).toBe(0);
  });

  it("imports a CSV all or nothing: bad rows are listed by row number, going over capacity adds nobody, a good file adds everyone", async () => {
    const { scenario, reference, engagementId } = await booking(4);
    const bad = await importAttendees({
      db,
      context: scenario.context,
      unverifiedReference: reference,
      csv: "Name,Email,Job title\nAsha Patel,asha@example.org,Manager\n,missing@example.org,\nBen Okoro,not-an-email,\nCara Doyle,asha@example.org,\n",
    });
    expect(bad).toMatchObject({ ok: false, rowErrors: ["Row 3: Enter the person's name.", "Row 4: Enter an email address like name@example.org.", "Row 5: asha@example.org appears more than once."] });
    const tooMany = await importAttendees({ db, context: scenario.context, unverifiedReference: reference, csv: "name,email\n" + Array.from({ length: 5 }, (_, i) => `P${i},p${i}@example.org`).join("\n") });
    expect(tooMany).toMatchObject({ ok: false, message: expect.stringContaining("places for 4 more") });
    expect(await importAttendees({ db, context: scenario.context, unverifiedReference: reference, csv: "who,where\na,b" })).toMatchObject({ ok: false, message: expect.stringContaining("first row must name the columns") });
    const other = await createScenario(db, { associates: [] });
    expect(await importAttendees({ db, context: other.context, unverifiedReference: reference, csv: "name,email\nX,x@example.org" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.attendee.count({ where: { engagementId } })).toBe(0);

    const good = await importAttendees({ db, context: scenario.context, unverifiedReference: reference, csv: '\uFEFFEmail address,Full name\r\ndan@example.org,"Doyle, Dan"\r\neve@example.org,Eve Ng\r\n' });
    expect(good).toEqual({ ok: true, data: { added: 2 } });
    expect((await db.attendee.findMany({ where: { engagementId }, orderBy: { email: "asc" } })).map((a) => a.name)).toEqual(["Doyle, Dan", "Eve Ng"]);
  });
});
