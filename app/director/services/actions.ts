"use server";

import { revalidatePath } from "next/cache";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { updateService } from "@/lib/server/director/catalogue";

export type ServiceFormState = (Result<null> & { values?: Record<string, string>; notice?: string }) | null;

export async function updateServiceAction(unverifiedServiceId: string, _previous: ServiceFormState, formData: FormData): Promise<ServiceFormState> {
  const actor = await requireDirector();
  const values = submittedValues(formData, 5000);
  const deliveryModes = formData.getAll("deliveryModes").filter((value) => typeof value === "string");
  const result = await updateService({ db, actor, input: { ...values, deliveryModes, unverifiedServiceId } });
  // Ticked boxes share one name: kept as a comma list so the form can tick them again.
  if (!result.ok) return { ...result, values: { ...values, deliveryModes: deliveryModes.join(",") } };
  revalidatePath("/director/services", "layout");
  revalidatePath("/services", "layout");
  return { ok: true, data: null, notice: "Service saved. New bookings use these details; existing bookings keep their price." };
}
