"use server";

import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { submittedValues } from "@/lib/form-values";
import type { Result } from "@/lib/result";
import { decideExpenseClaim } from "@/lib/server/director/expense-decisions";

export type ExpenseDecisionState = (Result<null> & { values?: Record<string, string>; notice?: string }) | null;

const notices = {
  APPROVED: "Approved. It will be paid in the next pay run for that session's dates.",
  QUERIED: "Your question has been emailed. The claim waits here until they reply.",
  REJECTED: "Not approved. We've emailed them your reason.",
} as const;

/** One decision on one claim; the button pressed says which (approve, ask a question, reject). */
export async function decideExpenseClaimAction(unverifiedClaimId: string, _previous: ExpenseDecisionState, formData: FormData): Promise<ExpenseDecisionState> {
  const actor = await requireDirector();
  const result = await decideExpenseClaim({ db, actor, input: { unverifiedClaimId, decision: formData.get("decision"), note: formData.get("note") } });
  if (!result.ok) return { ...result, values: submittedValues(formData, 1000) };
  // No revalidation: the decided claim stays on this page with its notice in place of the buttons
  // (refreshing would remove it, and the confirmation with it). Both pages are dynamic, so the next
  // visit shows the new state.
  return { ok: true, data: null, notice: notices[result.data.status] };
}
