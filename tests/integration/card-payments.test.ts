import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { startCardCheckout } from "@/lib/server/payments/start-card-checkout";
import { startInvoiceCheckout } from "@/lib/server/payments/start-invoice-checkout";
import { createScenario } from "../fixtures/scenario";

// The real Stripe SDK with only its network edge replaced: Checkout Session creation answers locally.
// Card payments switched on before any app module reads the environment (vi.hoisted runs before imports).
const WEBHOOK_SECRET = vi.hoisted(() => {
  process.env.STRIPE_SECRET_KEY = "sk_test_golden_thread";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_test_golden_thread";
  return "whsec_test_golden_thread";
});
const created: URLSearchParams[] = [];
let sessionCounter = 0;
const fakeFetch: typeof fetch = async (_url, init) => {
  created.push(new URLSearchParams(String(init?.body ?? "")));
  const id = `cs_test_${++sessionCounter}`;
  return new Response(JSON.stringify({ id, object: "checkout.session", url: `https://checkout.stripe.com/c/pay/${id}` }), { status: 200, headers: { "content-type": "application/json", "request-id": "req_1" } });
};
const stripe = new Stripe("sk_test_golden_thread", { httpClient: Stripe.createFetchHttpClient(fakeFetch), maxNetworkRetries: 0 });

const db = createPrismaClient(process.env.DATABASE_URL, { max: 6 });
afterAll(() => db.$disconnect());
const NOW = new Date("2026-11-17T09:00:00Z");
let POST: (request: Request) => Promise<Response>;
beforeAll(async () => {
  ({ POST } = await import("@/app/api/webhooks/stripe/route"));
});

async function checkout(startsAt: string, now = NOW) {
  const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
  const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt, mode: "ONLINE" }, now });
  if (!held.ok) throw new Error(held.message);
  const started = await startCardCheckout({ db, stripe, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO-CARD", attendeeCount: "8" }, appUrl: "https://app.example", now });
  if (!started.ok) throw new Error(started.message);
  const payment = await db.cardPayment.findFirstOrThrow({ where: { engagementId: held.data.engagementId } });
  return { scenario, held: held.data, payment, url: started.data.url };
}

function signedRequest(event: object, secret = WEBHOOK_SECRET) {
  const payload = JSON.stringify(event);
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
  return new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: payload, headers: { "stripe-signature": header, "content-type": "application/json" } });
}

const sessionEvent = (id: string, type: string, sessionId: string, paymentStatus = "paid", metadata: Record<string, string> = {}) => ({
  id,
  object: "event",
  type,
  data: { object: { id: sessionId, object: "checkout.session", payment_status: paymentStatus, payment_intent: `pi_${sessionId}`, metadata } },
});

describe("card payments", () => {
  it("checkout charges the price plus VAT and extends the hold over the payment window; nothing is offered until Stripe says paid", async () => {
    const { scenario, held, payment, url } = await checkout("2026-12-01T10:00:00Z");
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const body = created.at(-1)!;
    expect(body.get("line_items[0][price_data][unit_amount]")).toBe(String(scenario.service.pricePence * 1.2));
    expect(body.get("line_items[0][price_data][currency]")).toBe("gbp");
    expect(body.get("client_reference_id")).toBe(held.engagementId);
    expect(payment).toMatchObject({ status: "PENDING", amountPence: scenario.service.pricePence * 1.2 });
    const delivery = await db.delivery.findUniqueOrThrow({ where: { id: held.deliveryId }, include: { assignments: true } });
    expect(delivery.holdExpiresAt!.getTime() - NOW.getTime()).toBe(35 * 60_000);
    expect(delivery.assignments.every((a) => a.status === "HELD")).toBe(true);
    // A second click can't open another checkout and hold the facilitators longer.
    const again = await startCardCheckout({ db, stripe, context: scenario.context, input: { unverifiedEngagementId: held.engagementId, purchaseOrderNumber: "PO-CARD", attendeeCount: "8" }, appUrl: "https://app.example", now: NOW });
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining("already been started") });
    expect((await db.delivery.findUniqueOrThrow({ where: { id: held.deliveryId } })).holdExpiresAt).toEqual(delivery.holdExpiresAt);
  });

  it("a signed 'completed' event sends the booking once; duplicates and replays change nothing; forged events are refused", async () => {
    const { held, payment } = await checkout("2026-12-02T10:00:00Z");
    const completed = sessionEvent("evt_paid_1", "checkout.session.completed", payment.checkoutSessionId);
    const forged = [
      signedRequest(completed, "whsec_wrong"),
      new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: JSON.stringify(completed) }),
      (() => {
        const request = signedRequest(completed);
        return new Request(request.url, { method: "POST", headers: request.headers, body: JSON.stringify({ ...completed, id: "evt_tampered" }) });
      })(),
    ];
    for (const request of forged) expect((await POST(request)).status).toBe(400);
    expect(await db.webhookEvent.count({ where: { eventId: { in: ["evt_paid_1", "evt_tampered"] } } })).toBe(0);
    expect((await db.cardPayment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("PENDING");

    const responses = await Promise.all([POST(signedRequest(completed)), POST(signedRequest(completed)), POST(signedRequest(completed))]);
    const outcomes = await Promise.all(responses.map(async (r) => (await r.json()).outcome));
    expect(outcomes.sort()).toEqual(["booking-sent", "duplicate", "duplicate"]);
    // The same payment arriving again as a different event is recognised as already paid.
    expect((await (await POST(signedRequest(sessionEvent("evt_paid_2", "checkout.session.async_payment_succeeded", payment.checkoutSessionId)))).json()).outcome).toBe("already-paid");

    const engagement = await db.engagement.findUniqueOrThrow({ where: { id: held.engagementId }, include: { deliveries: { include: { assignments: true } }, cardPayments: true } });
    expect(engagement).toMatchObject({ status: "AWAITING_FACILITATORS", paymentMethod: "CARD", purchaseOrderNumber: "PO-CARD", attendeeCount: 8 });
    expect(engagement.cardPayments.map((p) => p.status)).toEqual(["PAID"]);
    expect(engagement.deliveries[0]!.assignments.map((a) => a.status)).toEqual(["OFFERED", "OFFERED"]);
    expect(await db.webhookEvent.count({ where: { eventId: { in: ["evt_paid_1", "evt_paid_2"] } } })).toBe(2);
  });

  it("an abandoned checkout's 'expired' event frees the pair; a payment for an unknown session is recorded and ignored", async () => {
    const { held, payment } = await checkout("2026-12-03T10:00:00Z");
    const response = await POST(signedRequest(sessionEvent("evt_expired_1", "checkout.session.expired", payment.checkoutSessionId, "unpaid")));
    expect((await response.json()).outcome).toBe("checkout-expired");
    const delivery = await db.delivery.findUniqueOrThrow({ where: { id: held.deliveryId }, include: { assignments: true, engagement: true } });
    expect(delivery.status).toBe("CANCELLED");
    expect(delivery.engagement.status).toBe("CANCELLED");
    expect(delivery.assignments.map((a) => a.status)).toEqual(["EXPIRED", "EXPIRED"]);

    const unknown = await POST(signedRequest(sessionEvent("evt_unknown", "checkout.session.completed", "cs_not_ours")));
    expect((await unknown.json()).outcome).toBe("unknown-payment");
    expect(await db.webhookEvent.count({ where: { eventId: "evt_unknown" } })).toBe(1);
  });

  it("a payment arriving after the booking lapsed never confirms it: the director is alerted to refund or rebook", async () => {
    const { held, payment } = await checkout("2026-12-04T10:00:00Z");
    await db.delivery.update({ where: { id: held.deliveryId }, data: { holdExpiresAt: new Date(NOW.getTime() - 1) } });
    const { expireHoldsAndOffers } = await import("@/lib/server/booking/expire-holds-and-offers");
    await expireHoldsAndOffers({ db, now: NOW });
    const response = await POST(signedRequest(sessionEvent("evt_late", "checkout.session.completed", payment.checkoutSessionId)));
    expect((await response.json()).outcome).toBe("paid-after-lapse");
    expect((await db.cardPayment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("NEEDS_ATTENTION");
    expect(await db.alert.count({ where: { kind: "PAYMENT_NEEDS_ATTENTION", deliveryId: held.deliveryId } })).toBe(1);
    expect((await db.engagement.findUniqueOrThrow({ where: { id: held.engagementId } })).status).toBe("CANCELLED");
  });

  it("an issued invoice paid by card becomes PAID once, from the signed webhook; drafts, paid and other organisations' invoices can't be paid", async () => {
    const scenario = await createScenario(db, { associates: [] });
    const draft = await db.invoice.create({
      data: { organisationId: scenario.organisation.id, subtotalPence: 10_000, vatPence: 2_000, totalPence: 12_000, lines: { create: [{ description: "Training", quantity: 1, unitPricePence: 10_000, vatRateBasisPoints: 2000, netPence: 10_000, vatPence: 2_000 }] } },
    });
    const number = 800_000 + Math.floor(Math.random() * 99_999);
    expect(await startInvoiceCheckout({ db, stripe, context: scenario.context, unverifiedNumber: String(number), appUrl: "https://app.example", now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    await db.invoice.update({ where: { id: draft.id }, data: { status: "ISSUED", number, issuedOn: new Date("2026-11-01"), dueOn: new Date("2026-12-01") } });
    const other = await createScenario(db, { associates: [] });
    expect(await startInvoiceCheckout({ db, stripe, context: other.context, unverifiedNumber: String(number), appUrl: "https://app.example", now: NOW })).toMatchObject({ ok: false, code: "NOT_FOUND" });

    const started = await startInvoiceCheckout({ db, stripe, context: scenario.context, unverifiedNumber: String(number), appUrl: "https://app.example", now: NOW });
    expect(started.ok).toBe(true);
    expect(created.at(-1)!.get("line_items[0][price_data][unit_amount]")).toBe("12000");
    const sessionId = (await db.invoice.findUniqueOrThrow({ where: { id: draft.id } })).stripeCheckoutSessionId!;
    // A colleague opens a newer checkout; the first one is still the one that gets paid.
    await startInvoiceCheckout({ db, stripe, context: scenario.context, unverifiedNumber: String(number), appUrl: "https://app.example", now: new Date(NOW.getTime() + 120_000) });
    const newerSessionId = (await db.invoice.findUniqueOrThrow({ where: { id: draft.id } })).stripeCheckoutSessionId!;
    expect(newerSessionId).not.toBe(sessionId);
    const paid = sessionEvent(`evt_invoice_${number}`, "checkout.session.completed", sessionId, "paid", { invoiceId: draft.id });
    const outcomes = await Promise.all([POST(signedRequest(paid)), POST(signedRequest(paid))].map(async (r) => (await (await r).json()).outcome));
    expect(outcomes.sort()).toEqual(["duplicate", "invoice-paid"]);
    // Paid a second time, through the colleague's newer checkout: recorded and the director alerted to refund, never silently dropped.
    expect((await (await POST(signedRequest(sessionEvent(`evt_invoice_again_${number}`, "checkout.session.completed", newerSessionId, "paid", { invoiceId: draft.id })))).json()).outcome).toBe("already-paid");
    expect(await db.alert.count({ where: { kind: "PAYMENT_NEEDS_ATTENTION", message: { contains: `invoice ${number}` } } })).toBe(1);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "PAID", stripePaymentIntentId: `pi_${sessionId}` });
    expect(await startInvoiceCheckout({ db, stripe, context: scenario.context, unverifiedNumber: String(number), appUrl: "https://app.example", now: NOW })).toMatchObject({ ok: false, message: expect.stringContaining("already been paid") });
  });
});
