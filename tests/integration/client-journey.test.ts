import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { cancelDelivery, previewCancellation } from "@/lib/server/booking/cancel-delivery";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { listBookableDays } from "@/lib/server/booking/list-bookable-days";
import { requestBooking } from "@/lib/server/booking/request-booking";
import { requestService } from "@/lib/server/requests/request-service";
import { respondToOffer } from "@/lib/server/booking/respond-to-offer";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());

const NOW = new Date("2026-11-17T09:00:00Z");
const pair = [{ expertise: "LIVED" as const }, { expertise: "PROFESSIONAL" as const }];

async function bookedDelivery(startsAt: string) {
  const scenario = await createScenario(db, { associates: pair });
  const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt, mode: "ONLINE" }, now: NOW });
  if (!held.ok) throw new Error(held.message);
  const sent = await requestBooking({ db, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO-9", attendeeCount: "10" }, now: NOW });
  if (!sent.ok) throw new Error(sent.message);
  return { scenario, deliveryId: held.data.deliveryId };
}

describe("bookable days", () => {
  it("lists only times with a free pair, and a held time disappears from the list", async () => {
    const scenario = await createScenario(db, { associates: pair });
    const before = await listBookableDays(db, { unverifiedServiceSlug: scenario.service.slug, weeks: 2, now: NOW });
    const day = before!.days.find((d) => d.date === "2026-12-01")!;
    expect(day.starts.map((s) => s.start.toISOString())).toContain("2026-12-01T10:00:00.000Z");
    // Minimum notice (72 hours): nothing before 20 November 09:00.
    expect(before!.days.every((d) => d.starts.every((s) => s.start >= new Date("2026-11-20T09:00:00Z")))).toBe(true);
    await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: "2026-12-01T10:00:00Z", mode: "ONLINE" }, now: NOW });
    const after = await listBookableDays(db, { unverifiedServiceSlug: scenario.service.slug, weeks: 2, now: NOW });
    const starts = after!.days.find((d) => d.date === "2026-12-01")?.starts.map((s) => s.start.toISOString()) ?? [];
    expect(starts).not.toContain("2026-12-01T10:00:00.000Z");
    expect(await listBookableDays(db, { unverifiedServiceSlug: "no-such-service", now: NOW })).toBeNull();
  });
});

describe("cancelling a session", () => {
  it("charges by the terms agreed at booking (20 days' notice → 50%), releases the pair, cancels the engagement and tells everyone", async () => {
    const { scenario, deliveryId } = await bookedDelivery("2026-12-08T10:00:00Z");
    const at = new Date("2026-11-18T09:00:00Z"); // 20 days before
    // One of the pair has accepted; the other hasn't answered yet.
    const accepter = scenario.associates[0]!;
    const offer = await db.assignment.findFirstOrThrow({ where: { deliveryId, associateId: accepter.id } });
    expect(await respondToOffer({ db, actor: accepter.actor, input: { unverifiedAssignmentId: offer.id, response: "ACCEPT" }, now: NOW })).toMatchObject({ ok: true });
    const preview = await previewCancellation(db, { context: scenario.context, unverifiedDeliveryId: deliveryId, now: at });
    expect(preview).toMatchObject({ chargePence: scenario.service.pricePence / 2, noticeDays: 20 });

    const result = await cancelDelivery({ db, context: scenario.context, input: { unverifiedDeliveryId: deliveryId, reason: "Staff shortage", expectedChargePence: String(preview!.chargePence) }, now: at });
    expect(result).toEqual({ ok: true, data: { reference: expect.any(String), chargePence: scenario.service.pricePence / 2 } });
    const delivery = await db.delivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { assignments: true, engagement: true } });
    expect(delivery).toMatchObject({ status: "CANCELLED", cancellationChargePence: scenario.service.pricePence / 2, cancellationPassThroughPence: scenario.service.pricePence / 4, cancellationReason: "Staff shortage" });
    expect(delivery.assignments.map((a) => a.status)).toEqual(["CANCELLED", "CANCELLED"]);
    // Who had accepted stays known (their reply time is kept): the pass-through is shared between them only.
    expect(delivery.assignments.filter((a) => a.respondedAt !== null).map((a) => a.associateId)).toEqual([accepter.id]);
    expect(delivery.engagement.status).toBe("CANCELLED");
    const emails = await db.outboxMessage.findMany({ where: { kind: "cancelled", to: { in: [scenario.booker.email, ...scenario.associates.map((a) => a.user.email)] } } });
    expect(emails).toHaveLength(3);
    for (const email of emails) expect((email.payload as { attachments: { content: string }[] }).attachments[0]!.content).toContain("METHOD:CANCEL");
    expect(await db.auditEvent.count({ where: { action: "delivery.cancel", subjectId: deliveryId } })).toBe(1);
    // The same time is free again for someone else.
    const again = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: "2026-12-08T10:00:00Z", mode: "ONLINE" }, now: at });
    expect(again.ok).toBe(true);
  });

  it("refuses a charge the client did not see, another organisation's session (not found) and bad input — writing nothing", async () => {
    const { scenario, deliveryId } = await bookedDelivery("2026-12-09T10:00:00Z");
    const other = await createScenario(db, { associates: [] });
    const at = new Date("2026-12-01T09:00:00Z"); // 8 days: full charge
    const results = await Promise.all([
      cancelDelivery({ db, context: scenario.context, input: { unverifiedDeliveryId: deliveryId, expectedChargePence: "0" }, now: at }),
      cancelDelivery({ db, context: other.context, input: { unverifiedDeliveryId: deliveryId, expectedChargePence: String(scenario.service.pricePence) }, now: at }),
      cancelDelivery({ db, context: scenario.context, input: { unverifiedDeliveryId: deliveryId, expectedChargePence: "-5" }, now: at }),
      cancelDelivery({ db, context: scenario.context, input: { unverifiedDeliveryId: deliveryId, expectedChargePence: "0", reason: "x".repeat(501) }, now: at }),
    ]);
    expect(results.map((r) => (r.ok ? "ok" : r.code))).toEqual(["INVALID_INPUT", "NOT_FOUND", "INVALID_INPUT", "INVALID_INPUT"]);
    expect(!results[0]!.ok && results[0]!.message).toMatch(/charge is now £/);
    const delivery = await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(delivery.status).not.toBe("CANCELLED");
    expect(delivery.cancellationChargePence).toBeNull();
  });
});

describe("asking for a quoted service", () => {
  it("creates a REQUESTED engagement and emails the director; a too-short description writes nothing", async () => {
    const scenario = await createScenario(db, { associates: [] });
    const before = await db.engagement.count({ where: { organisationId: scenario.organisation.id } });
    const refused = await requestService({ db, context: scenario.context, input: { unverifiedServiceSlug: scenario.service.slug, needs: "short", sessionsRequested: "0" }, now: NOW });
    expect(refused).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { needs: [expect.stringMatching(/at least 20/)], sessionsRequested: [expect.any(String)] } });
    expect(await db.engagement.count({ where: { organisationId: scenario.organisation.id } })).toBe(before);

    const result = await requestService({
      db,
      context: scenario.context,
      input: { unverifiedServiceSlug: scenario.service.slug, needs: "A mock inspection of our two homes before Ofsted visits.", preferredDates: "February", sessionsRequested: "2" },
      now: NOW,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const engagement = await db.engagement.findUniqueOrThrow({ where: { reference: result.data.reference } });
    expect(engagement).toMatchObject({ status: "REQUESTED", sessionsRequested: 2, preferredDates: "February", organisationId: scenario.organisation.id });
    expect(await db.outboxMessage.count({ where: { kind: "service-request", to: scenario.director.email } })).toBe(1);
  });
});
