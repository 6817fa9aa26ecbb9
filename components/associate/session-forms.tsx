"use client";

import { useActionState, useState } from "react";
import { regenerateFeedAction, withdrawAction, type FeedState, type WithdrawState } from "@/app/associate/actions";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

/** Withdrawing is serious for the client: a warning, an optional reason, then an explicit confirm. */
export function WithdrawForm({ assignmentId }: { assignmentId: string }) {
  const [state, action, isPending] = useActionState<WithdrawState, FormData>(withdrawAction, null);
  const [isConfirming, setIsConfirming] = useState(false);
  if (!isConfirming) {
    return (
      <Button type="button" variant="secondary" onClick={() => setIsConfirming(true)}>
        I can no longer do this session
      </Button>
    );
  }
  return (
    <form action={action} className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4">
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <p className="font-semibold text-red-900">Withdraw from this session?</p>
      <p className="text-sm text-red-900">
        The client will be told we&apos;re finding a new co-facilitator, and the director will be alerted straight away. Please only do this if you really
        can&apos;t make it — it&apos;s fine, things happen.
      </p>
      <FormAlert message={state && !state.ok ? state.message : null} />
      <div>
        <label htmlFor="withdraw-reason" className="block text-sm font-medium">
          What&apos;s happened? (optional, only the director sees it)
        </label>
        <textarea id="withdraw-reason" name="reason" rows={2} maxLength={500} defaultValue={state?.values?.reason} className="mt-1 block w-full rounded-lg border border-stone-400 bg-white px-3 py-2" />
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={isPending} className="bg-red-800 hover:bg-red-900">
          {isPending ? "Withdrawing…" : "Yes, withdraw"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setIsConfirming(false)}>
          Keep the session
        </Button>
      </div>
    </form>
  );
}

/** The private feed link, a copy button, and regenerating it (which breaks the old link). */
export function CalendarFeedControls({ feedUrl }: { feedUrl: string }) {
  const [state, action, isPending] = useActionState<FeedState, FormData>(regenerateFeedAction, null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3">
      <label htmlFor="feed-url" className="block text-sm font-medium">
        Your private calendar link
      </label>
      <div className="flex flex-wrap gap-2">
        <input id="feed-url" readOnly value={feedUrl} className="min-h-11 w-full flex-1 rounded-lg border border-stone-400 bg-stone-50 px-3 font-mono text-xs sm:min-w-80" onFocus={(e) => e.currentTarget.select()} />
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(feedUrl).catch(() => undefined);
            setCopied(true);
          }}
        >
          Copy link
        </Button>
      </div>
      <p role="status" className="text-sm text-green-900">
        {copied ? "Copied." : ""}
        {state?.ok ? state.notice : ""}
      </p>
      <FormAlert message={state && !state.ok ? state.message : null} />
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Shared the link by mistake?</summary>
        <form action={action} className="mt-2 space-y-2">
          <p>Make a new link. Anyone with the old link (including your own calendar app) will stop seeing your sessions until you add the new one.</p>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="confirm" value="yes" required className="h-5 w-5" /> I understand the old link will stop working
          </label>
          <Button type="submit" variant="secondary" disabled={isPending}>
            {isPending ? "Making a new link…" : "Make a new link"}
          </Button>
        </form>
      </details>
    </div>
  );
}
