"use server";

import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { submitFeedback } from "@/lib/server/feedback/attendance-and-feedback";

export type FeedbackState = (Result<null> & { values?: Record<string, string> }) | null;

/** No account: the token in the link is the attendee's only credential. */
export async function submitFeedbackAction(token: string, _previous: FeedbackState, formData: FormData): Promise<FeedbackState> {
  const values = submittedValues(formData, 2000);
  const result = await submitFeedback({ db, input: { ...values, token } });
  return result.ok ? result : { ...result, values };
}
