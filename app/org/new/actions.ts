"use server";

import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { registerOrganisation } from "@/lib/server/organisations/organisation-settings";

export type RegisterState = (Exclude<Result<null>, { ok: true }> & { values?: Record<string, string> }) | null;

/** Sets up the organisation, then carries on to what the person was doing (a same-site path only). */
export async function registerOrganisationAction(next: string | null, _previous: RegisterState, formData: FormData): Promise<RegisterState> {
  const actor = await requireActor("/org/new");
  const result = await registerOrganisation({ db, actor, input: { ...submittedValues(formData, 500), poRequired: formData.get("poRequired") === "on" } });
  if (!result.ok) return { ...result, values: submittedValues(formData, 500) };
  const service = next && /^\/services\/[a-z0-9-]{1,100}\/book$/.test(next) ? next.split("/")[2] : null;
  redirect(service ? `/services/${service}/book` : `/org/${result.data.slug}`);
}
