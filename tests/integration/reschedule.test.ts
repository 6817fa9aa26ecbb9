import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { listEngagementRescheduleTimes, listRescheduleTimes, rescheduleDelivery, rescheduleEngagement, shiftedStarts } from "@/lib/server/booking/reschedule-delivery";
import type { DirectorActor } from "@/lib/auth/guards";
import { createQuote, respondToQuote } from "@/lib/server/quotes/quotes";
import { requestService } from "@/lib/server/requests/request-service";
import { requestBooking } from "@/lib/server/booking/request-booking";
import { respondToOffer } from "@/lib/server/booking/respond-to-offer";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());
const NOW = new Date("2026-11-17T09:00:00Z");

describe("moving a session", () => {
  it("offers only times both facilitators can do, moves their blocked time with it and tells everyone; a clash is refused", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const hold = (startsAt: string) => holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt, mode: "ONLINE" }, now: NOW });
    // 5 weeks ahead: outside the cancellation-charge period, so it can be moved online.
    const held = await hold("2026-12-22T10:00:00Z");
    if (!held.ok) throw new Error(held.message);
    await requestBooking({ db, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO", attendeeCount: "5" }, now: NOW });
    for (const offer of await db.assignment.findMany({ where: { deliveryId: held.data.deliveryId }, include: { associate: true } })) {
      await respondToOffer({ db, actor: { associateId: offer.associateId, userId: offer.associate.userId }, input: { unverifiedAssignmentId: offer.id, response: "ACCEPT" }, now: NOW });
    }
    // The same pair is busy on 24 December at 10:00 with another booking.
    expect((await hold("2026-12-24T10:00:00Z")).ok).toBe(true);

    const options = await listRescheduleTimes(db, { context: scenario.context, unverifiedDeliveryId: held.data.deliveryId, now: NOW, weeks: 6 });
    const starts = options!.starts.map((s) => s.start.toISOString());
    expect(starts).toContain("2026-12-23T10:00:00.000Z");
    expect(starts).not.toContain("2026-12-22T10:00:00.000Z");
    expect(starts).not.toContain("2026-12-24T10:00:00.000Z");
    // Inside the charged period (here 10 days before) moving isn't offered, so it can't dodge the charge.
    const late = new Date("2026-12-12T09:00:00Z");
    expect((await listRescheduleTimes(db, { context: scenario.context, unverifiedDeliveryId: held.data.deliveryId, now: late }))!.isInChargeWindow).toBe(true);
    expect(await rescheduleDelivery({ db, context: scenario.context, input: { unverifiedDeliveryId: held.data.deliveryId, startsAt: "2026-12-23T10:00:00Z" }, now: late })).toMatchObject({ ok: false, message: expect.stringContaining("cancellation charge would apply") });

    const clash = await rescheduleDelivery({ db, context: scenario.context, input: { unverifiedDeliveryId: held.data.deliveryId, startsAt: "2026-12-24T10:00:00Z" }, now: NOW });
    expect(clash).toMatchObject({ ok: false, code: "SLOT_TAKEN" });
    const other = await createScenario(db, { associates: [] });
    expect(await rescheduleDelivery({ db, context: other.context, input: { unverifiedDeliveryId: held.data.deliveryId, startsAt: "2026-12-23T10:00:00Z" }, now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });

    const before = await db.delivery.findUniqueOrThrow({ where: { id: held.data.deliveryId } });
    const moved = await rescheduleDelivery({ db, context: scenario.context, input: { unverifiedDeliveryId: held.data.deliveryId, startsAt: "2026-12-23T10:00:00Z" }, now: NOW });
    expect(moved.ok).toBe(true);
    const after = await db.delivery.findUniqueOrThrow({ where: { id: held.data.deliveryId }, include: { assignments: true } });
    expect(after.startsAt.toISOString()).toBe("2026-12-23T10:00:00.000Z");
    expect(after.status).toBe("CONFIRMED");
    expect(after.updatedAt > before.updatedAt).toBe(true);
    for (const assignment of after.assignments) {
      expect(assignment.blockedFrom.toISOString()).toBe("2026-12-23T09:30:00.000Z");
      expect(assignment.status).toBe("ACCEPTED");
    }
    const notices = await db.outboxMessage.findMany({ where: { kind: "rescheduled", to: { in: [scenario.booker.email, ...scenario.associates.map((a) => a.user.email)] } } });
    expect(notices).toHaveLength(3);
    // Each carries the updated invite: same UID, the new time (SEQUENCE growth is covered by the unit test).
    const ics = (notices[0]!.payload as { attachments: { content: string }[] }).attachments[0]!.content.replace(/\r\n[ \t]/g, "");
    expect(ics).toContain(`UID:delivery-${held.data.deliveryId}@golden-thread`);
    expect(ics).toContain("DTSTART:20261223T100000Z");
  });
});

describe("moving a whole booking", () => {
  it("shifts every session by the same amount, onto each other's old times if need be, in one go", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const director: DirectorActor = { userId: scenario.director.id, email: scenario.director.email, name: "Jade", role: "DIRECTOR", associateId: null, memberships: [] };
    const request = await requestService({ db, context: scenario.context, input: { unverifiedServiceSlug: scenario.service.slug, needs: "Two sessions for our new staff team, please.", sessionsRequested: "2" }, now: NOW });
    if (!request.ok) throw new Error(request.message);
    const quote = await createQuote({
      db,
      actor: director,
      input: { unverifiedReference: request.data.reference, sessions: [{ startsAtLocal: "2027-01-12T10:00", mode: "ONLINE" }, { startsAtLocal: "2027-01-19T10:00", mode: "ONLINE" }], lines: [{ description: "Sessions", quantity: "2", unitPrice: "100", vatRateBasisPoints: "2000" }], validForDays: "30" },
      now: NOW,
    });
    if (!quote.ok) throw new Error(quote.message);
    await respondToQuote({ db, context: scenario.context, input: { unverifiedQuoteId: quote.data.quoteId, decision: "ACCEPT", purchaseOrderNumber: "PO" }, now: NOW });

    // A week later: the first session lands exactly where the second one was.
    const at = new Date("2026-12-10T09:00:00Z"); // 33 days before the first session: outside the charged period
    const options = await listEngagementRescheduleTimes(db, { context: scenario.context, unverifiedReference: request.data.reference, now: at });
    expect(options!.starts.map((s) => s.start.toISOString())).toContain("2027-01-19T10:00:00.000Z");
    const other = await createScenario(db, { associates: [] });
    expect(await rescheduleEngagement({ db, context: other.context, input: { unverifiedReference: request.data.reference, firstStartsAt: "2027-01-19T10:00:00Z" }, now: at })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const moved = await rescheduleEngagement({ db, context: scenario.context, input: { unverifiedReference: request.data.reference, firstStartsAt: "2027-01-19T10:00:00Z" }, now: at });
    expect(moved).toEqual({ ok: true, data: { reference: request.data.reference, sessions: 2 } });
    const deliveries = await db.delivery.findMany({ where: { engagement: { reference: request.data.reference } }, orderBy: { startsAt: "asc" }, include: { assignments: true } });
    expect(deliveries.map((d) => d.startsAt.toISOString())).toEqual(["2027-01-19T10:00:00.000Z", "2027-01-26T10:00:00.000Z"]);
    expect(deliveries[1]!.assignments.every((a) => a.blockedFrom.toISOString() === "2027-01-26T09:30:00.000Z")).toBe(true);
  });
});

describe("shiftedStarts", () => {
  it("keeps each session's UK clock time across the clocks going forward (a fixed shift in milliseconds would not)", () => {
    // Tuesdays at 10:00 UK time: 23 March is GMT (10:00Z), 30 March is BST (09:00Z).
    const sessions = [
      { id: "a", startsAt: new Date("2027-03-23T10:00:00Z") },
      { id: "b", startsAt: new Date("2027-03-30T09:00:00Z") },
    ];
    const weekLater = shiftedStarts(sessions, Date.parse("2027-03-30T09:00:00Z"));
    expect(new Date(weekLater.get("b")!).toISOString()).toBe("2027-04-06T09:00:00.000Z");
    const weekEarlier = shiftedStarts(sessions, Date.parse("2027-03-16T10:00:00Z"));
    expect(new Date(weekEarlier.get("b")!).toISOString()).toBe("2027-03-23T10:00:00.000Z");
    // Moving to the afternoon moves both by the same clock time.
    const afternoon = shiftedStarts(sessions, Date.parse("2027-03-23T14:30:00Z"));
    expect(new Date(afternoon.get("b")!).toISOString()).toBe("2027-03-30T13:30:00.000Z");
  });
});
