"use client";

import { useActionState } from "react";
import { respondToOfferAction, type OfferState } from "@/app/associate/actions";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

/**
 * Accept or decline with one click; a reason for declining is optional. When the associate's checks
 * don't cover the date, accepting is switched off and the reason is already on the card.
 */
export function OfferResponse({ assignmentId, isBlocked, label }: { assignmentId: string; isBlocked: boolean; label: string }) {
  const [state, action, isPending] = useActionState<OfferState, FormData>(respondToOfferAction, null);
  const reasonId = `reason-${assignmentId}`;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <FormAlert message={state && !state.ok ? state.message : null} />
      <details className="rounded-lg border border-stone-200 p-3 text-sm">
        <summary className="cursor-pointer font-medium">Add a reason if you&apos;re declining (optional)</summary>
        <label htmlFor={reasonId} className="mt-2 block font-medium">
          Reason
        </label>
        <p id={`${reasonId}-hint`} className="text-stone-700">Only the director sees this.</p>
        <textarea
          id={reasonId}
          name="reason"
          rows={2}
          maxLength={500}
          defaultValue={state?.values?.reason}
          aria-describedby={`${reasonId}-hint`}
          className="mt-1 block w-full rounded-lg border border-stone-400 px-3 py-2"
        />
      </details>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" name="response" value="ACCEPT" disabled={isPending || isBlocked} aria-label={`Accept: ${label}`}>
          {isPending ? "Sending…" : "Accept"}
        </Button>
        <Button type="submit" name="response" value="DECLINE" variant="secondary" disabled={isPending} aria-label={`Decline: ${label}`}>
          Decline
        </Button>
      </div>
    </form>
  );
}
