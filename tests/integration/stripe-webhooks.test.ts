import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { holdSlot } from "@/lib/server/booking/hold-slot";
import { startCardCheckout } from "@/lib/server/payments/start-card-checkout";
import { startInvoiceCheckout } from "@/lib/server/payments/start-invoice-checkout";
import { createScenario } from "../fixtures/scenario";

/**
 * Stripe webhooks end to end through the real route handler (app/api/webhooks/stripe/route.ts) and
 * the real Stripe SDK: every event signed with the SDK's test helper, delivered duplicated (also at
 * the same moment), reordered, forged, and for payments we don't know. Only the SDK's network edge
 * is replaced (Checkout Session creation answers locally); the database is real PostgreSQL.
 */
const SECRET = vi.hoisted(() => {
  process.env.STRIPE_SECRET_KEY = "sk_test_golden_thread";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_test_golden_thread_webhooks";
  return "whsec_test_golden_thread_webhooks";
});
let sessionCounter = 0;
const fakeFetch: typeof fetch = async () => {
  const id = `cs_test_wh_${++sessionCounter}`;
  return new Response(JSON.stringify({ id, object: "checkout.session", url: `https://checkout.stripe.com/c/pay/${id}` }), { status: 200, headers: { "content-type": "application/json", "request-id": "req_1" } });
};
const stripe = new Stripe("sk_test_golden_thread", { httpClient: Stripe.createFetchHttpClient(fakeFetch), maxNetworkRetries: 0 });

const db = createPrismaClient(process.env.DATABASE_URL, { max: 4 });
afterAll(() => db.$disconnect());
let POST: (request: Request) => Promise<Response>;
beforeAll(async () => {
  ({ POST } = await import("@/app/api/webhooks/stripe/route"));
});

// The route stamps events with the real clock, so bookings are made against it too.
const NOW = new Date();
const DAY_MS = 86_400_000;
let slotCounter = 0;
const nextSlot = () => new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate()) + (14 + ++slotCounter) * DAY_MS + 10 * 3_600_000).toISOString();

// ─────────────────────────────── what is being paid for ───────────────────────────────

type Booking = { kind: "booking"; sessionId: string; engagementId: string; deliveryId: string; bookerEmail: string; associateEmails: string[] };
type InvoiceTarget = { kind: "invoice"; sessionId: string; invoiceId: string; number: number; sessions: string[] };
/** Either target, as the table-driven cases see it. */
type Target = Omit<Booking, "kind"> & Omit<InvoiceTarget, "kind"> & { kind: "booking" | "invoice" };
const bookings: Booking[] = [];
const invoices: InvoiceTarget[] = [];

async function newBooking(): Promise<Booking> {
  const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
  const held = await holdSlot({ db, context: scenario.context, input: { serviceSlug: scenario.service.slug, startsAt: nextSlot(), mode: "ONLINE" }, now: NOW });
  if (!held.ok) throw new Error(held.message);
  const started = await startCardCheckout({ db, stripe, context: scenario.context, input: { unverifiedEngagementId: held.data.engagementId, purchaseOrderNumber: "PO-WH", attendeeCount: "6" }, appUrl: "https://app.example", now: NOW });
  if (!started.ok) throw new Error(started.message);
  const payment = await db.cardPayment.findFirstOrThrow({ where: { engagementId: held.data.engagementId } });
  const booking: Booking = {
    kind: "booking",
    sessionId: payment.checkoutSessionId,
    engagementId: held.data.engagementId,
    deliveryId: held.data.deliveryId,
    bookerEmail: scenario.booker.email,
    associateEmails: scenario.associates.map((a) => a.user.email),
  };
  bookings.push(booking);
  return booking;
}

let invoiceNumber = 900_000;
async function newInvoice(): Promise<InvoiceTarget> {
  const scenario = await createScenario(db, { associates: [] });
  const number = ++invoiceNumber;
  const invoice = await db.invoice.create({
    data: {
      organisationId: scenario.organisation.id,
      subtotalPence: 10_000,
      vatPence: 2_000,
      totalPence: 12_000,
      lines: { create: [{ description: "Training", quantity: 1, unitPricePence: 10_000, vatRateBasisPoints: 2000, netPence: 10_000, vatPence: 2_000 }] },
    },
  });
  await db.invoice.update({ where: { id: invoice.id }, data: { status: "ISSUED", number, issuedOn: new Date("2026-11-01"), dueOn: new Date("2026-12-01") } });
  const open = async () => {
    const started = await startInvoiceCheckout({ db, stripe, context: scenario.context, unverifiedNumber: String(number), appUrl: "https://app.example", now: NOW });
    if (!started.ok) throw new Error(started.message);
    return (await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).stripeCheckoutSessionId!;
  };
  const first = await open();
  const target: InvoiceTarget = { kind: "invoice", sessionId: first, invoiceId: invoice.id, number, sessions: [first] };
  // A colleague may open a second checkout for the same invoice (its metadata names the invoice).
  target.sessions.push(await open());
  invoices.push(target);
  return target;
}

// ─────────────────────────────── events and deliveries ───────────────────────────────

let eventCounter = 0;
type SessionEventType = "checkout.session.completed" | "checkout.session.async_payment_succeeded" | "checkout.session.expired";
function sessionEvent(type: SessionEventType, sessionId: string, { paymentStatus = type === "checkout.session.expired" ? "unpaid" : "paid", metadata = {} as Record<string, string> } = {}) {
  return {
    id: `evt_wh_${++eventCounter}_${type.split(".").at(-1)}`,
    object: "event",
    api_version: "2025-01-27.acacia",
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object: { id: sessionId, object: "checkout.session", payment_status: paymentStatus, payment_intent: `pi_${sessionId}`, amount_total: 12_000, currency: "gbp", metadata } },
  };
}
type TestEvent = ReturnType<typeof sessionEvent> | { id: string; object: "event"; type: string; data: { object: Record<string, unknown> } };

function signedRequest(payload: string, header: string | null) {
  return new Request("http://localhost/api/webhooks/stripe", {
    method: "POST",
    body: payload,
    headers: { "content-type": "application/json", ...(header === null ? {} : { "stripe-signature": header }) },
  });
}
const sign = (payload: string, options: { secret?: string; timestamp?: number; scheme?: string } = {}) =>
  stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? SECRET, ...(options.timestamp ? { timestamp: options.timestamp } : {}), ...(options.scheme ? { scheme: options.scheme } : {}) });

type Category = "plain" | "reordered" | "unknown";
const tally = { deliveries: 0, duplicates: 0, reordered: 0, forged: 0, forgedRejected: 0, unknown: 0, plain: 0 };
/** The one outcome each event id got when it was applied; a second non-duplicate outcome is a double count. */
const applied = new Map<string, string>();
const reapplied: string[] = [];

/** One genuine, correctly signed delivery through the route; answers the outcome the route returned. */
async function deliver(event: TestEvent, category: Category): Promise<string> {
  tally.deliveries++;
  tally[category]++;
  const payload = JSON.stringify(event);
  const response = await POST(signedRequest(payload, sign(payload)));
  expect(response.status, `${event.type} ${event.id}`).toBe(200);
  const { outcome } = (await response.json()) as { outcome: string };
  if (outcome === "duplicate") tally.duplicates++;
  else if (applied.has(event.id)) reapplied.push(`${event.id}: ${applied.get(event.id)} then ${outcome}`);
  else applied.set(event.id, outcome);
  return outcome;
}

/** Delivers events in steps: each step's events arrive at the same moment (Promise.all). */
async function deliverSteps(steps: TestEvent[][], category: Category) {
  const outcomes: string[][] = [];
  for (const step of steps) outcomes.push(await Promise.all(step.map((event) => deliver(event, category))));
  return outcomes;
}

// ─────────────────────────────── what the events did ───────────────────────────────

async function bookingState(booking: Pick<Booking, "engagementId" | "deliveryId" | "bookerEmail" | "associateEmails">) {
  const [engagement, delivery, payments, awaitingEmails, offerEmails, alerts, sentAudits] = await Promise.all([
    db.engagement.findUniqueOrThrow({ where: { id: booking.engagementId }, select: { status: true } }),
    db.delivery.findUniqueOrThrow({ where: { id: booking.deliveryId }, select: { status: true } }),
    db.cardPayment.findMany({ where: { engagementId: booking.engagementId }, select: { status: true } }),
    db.outboxMessage.count({ where: { kind: "awaiting-facilitators", to: booking.bookerEmail } }),
    db.outboxMessage.count({ where: { kind: "offer", to: { in: booking.associateEmails } } }),
    db.alert.count({ where: { kind: "PAYMENT_NEEDS_ATTENTION", deliveryId: booking.deliveryId } }),
    db.auditEvent.count({ where: { action: "booking.request", subjectId: booking.engagementId } }),
  ]);
  return { engagement: engagement.status, delivery: delivery.status, payments: payments.map((p) => p.status), awaitingEmails, offerEmails, alerts, sentAudits };
}
const SENT = { engagement: "AWAITING_FACILITATORS", payments: ["PAID"], awaitingEmails: 1, offerEmails: 2, alerts: 0, sentAudits: 1 };
const PENDING = { engagement: "PENDING_PAYMENT", delivery: "HELD", payments: ["PENDING"], awaitingEmails: 0, offerEmails: 0, alerts: 0, sentAudits: 0 };
const EXPIRED = { engagement: "CANCELLED", delivery: "CANCELLED", payments: ["EXPIRED"], awaitingEmails: 0, offerEmails: 0, alerts: 0, sentAudits: 0 };
const LAPSED_THEN_PAID = { engagement: "CANCELLED", delivery: "CANCELLED", payments: ["NEEDS_ATTENTION"], awaitingEmails: 0, offerEmails: 0, alerts: 1, sentAudits: 0 };

async function invoiceState(invoice: Pick<InvoiceTarget, "invoiceId" | "number">) {
  const [row, paidAudits, alerts] = await Promise.all([
    db.invoice.findUniqueOrThrow({ where: { id: invoice.invoiceId }, select: { status: true, paymentReference: true } }),
    db.auditEvent.count({ where: { action: "invoice.paid.card", subjectId: invoice.invoiceId } }),
    db.alert.count({ where: { kind: "PAYMENT_NEEDS_ATTENTION", message: { contains: `invoice ${invoice.number},` } } }),
  ]);
  return { status: row.status, paymentReference: row.paymentReference, paidAudits, alerts };
}

async function recordedCounts() {
  const [webhookEvents, outbox, alerts, audits] = await Promise.all([db.webhookEvent.count(), db.outboxMessage.count(), db.alert.count(), db.auditEvent.count()]);
  return { webhookEvents, outbox, alerts, audits };
}

// ─────────────────────────────── the suites ───────────────────────────────

describe("stripe webhooks", () => {
  type DuplicateCase = { name: string; target: "booking" | "invoice" | "none"; event: (t: Booking | InvoiceTarget | null) => TestEvent; steps: number[]; outcome: string; expected: (t: Booking | InvoiceTarget | null) => Promise<void> };
  const expectBooking = (state: Partial<typeof SENT> & { delivery?: string }) => async (t: Booking | InvoiceTarget | null) => expect(await bookingState(t as Booking)).toMatchObject(state);
  const duplicateCases: DuplicateCase[] = [
    { name: "booking paid ('completed') ×3 at once", target: "booking", event: (t) => sessionEvent("checkout.session.completed", t!.sessionId), steps: [3], outcome: "booking-sent", expected: expectBooking(SENT) },
    { name: "booking paid ('completed') ×5 one after another", target: "booking", event: (t) => sessionEvent("checkout.session.completed", t!.sessionId), steps: [1, 1, 1, 1, 1], outcome: "booking-sent", expected: expectBooking(SENT) },
    { name: "booking paid later ('async_payment_succeeded') ×4, two at a time", target: "booking", event: (t) => sessionEvent("checkout.session.async_payment_succeeded", t!.sessionId), steps: [2, 2], outcome: "booking-sent", expected: expectBooking(SENT) },
    { name: "booking checkout abandoned ('expired') ×4 at once", target: "booking", event: (t) => sessionEvent("checkout.session.expired", t!.sessionId), steps: [4], outcome: "checkout-expired", expected: expectBooking(EXPIRED) },
    { name: "payment not yet settled ('completed', unpaid) ×2 at once", target: "booking", event: (t) => sessionEvent("checkout.session.completed", t!.sessionId, { paymentStatus: "unpaid" }), steps: [2], outcome: "ignored", expected: expectBooking(PENDING) },
    {
      name: "invoice paid by card ×5: two at once, then three more",
      target: "invoice",
      event: (t) => sessionEvent("checkout.session.completed", t!.sessionId, { metadata: { invoiceId: (t as InvoiceTarget).invoiceId } }),
      steps: [2, 1, 1, 1],
      outcome: "invoice-paid",
      expected: async (t) => expect(await invoiceState(t as InvoiceTarget)).toMatchObject({ status: "PAID", paidAudits: 1, alerts: 0 }),
    },
    {
      name: "invoice paid by card ×5 at once",
      target: "invoice",
      event: (t) => sessionEvent("checkout.session.completed", t!.sessionId, { metadata: { invoiceId: (t as InvoiceTarget).invoiceId } }),
      steps: [5],
      outcome: "invoice-paid",
      expected: async (t) => expect(await invoiceState(t as InvoiceTarget)).toMatchObject({ status: "PAID", paidAudits: 1, alerts: 0 }),
    },
    {
      name: "an event type we don't handle ×2 at once",
      target: "none",
      event: () => ({ id: `evt_wh_${++eventCounter}_charge`, object: "event", type: "charge.refunded", data: { object: { id: "ch_1", object: "charge" } } }),
      steps: [2],
      outcome: "ignored",
      expected: async () => {},
    },
  ];

  for (const { name, target, event, steps, outcome, expected } of duplicateCases) it(`duplicates: ${name} → applied once, every later delivery answered 200 "duplicate"`, async () => {
    const t = target === "booking" ? await newBooking() : target === "invoice" ? await newInvoice() : null;
    const e = event(t);
    const before = await recordedCounts();
    const outcomes = (await deliverSteps(steps.map((n) => Array.from({ length: n }, () => e)), "plain")).flat();
    const total = steps.reduce((a, b) => a + b, 0);
    expect(outcomes.filter((o) => o !== "duplicate")).toEqual([outcome]);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(total - 1);
    await expected(t);
    expect(await db.webhookEvent.findMany({ where: { eventId: e.id }, select: { outcome: true } })).toEqual([{ outcome }]);
    expect((await recordedCounts()).webhookEvents - before.webhookEvents).toBe(1);
  });

  /** `repeat`: races are run several times over fresh bookings, so more than one interleaving is tried. */
  type ReorderCase = { name: string; target: "booking" | "invoice"; repeat?: number; steps: (t: Target) => TestEvent[][]; check: (outcomes: string[][], t: Target) => Promise<void> };
  // Every event about a session carries the metadata we gave it when we opened it, as Stripe's do.
  const metadataOf = (t: Target): Record<string, string> => (t.kind === "invoice" ? { invoiceId: t.invoiceId } : { engagementId: t.engagementId, deliveryId: t.deliveryId });
  const completed = (t: Target, options: { paymentStatus?: string } = {}) => sessionEvent("checkout.session.completed", t.sessionId, { ...options, metadata: metadataOf(t) });
  const succeeded = (t: Target) => sessionEvent("checkout.session.async_payment_succeeded", t.sessionId, { metadata: metadataOf(t) });
  const expired = (t: Target) => sessionEvent("checkout.session.expired", t.sessionId, { metadata: metadataOf(t) });
  const reorderCases: ReorderCase[] = [
    {
      name: "'completed' then a late 'expired': stays paid and sent",
      target: "booking",
      steps: (t) => [[completed(t)], [expired(t)]],
      check: async (o, t) => {
        expect(o).toEqual([["booking-sent"], ["ignored"]]);
        expect(await bookingState(t)).toMatchObject(SENT);
      },
    },
    {
      name: "'expired' then 'completed': the hold is gone, so the director is alerted to refund (paid after lapse)",
      target: "booking",
      steps: (t) => [[expired(t)], [completed(t)]],
      check: async (o, t) => {
        expect(o).toEqual([["checkout-expired"], ["paid-after-lapse"]]);
        expect(await bookingState(t)).toMatchObject(LAPSED_THEN_PAID);
      },
    },
    {
      name: "'expired' then 'async_payment_succeeded': paid after lapse",
      target: "booking",
      steps: (t) => [[expired(t)], [succeeded(t)]],
      check: async (o, t) => {
        expect(o).toEqual([["checkout-expired"], ["paid-after-lapse"]]);
        expect(await bookingState(t)).toMatchObject(LAPSED_THEN_PAID);
      },
    },
    {
      name: "'completed' (paid) then 'async_payment_succeeded': already paid, sent once",
      target: "booking",
      steps: (t) => [[completed(t)], [succeeded(t)]],
      check: async (o, t) => {
        expect(o).toEqual([["booking-sent"], ["already-paid"]]);
        expect(await bookingState(t)).toMatchObject(SENT);
      },
    },
    {
      name: "'async_payment_succeeded' before the unpaid 'completed' it follows: sent once",
      target: "booking",
      steps: (t) => [[succeeded(t)], [completed(t, { paymentStatus: "unpaid" })]],
      check: async (o, t) => {
        expect(o).toEqual([["booking-sent"], ["ignored"]]);
        expect(await bookingState(t)).toMatchObject(SENT);
      },
    },
    {
      name: "'completed' and 'async_payment_succeeded' at the same moment: one sends, the other is already paid; no false lapse alert",
      target: "booking",
      repeat: 3,
      steps: (t) => [[completed(t), succeeded(t)]],
      check: async (o, t) => {
        expect(o[0]!.toSorted()).toEqual(["already-paid", "booking-sent"]);
        expect(await bookingState(t)).toMatchObject(SENT);
      },
    },
    {
      name: "'completed' and 'expired' at the same moment: whichever is applied first, the final state agrees with it",
      target: "booking",
      repeat: 3,
      steps: (t) => [[completed(t), expired(t)]],
      check: async (o, t) => {
        const [first, second] = o[0]!;
        races.push(o[0]!.join(" + "));
        if (first === "booking-sent" || second === "booking-sent") {
          expect(o[0]!.toSorted()).toEqual(["booking-sent", "ignored"]);
          expect(await bookingState(t)).toMatchObject(SENT);
        } else {
          expect(o[0]!.toSorted()).toEqual(["checkout-expired", "paid-after-lapse"]);
          expect(await bookingState(t)).toMatchObject(LAPSED_THEN_PAID);
        }
      },
    },
    {
      name: "invoice: 'completed' then 'async_payment_succeeded' for the same checkout: paid once, no refund alert",
      target: "invoice",
      steps: (t) => [[completed(t)], [succeeded(t)]],
      check: async (o, t) => {
        expect(o).toEqual([["invoice-paid"], ["already-paid"]]);
        expect(await invoiceState(t)).toMatchObject({ status: "PAID", paymentReference: `card pi_${t.sessionId}`, paidAudits: 1, alerts: 0 });
      },
    },
    {
      name: "invoice: 'expired' then 'completed' for the same checkout: paid",
      target: "invoice",
      steps: (t) => [[expired(t)], [completed(t)]],
      check: async (o, t) => {
        expect(o).toEqual([["ignored"], ["invoice-paid"]]);
        expect(await invoiceState(t)).toMatchObject({ status: "PAID", paidAudits: 1, alerts: 0 });
      },
    },
    {
      name: "invoice: both colleagues' checkouts paid at the same moment: paid once, the second payment flagged for a refund",
      target: "invoice",
      repeat: 3,
      steps: (t) => [t.sessions.map((sessionId) => sessionEvent("checkout.session.completed", sessionId, { metadata: { invoiceId: t.invoiceId } }))],
      check: async (o, t) => {
        expect(o[0]!.toSorted()).toEqual(["already-paid", "invoice-paid"]);
        expect(await invoiceState(t)).toMatchObject({ status: "PAID", paidAudits: 1, alerts: 1 });
      },
    },
  ];

  const races: string[] = [];
  for (const { name, target, repeat = 1, steps, check } of reorderCases) it(`reordered: ${name}`, async () => {
    for (let run = 0; run < repeat; run++) {
      const t = (target === "booking" ? await newBooking() : await newInvoice()) as Target;
      const events = steps(t);
      const outcomes = await deliverSteps(events, "reordered");
      await check(outcomes, t);
      // And every one of them delivered again later changes nothing.
      const again = await deliverSteps([events.flat()], "plain");
      expect(again.flat().every((o) => o === "duplicate")).toBe(true);
      await check(outcomes, t);
    }
  });

  it("forged: wrong secret, tampered, unsigned, stale, borrowed signature, empty, not JSON, not an event → all 400, nothing recorded", async () => {
    const booking = await newBooking();
    const invoice = await newInvoice();
    const genuine = [sessionEvent("checkout.session.completed", booking.sessionId), sessionEvent("checkout.session.completed", invoice.sessionId, { metadata: { invoiceId: invoice.invoiceId } })];
    const other = JSON.stringify(sessionEvent("checkout.session.completed", "cs_test_elsewhere"));
    const nowSeconds = Math.floor(Date.now() / 1000);
    const forgeries = genuine.flatMap((event) => {
      const payload = JSON.stringify(event);
      return [
        { name: "signed with the wrong secret", payload, header: sign(payload, { secret: "whsec_not_ours" }) },
        { name: "body changed after signing", payload: payload.replace('"payment_status":"paid"', '"payment_status":"paid","amount_paid":1'), header: sign(payload) },
        { name: "event id changed after signing", payload: payload.replace(event.id, `${event.id}_x`), header: sign(payload) },
        { name: "no signature header", payload, header: null },
        { name: "stale timestamp (10 minutes, tolerance is 5)", payload, header: sign(payload, { timestamp: nowSeconds - 600 }) },
        { name: "a real signature for another payload", payload, header: sign(other) },
        { name: "empty body with the real payload's signature", payload: "", header: sign(payload) },
        { name: "empty body, signed", payload: "", header: sign("") },
        { name: "not JSON, signed", payload: "event=paid&id=1", header: sign("event=paid&id=1") },
        { name: "JSON but not an event, signed", payload: '{"paid":true}', header: sign('{"paid":true}') },
        { name: "only a v0 signature", payload, header: sign(payload, { scheme: "v0" }) },
        { name: "garbage header", payload, header: "t=abc,v1=deadbeef" },
      ];
    });
    const before = await recordedCounts();
    const statuses = await Promise.all(
      forgeries.map(async ({ payload, header }) => {
        tally.forged++;
        const response = await POST(signedRequest(payload, header));
        if (response.status === 400) tally.forgedRejected++;
        return response.status;
      }),
    );
    const notRejected = statuses.flatMap((status, i) => (status === 400 ? [] : [`${forgeries[i]!.name}: ${status}`]));
    expect({ rejected: statuses.filter((status) => status === 400).length, notRejected }).toEqual({ rejected: forgeries.length, notRejected: [] });
    expect(await recordedCounts()).toEqual(before);
    expect(await db.webhookEvent.count({ where: { eventId: { in: genuine.flatMap((e) => [e.id, `${e.id}_x`]) } } })).toBe(0);
    expect(await bookingState(booking)).toMatchObject(PENDING);
    expect(await invoiceState(invoice)).toMatchObject({ status: "ISSUED", paidAudits: 0, alerts: 0 });
    // The forgeries didn't use up the real events: they still apply, once.
    expect(await deliver(genuine[0]!, "plain")).toBe("booking-sent");
    expect(await deliver(genuine[1]!, "plain")).toBe("invoice-paid");
    expect(await bookingState(booking)).toMatchObject(SENT);
  });

  it("unknown payments: sessions we never opened, an invoice id that doesn't exist → 200, recorded once as 'unknown-payment', nothing changed", async () => {
    const bystander = await newBooking();
    const events = [
      sessionEvent("checkout.session.completed", "cs_test_not_ours_1"),
      sessionEvent("checkout.session.async_payment_succeeded", "cs_test_not_ours_2"),
      sessionEvent("checkout.session.expired", "cs_test_not_ours_3"),
      sessionEvent("checkout.session.completed", "cs_test_not_ours_4", { metadata: { invoiceId: "clnoinvoicewiththisid000" } }),
      // Metadata naming a real booking doesn't make an unknown checkout pay for it.
      sessionEvent("checkout.session.completed", "cs_test_not_ours_5", { metadata: { engagementId: bystander.engagementId, deliveryId: bystander.deliveryId } }),
    ];
    const before = await recordedCounts();
    const outcomes = await deliverSteps([events, events], "unknown");
    expect(outcomes).toEqual([events.map(() => "unknown-payment"), events.map(() => "duplicate")]);
    const rows = await db.webhookEvent.findMany({ where: { eventId: { in: events.map((e) => e.id) } }, select: { eventId: true, outcome: true } });
    expect(rows.toSorted((a, b) => a.eventId.localeCompare(b.eventId))).toEqual(events.map((e) => ({ eventId: e.id, outcome: "unknown-payment" })).toSorted((a, b) => a.eventId.localeCompare(b.eventId)));
    const after = await recordedCounts();
    expect(after).toEqual({ ...before, webhookEvents: before.webhookEvents + events.length });
    expect(await bookingState(bystander)).toMatchObject(PENDING);
  });

  it("every outcome is recorded once: one WebhookEvent per distinct event id with the outcome it returned; nothing double-counted", async () => {
    expect(reapplied).toEqual([]);
    const rows = await db.webhookEvent.findMany({ where: { provider: "stripe" }, select: { eventId: true, outcome: true } });
    expect(rows).toHaveLength(applied.size);
    expect(Object.fromEntries(rows.map((r) => [r.eventId, r.outcome]))).toEqual(Object.fromEntries(applied));

    // Effects applied more than once, across every booking and invoice in this file.
    let doubleCounted = 0;
    for (const booking of bookings) {
      const state = await bookingState(booking);
      doubleCounted += Math.max(0, state.awaitingEmails - 1) + Math.max(0, state.offerEmails - 2) + Math.max(0, state.sentAudits - 1) + Math.max(0, state.alerts - 1);
      if (state.sentAudits > 0 && (state.alerts > 0 || state.payments.join() !== "PAID")) doubleCounted++; // sent and also flagged as lapsed
    }
    for (const invoice of invoices) doubleCounted += Math.max(0, (await invoiceState(invoice)).paidAudits - 1);
    expect(doubleCounted).toBe(0);
    expect(tally.forgedRejected).toBe(tally.forged);
    console.log(
      `stripe-webhooks: ${tally.deliveries + tally.forged} deliveries (${tally.duplicates} duplicates, ${tally.reordered} reordered, ${tally.forged} forged, ${tally.unknown} unknown): ` +
        `${doubleCounted} double-counted, ${tally.forgedRejected}/${tally.forged} forged rejected; ${rows.length} events recorded once each ` +
        `(${[...new Set(rows.map((r) => r.outcome))].map((o) => `${o} ${rows.filter((r) => r.outcome === o).length}`).join(", ")}); 'completed' racing 'expired' went: ${races.join("; ")}`,
    );
  });
});
