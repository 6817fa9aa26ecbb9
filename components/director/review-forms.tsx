"use client";

import { useActionState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { ActionNotice } from "@/components/associate/profile-notice";
import { Button } from "@/components/ui/button";
import { approveServiceAction, declineCheckAction, declineServiceAction, type ReviewFormState, verifyCheckAction } from "@/app/director/checks/actions";

/** Verify, or turn down with a note (asked for before it is sent), one associate's check. */
export function ReviewCheckActions({ recordId, what }: { recordId: string; what: string }) {
  const [verifyState, verify, isVerifying] = useActionState<ReviewFormState, FormData>(verifyCheckAction, null);
  const [declineState, decline, isDeclining] = useActionState<ReviewFormState, FormData>(declineCheckAction, null);
  const errors = declineState && !declineState.ok ? (declineState.fieldErrors ?? {}) : {};
  const values = declineState && !declineState.ok ? (declineState.values ?? {}) : {};
  const noteId = `note-${recordId}`;
  return (
    <div className="space-y-2">
      <ActionNotice state={verifyState} />
      <div className="flex flex-wrap items-start gap-3">
        <form action={verify}>
          <input type="hidden" name="recordId" value={recordId} />
          <Button type="submit" disabled={isVerifying} aria-label={`Verify ${what}`}>
            {isVerifying ? "Verifying…" : "Verify"}
          </Button>
        </form>
        <details className="min-w-0 flex-1">
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-red-800 underline">
            Not accepted…<span className="sr-only"> {what}</span>
          </summary>
          <form action={decline} className="mt-2 space-y-2 rounded-lg border border-red-200 bg-red-50 p-3" noValidate>
            <input type="hidden" name="recordId" value={recordId} />
            <ActionNotice state={declineState} />
            <Field id={noteId} label="Note for the associate" hint="Say kindly what's wrong and what to send instead. They'll see this and get it by email." error={errors.note?.[0]}>
              <textarea id={noteId} name="note" rows={3} maxLength={500} defaultValue={values.note ?? ""} className="block w-full rounded-lg border border-stone-400 bg-white px-3 py-2" {...describedBy(noteId, { hint: true, error: errors.note?.[0] })} />
            </Field>
            <Button type="submit" variant="secondary" disabled={isDeclining}>
              {isDeclining ? "Saving…" : "Mark as not accepted"}
            </Button>
          </form>
        </details>
      </div>
    </div>
  );
}

/** Approve or decline an associate's request to deliver a service (declining asks first). */
export function ReviewServiceActions({ qualificationId, what }: { qualificationId: string; what: string }) {
  const [approveState, approve, isApproving] = useActionState<ReviewFormState, FormData>(approveServiceAction, null);
  const [declineState, decline, isDeclining] = useActionState<ReviewFormState, FormData>(declineServiceAction, null);
  return (
    <div className="space-y-2">
      <ActionNotice state={approveState ?? declineState} />
      <div className="flex flex-wrap items-start gap-3">
        <form action={approve}>
          <input type="hidden" name="qualificationId" value={qualificationId} />
          <Button type="submit" disabled={isApproving} aria-label={`Approve ${what}`}>
            {isApproving ? "Approving…" : "Approve"}
          </Button>
        </form>
        <details>
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-red-800 underline">
            Decline…<span className="sr-only"> {what}</span>
          </summary>
          <form action={decline} className="mt-2 space-y-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm">
            <input type="hidden" name="qualificationId" value={qualificationId} />
            <p>The request is removed. They can ask again later.</p>
            <Button type="submit" variant="secondary" disabled={isDeclining}>
              {isDeclining ? "Declining…" : "Yes, decline"}
            </Button>
          </form>
        </details>
      </div>
    </div>
  );
}
