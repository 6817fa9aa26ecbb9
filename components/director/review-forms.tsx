"use client";

import { createContext, type ReactNode, useActionState, useCallback, useContext, useState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { ActionNotice } from "@/components/associate/profile-notice";
import { Button } from "@/components/ui/button";
import { approveServiceAction, declineCheckAction, declineServiceAction, type ReviewFormState, verifyCheckAction } from "@/app/director/checks/actions";

type Action = (state: ReviewFormState, formData: FormData) => Promise<ReviewFormState>;
const AnnounceContext = createContext<(message: string) => void>(() => {});

/**
 * A reviewed item leaves its list as soon as the page refreshes, taking its own message with it; this
 * keeps one polite status above the lists saying what was just done.
 */
export function ReviewAnnouncements({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <AnnounceContext.Provider value={setMessage}>
      <p role="status" className={message ? "mb-4 rounded-md bg-brand-50 p-3 text-sm text-stone-900" : "sr-only"}>
        {message}
      </p>
      {children}
    </AnnounceContext.Provider>
  );
}

function useAnnouncedAction(action: Action, message: string) {
  const announce = useContext(AnnounceContext);
  const announced = useCallback<Action>(
    async (state, formData) => {
      const result = await action(state, formData);
      if (result?.ok) announce(message);
      return result;
    },
    [action, announce, message],
  );
  return useActionState<ReviewFormState, FormData>(announced, null);
}

/** Verify, or turn down with a note (asked for before it is sent), one associate's check. */
export function ReviewCheckActions({ recordId, what }: { recordId: string; what: string }) {
  const [verifyState, verify, isVerifying] = useAnnouncedAction(verifyCheckAction, `Verified ${what}.`);
  const [declineState, decline, isDeclining] = useAnnouncedAction(declineCheckAction, `Marked ${what} as not accepted. We've emailed them your note.`);
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
  const [approveState, approve, isApproving] = useAnnouncedAction(approveServiceAction, `Approved ${what}.`);
  const [declineState, decline, isDeclining] = useAnnouncedAction(declineServiceAction, `Declined ${what}.`);
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
