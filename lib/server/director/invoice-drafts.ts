import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { scopeEngagements } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import { formatInvoiceNumber } from "@/lib/format";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import {
  EXEMPTION_REASON_NEEDED,
  exemptionReasonField,
  findBillableWork,
  INVOICE_NOT_FOUND,
  isDirector,
  lineAmounts,
  LIVE_INVOICE_STATUSES,
  lockInvoice,
  NOT_A_DRAFT,
  paymentTermsField,
  poundsField,
  purchaseOrderField,
  readBillingSnapshot,
  readDraftSettings,
  refreshDraftTotals,
  sumCredits,
  vatRateField,
} from "./invoice-common";

/**
 * Draft invoices: made from an engagement's delivered (or agreed up-front) sessions and cancellation
 * charges not yet invoiced, then edited line by line until issued. Every change happens with the draft
 * locked and re-read, so a draft being issued at the same moment is never edited (and the database
 * refuses changes to an issued invoice anyway). Bad input writes nothing.
 */

const ENGAGEMENT_NOT_FOUND = "We couldn't find that engagement.";
const flatten = (error: z.ZodError) => z.flattenError(error).fieldErrors as Record<string, string[]>;

function requireReasonForZero<T extends { vatRateBasisPoints: number; vatExemptionReason: string | null }>(value: T, context: z.RefinementCtx) {
  if (value.vatRateBasisPoints === 0 && !value.vatExemptionReason) context.addIssue({ code: "custom", path: ["vatExemptionReason"], message: EXEMPTION_REASON_NEEDED });
}

export const createDraftInput = z
  .object({
    unverifiedReference: z.string({ message: "Choose an engagement." }).trim().min(1, "Choose an engagement.").max(40),
    deliveryIds: z.array(z.string().trim().min(1).max(60)).max(200, "Choose at most 200 sessions.").min(1, "Choose at least one session or charge to invoice."),
    purchaseOrderNumber: purchaseOrderField,
    paymentTermsDays: paymentTermsField,
    vatRateBasisPoints: vatRateField,
    vatExemptionReason: exemptionReasonField,
  })
  .superRefine(requireReasonForZero);

/** The engagement to invoice, with what is still billable and the defaults for the form. */
export async function getDraftCandidates({ db, actor, unverifiedReference }: { db: DbTx; actor: Actor; unverifiedReference: string }) {
  if (!isDirector(actor)) return null;
  const engagement = await db.engagement.findFirst({
    where: { reference: unverifiedReference, ...scopeEngagements(actor) },
    select: {
      id: true,
      reference: true,
      status: true,
      paymentMethod: true,
      purchaseOrderNumber: true,
      unitPricePenceSnapshot: true,
      vatRateBasisPointsSnapshot: true,
      service: { select: { name: true } },
      organisation: { select: { id: true, name: true, poRequired: true, paymentTermsDays: true, invoiceEmail: true } },
    },
  });
  if (!engagement) return null;
  const work = await findBillableWork(db, engagement.id);
  return { engagement, work };
}

/** A draft invoice from chosen sessions of one engagement: one line per session (or cancellation charge). */
export async function createDraftInvoice({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<{ invoiceId: string }>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, ENGAGEMENT_NOT_FOUND);
  const parsed = createDraftInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the invoice details.", flatten(parsed.error));
  const { unverifiedReference, deliveryIds, purchaseOrderNumber, paymentTermsDays, vatRateBasisPoints, vatExemptionReason } = parsed.data;
  return db.$transaction(async (tx) => {
    const engagement = await tx.engagement.findFirst({
      where: { reference: unverifiedReference, ...scopeEngagements(actor) },
      select: { id: true, organisationId: true, paymentMethod: true, status: true, organisation: { select: { poRequired: true } } },
    });
    if (!engagement) return fail(AppErrorCode.NOT_FOUND, ENGAGEMENT_NOT_FOUND);
    if (engagement.paymentMethod !== "INVOICE") return fail(AppErrorCode.INVALID_INPUT, "This booking was paid by card, so there's nothing to invoice.");
    if (engagement.organisation.poRequired && !purchaseOrderNumber) {
      return fail(AppErrorCode.INVALID_INPUT, "This organisation needs a PO number on its invoices.", { purchaseOrderNumber: ["Enter the client's PO number."] });
    }
    // One draft at a time per engagement: two directors' tabs can't put the same session on two drafts.
    await tx.$queryRaw`SELECT "id" FROM "Engagement" WHERE "id" = ${engagement.id} FOR UPDATE`;
    const billable = new Map((await findBillableWork(tx, engagement.id)).map((work) => [work.deliveryId, work]));
    const chosen = [...new Set(deliveryIds)].map((id) => billable.get(id));
    if (chosen.some((work) => work === undefined)) {
      return fail(AppErrorCode.INVALID_INPUT, "Some of those sessions have just been invoiced or can't be invoiced. Please check the list again.", { deliveryIds: ["Choose from the sessions listed."] });
    }
    const lines = chosen
      .map((work) => work!)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((work, position) => ({ ...lineAmounts({ description: work.description, quantity: 1, unitPricePence: work.unitPricePence, vatRateBasisPoints, vatExemptionReason }), deliveryId: work.deliveryId, position }));
    const subtotalPence = lines.reduce((sum, line) => sum + line.netPence, 0);
    const vatPence = lines.reduce((sum, line) => sum + line.vatPence, 0);
    const invoice = await tx.invoice.create({
      data: {
        organisationId: engagement.organisationId,
        engagementId: engagement.id,
        purchaseOrderNumber,
        subtotalPence,
        vatPence,
        totalPence: subtotalPence + vatPence,
        billingSnapshot: { paymentTermsDays },
        lines: { create: lines },
      },
      select: { id: true },
    });
    await tx.auditEvent.create({
      data: { actorId: actor.userId, organisationId: engagement.organisationId, action: "invoice.draft.create", subject: "Invoice", subjectId: invoice.id, data: { engagementId: engagement.id, deliveryIds: lines.map((l) => l.deliveryId), totalPence: subtotalPence + vatPence } },
    });
    return ok({ invoiceId: invoice.id });
  });
}

const draftRef = { unverifiedInvoiceId: z.string({ message: INVOICE_NOT_FOUND }).trim().min(1, INVOICE_NOT_FOUND).max(60) };

/** Runs `change` on a locked draft of the director's; anything else is refused before anything is written. */
async function withLockedDraft<T>(db: Db, actor: Actor, unverifiedInvoiceId: string, change: (tx: DbTx, draft: { id: string; organisationId: string; billingSnapshot: unknown; organisation: { poRequired: boolean } }) => Promise<Result<T>>): Promise<Result<T>> {
  return db.$transaction(async (tx) => {
    const locked = await lockInvoice(tx, actor, unverifiedInvoiceId);
    if (!locked) return fail(AppErrorCode.NOT_FOUND, INVOICE_NOT_FOUND);
    const draft = await tx.invoice.findUniqueOrThrow({ where: { id: locked.id }, select: { id: true, status: true, organisationId: true, billingSnapshot: true, organisation: { select: { poRequired: true } } } });
    if (draft.status !== "DRAFT") return fail(AppErrorCode.INVALID_INPUT, NOT_A_DRAFT);
    return change(tx, draft);
  });
}

export const updateDraftDetailsInput = z.object({ ...draftRef, purchaseOrderNumber: purchaseOrderField, paymentTermsDays: paymentTermsField });

/** The draft's PO number and payment terms. */
export async function updateDraftDetails({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  const parsed = updateDraftDetailsInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the invoice details.", flatten(parsed.error));
  const { unverifiedInvoiceId, purchaseOrderNumber, paymentTermsDays } = parsed.data;
  return withLockedDraft(db, actor, unverifiedInvoiceId, async (tx, draft) => {
    if (draft.organisation.poRequired && !purchaseOrderNumber) return fail(AppErrorCode.INVALID_INPUT, "This organisation needs a PO number on its invoices.", { purchaseOrderNumber: ["Enter the client's PO number."] });
    await tx.invoice.update({ where: { id: draft.id }, data: { purchaseOrderNumber, billingSnapshot: { ...readDraftSettings(draft.billingSnapshot), paymentTermsDays } } });
    await tx.auditEvent.create({ data: { actorId: actor.userId, organisationId: draft.organisationId, action: "invoice.draft.details", subject: "Invoice", subjectId: draft.id, data: { purchaseOrderNumber, paymentTermsDays } } });
    return ok(null);
  });
}

const lineFields = {
  description: z.string({ message: "Describe the line." }).trim().min(1, "Describe the line.").max(200, "Keep the description under 200 characters."),
  quantity: z.coerce.number({ message: "Enter a quantity." }).int("Enter a whole number.").min(1, "The quantity must be at least 1.").max(1000, "The quantity can be at most 1,000."),
  unitPrice: poundsField("the unit price", { allowNegative: true }),
  vatRateBasisPoints: vatRateField,
  vatExemptionReason: exemptionReasonField,
};

export const addDraftLineInput = z.object({ ...draftRef, ...lineFields }).superRefine(requireReasonForZero);
export const updateDraftLineInput = z.object({ ...draftRef, unverifiedLineId: z.string().trim().min(1).max(60), ...lineFields }).superRefine(requireReasonForZero);
export const removeDraftLineInput = z.object({ ...draftRef, unverifiedLineId: z.string().trim().min(1).max(60) });

function toLine(values: { description: string; quantity: number; unitPrice: number; vatRateBasisPoints: number; vatExemptionReason: string | null }) {
  return lineAmounts({ description: values.description, quantity: values.quantity, unitPricePence: values.unitPrice, vatRateBasisPoints: values.vatRateBasisPoints, vatExemptionReason: values.vatExemptionReason });
}

/** Adds a line (an extra, a discount as a negative price, a correction); totals are recomputed. */
export async function addDraftLine({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  const parsed = addDraftLineInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the new line.", flatten(parsed.error));
  return withLockedDraft(db, actor, parsed.data.unverifiedInvoiceId, async (tx, draft) => {
    const last = await tx.invoiceLine.aggregate({ where: { invoiceId: draft.id }, _max: { position: true }, _count: { _all: true } });
    if (last._count._all >= 100) return fail(AppErrorCode.INVALID_INPUT, "An invoice can have at most 100 lines.");
    const line = toLine(parsed.data);
    await tx.invoiceLine.create({ data: { ...line, invoiceId: draft.id, position: (last._max.position ?? -1) + 1 } });
    await refreshDraftTotals(tx, draft.id);
    await tx.auditEvent.create({ data: { actorId: actor.userId, organisationId: draft.organisationId, action: "invoice.draft.line.add", subject: "Invoice", subjectId: draft.id, data: { netPence: line.netPence, vatRateBasisPoints: line.vatRateBasisPoints } } });
    return ok(null);
  });
}

/** Changes one line's description, quantity, price or VAT; totals are recomputed. */
export async function updateDraftLine({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  const parsed = updateDraftLineInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the line.", flatten(parsed.error));
  return withLockedDraft(db, actor, parsed.data.unverifiedInvoiceId, async (tx, draft) => {
    const existing = await tx.invoiceLine.findFirst({ where: { id: parsed.data.unverifiedLineId, invoiceId: draft.id }, select: { id: true } });
    if (!existing) return fail(AppErrorCode.NOT_FOUND, "That line is no longer on this invoice.");
    const line = toLine(parsed.data);
    await tx.invoiceLine.update({ where: { id: existing.id }, data: line });
    await refreshDraftTotals(tx, draft.id);
    await tx.auditEvent.create({ data: { actorId: actor.userId, organisationId: draft.organisationId, action: "invoice.draft.line.update", subject: "Invoice", subjectId: draft.id, data: { lineId: existing.id, netPence: line.netPence, vatRateBasisPoints: line.vatRateBasisPoints } } });
    return ok(null);
  });
}

/** Takes a line off the draft (its session becomes billable again); totals are recomputed. */
export async function removeDraftLine({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  const parsed = removeDraftLineInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.NOT_FOUND, "That line is no longer on this invoice.");
  return withLockedDraft(db, actor, parsed.data.unverifiedInvoiceId, async (tx, draft) => {
    const removed = await tx.invoiceLine.deleteMany({ where: { id: parsed.data.unverifiedLineId, invoiceId: draft.id } });
    if (removed.count === 0) return fail(AppErrorCode.NOT_FOUND, "That line is no longer on this invoice.");
    await refreshDraftTotals(tx, draft.id);
    await tx.auditEvent.create({ data: { actorId: actor.userId, organisationId: draft.organisationId, action: "invoice.draft.line.remove", subject: "Invoice", subjectId: draft.id, data: { lineId: parsed.data.unverifiedLineId } } });
    return ok(null);
  });
}

export const deleteDraftInput = z.object(draftRef);

/** Throws a draft away (never an issued invoice: the database refuses that too). Its sessions become billable again. */
export async function deleteDraftInvoice({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  const parsed = deleteDraftInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.NOT_FOUND, INVOICE_NOT_FOUND);
  return withLockedDraft(db, actor, parsed.data.unverifiedInvoiceId, async (tx, draft) => {
    await tx.invoice.delete({ where: { id: draft.id } });
    await tx.auditEvent.create({ data: { actorId: actor.userId, organisationId: draft.organisationId, action: "invoice.draft.delete", subject: "Invoice", subjectId: draft.id, data: {} } });
    return ok(null);
  });
}

export const reissueInput = z.object(draftRef);

/**
 * "Re-issue": a new draft copied from an invoice that has been credited in full (lines, sessions, PO and
 * terms), to correct and issue under a new number. Refused while the invoice still has money on it, or
 * when its sessions are already on another live invoice (e.g. an earlier re-issue).
 */
export async function reissueInvoice({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<{ invoiceId: string }>> {
  const parsed = reissueInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.NOT_FOUND, INVOICE_NOT_FOUND);
  return db.$transaction(async (tx) => {
    const locked = await lockInvoice(tx, actor, parsed.data.unverifiedInvoiceId);
    if (!locked) return fail(AppErrorCode.NOT_FOUND, INVOICE_NOT_FOUND);
    const original = await tx.invoice.findUniqueOrThrow({
      where: { id: locked.id },
      select: {
        id: true,
        number: true,
        status: true,
        organisationId: true,
        engagementId: true,
        purchaseOrderNumber: true,
        totalPence: true,
        billingSnapshot: true,
        creditNotes: { select: { subtotalPence: true, vatPence: true, totalPence: true } },
        lines: { orderBy: { position: "asc" }, select: { deliveryId: true, description: true, quantity: true, unitPricePence: true, vatRateBasisPoints: true, vatExemptionReason: true, position: true } },
      },
    });
    if (original.status === "DRAFT") return fail(AppErrorCode.INVALID_INPUT, "This invoice is still a draft: edit it instead.");
    if (sumCredits(original.creditNotes).totalPence < original.totalPence) {
      return fail(AppErrorCode.INVALID_INPUT, "Credit this invoice in full first; then it can be re-issued with corrections.");
    }
    const deliveryIds = original.lines.map((line) => line.deliveryId).filter((id): id is string => id !== null);
    if (deliveryIds.length) {
      const elsewhere = await tx.invoice.findFirst({
        where: { id: { not: original.id }, status: { in: [...LIVE_INVOICE_STATUSES] }, lines: { some: { deliveryId: { in: deliveryIds } } } },
        select: { id: true, number: true },
      });
      if (elsewhere) {
        return fail(AppErrorCode.INVALID_INPUT, elsewhere.number === null ? "This work is already on a draft invoice: open that draft to correct and issue it." : `This work has already been invoiced again as ${formatInvoiceNumber(elsewhere.number)}.`);
      }
    }
    const terms = readBillingSnapshot(original.billingSnapshot).paymentTermsDays;
    const draft = await tx.invoice.create({
      data: {
        organisationId: original.organisationId,
        engagementId: original.engagementId,
        purchaseOrderNumber: original.purchaseOrderNumber,
        billingSnapshot: { ...(typeof terms === "number" ? { paymentTermsDays: terms } : {}), replacesInvoiceNumber: original.number! },
        lines: { create: original.lines.map((line) => ({ ...lineAmounts(line), deliveryId: line.deliveryId, position: line.position })) },
      },
      select: { id: true },
    });
    await refreshDraftTotals(tx, draft.id);
    await tx.auditEvent.create({ data: { actorId: actor.userId, organisationId: original.organisationId, action: "invoice.reissue", subject: "Invoice", subjectId: draft.id, data: { fromInvoiceId: original.id, fromNumber: original.number } } });
    return ok({ invoiceId: draft.id });
  });
}
