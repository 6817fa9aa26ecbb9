"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { deleteExpenseClaim, resubmitExpenseClaim, submitExpenseClaim } from "@/lib/server/associates/expenses";
import { updateBenefits, updatePayPreference } from "@/lib/server/associates/money";

export type MoneyFormState = (Result<null> & { values?: Record<string, string>; notice?: string; warning?: string | null }) | null;

export async function updatePayPreferenceAction(_previous: MoneyFormState, formData: FormData): Promise<MoneyFormState> {
  const actor = await requireAssociate("/associate/money");
  const values = submittedValues(formData, 500);
  const result = await updatePayPreference({ db, actor, input: values });
  if (!result.ok) return { ...result, values };
  revalidatePath("/associate/money");
  return { ok: true, data: null, notice: "Saved. Thank you.", warning: result.data.voucherWarning };
}

export async function updateBenefitsAction(_previous: MoneyFormState, formData: FormData): Promise<MoneyFormState> {
  const actor = await requireAssociate("/associate/money");
  const values = submittedValues(formData, 500);
  const result = await updateBenefits({ db, actor, input: values });
  if (!result.ok) return { ...result, values };
  revalidatePath("/associate/money");
  return { ok: true, data: null, notice: "Saved. Only you and the director can see this." };
}

/** What a claim form sends: its text fields, plus the receipt file when one was chosen. */
function claimInput(formData: FormData) {
  const receipt = formData.get("receipt");
  return { ...submittedValues(formData, 500), receipt: typeof receipt === "string" ? undefined : receipt };
}

export async function submitExpenseAction(_previous: MoneyFormState, formData: FormData): Promise<MoneyFormState> {
  const actor = await requireAssociate("/associate/money/expenses/new");
  const result = await submitExpenseClaim({ db, actor, input: claimInput(formData) });
  if (!result.ok) return { ...result, values: submittedValues(formData, 500) };
  revalidatePath("/associate/money");
  redirect(`/associate/money?claimed=${encodeURIComponent(result.data.id)}#expenses`);
}

export async function resubmitExpenseAction(unverifiedClaimId: string, _previous: MoneyFormState, formData: FormData): Promise<MoneyFormState> {
  const actor = await requireAssociate("/associate/money");
  const result = await resubmitExpenseClaim({ db, actor, input: { ...claimInput(formData), unverifiedClaimId } });
  if (!result.ok) return { ...result, values: submittedValues(formData, 500) };
  revalidatePath("/associate/money");
  redirect(`/associate/money?claimed=${encodeURIComponent(result.data.id)}#expenses`);
}

export async function deleteExpenseAction(_previous: MoneyFormState, formData: FormData): Promise<MoneyFormState> {
  const actor = await requireAssociate("/associate/money");
  const result = await deleteExpenseClaim({ db, actor, input: { unverifiedClaimId: formData.get("claimId") } });
  if (!result.ok) return result;
  revalidatePath("/associate/money");
  redirect("/associate/money?deleted=1#expenses");
}
