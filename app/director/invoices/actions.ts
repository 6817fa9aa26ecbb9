"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { issueCreditNote } from "@/lib/server/director/credit-notes";
import { addDraftLine, createDraftInvoice, deleteDraftInvoice, reissueInvoice, removeDraftLine, updateDraftDetails, updateDraftLine } from "@/lib/server/director/invoice-drafts";
import { issueInvoice } from "@/lib/server/director/invoice-issue";
import { markInvoicePaid } from "@/lib/server/director/invoice-payments";

/** What every invoice form gets back: the result, what was typed (after a refusal) and a notice (after success). */
export type InvoiceFormState = (Result<null> & { values?: Record<string, string>; notice?: string }) | null;

function refused(result: Exclude<Result<unknown>, { ok: true }>, formData: FormData): InvoiceFormState {
  return { ...result, values: submittedValues(formData, 2000) };
}

function done(notice: string): InvoiceFormState {
  revalidatePath("/director/invoices", "layout");
  return { ok: true, data: null, notice };
}

export async function createDraftAction(_previous: InvoiceFormState, formData: FormData): Promise<InvoiceFormState> {
  const actor = await requireDirector();
  const result = await createDraftInvoice({
    db,
    actor,
    input: {
      unverifiedReference: formData.get("reference"),
      deliveryIds: formData.getAll("deliveryIds").filter((value) => typeof value === "string"),
      purchaseOrderNumber: formData.get("purchaseOrderNumber"),
      paymentTermsDays: formData.get("paymentTermsDays"),
      vatRateBasisPoints: formData.get("vatRateBasisPoints"),
      vatExemptionReason: formData.get("vatExemptionReason"),
    },
  });
  // Ticked boxes share one name: kept as a comma list so the form can tick them again.
  if (!result.ok) return { ...result, values: { ...submittedValues(formData, 2000), deliveryIds: formData.getAll("deliveryIds").join(",") } };
  revalidatePath("/director/invoices", "layout");
  redirect(`/director/invoices/${result.data.invoiceId}?created=1`);
}

export async function updateDraftDetailsAction(unverifiedInvoiceId: string, _previous: InvoiceFormState, formData: FormData): Promise<InvoiceFormState> {
  const actor = await requireDirector();
  const result = await updateDraftDetails({ db, actor, input: { unverifiedInvoiceId, purchaseOrderNumber: formData.get("purchaseOrderNumber"), paymentTermsDays: formData.get("paymentTermsDays") } });
  return result.ok ? done("Details saved.") : refused(result, formData);
}

function lineInput(formData: FormData) {
  return {
    description: formData.get("description"),
    quantity: formData.get("quantity"),
    unitPrice: formData.get("unitPrice"),
    vatRateBasisPoints: formData.get("vatRateBasisPoints"),
    vatExemptionReason: formData.get("vatExemptionReason"),
  };
}

export async function addDraftLineAction(unverifiedInvoiceId: string, _previous: InvoiceFormState, formData: FormData): Promise<InvoiceFormState> {
  const actor = await requireDirector();
  const result = await addDraftLine({ db, actor, input: { unverifiedInvoiceId, ...lineInput(formData) } });
  return result.ok ? done("Line added. The totals have been worked out again.") : refused(result, formData);
}

export async function updateDraftLineAction(unverifiedInvoiceId: string, unverifiedLineId: string, _previous: InvoiceFormState, formData: FormData): Promise<InvoiceFormState> {
  const actor = await requireDirector();
  const result = await updateDraftLine({ db, actor, input: { unverifiedInvoiceId, unverifiedLineId, ...lineInput(formData) } });
  return result.ok ? done("Line saved. The totals have been worked out again.") : refused(result, formData);
}

export async function removeDraftLineAction(unverifiedInvoiceId: string, unverifiedLineId: string, _previous: InvoiceFormState, formData: FormData): Promise<InvoiceFormState> {
  const actor = await requireDirector();
  const result = await removeDraftLine({ db, actor, input: { unverifiedInvoiceId, unverifiedLineId } });
  return result.ok ? done("Line removed.") : refused(result, formData);
}

export async function deleteDraftAction(unverifiedInvoiceId: string, _previous: InvoiceFormState, formData: FormData): Promise<InvoiceFormState> {
  const actor = await requireDirector();
  const result = await deleteDraftInvoice({ db, actor, input: { unverifiedInvoiceId } });
  if (!result.ok) return refused(result, formData);
  revalidatePath("/director/invoices", "layout");
  redirect("/director/invoices?deleted=1");
}

export async function issueInvoiceAction(unverifiedInvoiceId: string, _previous: InvoiceFormState, formData: FormData): Promise<InvoiceFormState> {
  const actor = await requireDirector();
  const result = await issueInvoice({ db, actor, input: { unverifiedInvoiceId }, appUrl: env.APP_URL });
  if (!result.ok) return refused(result, formData);
  revalidatePath("/director/invoices", "layout");
  // The page changes completely once issued, so the confirmation travels in the address.
  redirect(`/director/invoices/${unverifiedInvoiceId}?issued=1`);
}

export async function markPaidAction(unverifiedInvoiceId: string, _previous: InvoiceFormState, formData: FormData): Promise<InvoiceFormState> {
  const actor = await requireDirector();
  const result = await markInvoicePaid({ db, actor, input: { unverifiedInvoiceId, paidOn: formData.get("paidOn"), reference: formData.get("reference") } });
  if (!result.ok) return refused(result, formData);
  revalidatePath("/director/invoices", "layout");
  redirect(`/director/invoices/${unverifiedInvoiceId}?paid=${result.data.engagementPaid ? "all" : "1"}`);
}

export async function creditNoteAction(unverifiedInvoiceId: string, _previous: InvoiceFormState, formData: FormData): Promise<InvoiceFormState> {
  const actor = await requireDirector();
  const result = await issueCreditNote({
    db,
    actor,
    input: { unverifiedInvoiceId, scope: formData.get("scope"), amount: formData.get("amount"), vatRateBasisPoints: formData.get("vatRateBasisPoints"), reason: formData.get("reason") },
  });
  if (!result.ok) return refused(result, formData);
  revalidatePath("/director/invoices", "layout");
  redirect(`/director/invoices/${unverifiedInvoiceId}?credited=${result.data.number}`);
}

export async function reissueInvoiceAction(unverifiedInvoiceId: string, _previous: InvoiceFormState, formData: FormData): Promise<InvoiceFormState> {
  const actor = await requireDirector();
  const result = await reissueInvoice({ db, actor, input: { unverifiedInvoiceId } });
  if (!result.ok) return refused(result, formData);
  revalidatePath("/director/invoices", "layout");
  redirect(`/director/invoices/${result.data.invoiceId}?reissued=1`);
}
