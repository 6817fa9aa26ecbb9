import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { listRescheduleTimes, rescheduleDelivery } from "@/lib/server/booking/reschedule-delivery";
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
    const held = await hold("2026-12-01T10:00:00Z");
    if (!held.ok) throw new Error(held.message);
    await requestBooking({ db, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO", attendeeCount: "5" }, now: NOW });
    for (const offer of await db.assignment.findMany({ where: { deliveryId: held.data.deliveryId }, include: { associate: true } })) {
      await respondToOffer({ db, actor: { associateId: offer.associateId, userId: offer.associate.userId }, input: { unverifiedAssignmentId: offer.id, response: "ACCEPT" }, now: NOW });
    }
    // The same pair is busy on 3 December at 10:00 with another booking.
    expect((await hold("2026-12-03T10:00:00Z")).ok).toBe(true);

    const options = await listRescheduleTimes(db, { context: scenario.context, unverifiedDeliveryId: held.data.deliveryId, now: NOW, weeks: 3 });
    const starts = options!.starts.map((s) => s.start.toISOString());
    expect(starts).toContain("2026-12-02T10:00:00.000Z");
    expect(starts).not.toContain("2026-12-01T10:00:00.000Z");
    expect(starts).not.toContain("2026-12-03T10:00:00.000Z");

    const clash = await rescheduleDelivery({ db, context: scenario.context, input: { unverifiedDeliveryId: held.data.deliveryId, startsAt: "2026-12-03T10:00:00Z" }, now: NOW });
    expect(clash).toMatchObject({ ok: false, code: "SLOT_TAKEN" });
    const other = await createScenario(db, { associates: [] });
    expect(await rescheduleDelivery({ db, context: other.context, input: { unverifiedDeliveryId: held.data.deliveryId, startsAt: "2026-12-02T10:00:00Z" }, now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });

    const before = await db.delivery.findUniqueOrThrow({ where: { id: held.data.deliveryId } });
    const moved = await rescheduleDelivery({ db, context: scenario.context, input: { unverifiedDeliveryId: held.data.deliveryId, startsAt: "2026-12-02T10:00:00Z" }, now: NOW });
    expect(moved.ok).toBe(true);
    const after = await db.delivery.findUniqueOrThrow({ where: { id: held.data.deliveryId }, include: { assignments: true } });
    expect(after.startsAt.toISOString()).toBe("2026-12-02T10:00:00.000Z");
    expect(after.status).toBe("CONFIRMED");
    expect(after.updatedAt > before.updatedAt).toBe(true);
    for (const assignment of after.assignments) {
      expect(assignment.blockedFrom.toISOString()).toBe("2026-12-02T09:30:00.000Z");
      expect(assignment.status).toBe("ACCEPTED");
    }
    const notices = await db.outboxMessage.findMany({ where: { kind: "rescheduled", to: { in: [scenario.booker.email, ...scenario.associates.map((a) => a.user.email)] } } });
    expect(notices).toHaveLength(3);
    // Each carries the updated invite: same UID, the new time (SEQUENCE growth is covered by the unit test).
    const ics = (notices[0]!.payload as { attachments: { content: string }[] }).attachments[0]!.content.replace(/\r\n[ \t]/g, "");
    expect(ics).toContain(`UID:delivery-${held.data.deliveryId}@golden-thread`);
    expect(ics).toContain("DTSTART:20261202T100000Z");
  });
});
