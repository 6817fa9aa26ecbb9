"use client";

import { useActionState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { decideExpenseClaimAction, type ExpenseDecisionState } from "@/app/director/expenses/actions";

/**
 * Approve, ask a question about, or reject one expense claim. A question or a rejection needs a note
 * (it is emailed to the associate); the server says so next to the note if it is missing.
 */
export function ExpenseDecisionForm({ claimId, isQueried, label }: { claimId: string; isQueried: boolean; label: string }) {
  const [state, action, isPending] = useActionState<ExpenseDecisionState, FormData>(decideExpenseClaimAction.bind(null, claimId), null);
  const noteId = `note-${claimId}`;
  const noteError = state && !state.ok ? state.fieldErrors?.note?.[0] : undefined;
  const hint = "Needed to ask a question or to reject: it is emailed to them, so write it as you'd say it.";
  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-brand-50 p-3 text-sm">
        {state.notice}
      </p>
    );
  }
  return (
    <form action={action} className="space-y-3" aria-label={`Decide: ${label}`}>
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          {state.message}
        </p>
      ) : null}
      <Field id={noteId} label="Note to the associate" hint={hint} error={noteError}>
        <textarea id={noteId} name="note" rows={2} defaultValue={state && !state.ok ? (state.values?.note ?? "") : ""} className="block w-full rounded-lg border border-stone-400 bg-white px-3 py-2" {...describedBy(noteId, { hint, error: noteError })} />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="APPROVE" disabled={isPending}>
          {isPending ? "Saving…" : "Approve"}
        </Button>
        {isQueried ? null : (
          <Button type="submit" name="decision" value="QUERY" variant="secondary" disabled={isPending}>
            Ask a question
          </Button>
        )}
        <Button type="submit" name="decision" value="REJECT" variant="secondary" disabled={isPending}>
          Reject
        </Button>
      </div>
    </form>
  );
}
