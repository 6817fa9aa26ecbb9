"use server";

import { revalidatePath } from "next/cache";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { submitComplianceRecord, withdrawComplianceEntry } from "@/lib/server/associates/compliance";

export type ChecksFormState = (Result<null> & { values?: Record<string, string>; notice?: string }) | null;

const PATH = "/associate/checks";

export async function submitCheckAction(_previous: ChecksFormState, formData: FormData): Promise<ChecksFormState> {
  const actor = await requireAssociate(PATH);
  const values = submittedValues(formData, 500);
  const result = await submitComplianceRecord({ db, actor, input: values });
  if (!result.ok) return { ...result, values };
  revalidatePath(PATH);
  revalidatePath("/associate");
  return { ok: true, data: null, notice: "Thank you. The director will check these details; until then they don't count." };
}

export async function withdrawEntryAction(_previous: ChecksFormState, formData: FormData): Promise<ChecksFormState> {
  const actor = await requireAssociate(PATH);
  const result = await withdrawComplianceEntry({ db, actor, input: { unverifiedRecordId: formData.get("recordId") } });
  if (!result.ok) return result;
  revalidatePath(PATH);
  return { ok: true, data: null, notice: "Taken back." };
}
