import { afterAll, describe, expect, it } from "vitest";
import type { DirectorActor } from "@/lib/auth/guards";
import { createPrismaClient } from "@/lib/db/create-client";
import { cancelEngagement, previewEngagementCancellation } from "@/lib/server/booking/cancel-delivery";
import { createQuote, respondToQuote } from "@/lib/server/quotes/quotes";
import { requestService } from "@/lib/server/requests/request-service";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());
const NOW = new Date("2026-11-17T09:00:00Z");

async function requested() {
  const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
  const director: DirectorActor = { userId: scenario.director.id, email: scenario.director.email, name: "Jade", role: "DIRECTOR", associateId: null, memberships: [] };
  const request = await requestService({ db, context: scenario.context, input: { unverifiedServiceSlug: scenario.service.slug, needs: "Reflective sessions for our residential team, please.", sessionsRequested: "2" }, now: NOW });
  if (!request.ok) throw new Error(request.message);
  return { scenario, director, reference: request.data.reference };
}

const goodQuote = (reference: string) => ({
  unverifiedReference: reference,
  sessions: [
    { startsAtLocal: "2027-01-12T10:00", mode: "ONLINE" },
    { startsAtLocal: "2027-01-19T10:00", mode: "IN_PERSON", location: "Oak House, Northshire" },
  ],
  lines: [
    { description: "Reflective supervision session", quantity: "2", unitPrice: "£1,200", vatRateBasisPoints: "2000" },
    { description: "Travel", quantity: "1", unitPrice: "45.50", vatRateBasisPoints: "0" },
  ],
  terms: "30 days.",
  validForDays: "30",
});

describe("quotes", () => {
  it("refuses a bad quote with plain reasons and writes nothing", async () => {
    const { director, reference } = await requested();
    const bad = await createQuote({
      db,
      actor: director,
      input: {
        ...goodQuote(reference),
        sessions: [
          { startsAtLocal: "2027-03-28T01:30", mode: "ONLINE" }, // skipped by the clocks going forward
          { startsAtLocal: "2026-11-01T10:00", mode: "ONLINE" }, // the past
          { startsAtLocal: "2027-01-12T10:00", mode: "IN_PERSON" }, // no address
        ],
      },
      now: NOW,
    });
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { sessions: ["Session 1: that time doesn't exist in the UK (the clocks change then).", "Session 2: choose a time in the future.", "Session 3: enter the address for an in-person session."] },
    });
    const badMoney = await createQuote({ db, actor: director, input: { ...goodQuote(reference), lines: [{ description: "x", quantity: "1", unitPrice: "-5", vatRateBasisPoints: "2000" }] }, now: NOW });
    expect(badMoney).toMatchObject({ ok: false, fieldErrors: { lines: ["Line 1 (unitPrice): Enter an amount in pounds, like 1200 or 1,200.50."] } });
    expect(await db.quote.count({ where: { engagement: { reference } } })).toBe(0);
  });

  it("request → quote (VAT per line) → the client accepts with a PO: two deliveries, each with offers to a distinct pair", async () => {
    const { scenario, director, reference } = await requested();
    const sent = await createQuote({ db, actor: director, input: goodQuote(reference), now: NOW });
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    const quote = await db.quote.findUniqueOrThrow({ where: { id: sent.data.quoteId }, include: { engagement: true } });
    // 2 × £1,200 at 20% + £45.50 at 0%.
    expect(quote).toMatchObject({ status: "SENT", subtotalPence: 244_550, vatPence: 48_000, totalPence: 292_550 });
    expect(quote.engagement.status).toBe("QUOTED");
    expect(await db.outboxMessage.count({ where: { kind: "quote", to: scenario.booker.email } })).toBe(1);

    const other = await createScenario(db, { associates: [] });
    const foreign = await respondToQuote({ db, context: other.context, input: { unverifiedQuoteId: quote.id, decision: "ACCEPT", purchaseOrderNumber: "X" }, now: NOW });
    expect(foreign).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const noPo = await respondToQuote({ db, context: scenario.context, input: { unverifiedQuoteId: quote.id, decision: "ACCEPT" }, now: NOW });
    expect(noPo).toMatchObject({ ok: false, fieldErrors: { purchaseOrderNumber: ["Enter your PO number."] } });

    const accepted = await respondToQuote({ db, context: scenario.context, input: { unverifiedQuoteId: quote.id, decision: "ACCEPT", purchaseOrderNumber: "PO-555" }, now: NOW });
    expect(accepted).toEqual({ ok: true, data: { reference, decision: "ACCEPT" } });
    const engagement = await db.engagement.findUniqueOrThrow({ where: { reference }, include: { deliveries: { include: { assignments: true }, orderBy: { startsAt: "asc" } } } });
    expect(engagement).toMatchObject({ status: "AWAITING_FACILITATORS", purchaseOrderNumber: "PO-555" });
    expect(engagement.deliveries.map((d) => [d.startsAt.toISOString(), d.status, d.mode])).toEqual([
      ["2027-01-12T10:00:00.000Z", "AWAITING_ACCEPTANCE", "ONLINE"],
      ["2027-01-19T10:00:00.000Z", "AWAITING_ACCEPTANCE", "IN_PERSON"],
    ]);
    for (const delivery of engagement.deliveries) {
      expect(delivery.assignments.map((a) => `${a.role}:${a.status}`).sort()).toEqual(["LIVED:OFFERED", "PROFESSIONAL:OFFERED"]);
    }
    const again = await respondToQuote({ db, context: scenario.context, input: { unverifiedQuoteId: quote.id, decision: "ACCEPT", purchaseOrderNumber: "PO-555" }, now: NOW });
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining("already been answered") });
  });

  it("an expired quote can't be accepted; a declined one keeps the reason and a new quote can follow", async () => {
    const { scenario, director, reference } = await requested();
    const first = await createQuote({ db, actor: director, input: { ...goodQuote(reference), validForDays: "1" }, now: NOW });
    if (!first.ok) throw new Error(first.message);
    const late = await respondToQuote({ db, context: scenario.context, input: { unverifiedQuoteId: first.data.quoteId, decision: "ACCEPT", purchaseOrderNumber: "PO" }, now: new Date("2026-11-20T09:00:00Z") });
    expect(late).toMatchObject({ ok: false, message: expect.stringContaining("expired") });
    const second = await createQuote({ db, actor: director, input: goodQuote(reference), now: NOW });
    if (!second.ok) throw new Error(second.message);
    const declined = await respondToQuote({ db, context: scenario.context, input: { unverifiedQuoteId: second.data.quoteId, decision: "DECLINE", declineReason: "Too expensive this year." }, now: NOW });
    expect(declined.ok).toBe(true);
    expect(await db.quote.findUniqueOrThrow({ where: { id: second.data.quoteId } })).toMatchObject({ status: "DECLINED", declineReason: "Too expensive this year." });
    expect(await db.delivery.count({ where: { engagement: { reference } } })).toBe(0);
  });
});

describe("cancelling a whole booking", () => {
  it("charges each remaining session by its own notice, all in one go; a total the client didn't see writes nothing", async () => {
    const { scenario, director, reference } = await requested();
    const sent = await createQuote({ db, actor: director, input: goodQuote(reference), now: NOW });
    if (!sent.ok) throw new Error(sent.message);
    await respondToQuote({ db, context: scenario.context, input: { unverifiedQuoteId: sent.data.quoteId, decision: "ACCEPT", purchaseOrderNumber: "PO" }, now: NOW });
    // Another booking of the same organisation must be left alone.
    const otherTraining = await db.service.create({ data: { slug: `t-${Date.now()}`, name: "Other", category: "TRAINING", summary: "s", description: "d", durationMinutes: 60, deliveryModes: ["ONLINE"], capacity: 5, pricePence: 100, bookableOnline: true } });
    const elsewhere = await db.engagement.create({
      data: { reference: `GT-OTHER-${Date.now()}`, organisationId: scenario.organisation.id, serviceId: otherTraining.id, requestedById: scenario.booker.id, status: "AWAITING_FACILITATORS", unitPricePenceSnapshot: 100, vatRateBasisPointsSnapshot: 2000, deliveries: { create: [{ startsAt: new Date("2027-01-05T10:00:00Z"), endsAt: new Date("2027-01-05T11:00:00Z"), mode: "ONLINE", status: "NEEDS_PAIRING" }] } },
    });
    const at = new Date("2027-01-01T09:00:00Z"); // 11 days before the first session (full price), 18 before the second (half)
    const preview = await previewEngagementCancellation(db, { context: scenario.context, unverifiedReference: reference, now: at });
    // Charged on the quoted price per session: (2 × £1,200 + £45.50) ÷ 2 = £1,222.75; half of it rounds up to £611.38.
    const price = 122_275;
    const half = 61_138;
    expect(preview.sessions.map((s) => [s.noticeDays, s.chargePence])).toEqual([[11, price], [18, half]]);
    expect(preview.totalChargePence).toBe(price + half);

    const refused = await cancelEngagement({ db, context: scenario.context, input: { unverifiedReference: reference, expectedChargePence: String(price) }, now: at });
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("charge is now") });
    expect(await db.delivery.count({ where: { engagement: { reference }, status: "CANCELLED" } })).toBe(0);
    const other = await createScenario(db, { associates: [] });
    expect(await cancelEngagement({ db, context: other.context, input: { unverifiedReference: reference, expectedChargePence: String(price + half) }, now: at })).toMatchObject({ ok: false, code: "NOT_FOUND" });

    const cancelled = await cancelEngagement({ db, context: scenario.context, input: { unverifiedReference: reference, expectedChargePence: String(price + half), reason: "Budget cut" }, now: at });
    expect(cancelled).toEqual({ ok: true, data: { reference, chargePence: price + half, sessions: 2 } });
    const engagement = await db.engagement.findUniqueOrThrow({ where: { reference }, include: { deliveries: { orderBy: { startsAt: "asc" } } } });
    expect(engagement.status).toBe("CANCELLED");
    expect(engagement.deliveries.map((d) => [d.status, d.cancellationChargePence])).toEqual([["CANCELLED", price], ["CANCELLED", half]]);
    expect((await db.delivery.findFirstOrThrow({ where: { engagementId: elsewhere.id } })).status).toBe("NEEDS_PAIRING");
  });
});
