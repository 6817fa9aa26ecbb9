"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { approvePayRun, createPayRun, deleteDraftPayRun, markPayRunPaid } from "@/lib/server/director/pay-runs";

/** What every pay-run form gets back: the result, what was typed (after a refusal) and a notice (after success). */
export type PayFormState = (Result<null> & { values?: Record<string, string>; notice?: string }) | null;

function refused(result: Exclude<Result<unknown>, { ok: true }>, formData: FormData): PayFormState {
  return { ...result, values: submittedValues(formData, 200) };
}

export async function createPayRunAction(_previous: PayFormState, formData: FormData): Promise<PayFormState> {
  const actor = await requireDirector();
  const result = await createPayRun({ db, actor, input: { periodStart: formData.get("periodStart"), periodEnd: formData.get("periodEnd") } });
  if (!result.ok) return refused(result, formData);
  revalidatePath("/director/pay", "layout");
  redirect(`/director/pay/${result.data.payRunId}?created=1`);
}

export async function approvePayRunAction(unverifiedPayRunId: string, _previous: PayFormState, formData: FormData): Promise<PayFormState> {
  const actor = await requireDirector();
  const result = await approvePayRun({ db, actor, input: { unverifiedPayRunId } });
  if (!result.ok) return refused(result, formData);
  // The approve form leaves the page once the run is approved, so the notice comes from the address.
  revalidatePath("/director/pay", "layout");
  redirect(`/director/pay/${encodeURIComponent(unverifiedPayRunId)}?approved=1`);
}

export async function markPayRunPaidAction(unverifiedPayRunId: string, _previous: PayFormState, formData: FormData): Promise<PayFormState> {
  const actor = await requireDirector();
  const result = await markPayRunPaid({ db, actor, input: { unverifiedPayRunId } });
  if (!result.ok) return refused(result, formData);
  revalidatePath("/director/pay", "layout");
  redirect(`/director/pay/${encodeURIComponent(unverifiedPayRunId)}?paid=${result.data.paidCount}`);
}

export async function deletePayRunAction(unverifiedPayRunId: string, _previous: PayFormState, formData: FormData): Promise<PayFormState> {
  const actor = await requireDirector();
  const result = await deleteDraftPayRun({ db, actor, input: { unverifiedPayRunId } });
  if (!result.ok) return refused(result, formData);
  revalidatePath("/director/pay", "layout");
  redirect("/director/pay?deleted=1");
}
