import { afterAll, describe, expect, it } from "vitest";
import type { AssociateActor, DirectorActor } from "@/lib/auth/guards";
import { createPrismaClient } from "@/lib/db/create-client";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { requestBooking } from "@/lib/server/booking/request-booking";
import { respondToOffer } from "@/lib/server/booking/respond-to-offer";
import { withdrawFromDelivery } from "@/lib/server/booking/withdraw-from-delivery";
import { getPairingBoard, offerPair, swapFacilitator } from "@/lib/server/director/pairing-board";
import { createScenario, type AssociateSpec } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 12 });
afterAll(() => db.$disconnect());

// Tuesday 1 December 2026, 10:00 London; "now" is two weeks before.
const NOW = new Date("2026-11-17T09:00:00Z");
const START = "2026-12-01T10:00:00Z";

type Scenario = Awaited<ReturnType<typeof createScenario>>;

function directorOf(scenario: Scenario): DirectorActor {
  return { userId: scenario.director.id, email: scenario.director.email, name: "Dee", role: "DIRECTOR", associateId: null, memberships: [] };
}

function associateActor(associate: Scenario["associates"][number]): AssociateActor {
  return { userId: associate.user.id, email: associate.user.email, name: associate.user.name, role: "ASSOCIATE", associateId: associate.id, memberships: [] };
}

const TEAM: AssociateSpec[] = [
  { expertise: "LIVED", name: "Lena" },
  { expertise: "LIVED", name: "Lou" },
  { expertise: "LIVED", name: "Lia" },
  { expertise: "PROFESSIONAL", name: "Pat" },
  { expertise: "PROFESSIONAL", name: "Priya" },
];

async function team() {
  const scenario = await createScenario(db, { associates: TEAM });
  const byName = (name: string) => scenario.associates.find((a) => a.user.name === name)!;
  return { scenario, byName, director: directorOf(scenario) };
}

/** Books online and has both offered associates accept: a CONFIRMED delivery. */
async function confirmedDelivery(scenario: Scenario) {
  const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: START, mode: "ONLINE" }, now: NOW });
  if (!held.ok) throw new Error(`hold failed: ${held.message}`);
  const requested = await requestBooking({ db, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO-1", attendeeCount: "12" }, now: NOW });
  if (!requested.ok) throw new Error(`request failed: ${requested.message}`);
  const offers = await db.assignment.findMany({ where: { deliveryId: held.data.deliveryId, status: "OFFERED" } });
  for (const offer of offers) {
    const associate = scenario.associates.find((a) => a.id === offer.associateId)!;
    const answer = await respondToOffer({ db, actor: associateActor(associate), input: { unverifiedAssignmentId: offer.id, response: "ACCEPT" }, now: NOW });
    if (!answer.ok) throw new Error(answer.message);
  }
  expect((await db.delivery.findUniqueOrThrow({ where: { id: held.data.deliveryId } })).status).toBe("CONFIRMED");
  return { deliveryId: held.data.deliveryId, engagementId: held.data.engagementId };
}

/** A delivery nobody has been offered yet (as after a request turned into an engagement). */
async function unpairedDelivery(scenario: Scenario, startsAt = START) {
  const engagement = await db.engagement.create({
    data: {
      reference: `GT-${Math.random().toString(36).slice(2, 8)}`,
      organisationId: scenario.organisation.id,
      serviceId: scenario.service.id,
      requestedById: scenario.booker.id,
      status: "AWAITING_FACILITATORS",
      unitPricePenceSnapshot: 120_000,
      vatRateBasisPointsSnapshot: 2000,
    },
  });
  const start = new Date(startsAt);
  const delivery = await db.delivery.create({
    data: { engagementId: engagement.id, startsAt: start, endsAt: new Date(start.getTime() + 180 * 60_000), mode: "ONLINE", status: "NEEDS_PAIRING" },
  });
  return delivery.id;
}

async function activeOn(deliveryId: string) {
  return db.assignment.findMany({ where: { deliveryId, status: { in: ["HELD", "OFFERED", "ACCEPTED"] } }, select: { associateId: true, role: true, status: true }, orderBy: { role: "asc" } });
}

describe("the pairing board", () => {
  it("lists ranked pairs with reasons, who is already on the session, and the effect on fairness; leaves out who withdrew", async () => {
    const { scenario, byName, director } = await team();
    const { deliveryId } = await confirmedDelivery(scenario);
    const accepted = await db.assignment.findMany({ where: { deliveryId, status: "ACCEPTED" } });
    const livedAccepted = accepted.find((a) => a.role === "LIVED")!;
    const withdrawer = scenario.associates.find((a) => a.id === livedAccepted.associateId)!;
    const withdrawn = await withdrawFromDelivery({ db, actor: associateActor(withdrawer), input: { unverifiedAssignmentId: livedAccepted.id, reason: "Unwell" }, now: NOW });
    expect(withdrawn.ok).toBe(true);
    // Lia has her own £100 weekly limit: the board warns before anyone offers her work.
    await db.associate.update({ where: { id: byName("Lia").id }, data: { earningsCapPence: 10_000, capPeriod: "WEEK" } });

    const board = await getPairingBoard({ db, actor: director, unverifiedDeliveryId: deliveryId, now: NOW });
    expect(board).not.toBeNull();
    expect(board!.delivery).toMatchObject({ id: deliveryId, serviceName: "Trauma-informed practice", organisationName: "Northshire County Council" });
    expect(board!.alerts.map((a) => a.message)).toEqual([expect.stringContaining("withdrew")]);
    expect(board!.canChange).toBe(true);
    const names = board!.pairs.map((p) => `${p.lived.name}+${p.professional.name}`);
    // Two lived associates left (the one who withdrew is not suggested again) × two professionals.
    expect(names).toHaveLength(4);
    expect(names.some((n) => n.startsWith(`${withdrawer.user.name}+`))).toBe(false);
    for (const pair of board!.pairs) {
      expect(pair.lived.reasons).toContain("£0 paid this quarter — least so far");
    }
    const withLia = board!.pairs.find((p) => p.lived.name === "Lia")!;
    expect(withLia.lived.warnings).toEqual(["Would go over their own £100 weekly limit"]);
    expect(withLia.hasWarnings).toBe(true);
    expect(withLia.fairness).toContainEqual({ associateId: byName("Lia").id, name: "Lia", beforePence: 0, afterPence: 20_000, crossesLimit: true });
    // Pairs without a limit problem come first (fairness), so Lia's pairs are last.
    expect(board!.pairs.at(-1)!.lived.name).toBe("Lia");
    // The professional who accepted stays on the session and is marked as already there.
    const keptProfessional = accepted.find((a) => a.role === "PROFESSIONAL")!.associateId;
    expect(board!.pairs.find((p) => p.professional.associateId === keptProfessional)!.professional.isCurrent).toBe(true);
    expect(board!.options.LIVED.map((o) => o.name).sort()).toEqual(["Lia", "Lou", "Lena"].filter((n) => n !== withdrawer.user.name).sort());
    expect(await db.auditEvent.count({ where: { action: "pairing-board.view", subjectId: deliveryId } })).toBe(1);
  });

  it("offering to a pair makes written offers (emails), moves a superseded offer off kindly, and resolves the re-pair alert", async () => {
    const { scenario, director } = await team();
    const { deliveryId } = await confirmedDelivery(scenario);
    const accepted = await db.assignment.findMany({ where: { deliveryId, status: "ACCEPTED" } });
    const livedAccepted = accepted.find((a) => a.role === "LIVED")!;
    const professionalId = accepted.find((a) => a.role === "PROFESSIONAL")!.associateId;
    const withdrawer = scenario.associates.find((a) => a.id === livedAccepted.associateId)!;
    expect((await withdrawFromDelivery({ db, actor: associateActor(withdrawer), input: { unverifiedAssignmentId: livedAccepted.id }, now: NOW })).ok).toBe(true);
    // The automatic replacement offer went to one lived associate; the director prefers the other.
    const autoOffer = await db.assignment.findFirstOrThrow({ where: { deliveryId, role: "LIVED", status: "OFFERED" }, include: { associate: { include: { user: true } } } });
    const chosen = scenario.associates.find((a) => a.expertise === "LIVED" && a.id !== withdrawer.id && a.id !== autoOffer.associateId)!;
    expect(await db.alert.count({ where: { deliveryId, resolvedAt: null } })).toBe(1);
    // A lapse alert for the same session (the lapsed person already taken off) is settled by the re-pair too.
    await db.alert.create({ data: { kind: "COMPLIANCE_LAPSING", deliveryId, message: "Taken off: insurance lapsed." } });

    const result = await offerPair({ db, actor: director, input: { unverifiedDeliveryId: deliveryId, livedAssociateId: chosen.id, professionalAssociateId: professionalId }, now: NOW });
    expect(result).toEqual({ ok: true, data: { offered: 1, released: 1, deliveryStatus: "AWAITING_ACCEPTANCE" } });
    expect(await activeOn(deliveryId)).toEqual([
      { associateId: chosen.id, role: "LIVED", status: "OFFERED" },
      { associateId: professionalId, role: "PROFESSIONAL", status: "ACCEPTED" },
    ]);
    expect((await db.assignment.findUniqueOrThrow({ where: { id: autoOffer.id } })).status).toBe("WITHDRAWN");
    const offerEmail = await db.outboxMessage.findFirstOrThrow({ where: { kind: "offer", to: chosen.user.email } });
    expect(offerEmail.subject).toContain("Offer of work: Trauma-informed practice");
    const released = await db.outboxMessage.findFirstOrThrow({ where: { kind: "assignment-released", to: autoOffer.associate.user.email } });
    expect(JSON.stringify(released.payload)).toContain("isn't about your work");
    expect(await db.alert.count({ where: { deliveryId, resolvedAt: null } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "pairing.offer", subjectId: deliveryId } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "assignment.release", subjectId: autoOffer.id } })).toBe(1);
    // The same pair again: nothing to change, and nothing written.
    expect(await offerPair({ db, actor: director, input: { unverifiedDeliveryId: deliveryId, livedAssociateId: chosen.id, professionalAssociateId: professionalId }, now: NOW })).toMatchObject({
      ok: false,
      message: "That pair is already on this session.",
    });
  });

  it("two directors offering different sessions at the same time to the same person: one wins, the other is told clearly", async () => {
    for (let round = 0; round < 3; round++) {
      const { scenario, byName, director } = await team();
      const first = await unpairedDelivery(scenario);
      // Overlapping: starts an hour into the first.
      const second = await unpairedDelivery(scenario, "2026-12-01T11:00:00Z");
      const [a, b] = await Promise.all([
        offerPair({ db, actor: director, input: { unverifiedDeliveryId: first, livedAssociateId: byName("Lena").id, professionalAssociateId: byName("Pat").id }, now: NOW }),
        offerPair({ db, actor: { ...director }, input: { unverifiedDeliveryId: second, livedAssociateId: byName("Lena").id, professionalAssociateId: byName("Priya").id }, now: NOW }),
      ]);
      const results = [a, b];
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const loser = results.find((r) => !r.ok)!;
      expect(loser).toMatchObject({ ok: false, code: "SLOT_TAKEN" });
      if (!loser.ok) expect(loser.message).toMatch(/^Lena (was just booked elsewhere|can't take the lived-experience place)/);
      expect(await db.assignment.count({ where: { associateId: byName("Lena").id, status: { in: ["HELD", "OFFERED", "ACCEPTED"] } } })).toBe(1);
      // The loser's delivery is untouched: no half-made offer to its professional.
      const loserId = a.ok ? second : first;
      expect(await activeOn(loserId)).toEqual([]);
    }
  });

  it("swapping one facilitator never leaves the session confirmed without a pair, and tells the person moved off", async () => {
    const { scenario, byName, director } = await team();
    const { deliveryId, engagementId } = await confirmedDelivery(scenario);
    const accepted = await db.assignment.findMany({ where: { deliveryId, status: "ACCEPTED" }, include: { associate: { include: { user: true } } } });
    const lived = accepted.find((a) => a.role === "LIVED")!;
    const professional = accepted.find((a) => a.role === "PROFESSIONAL")!;
    const replacement = scenario.associates.find((a) => a.expertise === "LIVED" && a.id !== lived.associateId)!;

    // Not a real choice: refused field by field, nothing written.
    expect(await swapFacilitator({ db, actor: director, input: { unverifiedDeliveryId: deliveryId, role: "BOTH", associateId: "" }, now: NOW })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { role: ["Choose which facilitator to change."], associateId: ["Choose who should take their place."] },
    });
    // Someone not cleared for the session (no DBS) can't be swapped in.
    const uncleared = await createScenario(db, { associates: [{ expertise: "LIVED", name: "Nadia", hasNoDbs: true }] });
    expect(await swapFacilitator({ db, actor: director, input: { unverifiedDeliveryId: deliveryId, role: "LIVED", associateId: uncleared.associates[0]!.id }, now: NOW })).toMatchObject({ ok: false, code: "SLOT_TAKEN", message: expect.stringMatching(/^Nadia can't take/) });
    expect((await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("CONFIRMED");

    const swapped = await swapFacilitator({ db, actor: director, input: { unverifiedDeliveryId: deliveryId, role: "LIVED", associateId: replacement.id }, now: NOW });
    expect(swapped).toEqual({ ok: true, data: { offered: 1, released: 1, deliveryStatus: "AWAITING_ACCEPTANCE" } });
    expect((await db.assignment.findUniqueOrThrow({ where: { id: lived.id } })).status).toBe("CANCELLED");
    expect((await db.assignment.findUniqueOrThrow({ where: { id: professional.id } })).status).toBe("ACCEPTED");
    expect((await db.engagement.findUniqueOrThrow({ where: { id: engagementId } })).status).toBe("AWAITING_FACILITATORS");
    const kind = await db.outboxMessage.findFirstOrThrow({ where: { kind: "assignment-released", to: lived.associate.user.email } });
    expect(JSON.stringify(kind.payload)).toContain("no longer needed for that session");

    // Once the new person accepts, the session is confirmed again with a full pair.
    const offer = await db.assignment.findFirstOrThrow({ where: { deliveryId, associateId: replacement.id, status: "OFFERED" } });
    expect((await respondToOffer({ db, actor: associateActor(replacement), input: { unverifiedAssignmentId: offer.id, response: "ACCEPT" }, now: NOW })).ok).toBe(true);
    expect((await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("CONFIRMED");

    // With nobody in the other role, a swap is refused: offer to a whole pair instead.
    const empty = await unpairedDelivery(scenario, "2026-12-02T10:00:00Z");
    expect(await swapFacilitator({ db, actor: director, input: { unverifiedDeliveryId: empty, role: "LIVED", associateId: byName("Lia").id }, now: NOW })).toMatchObject({ ok: false, code: "PAIRING_INCOMPLETE" });
    expect(await activeOn(empty)).toEqual([]);
  });

  it("a client, an associate or an unknown id gets not found, and nothing is written", async () => {
    const { scenario, byName, director } = await team();
    const deliveryId = await unpairedDelivery(scenario);
    const before = { assignments: await db.assignment.count(), audit: await db.auditEvent.count(), outbox: await db.outboxMessage.count() };
    const client = { ...scenario.context.actor } as unknown as DirectorActor;
    const associate = { ...associateActor(byName("Lena")) } as unknown as DirectorActor;
    const pair = { livedAssociateId: byName("Lena").id, professionalAssociateId: byName("Pat").id };
    for (const actor of [client, associate]) {
      expect(await getPairingBoard({ db, actor, unverifiedDeliveryId: deliveryId, now: NOW })).toBeNull();
      expect(await offerPair({ db, actor, input: { unverifiedDeliveryId: deliveryId, ...pair }, now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await swapFacilitator({ db, actor, input: { unverifiedDeliveryId: deliveryId, role: "LIVED", associateId: byName("Lena").id }, now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await getPairingBoard({ db, actor: director, unverifiedDeliveryId: "no-such-delivery", now: NOW })).toBeNull();
    expect(await offerPair({ db, actor: director, input: { unverifiedDeliveryId: "no-such-delivery", ...pair }, now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await offerPair({ db, actor: director, input: { unverifiedDeliveryId: deliveryId, livedAssociateId: "nobody", professionalAssociateId: byName("Pat").id }, now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await offerPair({ db, actor: director, input: { unverifiedDeliveryId: deliveryId, livedAssociateId: byName("Lena").id, professionalAssociateId: byName("Lena").id }, now: NOW })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await offerPair({ db, actor: director, input: { unverifiedDeliveryId: deliveryId }, now: NOW })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { livedAssociateId: expect.any(Array) } });
    expect({ assignments: await db.assignment.count(), audit: await db.auditEvent.count(), outbox: await db.outboxMessage.count() }).toEqual(before);
  });
});
