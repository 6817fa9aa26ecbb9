"use server";

import { revalidatePath } from "next/cache";
import { requireMembership } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import { env } from "@/lib/env";
import type { Result } from "@/lib/result";
import { inviteColleague, removeColleague, updateBillingDetails } from "@/lib/server/organisations/organisation-settings";

export type SettingsState = (Result<null> & { values?: Record<string, string>; notice?: string }) | null;


export async function updateBillingAction(unverifiedOrgSlug: string, _previous: SettingsState, formData: FormData): Promise<SettingsState> {
  const context = await requireMembership(unverifiedOrgSlug, ["ORG_ADMIN"]);
  const result = await updateBillingDetails({ db, context, input: { ...submittedValues(formData, 500), poRequired: formData.get("poRequired") === "on" } });
  if (!result.ok) return { ...result, values: submittedValues(formData, 500) };
  revalidatePath(`/org/${context.organisation.slug}`, "layout");
  return { ok: true, data: null, notice: "Billing details saved." };
}

export async function inviteColleagueAction(unverifiedOrgSlug: string, _previous: SettingsState, formData: FormData): Promise<SettingsState> {
  const context = await requireMembership(unverifiedOrgSlug, ["ORG_ADMIN"]);
  const result = await inviteColleague({ db, context, appUrl: env.APP_URL, input: submittedValues(formData, 500) });
  if (!result.ok) return { ...result, values: submittedValues(formData, 500) };
  revalidatePath(`/org/${context.organisation.slug}/settings`);
  return { ok: true, data: null, notice: `We've emailed ${String(formData.get("email"))} a link to sign in.` };
}

export async function removeColleagueAction(unverifiedOrgSlug: string, _previous: SettingsState, formData: FormData): Promise<SettingsState> {
  const context = await requireMembership(unverifiedOrgSlug, ["ORG_ADMIN"]);
  const result = await removeColleague({ db, context, input: { unverifiedMembershipId: formData.get("membershipId") } });
  if (!result.ok) return result;
  revalidatePath(`/org/${context.organisation.slug}/settings`);
  return { ok: true, data: null, notice: "Removed." };
}
