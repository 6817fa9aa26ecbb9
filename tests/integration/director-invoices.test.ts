import { PDFDocument } from "pdf-lib";
import Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createPrismaClient } from "@/lib/db/create-client";
import { issueCreditNote, renderCreditNotePdf } from "@/lib/server/director/credit-notes";
import { exportInvoicesCsv, renderDirectorInvoicePdf, renderDirectorInvoiceUbl } from "@/lib/server/director/invoice-documents";
import { addDraftLine, createDraftInvoice, deleteDraftInvoice, getDraftCandidates, reissueInvoice, removeDraftLine, updateDraftDetails, updateDraftLine } from "@/lib/server/director/invoice-drafts";
import { issueInvoice } from "@/lib/server/director/invoice-issue";
import { markInvoicePaid } from "@/lib/server/director/invoice-payments";
import { sendOverdueInvoiceReminders } from "@/lib/server/director/invoice-reminders";
import { getInvoiceDetail, getInvoicesOverview } from "@/lib/server/director/invoices";
import { startInvoiceCheckout } from "@/lib/server/payments/start-invoice-checkout";
import { createScenario } from "../fixtures/scenario";

// Enough connections that 20 issuers really do race (each holds one inside its transaction).
const db = createPrismaClient(process.env.DATABASE_URL, { max: 24 });
afterAll(() => db.$disconnect());

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 7)}`;

async function world({ poRequired = true }: { poRequired?: boolean } = {}) {
  const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }] });
  await db.organisation.update({ where: { id: scenario.organisation.id }, data: { poRequired, invoiceEmail: "invoices@northshire.example", addressLine1: "County Hall", town: "Northbury", postcode: "NB1 4HQ" } });
  await db.user.update({ where: { id: scenario.director.id }, data: { name: "Dee Director" } });
  const director: Actor = { userId: scenario.director.id, email: scenario.director.email, name: "Dee Director", role: "DIRECTOR", associateId: null, memberships: [] };
  const associate: Actor = { userId: scenario.associates[0]!.userId, email: "a@test.example", name: "A", role: "ASSOCIATE", associateId: scenario.associates[0]!.id, memberships: [] };
  return { ...scenario, director, associate, client: scenario.context.actor };
}
type World = Awaited<ReturnType<typeof world>>;

/** An engagement billed by invoice, with sessions in the given states (dates a week apart, from 2 Nov 2026). */
async function engagement(w: World, sessions: ("DELIVERED" | "NEEDS_PAIRING" | { cancelledWithChargePence: number })[], { status = "DELIVERED" as const, unitPricePence = 120_000, vatRateBasisPoints = 2000 } = {}) {
  const created = await db.engagement.create({
    data: {
      reference: unique("GT"),
      organisationId: w.organisation.id,
      serviceId: w.service.id,
      requestedById: w.booker.id,
      status,
      purchaseOrderNumber: "NCC-PO-1",
      unitPricePenceSnapshot: unitPricePence,
      vatRateBasisPointsSnapshot: vatRateBasisPoints,
    },
  });
  const deliveries = [];
  for (const [index, session] of sessions.entries()) {
    const startsAt = new Date(Date.UTC(2026, 10, 2 + index * 7, 10));
    const cancelled = typeof session === "object";
    deliveries.push(
      await db.delivery.create({
        data: {
          engagementId: created.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
          mode: "ONLINE",
          status: cancelled ? "CANCELLED" : session,
          ...(cancelled ? { cancelledAt: new Date(startsAt.getTime() - 86_400_000), cancellationChargePence: session.cancelledWithChargePence } : {}),
        },
      }),
    );
  }
  return { ...created, deliveries };
}

async function draftFor(w: World, e: Awaited<ReturnType<typeof engagement>>, extra: Record<string, unknown> = {}) {
  const result = await createDraftInvoice({
    db,
    actor: w.director,
    input: { unverifiedReference: e.reference, deliveryIds: e.deliveries.map((d) => d.id), purchaseOrderNumber: "NCC-PO-1", paymentTermsDays: "30", vatRateBasisPoints: "2000", ...extra },
  });
  if (!result.ok) throw new Error(result.message);
  return result.data.invoiceId;
}

async function sequenceNext(name: string) {
  return (await db.numberSequence.findUnique({ where: { name } }))?.next ?? null;
}

describe("drafts from delivered work", () => {
  it("one line per delivered session and per charged cancellation, VAT per line from the engagement; upcoming sessions only when chosen", async () => {
    const w = await world();
    const e = await engagement(w, ["DELIVERED", "DELIVERED", { cancelledWithChargePence: 60_000 }, { cancelledWithChargePence: 0 }, "NEEDS_PAIRING"]);
    const candidates = await getDraftCandidates({ db, actor: w.director, unverifiedReference: e.reference });
    expect(candidates!.work.map((work) => [work.kind, work.unitPricePence])).toEqual([
      ["DELIVERED", 120_000],
      ["DELIVERED", 120_000],
      ["CANCELLATION_CHARGE", 60_000],
      ["UPCOMING", 120_000],
    ]);
    const delivered = candidates!.work.filter((work) => work.kind !== "UPCOMING").map((work) => work.deliveryId);
    const result = await createDraftInvoice({ db, actor: w.director, input: { unverifiedReference: e.reference, deliveryIds: delivered, purchaseOrderNumber: "NCC-PO-1", paymentTermsDays: "30", vatRateBasisPoints: "2000" } });
    expect(result.ok).toBe(true);
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id: result.ok ? result.data.invoiceId : "" }, include: { lines: { orderBy: { position: "asc" } } } });
    expect(invoice).toMatchObject({ status: "DRAFT", number: null, purchaseOrderNumber: "NCC-PO-1", subtotalPence: 300_000, vatPence: 60_000, totalPence: 360_000, billingSnapshot: { paymentTermsDays: 30 } });
    expect(invoice.lines.map((l) => [l.description.split(",")[0], l.netPence, l.vatPence, l.vatRateBasisPoints])).toEqual([
      ["Trauma-informed practice", 120_000, 24_000, 2000],
      ["Trauma-informed practice", 120_000, 24_000, 2000],
      ["Cancellation charge: Trauma-informed practice", 60_000, 12_000, 2000],
    ]);
    expect(await db.auditEvent.count({ where: { action: "invoice.draft.create", subjectId: invoice.id, actorId: w.director.userId } })).toBe(1);

    // Drafted sessions are no longer offered; choosing one again is refused and writes nothing.
    const again = await getDraftCandidates({ db, actor: w.director, unverifiedReference: e.reference });
    expect(again!.work.map((work) => work.kind)).toEqual(["UPCOMING"]);
    const twice = await createDraftInvoice({ db, actor: w.director, input: { unverifiedReference: e.reference, deliveryIds: [delivered[0]], purchaseOrderNumber: "NCC-PO-1", paymentTermsDays: "30", vatRateBasisPoints: "2000" } });
    expect(twice).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { deliveryIds: ["Choose from the sessions listed."] } });
    expect(await db.invoice.count({ where: { engagementId: e.id } })).toBe(1);
  });

  it("bad input is refused field by field and writes nothing: no PO where required, 0% VAT without a reason, no sessions, bad terms", async () => {
    const w = await world();
    const e = await engagement(w, ["DELIVERED"]);
    const ids = e.deliveries.map((d) => d.id);
    const cases = [
      [{ purchaseOrderNumber: "" }, { purchaseOrderNumber: ["Enter the client's PO number."] }],
      [{ vatRateBasisPoints: "0" }, { vatExemptionReason: ["Say why there's no VAT on this line (for example, exempt education or training)."] }],
      [{ vatRateBasisPoints: "1750" }, { vatRateBasisPoints: ["Choose 20%, 5% or 0% VAT."] }],
      [{ deliveryIds: [] }, { deliveryIds: ["Choose at least one session or charge to invoice."] }],
      [{ paymentTermsDays: "-3" }, { paymentTermsDays: ["Payment terms can't be negative."] }],
      [{ paymentTermsDays: "thirty" }, { paymentTermsDays: expect.any(Array) }],
    ] as const;
    for (const [change, fieldErrors] of cases) {
      const result = await createDraftInvoice({ db, actor: w.director, input: { unverifiedReference: e.reference, deliveryIds: ids, purchaseOrderNumber: "PO-9", paymentTermsDays: "30", vatRateBasisPoints: "2000", ...change } });
      expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors });
    }
    expect(await db.invoice.count({ where: { organisationId: w.organisation.id } })).toBe(0);

    // A zero-rated draft with its reason recorded is fine.
    const exempt = await createDraftInvoice({ db, actor: w.director, input: { unverifiedReference: e.reference, deliveryIds: ids, purchaseOrderNumber: "PO-9", paymentTermsDays: "14", vatRateBasisPoints: "0", vatExemptionReason: "Exempt: education by an eligible body" } });
    expect(exempt.ok).toBe(true);
    expect(await db.invoiceLine.findFirst({ where: { invoice: { organisationId: w.organisation.id } } })).toMatchObject({ vatRateBasisPoints: 0, vatPence: 0, vatExemptionReason: "Exempt: education by an eligible body" });
  });

  it("editing a draft recomputes its totals with VAT per line; an issued invoice can't be edited (the use cases refuse, and so does the database)", async () => {
    const w = await world();
    const e = await engagement(w, ["DELIVERED"]);
    const invoiceId = await draftFor(w, e);
    const line = await db.invoiceLine.findFirstOrThrow({ where: { invoiceId } });

    expect(await addDraftLine({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, description: "Workbooks", quantity: "3", unitPrice: "3.33", vatRateBasisPoints: "2000" } })).toEqual({ ok: true, data: null });
    expect(await addDraftLine({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, description: "Loyalty discount", quantity: "1", unitPrice: "-100", vatRateBasisPoints: "2000" } })).toEqual({ ok: true, data: null });
    const bad = await addDraftLine({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, description: "", quantity: "0", unitPrice: "12.345", vatRateBasisPoints: "0" } });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { description: ["Describe the line."], quantity: ["The quantity must be at least 1."], unitPrice: [expect.stringContaining("Enter the unit price in pounds")], vatExemptionReason: [expect.any(String)] } });
    // 1200 + 9.99 − 100 net; VAT 240 + 2.00 (199.8p rounded half up) − 20.
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).toMatchObject({ subtotalPence: 110_999, vatPence: 22_200, totalPence: 133_199 });

    expect((await updateDraftLine({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, unverifiedLineId: line.id, description: "Training day (half price)", quantity: "1", unitPrice: "600", vatRateBasisPoints: "500" } })).ok).toBe(true);
    const discount = await db.invoiceLine.findFirstOrThrow({ where: { invoiceId, description: "Loyalty discount" } });
    expect((await removeDraftLine({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, unverifiedLineId: discount.id } })).ok).toBe(true);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).toMatchObject({ subtotalPence: 60_999, vatPence: 3_200, totalPence: 64_199 });
    expect((await updateDraftDetails({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, purchaseOrderNumber: "", paymentTermsDays: "14" } })).ok).toBe(false);
    expect((await updateDraftDetails({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, purchaseOrderNumber: "NCC-PO-2", paymentTermsDays: "14" } })).ok).toBe(true);

    const issued = await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId }, now: new Date("2026-11-20T09:00:00Z") });
    expect(issued.ok).toBe(true);
    const after = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect(after).toMatchObject({ status: "ISSUED", purchaseOrderNumber: "NCC-PO-2", totalPence: 64_199, issuedOn: new Date("2026-11-20"), dueOn: new Date("2026-12-04") });
    expect(after.billingSnapshot).toMatchObject({ name: "Northshire County Council", addressLine1: "County Hall", invoiceEmail: "invoices@northshire.example", paymentTermsDays: 14 });

    const refusals = await Promise.all([
      addDraftLine({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, description: "Extra", quantity: "1", unitPrice: "1", vatRateBasisPoints: "2000" } }),
      updateDraftLine({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, unverifiedLineId: line.id, description: "Changed", quantity: "1", unitPrice: "1", vatRateBasisPoints: "2000" } }),
      removeDraftLine({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, unverifiedLineId: line.id } }),
      updateDraftDetails({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, purchaseOrderNumber: "X", paymentTermsDays: "7" } }),
      deleteDraftInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } }),
    ]);
    for (const refusal of refusals) expect(refusal).toMatchObject({ ok: false, message: expect.stringContaining("has been issued, so it can't be changed") });
    await expect(db.invoiceLine.update({ where: { id: line.id }, data: { description: "Sneaky" } })).rejects.toThrow(/issued invoice/);
    await expect(db.invoice.update({ where: { id: invoiceId }, data: { purchaseOrderNumber: "Sneaky" } })).rejects.toThrow(/cannot be changed/);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: true } })).toMatchObject({ purchaseOrderNumber: "NCC-PO-2", totalPence: 64_199, lines: expect.arrayContaining([expect.objectContaining({ description: "Training day (half price)" })]) });
  });

  it("a draft can be thrown away; its sessions become billable again", async () => {
    const w = await world();
    const e = await engagement(w, ["DELIVERED"]);
    const invoiceId = await draftFor(w, e);
    expect(await deleteDraftInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } })).toEqual({ ok: true, data: null });
    expect(await db.invoice.count({ where: { id: invoiceId } })).toBe(0);
    expect((await getDraftCandidates({ db, actor: w.director, unverifiedReference: e.reference }))!.work).toHaveLength(1);
  });
});

describe("issuing", () => {
  it("issues with the next number, billing details copied, due date from the terms, engagement INVOICED, the PDF emailed (outbox) and audited", async () => {
    const w = await world();
    const e = await engagement(w, ["DELIVERED"]);
    const invoiceId = await draftFor(w, e);
    const before = await sequenceNext("invoice");
    const result = await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId }, now: new Date("2026-12-31T23:30:00Z") });
    expect(result.ok).toBe(true);
    const number = result.ok ? result.data.number : -1;
    if (before !== null) expect(number).toBe(before);
    expect(await sequenceNext("invoice")).toBe(number + 1);
    // 23:30 UTC on 31 December is still 31 December in the UK (GMT); due 30 days later.
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).toMatchObject({ number, status: "ISSUED", issuedOn: new Date("2026-12-31"), dueOn: new Date("2027-01-30"), totalPence: 144_000 });
    expect((await db.engagement.findUniqueOrThrow({ where: { id: e.id } })).status).toBe("INVOICED");
    const email = await db.outboxMessage.findFirstOrThrow({ where: { kind: "invoice", to: "invoices@northshire.example" }, orderBy: { createdAt: "desc" } });
    const printed = `INV-${String(number).padStart(5, "0")}`;
    expect(email.subject).toContain(printed);
    expect(email.subject).toContain("£1,440.00");
    const attachment = (email.payload as { attachments: { filename: string; contentType: string; content: string; encoding: string }[] }).attachments[0]!;
    expect(attachment).toMatchObject({ filename: `${printed}.pdf`, contentType: "application/pdf", encoding: "base64" });
    const pdf = Buffer.from(attachment.content, "base64");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await PDFDocument.load(pdf)).getTitle()).toBe(`Invoice ${printed}`);
    expect(await db.auditEvent.count({ where: { action: "invoice.issue", subjectId: invoiceId, actorId: w.director.userId } })).toBe(1);

    // Issuing again is refused clearly, and takes no number.
    const again = await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } });
    expect(again).toMatchObject({ ok: false, code: "INVALID_INPUT", message: `This invoice has already been issued as ${printed}. An invoice can only be issued once.` });
    expect(await sequenceNext("invoice")).toBe(number + 1);
  });

  it("refuses to issue without a PO where one is required, with no lines, or with a zero total — and takes no number", async () => {
    const w = await world({ poRequired: false });
    const e = await engagement(w, ["DELIVERED"]);
    const invoiceId = await draftFor(w, e, { purchaseOrderNumber: "" });
    await db.organisation.update({ where: { id: w.organisation.id }, data: { poRequired: true } });
    const before = await sequenceNext("invoice");
    expect(await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } })).toMatchObject({ ok: false, fieldErrors: { purchaseOrderNumber: ["Enter the client's PO number."] } });
    await db.organisation.update({ where: { id: w.organisation.id }, data: { poRequired: false } });
    const line = await db.invoiceLine.findFirstOrThrow({ where: { invoiceId } });
    await addDraftLine({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, description: "Goodwill", quantity: "1", unitPrice: "-1200", vatRateBasisPoints: "2000" } });
    expect(await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } })).toMatchObject({ ok: false, message: expect.stringContaining("must be more than £0") });
    await db.invoiceLine.deleteMany({ where: { invoiceId } });
    expect(await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } })).toMatchObject({ ok: false, message: "Add at least one line before issuing the invoice." });
    expect(line).toBeTruthy();
    expect(await sequenceNext("invoice")).toBe(before);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).status).toBe("DRAFT");
  });

  it("20 drafts issued at once get 20 distinct, consecutive numbers with no gaps", async () => {
    const w = await world();
    const drafts: string[] = [];
    for (let i = 0; i < 20; i++) drafts.push(await draftFor(w, await engagement(w, ["DELIVERED"])));
    const highest = (await db.invoice.aggregate({ _max: { number: true } }))._max.number ?? 0;
    const results = await Promise.all(drafts.map((id) => issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: id } })));
    expect(results.every((r) => r.ok)).toBe(true);
    const numbers = results.map((r) => (r.ok ? r.data.number : -1)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => highest + 1 + i));
    expect(await sequenceNext("invoice")).toBe(highest + 21);
    const stored = await db.invoice.findMany({ where: { id: { in: drafts } }, select: { number: true, status: true } });
    expect(new Set(stored.map((s) => s.number)).size).toBe(20);
    expect(stored.every((s) => s.status === "ISSUED")).toBe(true);
    for (const n of numbers) expect(await db.outboxMessage.count({ where: { kind: "invoice", subject: { startsWith: `Invoice INV-${String(n).padStart(5, "0")} ` } } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "invoice.issue", subjectId: { in: drafts } } })).toBe(20);
  });

  it("issuing the same draft five times at once gives it one number; the others are refused and no number is used up", async () => {
    const w = await world();
    const invoiceId = await draftFor(w, await engagement(w, ["DELIVERED"]));
    const highest = (await db.invoice.aggregate({ _max: { number: true } }))._max.number ?? 0;
    const results = await Promise.all(Array.from({ length: 5 }, () => issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } })));
    const winners = results.filter((r) => r.ok);
    expect(winners).toEqual([{ ok: true, data: { number: highest + 1 } }]);
    for (const loser of results.filter((r) => !r.ok)) expect(loser).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("has already been issued") });
    expect(await sequenceNext("invoice")).toBe(highest + 2);
    expect(await db.auditEvent.count({ where: { action: "invoice.issue", subjectId: invoiceId } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { kind: "invoice", subject: { startsWith: `Invoice INV-${String(highest + 1).padStart(5, "0")} ` } } })).toBe(1);
  });
});

describe("credit notes and re-issue", () => {
  it("part credits stay within what is left at each rate; credit-note numbers are gapless; a full credit voids an unpaid invoice; re-issue copies it as a new draft", async () => {
    const w = await world();
    const e = await engagement(w, ["DELIVERED", "DELIVERED"]);
    const invoiceId = await draftFor(w, e);
    const issued = await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } });
    const invoiceNumber = issued.ok ? issued.data.number : -1;

    const badInputs = [
      [{ scope: "PART", amount: "0.50", vatRateBasisPoints: "2000", reason: "Small goodwill gesture" }, { amount: ["Credit at least £1.00 (excluding VAT)."] }],
      [{ scope: "PART", amount: "100", vatRateBasisPoints: "2000", reason: "" }, { reason: ["Say why you're issuing the credit note."] }],
      [{ scope: "PART", amount: "5000", vatRateBasisPoints: "2000", reason: "Too much" }, { amount: ["At 20% VAT, at most £2,400.00 (excluding VAT) is left to credit."] }],
      [{ scope: "PART", amount: "100", vatRateBasisPoints: "500", reason: "Wrong rate" }, { vatRateBasisPoints: ["Nothing on this invoice is left to credit at 5% VAT."] }],
      [{ scope: "SOME", reason: "Unknown scope" }, { scope: ["Choose whether to credit the whole invoice or part of it."] }],
    ] as const;
    for (const [input, fieldErrors] of badInputs) {
      expect(await issueCreditNote({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, ...input } })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors });
    }
    expect(await db.creditNote.count({ where: { invoiceId } })).toBe(0);

    const creditBefore = (await db.creditNote.aggregate({ _max: { number: true } }))._max.number ?? 0;
    const part = await issueCreditNote({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, scope: "PART", amount: "400", vatRateBasisPoints: "2000", reason: "One attendee couldn't come: agreed reduction" } });
    expect(part).toEqual({ ok: true, data: { number: creditBefore + 1, invoiceStatus: "ISSUED" } });
    expect(await db.creditNote.findFirstOrThrow({ where: { invoiceId } })).toMatchObject({ subtotalPence: 40_000, vatPence: 8_000, totalPence: 48_000 });
    const afterPart = await getInvoiceDetail({ db, actor: w.director, unverifiedInvoiceId: invoiceId });
    expect(afterPart).toMatchObject({ outstandingPence: 240_000, creditedPence: 48_000, canCreditWhole: false, creditableByRate: [{ vatRateBasisPoints: 2000, netPence: 200_000, vatPence: 40_000 }] });
    expect(await issueCreditNote({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, scope: "FULL", reason: "Everything" } })).toMatchObject({ ok: false, fieldErrors: { scope: ["Choose “part of it”."] } });

    // Re-issue needs a full credit first.
    expect(await reissueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } })).toMatchObject({ ok: false, message: "Credit this invoice in full first; then it can be re-issued with corrections." });

    const rest = await issueCreditNote({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, scope: "PART", amount: "2,000", vatRateBasisPoints: "2000", reason: "Sessions invoiced to the wrong cost centre" } });
    expect(rest).toEqual({ ok: true, data: { number: creditBefore + 2, invoiceStatus: "VOID" } });
    expect(await sequenceNext("credit-note")).toBe(creditBefore + 3);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).status).toBe("VOID");
    expect(await issueCreditNote({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, scope: "PART", amount: "1", vatRateBasisPoints: "2000", reason: "Again" } })).toMatchObject({ ok: false, message: "This invoice has already been credited in full." });
    const emails = await db.outboxMessage.findMany({ where: { kind: "credit-note", to: "invoices@northshire.example" }, orderBy: { createdAt: "asc" } });
    expect(emails.map((m) => m.subject)).toEqual([
      `Credit note CN-${String(creditBefore + 1).padStart(5, "0")} for invoice INV-${String(invoiceNumber).padStart(5, "0")}`,
      `Credit note CN-${String(creditBefore + 2).padStart(5, "0")} for invoice INV-${String(invoiceNumber).padStart(5, "0")}`,
    ]);

    // The credit note's PDF names the invoice it credits.
    const note = await db.creditNote.findFirstOrThrow({ where: { number: creditBefore + 1 } });
    const rendered = await renderCreditNotePdf({ db, actor: w.director, unverifiedCreditNoteId: note.id });
    expect((await PDFDocument.load(rendered!.pdf)).getTitle()).toBe(`Credit note CN-${String(creditBefore + 1).padStart(5, "0")}`);

    // Its sessions are free again (the voided invoice no longer bills them) — re-issue takes them.
    const reissued = await reissueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } });
    expect(reissued.ok).toBe(true);
    const draftId = reissued.ok ? reissued.data.invoiceId : "";
    const draft = await db.invoice.findUniqueOrThrow({ where: { id: draftId }, include: { lines: true } });
    expect(draft).toMatchObject({ status: "DRAFT", number: null, engagementId: e.id, purchaseOrderNumber: "NCC-PO-1", totalPence: 288_000, billingSnapshot: { paymentTermsDays: 30, replacesInvoiceNumber: invoiceNumber } });
    expect(draft.lines.map((l) => l.deliveryId).sort()).toEqual(e.deliveries.map((d) => d.id).sort());
    expect(await reissueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } })).toMatchObject({ ok: false, message: expect.stringContaining("already on a draft invoice") });
    const reissue = await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: draftId } });
    expect(reissue.ok).toBe(true);
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { kind: "invoice" }, orderBy: { createdAt: "desc" } });
    expect((mail.payload as { text: string }).text).toContain(`This invoice replaces INV-${String(invoiceNumber).padStart(5, "0")}`);
    expect((await getInvoiceDetail({ db, actor: w.director, unverifiedInvoiceId: invoiceId }))!.reissuedAs).toMatchObject({ id: draftId, status: "ISSUED" });
  });

  it("a whole-invoice credit on a mixed-rate invoice mirrors every line; a paid invoice stays paid (a refund is due)", async () => {
    const w = await world();
    const invoiceId = await draftFor(w, await engagement(w, ["DELIVERED"]));
    await addDraftLine({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, description: "Venue", quantity: "1", unitPrice: "100", vatRateBasisPoints: "0", vatExemptionReason: "Exempt: land and buildings" } });
    await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId }, now: new Date("2026-11-02T10:00:00Z") });
    expect((await markInvoicePaid({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, paidOn: "2026-11-20", reference: "BACS 4481" }, now: new Date("2026-11-21T10:00:00Z") })).ok).toBe(true);
    const full = await issueCreditNote({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, scope: "FULL", reason: "Cancelled by agreement after payment" } });
    expect(full).toMatchObject({ ok: true, data: { invoiceStatus: "PAID" } });
    expect(await db.creditNote.findFirstOrThrow({ where: { invoiceId } })).toMatchObject({ subtotalPence: 130_000, vatPence: 24_000, totalPence: 154_000 });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { kind: "credit-note" }, orderBy: { createdAt: "desc" } });
    expect((mail.payload as { text: string }).text).toContain("we'll refund this amount");
  });
});

describe("payments", () => {
  it("marking the last invoice paid (bank transfer) makes the engagement PAID; paid twice, future dates and dates before issue are refused", async () => {
    const w = await world();
    const e = await engagement(w, ["DELIVERED", "DELIVERED"]);
    const first = await draftFor(w, { ...e, deliveries: [e.deliveries[0]!] });
    const second = await draftFor(w, { ...e, deliveries: [e.deliveries[1]!] });
    const now = new Date("2026-12-10T12:00:00Z");
    for (const id of [first, second]) await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: id }, now: new Date("2026-11-20T09:00:00Z") });
    expect((await db.engagement.findUniqueOrThrow({ where: { id: e.id } })).status).toBe("INVOICED");

    expect(await markInvoicePaid({ db, actor: w.director, input: { unverifiedInvoiceId: first, paidOn: "2026-12-11", reference: "BACS 1" }, now })).toMatchObject({ ok: false, fieldErrors: { paidOn: ["The payment date can't be in the future."] } });
    expect(await markInvoicePaid({ db, actor: w.director, input: { unverifiedInvoiceId: first, paidOn: "2026-11-19", reference: "BACS 1" }, now })).toMatchObject({ ok: false, fieldErrors: { paidOn: ["The payment can't have arrived before the invoice was issued."] } });
    expect(await markInvoicePaid({ db, actor: w.director, input: { unverifiedInvoiceId: first, paidOn: "2026-02-30", reference: "" }, now })).toMatchObject({
      ok: false,
      fieldErrors: { paidOn: ["That date doesn't exist. Check the day and month."], reference: ["Enter the payment reference from the bank statement."] },
    });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: first } })).status).toBe("ISSUED");

    expect(await markInvoicePaid({ db, actor: w.director, input: { unverifiedInvoiceId: first, paidOn: "2026-12-01", reference: "NCC 448120" }, now })).toEqual({ ok: true, data: { engagementPaid: false } });
    expect((await db.engagement.findUniqueOrThrow({ where: { id: e.id } })).status).toBe("INVOICED");
    expect(await markInvoicePaid({ db, actor: w.director, input: { unverifiedInvoiceId: second, paidOn: "2026-12-10", reference: "NCC 448121" }, now })).toEqual({ ok: true, data: { engagementPaid: true } });
    expect((await db.engagement.findUniqueOrThrow({ where: { id: e.id } })).status).toBe("PAID");
    expect(await db.invoice.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ status: "PAID", paymentReference: "Bank transfer: NCC 448120", paidAt: new Date("2026-12-01T12:00:00Z") });
    expect(await markInvoicePaid({ db, actor: w.director, input: { unverifiedInvoiceId: first, paidOn: "2026-12-02", reference: "again" }, now })).toMatchObject({ ok: false, message: expect.stringContaining("is already marked as paid (1 December 2026)") });
    expect(await db.auditEvent.count({ where: { action: "invoice.paid.bank", subjectId: { in: [first, second] } } })).toBe(2);
  });

  it("after a part credit, the client paying by card is charged what is still owed, not the original total", async () => {
    const w = await world();
    const invoiceId = await draftFor(w, await engagement(w, ["DELIVERED"]));
    const issued = await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } });
    await issueCreditNote({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId, scope: "PART", amount: "200", vatRateBasisPoints: "2000", reason: "Agreed discount" } });
    const sent: URLSearchParams[] = [];
    const stripe = new Stripe("sk_test_invoices", {
      maxNetworkRetries: 0,
      httpClient: Stripe.createFetchHttpClient((async (_url: unknown, init?: RequestInit) => {
        sent.push(new URLSearchParams(String(init?.body ?? "")));
        return new Response(JSON.stringify({ id: "cs_test_credit", object: "checkout.session", url: "https://checkout.stripe.com/c/pay/cs_test_credit" }), { status: 200, headers: { "content-type": "application/json" } });
      }) as typeof fetch),
    });
    const started = await startInvoiceCheckout({ db, stripe, context: w.context, unverifiedNumber: String(issued.ok ? issued.data.number : 0), appUrl: "https://app.example" });
    expect(started.ok).toBe(true);
    // £1,440 less the £240 credit (£200 + VAT).
    expect(sent[0]!.get("line_items[0][price_data][unit_amount]")).toBe("120000");
  });
});

describe("overdue invoices", () => {
  it("the aged-debt view buckets what is owed; overdue invoices show statutory interest and compensation; reminders go at 1, 14 and 30 days, once each", async () => {
    const w = await world();
    // The base rate as a dated policy value: 4% until 18 Dec 2025, then 3.75%.
    await db.policySetting.createMany({
      data: [
        { key: "lateInterest.baseRateBasisPoints", value: 400, effectiveFrom: new Date("2025-08-07") },
        { key: "lateInterest.baseRateBasisPoints", value: 375, effectiveFrom: new Date("2025-12-18") },
      ],
      skipDuplicates: true,
    });
    const invoiceId = await draftFor(w, await engagement(w, ["DELIVERED"], { unitPricePence: 165_000 }));
    await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId }, now: new Date("2026-01-05T10:00:00Z") }); // due 4 February 2026
    const notYet = await getInvoicesOverview({ db, actor: w.director, now: new Date("2026-02-04T18:00:00Z") });
    expect(notYet!.overdue.find((i) => i.id === invoiceId)).toBeUndefined();
    expect(notYet!.open.find((i) => i.id === invoiceId)).toMatchObject({ bucket: "CURRENT", outstandingPence: 198_000 });

    const overview = await getInvoicesOverview({ db, actor: w.director, now: new Date("2026-03-20T10:00:00Z") });
    const overdue = overview!.overdue.find((i) => i.id === invoiceId)!;
    // 44 days overdue; reference date 31 Dec 2025 → 3.75% + 8% = 11.75%: 198000 × 0.1175 × 44 ÷ 365 = 2804.6p.
    expect(overdue).toMatchObject({ daysOverdue: 44, bucket: "DAYS_31_60", lateness: { annualRateBasisPoints: 1175, referenceDate: "2025-12-31", interestPence: 2805, compensationPence: 7_000 } });
    const client = overview!.agedDebt.clients.find((c) => c.clientId === w.organisation.id)!;
    expect(client.totals).toMatchObject({ DAYS_31_60: 198_000, CURRENT: 0 });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).toMatchObject({ totalPence: 198_000 }); // shown, never charged

    const run = (iso: string) => sendOverdueInvoiceReminders({ db, now: new Date(iso), appUrl: "https://gt.example" });
    const reminders = () => db.outboxMessage.findMany({ where: { kind: "invoice-reminder", to: "invoices@northshire.example" }, orderBy: { createdAt: "asc" } });
    await run("2026-02-04T12:00:00Z"); // due date: not overdue
    expect(await reminders()).toHaveLength(0);
    await run("2026-02-05T08:00:00Z"); // day 1
    await Promise.all([run("2026-02-05T09:00:00Z"), run("2026-02-05T09:00:00Z")]); // two workers at once, same day
    expect((await reminders()).map((m) => m.subject)).toEqual([expect.stringContaining("A friendly reminder")]);
    await run("2026-02-17T08:00:00Z"); // day 13
    expect(await reminders()).toHaveLength(1);
    await run("2026-02-18T08:00:00Z"); // day 14
    await run("2026-03-06T08:00:00Z"); // day 30
    await run("2026-03-20T08:00:00Z"); // day 44: nothing more
    expect((await reminders()).map((m) => m.subject)).toEqual([expect.stringContaining("A friendly reminder"), expect.stringContaining("two weeks overdue"), expect.stringContaining("30 days overdue")]);
    expect((await getInvoiceDetail({ db, actor: w.director, unverifiedInvoiceId: invoiceId }))!.remindersSent).toEqual([1, 14, 30]);

    // Paid invoices are never chased.
    const paidId = await draftFor(w, await engagement(w, ["DELIVERED"]));
    await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: paidId }, now: new Date("2026-01-05T10:00:00Z") });
    await markInvoicePaid({ db, actor: w.director, input: { unverifiedInvoiceId: paidId, paidOn: "2026-01-20", reference: "BACS 7" }, now: new Date("2026-01-21T10:00:00Z") });
    await run("2026-02-05T10:00:00Z");
    expect(await db.auditEvent.count({ where: { action: "invoice.reminder.sent", subjectId: paidId } })).toBe(0);
  });
});

describe("documents", () => {
  it("the director downloads the PDF, the UBL e-invoice and the CSV export (audited); typed text can't become a spreadsheet formula", async () => {
    const w = await world();
    await db.organisation.update({ where: { id: w.organisation.id }, data: { name: "=HYPERLINK(\"x\") & Sons <Trust>" } });
    const invoiceId = await draftFor(w, await engagement(w, ["DELIVERED"]));
    expect(await renderDirectorInvoiceUbl({ db, actor: w.director, unverifiedInvoiceId: invoiceId })).toBeNull(); // drafts have no e-invoice
    const issued = await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: invoiceId } });
    const printed = `INV-${String(issued.ok ? issued.data.number : 0).padStart(5, "0")}`;

    const pdf = await renderDirectorInvoicePdf({ db, actor: w.director, unverifiedInvoiceId: invoiceId });
    expect(Buffer.from(pdf!.pdf).subarray(0, 5).toString()).toBe("%PDF-");
    const ubl = await renderDirectorInvoiceUbl({ db, actor: w.director, unverifiedInvoiceId: invoiceId });
    expect(ubl!.filename).toBe(`${printed}.xml`);
    expect(ubl!.xml).toContain(`<cbc:ID>${printed}</cbc:ID>`);
    expect(ubl!.xml).toContain('<cbc:PayableAmount currencyID="GBP">1440.00</cbc:PayableAmount>');
    expect(ubl!.xml).toContain("<cbc:Name>=HYPERLINK(&quot;x&quot;) &amp; Sons &lt;Trust&gt;</cbc:Name>");

    const csv = await exportInvoicesCsv({ db, actor: w.director });
    const row = csv!.csv.split("\r\n").find((line) => line.startsWith(printed))!;
    expect(csv!.csv.split("\r\n")[0]).toBe("Invoice,Status,Client,Engagement,PO number,Issued on,Due on,Net (£),VAT (£),Total (£),Credited (£),Outstanding (£),Paid on,Payment reference");
    expect(row).toContain(`Issued,"'=HYPERLINK(""x"") & Sons <Trust>"`);
    expect(row).toContain("1200.00,240.00,1440.00,0.00,1440.00");
    expect(await db.auditEvent.groupBy({ by: ["action"], where: { actorId: w.director.userId, action: { in: ["invoice.download", "invoice.export.csv"] } }, _count: { _all: true } })).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: "invoice.download", _count: { _all: 2 } }), expect.objectContaining({ action: "invoice.export.csv", _count: { _all: 1 } })]),
    );
  });
});

describe("who can see invoices", () => {
  it("a client (even of the invoice's own organisation) or an associate gets 'not found' from every use case, and nothing is written", async () => {
    const w = await world();
    const e = await engagement(w, ["DELIVERED", "DELIVERED"]);
    const draftId = await draftFor(w, { ...e, deliveries: [e.deliveries[0]!] });
    const issuedId = await draftFor(w, { ...e, deliveries: [e.deliveries[1]!] });
    await issueInvoice({ db, actor: w.director, input: { unverifiedInvoiceId: issuedId } });
    const outbox = await db.outboxMessage.count();
    const audit = await db.auditEvent.count();
    const sequence = await sequenceNext("invoice");
    for (const actor of [w.client, w.associate]) {
      expect(await getInvoicesOverview({ db, actor })).toBeNull();
      expect(await getInvoiceDetail({ db, actor, unverifiedInvoiceId: issuedId })).toBeNull();
      expect(await getDraftCandidates({ db, actor, unverifiedReference: e.reference })).toBeNull();
      expect(await renderDirectorInvoicePdf({ db, actor, unverifiedInvoiceId: issuedId })).toBeNull();
      expect(await renderDirectorInvoiceUbl({ db, actor, unverifiedInvoiceId: issuedId })).toBeNull();
      expect(await exportInvoicesCsv({ db, actor })).toBeNull();
      const results = [
        await createDraftInvoice({ db, actor, input: { unverifiedReference: e.reference, deliveryIds: [e.deliveries[0]!.id], purchaseOrderNumber: "PO", paymentTermsDays: "30", vatRateBasisPoints: "2000" } }),
        await addDraftLine({ db, actor, input: { unverifiedInvoiceId: draftId, description: "x", quantity: "1", unitPrice: "1", vatRateBasisPoints: "2000" } }),
        await updateDraftDetails({ db, actor, input: { unverifiedInvoiceId: draftId, purchaseOrderNumber: "PO", paymentTermsDays: "30" } }),
        await deleteDraftInvoice({ db, actor, input: { unverifiedInvoiceId: draftId } }),
        await issueInvoice({ db, actor, input: { unverifiedInvoiceId: draftId } }),
        await markInvoicePaid({ db, actor, input: { unverifiedInvoiceId: issuedId, paidOn: "2026-01-01", reference: "x1" }, now: new Date("2030-01-01") }),
        await issueCreditNote({ db, actor, input: { unverifiedInvoiceId: issuedId, scope: "FULL", reason: "Not mine" } }),
        await reissueInvoice({ db, actor, input: { unverifiedInvoiceId: issuedId } }),
      ];
      for (const result of results) expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await db.outboxMessage.count()).toBe(outbox);
    expect(await db.auditEvent.count()).toBe(audit);
    expect(await sequenceNext("invoice")).toBe(sequence);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: draftId } })).toMatchObject({ status: "DRAFT" });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: issuedId } })).toMatchObject({ status: "ISSUED" });
  });
});
