"use server";

import { revalidatePath } from "next/cache";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import {
  requestQualification,
  setConsent,
  stopQualification,
  updateExpertise,
  updateLivedExperienceStory,
  updatePublicProfile,
} from "@/lib/server/associates/profile";

export type ProfileFormState = (Result<null> & { values?: Record<string, string>; notice?: string }) | null;

const PATH = "/associate/profile";

function done(result: Result<unknown>, formData: FormData, notice: string): ProfileFormState {
  if (!result.ok) return { ...result, values: submittedValues(formData, 6000) };
  revalidatePath(PATH);
  return { ok: true, data: null, notice };
}

export async function updatePublicProfileAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const actor = await requireAssociate(PATH);
  const result = await updatePublicProfile({ db, actor, input: submittedValues(formData, 6000) });
  return done(result, formData, "Saved. The preview shows how clients will see it.");
}

export async function updateExpertiseAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const actor = await requireAssociate(PATH);
  const result = await updateExpertise({ db, actor, input: submittedValues(formData) });
  return done(result, formData, "Your expertise is saved.");
}

export async function updateStoryAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const actor = await requireAssociate(PATH);
  const result = await updateLivedExperienceStory({ db, actor, input: submittedValues(formData, 6000) });
  return done(result, formData, result.ok && result.data.isDeleted ? "Your story has been deleted." : "Your story is saved. Only the director can read it.");
}

export async function setConsentAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const actor = await requireAssociate(PATH);
  const input = submittedValues(formData);
  const result = await setConsent({ db, actor, input });
  return done(result, formData, input.decision === "GRANT" ? "Thank you — saved." : "Withdrawn. You can agree again at any time.");
}

export async function requestServiceAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const actor = await requireAssociate(PATH);
  const result = await requestQualification({ db, actor, input: { unverifiedServiceId: formData.get("serviceId") } });
  return done(result, formData, "Sent to the director. We'll let you know.");
}

export async function stopServiceAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const actor = await requireAssociate(PATH);
  const result = await stopQualification({ db, actor, input: { unverifiedServiceId: formData.get("serviceId") } });
  return done(result, formData, "Done. You won't be offered this service.");
}
