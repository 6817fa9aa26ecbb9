import { afterAll, describe, expect, it } from "vitest";
import type { AssociateActor } from "@/lib/auth/guards";
import { createPrismaClient } from "@/lib/db/create-client";
import { listOffers } from "@/lib/server/associates/offers";
import { getSession, listSessions, regenerateCalendarFeed, renderAssociateFeed } from "@/lib/server/associates/sessions";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { requestBooking } from "@/lib/server/booking/request-booking";
import { respondToOffer } from "@/lib/server/booking/respond-to-offer";
import { withdrawFromDelivery } from "@/lib/server/booking/withdraw-from-delivery";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 12 });
afterAll(() => db.$disconnect());

// Tuesday 1 December 2026, 10:00 London; "now" is two weeks before.
const NOW = new Date("2026-11-17T09:00:00Z");
const START = "2026-12-01T10:00:00Z";

type Scenario = Awaited<ReturnType<typeof createScenario>>;

function actorOf(associate: Scenario["associates"][number]): AssociateActor {
  return { userId: associate.user.id, email: associate.user.email, name: associate.user.name, role: "ASSOCIATE", associateId: associate.id, memberships: [] };
}

async function bookAndOffer(scenario: Scenario, startsAt = START) {
  const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt, mode: "IN_PERSON", location: "Town Hall, Northshire" }, now: NOW });
  if (!held.ok) throw new Error(`hold failed: ${held.message}`);
  const requested = await requestBooking({ db, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO-1", attendeeCount: "12" }, now: NOW });
  if (!requested.ok) throw new Error(`request failed: ${requested.message}`);
  const offers = await db.assignment.findMany({ where: { deliveryId: held.data.deliveryId, status: "OFFERED" } });
  const offerFor = (associate: Scenario["associates"][number]) => offers.find((o) => o.associateId === associate.id)!;
  return { deliveryId: held.data.deliveryId, offerFor };
}

describe("the associate's offers", () => {
  it("lists only the caller's offers, with client, place, time, co-facilitator, fee, expenses policy and reply-by", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED", name: "Kay" }, { expertise: "PROFESSIONAL", name: "Sam" }] });
    const [lived, professional] = scenario.associates;
    const { offerFor } = await bookAndOffer(scenario);
    const { offers, expired } = await listOffers(db, { actor: actorOf(lived!), now: NOW });
    expect(expired).toEqual([]);
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({
      id: offerFor(lived!).id,
      role: "LIVED",
      clientName: "Northshire County Council",
      location: "Town Hall, Northshire",
      mode: "IN_PERSON",
      feePence: 20_000,
      sessionMinutes: 180,
      attendees: 12,
      mileagePencePerMile: 45,
      coFacilitators: [{ name: "Sam", role: "PROFESSIONAL", hasAccepted: false }],
      warnings: [],
      blockedBy: [],
    });
    expect(offers[0]!.expiresAt!.getTime()).toBeGreaterThan(NOW.getTime());
    // The professional sees their own offer, never the lived associate's.
    const theirs = await listOffers(db, { actor: actorOf(professional!), now: NOW });
    expect(theirs.offers.map((o) => o.id)).toEqual([offerFor(professional!).id]);
  });

  it("warns before accepting work that crosses the associate's own limit or ~16 hours a week, and not at exactly the limit", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const [lived] = scenario.associates;
    const { offerFor } = await bookAndOffer(scenario);
    // Exactly at the limit (fee £200, limit £200): no warning.
    await db.associate.update({ where: { id: lived!.id }, data: { receivesBenefits: true, earningsCapPence: 20_000, capPeriod: "WEEK" } });
    expect((await listOffers(db, { actor: actorOf(lived!), now: NOW })).offers[0]!.warnings).toEqual([]);
    // 1p under the fee: a warning naming the limit and what they'd reach.
    await db.associate.update({ where: { id: lived!.id }, data: { earningsCapPence: 19_999 } });
    const [offer] = (await listOffers(db, { actor: actorOf(lived!), now: NOW })).offers;
    expect(offer!.id).toBe(offerFor(lived!).id);
    expect(offer!.warnings.map((w) => w.code)).toEqual(["OVER_THRESHOLD"]);
    expect(offer!.warnings[0]!.message).toContain("over the £199.99 threshold you set");
    // The weekly hours setting, lowered to 2 hours with effect from before the session: a 3-hour session goes over it.
    await db.policySetting.create({ data: { key: "benefits.weeklyHoursWarning", value: 2, effectiveFrom: new Date("2026-01-01") } });
    const again = (await listOffers(db, { actor: actorOf(lived!), now: NOW })).offers[0]!;
    expect(again.warnings.map((w) => w.code)).toEqual(["OVER_THRESHOLD", "OVER_WEEKLY_HOURS"]);
    await db.policySetting.deleteMany({ where: { key: "benefits.weeklyHoursWarning" } });
  });

  it("shows why checks block accepting, and the server refuses the accept for the same reason", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const [lived] = scenario.associates;
    const { offerFor } = await bookAndOffer(scenario);
    // Their insurance turns out to end before the session.
    await db.complianceRecord.updateMany({ where: { associateId: lived!.id, kind: "INSURANCE" }, data: { expiresOn: new Date("2026-11-30") } });
    const [offer] = (await listOffers(db, { actor: actorOf(lived!), now: NOW })).offers;
    expect(offer!.blockedBy.map((r) => r.code)).toEqual(["INSURANCE_EXPIRES_BEFORE_DELIVERY"]);
    const accepted = await respondToOffer({ db, actor: actorOf(lived!), input: { unverifiedAssignmentId: offerFor(lived!).id, response: "ACCEPT" }, now: NOW });
    expect(accepted).toMatchObject({ ok: false, code: "ASSOCIATE_NOT_COMPLIANT" });
    if (!accepted.ok) expect(accepted.message).toContain(offer!.blockedBy[0]!.message);
    expect((await db.assignment.findUniqueOrThrow({ where: { id: offerFor(lived!).id } })).status).toBe("OFFERED");
  });

  it("an expired offer is listed apart and can't be accepted", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const [lived] = scenario.associates;
    const { offerFor } = await bookAndOffer(scenario);
    const later = new Date(offerFor(lived!).expiresAt!.getTime() + 1);
    const listed = await listOffers(db, { actor: actorOf(lived!), now: later });
    expect(listed.offers).toEqual([]);
    expect(listed.expired.map((o) => o.id)).toEqual([offerFor(lived!).id]);
    const accepted = await respondToOffer({ db, actor: actorOf(lived!), input: { unverifiedAssignmentId: offerFor(lived!).id, response: "ACCEPT" }, now: later });
    expect(accepted).toMatchObject({ ok: false, code: "INVALID_INPUT" });
  });

  it("two accepts of the same offer at once: one succeeds, the other is told it was already answered", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const [lived] = scenario.associates;
    const { offerFor } = await bookAndOffer(scenario);
    const input = { unverifiedAssignmentId: offerFor(lived!).id, response: "ACCEPT" };
    const results = await Promise.all([respondToOffer({ db, actor: actorOf(lived!), input, now: NOW }), respondToOffer({ db, actor: actorOf(lived!), input, now: NOW })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, message: "You've already answered this offer, or it was withdrawn." });
  });
});

describe("the associate's sessions and calendar feed", () => {
  it("shows an accepted session with the co-facilitator's contact only once both have accepted; someone else's is not found", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL", name: "Sam Patel" }, { expertise: "LIVED" }] });
    const [lived, professional, outsider] = scenario.associates;
    const { deliveryId, offerFor } = await bookAndOffer(scenario);
    await db.delivery.update({ where: { id: deliveryId }, data: { prepNotes: "Bring the life-story book examples." } });
    await respondToOffer({ db, actor: actorOf(lived!), input: { unverifiedAssignmentId: offerFor(lived!).id, response: "ACCEPT" }, now: NOW });
    const before = await getSession(db, { actor: actorOf(lived!), unverifiedAssignmentId: offerFor(lived!).id, now: NOW });
    expect(before!.coFacilitators).toEqual([{ role: "PROFESSIONAL", hasAccepted: false, name: "Sam Patel", email: null, phone: null }]);
    expect(before!.delivery.prepNotes).toBe("Bring the life-story book examples.");
    await respondToOffer({ db, actor: actorOf(professional!), input: { unverifiedAssignmentId: offerFor(professional!).id, response: "ACCEPT" }, now: NOW });
    const after = await getSession(db, { actor: actorOf(lived!), unverifiedAssignmentId: offerFor(lived!).id, now: NOW });
    expect(after!.coFacilitators[0]).toMatchObject({ hasAccepted: true, email: professional!.user.email });
    expect(after!.canWithdraw).toBe(true);
    expect(await getSession(db, { actor: actorOf(outsider!), unverifiedAssignmentId: offerFor(lived!).id, now: NOW })).toBeNull();
    const { upcoming, past } = await listSessions(db, { actor: actorOf(lived!), now: NOW });
    expect(upcoming.map((s) => s.id)).toEqual([offerFor(lived!).id]);
    expect(past).toEqual([]);
    // After the session it is in the past list and can't be withdrawn from.
    const afterwards = new Date("2026-12-02T09:00:00Z");
    expect((await listSessions(db, { actor: actorOf(lived!), now: afterwards })).past.map((s) => s.id)).toEqual([offerFor(lived!).id]);
    expect((await getSession(db, { actor: actorOf(lived!), unverifiedAssignmentId: offerFor(lived!).id, now: afterwards }))!.canWithdraw).toBe(false);
  });

  it("withdrawing moves the session out of 'coming up', back to pairing, and alerts the director", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const [lived, professional] = scenario.associates;
    const { deliveryId, offerFor } = await bookAndOffer(scenario);
    for (const a of [lived!, professional!]) await respondToOffer({ db, actor: actorOf(a), input: { unverifiedAssignmentId: offerFor(a).id, response: "ACCEPT" }, now: NOW });
    const withdrawn = await withdrawFromDelivery({ db, actor: actorOf(professional!), input: { unverifiedAssignmentId: offerFor(professional!).id, reason: "Unwell" }, now: NOW });
    expect(withdrawn).toMatchObject({ ok: true, data: { deliveryStatus: "NEEDS_PAIRING" } });
    expect((await listSessions(db, { actor: actorOf(professional!), now: NOW })).upcoming).toEqual([]);
    expect(await db.alert.count({ where: { deliveryId, kind: "PAIRING_BROKEN", resolvedAt: null } })).toBe(1);
  });

  it("the private feed has accepted sessions (confirmed) and offers (tentative); regenerating it breaks the old link", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const [lived, professional] = scenario.associates;
    const { offerFor } = await bookAndOffer(scenario);
    const second = await bookAndOffer(scenario, "2026-12-03T10:00:00Z");
    for (const a of [lived!, professional!]) await respondToOffer({ db, actor: actorOf(a), input: { unverifiedAssignmentId: offerFor(a).id, response: "ACCEPT" }, now: NOW });
    const { calendarFeedToken: oldToken } = await db.associate.findUniqueOrThrow({ where: { id: lived!.id } });
    const feed = (await renderAssociateFeed(db, { unverifiedToken: oldToken, appUrl: "https://example.org", now: NOW }))!;
    const unfolded = feed.replace(/\r\n[ \t]/g, "");
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(unfolded).toContain("STATUS:CONFIRMED");
    expect(unfolded).toContain("STATUS:TENTATIVE");
    expect(unfolded).toContain(`https://example.org/associate/sessions/${offerFor(lived!).id}`);
    expect(unfolded).toContain("SUMMARY:Offer: Trauma-informed practice — Northshire County Council");
    expect(second.offerFor(lived!).status).toBe("OFFERED");

    expect(await regenerateCalendarFeed({ db, actor: actorOf(lived!), input: {} })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    const regenerated = await regenerateCalendarFeed({ db, actor: actorOf(lived!), input: { confirm: "yes" } });
    expect(regenerated.ok).toBe(true);
    if (!regenerated.ok) return;
    expect(regenerated.data.token).not.toBe(oldToken);
    expect(await renderAssociateFeed(db, { unverifiedToken: oldToken, appUrl: "https://example.org", now: NOW })).toBeNull();
    expect(await renderAssociateFeed(db, { unverifiedToken: regenerated.data.token, appUrl: "https://example.org", now: NOW })).toContain("BEGIN:VCALENDAR");
    expect(await db.auditEvent.count({ where: { action: "calendar-feed.regenerate", subjectId: lived!.id } })).toBe(1);
    // Malformed tokens never reach the database query's result.
    expect(await renderAssociateFeed(db, { unverifiedToken: "' OR 1=1 --", appUrl: "https://example.org", now: NOW })).toBeNull();
  });
});
