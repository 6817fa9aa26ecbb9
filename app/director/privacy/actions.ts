"use server";

import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { eraseAssociate, eraseAttendee, type ErasureOutcome } from "@/lib/server/privacy/erase";
import { findPersonHoldings, type PersonHoldings } from "@/lib/server/privacy/find-person";

const PATH = "/director/privacy";

export type LookupState = ((Result<PersonHoldings> & { values?: Record<string, string> }) | null);
export type EraseState = ((Result<ErasureOutcome> & { notice?: string; values?: Record<string, string> }) | null);

const CATEGORY_WORDS: Record<string, string> = {
  account: "name, email and phone",
  profile: "profile",
  story: "private story",
  consents: "consents",
  availability: "availability",
  compliance: "compliance checks",
  qualifications: "services",
  signIns: "sign-in sessions",
  memberships: "organisation memberships",
  attendee: "name, email and job title",
  feedbackComments: "feedback comments",
  emailsCancelled: "emails waiting to be sent",
  emailBodies: "copies of emails sent",
  mentions: "mentions in notes and messages",
};

function describe(result: Result<ErasureOutcome>, who: string): EraseState {
  if (!result.ok) return result;
  if (result.data.alreadyErased) return { ...result, notice: `${who} had already been erased. Nothing more to remove.` };
  const parts = result.data.removed.filter((r) => r.count > 0 && CATEGORY_WORDS[r.category]).map((r) => CATEGORY_WORDS[r.category]);
  return { ...result, notice: `Erased. Removed: ${parts.join(", ")}. Payments, expense claims and invoices stay, without their name.` };
}

export async function findPersonAction(_previous: LookupState, formData: FormData): Promise<LookupState> {
  const actor = await requireDirector(PATH);
  const values = submittedValues(formData, 300);
  const result = await findPersonHoldings({ db, actor, input: { email: values.email } });
  return result.ok ? result : { ...result, values };
}

export async function eraseAssociateAction(_previous: EraseState, formData: FormData): Promise<EraseState> {
  const actor = await requireDirector(PATH);
  const values = submittedValues(formData, 300);
  const result = await eraseAssociate({ db, actor, input: { unverifiedUserId: values.userId, confirmEmail: values.confirmEmail } });
  return result.ok ? describe(result, "This associate") : { ...result, values };
}

export async function eraseAttendeeAction(_previous: EraseState, formData: FormData): Promise<EraseState> {
  const actor = await requireDirector(PATH);
  const values = submittedValues(formData, 300);
  const ids = formData.getAll("attendeeId").filter((v): v is string => typeof v === "string");
  const result = await eraseAttendee({ db, actor, input: { unverifiedAttendeeIds: ids, confirmEmail: values.confirmEmail } });
  return result.ok ? describe(result, "This attendee") : { ...result, values };
}
