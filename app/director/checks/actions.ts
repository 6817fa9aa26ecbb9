"use server";

import { revalidatePath } from "next/cache";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { approveQualification, declineComplianceRecord, declineQualification, verifyComplianceRecord } from "@/lib/server/director/review-checks";

export type ReviewFormState = (Result<null> & { values?: Record<string, string>; notice?: string }) | null;

const PATH = "/director/checks";

function done(result: Result<null>, notice: string, values?: Record<string, string>): ReviewFormState {
  if (!result.ok) return values ? { ...result, values } : result;
  revalidatePath(PATH);
  return { ok: true, data: null, notice };
}

export async function verifyCheckAction(_previous: ReviewFormState, formData: FormData): Promise<ReviewFormState> {
  const actor = await requireDirector(PATH);
  return done(await verifyComplianceRecord({ db, actor, input: { unverifiedRecordId: formData.get("recordId") } }), "Verified.");
}

export async function declineCheckAction(_previous: ReviewFormState, formData: FormData): Promise<ReviewFormState> {
  const actor = await requireDirector(PATH);
  const values = submittedValues(formData, 600);
  const result = await declineComplianceRecord({ db, actor, appUrl: env.APP_URL, input: { unverifiedRecordId: values.recordId, note: values.note } });
  return done(result, "Marked as not accepted. We've emailed the associate your note.", values);
}

export async function approveServiceAction(_previous: ReviewFormState, formData: FormData): Promise<ReviewFormState> {
  const actor = await requireDirector(PATH);
  return done(await approveQualification({ db, actor, input: { unverifiedQualificationId: formData.get("qualificationId") } }), "Approved.");
}

export async function declineServiceAction(_previous: ReviewFormState, formData: FormData): Promise<ReviewFormState> {
  const actor = await requireDirector(PATH);
  return done(await declineQualification({ db, actor, input: { unverifiedQualificationId: formData.get("qualificationId") } }), "Declined.");
}
