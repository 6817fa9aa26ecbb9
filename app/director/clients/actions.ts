"use server";

import { revalidatePath } from "next/cache";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { updateClientBilling } from "@/lib/server/director/clients";

export type ClientFormState = (Result<null> & { values?: Record<string, string>; notice?: string }) | null;

export async function updateClientAction(unverifiedOrganisationId: string, _previous: ClientFormState, formData: FormData): Promise<ClientFormState> {
  const actor = await requireDirector();
  const values = submittedValues(formData, 500);
  const result = await updateClientBilling({ db, actor, input: { ...values, poRequired: formData.get("poRequired") === "on", unverifiedOrganisationId } });
  if (!result.ok) return { ...result, values };
  revalidatePath("/director/clients", "layout");
  return { ok: true, data: null, notice: "Client details saved. New invoices use them; issued invoices keep the details they were issued with." };
}
