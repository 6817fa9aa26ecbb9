import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { expireHoldsAndOffers } from "@/lib/server/booking/expire-holds-and-offers";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { repairAfterComplianceLapse } from "@/lib/server/booking/repair-after-compliance-lapse";
import { requestBooking } from "@/lib/server/booking/request-booking";
import { respondToOffer } from "@/lib/server/booking/respond-to-offer";
import { withdrawFromDelivery } from "@/lib/server/booking/withdraw-from-delivery";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 12 });
afterAll(() => db.$disconnect());

// Tuesday 1 December 2026, 10:00 London (= UTC in winter); "now" is two weeks before.
const NOW = new Date("2026-11-17T09:00:00Z");
const START = "2026-12-01T10:00:00Z";

async function bookAndOffer(scenario: Awaited<ReturnType<typeof createScenario>>, startsAt = START) {
  const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt, mode: "ONLINE" }, now: NOW });
  if (!held.ok) throw new Error(`hold failed: ${held.message}`);
  const requested = await requestBooking({
    db,
    context: scenario.context,
    input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO-1", attendeeCount: "12" },
    now: NOW,
  });
  if (!requested.ok) throw new Error(`request failed: ${requested.message}`);
  const offers = await db.assignment.findMany({ where: { deliveryId: held.data.deliveryId, status: "OFFERED" }, orderBy: { role: "asc" } });
  return { held: held.data, offers };
}

describe("booking life cycle on real PostgreSQL", () => {
  it("hold → request (PO required) → both accept → CONFIRMED for the client, with a written offer and a confirmation email", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: START, mode: "ONLINE" }, now: NOW });
    expect(held.ok).toBe(true);
    if (!held.ok) return;
    const delivery = await db.delivery.findUniqueOrThrow({ where: { id: held.data.deliveryId }, include: { assignments: true } });
    expect(delivery.status).toBe("HELD");
    expect(delivery.assignments.map((a) => [a.role, a.status]).sort()).toEqual([["LIVED", "HELD"], ["PROFESSIONAL", "HELD"]]);

    const withoutPo = await requestBooking({ db, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, attendeeCount: "5" }, now: NOW });
    expect(withoutPo).toMatchObject({ ok: false, fieldErrors: { purchaseOrderNumber: ["Enter your PO number."] } });
    const tooMany = await requestBooking({ db, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO-9", attendeeCount: "21" }, now: NOW });
    expect(tooMany).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect((await db.engagement.findUniqueOrThrow({ where: { id: held.data.engagementId } })).status).toBe("PENDING_PAYMENT");

    const requested = await requestBooking({ db, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO-9", attendeeCount: "12" }, now: NOW });
    expect(requested).toMatchObject({ ok: true, data: { status: "AWAITING_FACILITATORS" } });
    const offers = await db.assignment.findMany({ where: { deliveryId: held.data.deliveryId }, include: { associate: { include: { user: true } } } });
    expect(offers.every((o) => o.status === "OFFERED" && o.expiresAt! > NOW)).toBe(true);
    for (const offer of offers) {
      expect(await db.outboxMessage.count({ where: { to: offer.associate.user.email, kind: "offer" } })).toBe(1);
    }
    const [first, second] = offers;
    const firstAccept = await respondToOffer({ db, actor: { associateId: first!.associateId, userId: first!.associate.userId }, input: { unverifiedAssignmentId: first!.id, response: "ACCEPT" }, now: NOW });
    expect(firstAccept).toMatchObject({ ok: true, data: { deliveryStatus: "AWAITING_ACCEPTANCE" } });
    const secondAccept = await respondToOffer({ db, actor: { associateId: second!.associateId, userId: second!.associate.userId }, input: { unverifiedAssignmentId: second!.id, response: "ACCEPT" }, now: NOW });
    expect(secondAccept).toMatchObject({ ok: true, data: { deliveryStatus: "CONFIRMED" } });
    expect((await db.engagement.findUniqueOrThrow({ where: { id: held.data.engagementId } })).status).toBe("CONFIRMED");
    expect(await db.outboxMessage.count({ where: { to: scenario.booker.email, kind: "booking-confirmed" } })).toBe(1);
  });

  it("an associate cannot answer someone else's offer (not found) and cannot accept an expired one", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }, { expertise: "LIVED" }] });
    const { offers } = await bookAndOffer(scenario);
    const outsider = scenario.associates.find((a) => !offers.some((o) => o.associateId === a.id))!;
    const foreign = await respondToOffer({ db, actor: outsider.actor, input: { unverifiedAssignmentId: offers[0]!.id, response: "ACCEPT" }, now: NOW });
    expect(foreign).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const owner = scenario.associates.find((a) => a.id === offers[0]!.associateId)!;
    const late = await respondToOffer({ db, actor: owner.actor, input: { unverifiedAssignmentId: offers[0]!.id, response: "ACCEPT" }, now: new Date(offers[0]!.expiresAt!.getTime() + 1) });
    expect(late).toMatchObject({ ok: false, message: expect.stringContaining("expired") });
    expect((await db.assignment.findUniqueOrThrow({ where: { id: offers[0]!.id } })).status).toBe("OFFERED");
  });

  it("another organisation cannot send someone else's held booking, and an associate cannot withdraw from a session that isn't theirs (not found)", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }, { expertise: "LIVED" }] });
    const other = await createScenario(db, { associates: [] });
    const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: START, mode: "ONLINE" }, now: NOW });
    if (!held.ok) throw new Error(held.message);
    const foreign = await requestBooking({
      db,
      context: other.context,
      input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO-X", attendeeCount: "3" },
      now: NOW,
    });
    expect(foreign).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await db.engagement.findUniqueOrThrow({ where: { id: held.data.engagementId } })).status).toBe("PENDING_PAYMENT");

    await requestBooking({ db, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO-1", attendeeCount: "3" }, now: NOW });
    const offers = await db.assignment.findMany({ where: { deliveryId: held.data.deliveryId } });
    for (const offer of offers) {
      const owner = scenario.associates.find((a) => a.id === offer.associateId)!;
      await respondToOffer({ db, actor: owner.actor, input: { unverifiedAssignmentId: offer.id, response: "ACCEPT" }, now: NOW });
    }
    const outsider = scenario.associates.find((a) => !offers.some((o) => o.associateId === a.id))!;
    const withdrawn = await withdrawFromDelivery({ db, actor: outsider.actor, input: { unverifiedAssignmentId: offers[0]!.id }, now: NOW });
    expect(withdrawn).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await db.delivery.findUniqueOrThrow({ where: { id: held.data.deliveryId } })).status).toBe("CONFIRMED");
  });

  it("a decline offers the next free candidate for that role; with nobody left the director is alerted", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }, { expertise: "LIVED" }] });
    const { held, offers } = await bookAndOffer(scenario);
    const livedOffer = offers.find((o) => o.role === "LIVED")!;
    const decliner = scenario.associates.find((a) => a.id === livedOffer.associateId)!;
    const declined = await respondToOffer({ db, actor: decliner.actor, input: { unverifiedAssignmentId: livedOffer.id, response: "DECLINE", reason: "Exams that week" }, now: NOW });
    expect(declined).toMatchObject({ ok: true, data: { replacementOffers: 1, deliveryStatus: "AWAITING_ACCEPTANCE" } });
    const replacement = await db.assignment.findFirstOrThrow({ where: { deliveryId: held.deliveryId, role: "LIVED", status: "OFFERED" } });
    expect(replacement.associateId).not.toBe(decliner.id);

    const replacementOwner = scenario.associates.find((a) => a.id === replacement.associateId)!;
    const declinedAgain = await respondToOffer({ db, actor: replacementOwner.actor, input: { unverifiedAssignmentId: replacement.id, response: "DECLINE" }, now: NOW });
    expect(declinedAgain).toMatchObject({ ok: true, data: { replacementOffers: 0, deliveryStatus: "NEEDS_PAIRING" } });
    expect(await db.alert.count({ where: { deliveryId: held.deliveryId, kind: "PAIRING_BROKEN", resolvedAt: null } })).toBe(1);
  });

  it("a withdrawal after confirmation moves the delivery back, alerts the director and offers a replacement — never leaving it CONFIRMED", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }, { expertise: "PROFESSIONAL" }] });
    const { held, offers } = await bookAndOffer(scenario);
    for (const offer of offers) {
      const owner = scenario.associates.find((a) => a.id === offer.associateId)!;
      await respondToOffer({ db, actor: owner.actor, input: { unverifiedAssignmentId: offer.id, response: "ACCEPT" }, now: NOW });
    }
    expect((await db.delivery.findUniqueOrThrow({ where: { id: held.deliveryId } })).status).toBe("CONFIRMED");
    const professional = offers.find((o) => o.role === "PROFESSIONAL")!;
    const owner = scenario.associates.find((a) => a.id === professional.associateId)!;
    const withdrawn = await withdrawFromDelivery({ db, actor: owner.actor, input: { unverifiedAssignmentId: professional.id }, now: NOW });
    expect(withdrawn).toMatchObject({ ok: true, data: { deliveryStatus: "AWAITING_ACCEPTANCE", replacementOffers: 1 } });
    expect((await db.engagement.findUniqueOrThrow({ where: { id: held.engagementId } })).status).toBe("AWAITING_FACILITATORS");
    expect(await db.alert.count({ where: { deliveryId: held.deliveryId, kind: "PAIRING_BROKEN" } })).toBe(1);
  });

  it("a lapsed hold frees the associates and cancels the unfinished booking; the same time can be held again", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const input = { serviceSlug: scenario.service.slug, startsAt: START, mode: "ONLINE" };
    const first = await holdSlot({ db, context: scenario.context, input, now: NOW });
    expect(first.ok).toBe(true);
    const blocked = await holdSlot({ db, context: scenario.context, input, now: NOW });
    expect(blocked).toMatchObject({ ok: false, code: "SLOT_TAKEN" });

    const later = new Date(NOW.getTime() + 16 * 60_000);
    expect(await expireHoldsAndOffers({ db, now: later })).toMatchObject({ holdsExpired: 1 });
    if (!first.ok) return;
    expect((await db.engagement.findUniqueOrThrow({ where: { id: first.data.engagementId } })).status).toBe("CANCELLED");
    expect(await db.assignment.count({ where: { deliveryId: first.data.deliveryId, status: "EXPIRED" } })).toBe(2);
    const again = await holdSlot({ db, context: scenario.context, input, now: later });
    expect(again.ok).toBe(true);
  });

  it("a taken slot answers with the nearest free times", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const input = { serviceSlug: scenario.service.slug, startsAt: START, mode: "ONLINE" };
    await holdSlot({ db, context: scenario.context, input, now: NOW });
    const taken = await holdSlot({ db, context: scenario.context, input, now: NOW });
    expect(taken.ok).toBe(false);
    if (taken.ok || !("nearest" in taken)) throw new Error("expected SLOT_TAKEN with nearest times");
    expect(taken.message).toBe("That time was just taken — here are the nearest free times.");
    expect(taken.nearest.length).toBeGreaterThan(0);
    // None of the suggestions overlaps the held session (plus buffers).
    for (const slot of taken.nearest) {
      expect(slot.end.getTime() + 30 * 60_000 <= Date.parse(START) - 30 * 60_000 || slot.start.getTime() >= Date.parse(START) + 3 * 3_600_000 + 60 * 60_000).toBe(true);
    }
  });

  it("an associate whose insurance lapses before the delivery is taken off it, the director is alerted, and a replacement is offered", async () => {
    const scenario = await createScenario(db, {
      associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL", name: "Lapsing" }, { expertise: "PROFESSIONAL" }],
    });
    const { held, offers } = await bookAndOffer(scenario);
    const professional = offers.find((o) => o.role === "PROFESSIONAL")!;
    await db.complianceRecord.updateMany({ where: { associateId: professional.associateId, kind: "INSURANCE" }, data: { expiresOn: new Date("2026-11-30") } });
    expect(await repairAfterComplianceLapse({ db, now: NOW })).toMatchObject({ removed: 1 });
    const after = await db.assignment.findUniqueOrThrow({ where: { id: professional.id } });
    expect(after.status).toBe("WITHDRAWN");
    expect(after.declineReason).toMatch(/insurance/i);
    expect(await db.alert.count({ where: { deliveryId: held.deliveryId, kind: "COMPLIANCE_LAPSING" } })).toBe(1);
    const replacement = await db.assignment.findFirst({ where: { deliveryId: held.deliveryId, role: "PROFESSIONAL", status: "OFFERED" } });
    expect(replacement?.associateId).not.toBe(professional.associateId);
  });

  it("an associate without an enhanced DBS is never offered child-facing work", async () => {
    const scenario = await createScenario(db, {
      associates: [{ expertise: "LIVED", hasNoDbs: true }, { expertise: "PROFESSIONAL" }],
      serviceOverrides: { childFacing: true },
    });
    const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: START, mode: "ONLINE" }, now: NOW });
    expect(held).toMatchObject({ ok: false, code: "SLOT_TAKEN" });
  });

  it("bad input writes nothing and says what is wrong in plain English", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const before = await db.engagement.count();
    const results = await Promise.all([
      holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: "not a date", mode: "ONLINE" }, now: NOW }),
      holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: START, mode: "BY_PIGEON" }, now: NOW }),
      holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: START, mode: "IN_PERSON" }, now: NOW }),
      holdSlot({ db, context: scenario.context, input: { serviceSlug: "no-such-service", startsAt: START, mode: "ONLINE" }, now: NOW }),
      holdSlot({ db, context: scenario.context, input: null, now: NOW }),
      // A far-future date once broke the whole group it arrived with; now it is refused on its own.
      holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: "+020000-01-01T00:00:00Z", mode: "ONLINE" }, now: NOW }),
      holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: START, mode: "ONLINE" }, now: NOW }),
    ]);
    expect(results.map((r) => (r.ok ? "ok" : r.code))).toEqual(["INVALID_INPUT", "INVALID_INPUT", "INVALID_INPUT", "NOT_FOUND", "INVALID_INPUT", "INVALID_INPUT", "ok"]);
    expect(results.slice(0, 6).every((r) => !r.ok && r.message.length > 0)).toBe(true);
    expect(await db.engagement.count()).toBe(before + 1);
  });
});

describe("concurrency", () => {
  it("100 concurrent attempts to hold the only free pair's slot: exactly one wins, everyone else gets SLOT_TAKEN", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const input = { serviceSlug: scenario.service.slug, startsAt: "2026-12-02T13:00:00Z", mode: "ONLINE" };
    const results = await Promise.all(Array.from({ length: 100 }, () => holdSlot({ db, context: scenario.context, input, now: NOW })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "SLOT_TAKEN")).toHaveLength(99);
    const active = await db.assignment.count({ where: { associateId: { in: scenario.associates.map((a) => a.id) }, status: { in: ["HELD", "OFFERED", "ACCEPTED"] } } });
    expect(active).toBe(2);
    expect(await db.engagement.count({ where: { organisationId: scenario.organisation.id } })).toBe(1);
  });

  it("five separate processes' worth of clients (20 attempts each) race for one slot: the database lets exactly one win", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const input = { serviceSlug: scenario.service.slug, startsAt: "2026-12-03T13:00:00Z", mode: "ONLINE" };
    // Each client groups its own requests; the groups then race each other in PostgreSQL.
    const clients = Array.from({ length: 5 }, () => createPrismaClient(process.env.DATABASE_URL, { max: 3 }));
    try {
      const results = await Promise.all(clients.flatMap((client) => Array.from({ length: 20 }, () => holdSlot({ db: client, context: scenario.context, input, now: NOW }))));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.code === "SLOT_TAKEN")).toHaveLength(99);
      const active = await db.assignment.count({ where: { associateId: { in: scenario.associates.map((a) => a.id) }, status: { in: ["HELD", "OFFERED", "ACCEPTED"] } } });
      expect(active).toBe(2);
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
    }
  });

  it("requests handled together never give one person two overlapping sessions, and do give them sessions that don't overlap", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const hold = (startsAt: string) => holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt, mode: "ONLINE" }, now: NOW });
    // 10:00 and 11:00 overlap (one pair only); 10:00 on the 8th and on the 9th do not.
    const results = await Promise.all([hold("2026-12-07T10:00:00Z"), hold("2026-12-07T11:00:00Z"), hold("2026-12-08T10:00:00Z"), hold("2026-12-09T10:00:00Z")]);
    expect(results.map((r) => (r.ok ? "ok" : r.code))).toEqual(["ok", "SLOT_TAKEN", "ok", "ok"]);
    const held = await db.assignment.findMany({ where: { associateId: { in: scenario.associates.map((a) => a.id) }, status: "HELD" } });
    expect(held).toHaveLength(6);
    for (const a of held) {
      for (const b of held) {
        if (a !== b && a.associateId === b.associateId) expect(a.blockedFrom < b.blockedUntil && b.blockedFrom < a.blockedUntil).toBe(false);
      }
    }
  });
});
