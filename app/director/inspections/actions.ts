"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { createMockInspection, finaliseMockInspection, readInspectionForm, updateMockInspection } from "@/lib/server/director/inspections";

/** What every mock-inspection form gets back: the result, what was typed (after a refusal), a notice (after success). */
export type InspectionFormState = (Result<null> & { values?: Record<string, string>; notice?: string }) | null;

export async function createInspectionAction(_previous: InspectionFormState, formData: FormData): Promise<InspectionFormState> {
  const actor = await requireDirector();
  const result = await createMockInspection({ db, actor, now: new Date(), input: submittedValues(formData, 500) });
  if (!result.ok) return { ...result, values: submittedValues(formData, 500) };
  revalidatePath("/director/inspections");
  redirect(`/director/inspections/${result.data.id}?created=1`);
}

export async function updateInspectionAction(unverifiedInspectionId: string, _previous: InspectionFormState, formData: FormData): Promise<InspectionFormState> {
  const actor = await requireDirector();
  const values = submittedValues(formData, 10_000);
  const result = await updateMockInspection({ db, actor, input: readInspectionForm({ ...values, inspectionId: unverifiedInspectionId }) });
  if (!result.ok) return { ...result, values };
  revalidatePath(`/director/inspections/${unverifiedInspectionId}`);
  revalidatePath("/director/inspections");
  return { ok: true, data: null, notice: "Report saved." };
}

/** Bound to the report; the form sends nothing else (useActionState's previous state and form data are not needed). */
export async function finaliseInspectionAction(unverifiedInspectionId: string): Promise<InspectionFormState> {
  const actor = await requireDirector();
  const result = await finaliseMockInspection({ db, actor, now: new Date(), input: { unverifiedInspectionId } });
  if (!result.ok) return result;
  revalidatePath("/director/inspections");
  redirect(`/director/inspections/${unverifiedInspectionId}?finalised=1`);
}
