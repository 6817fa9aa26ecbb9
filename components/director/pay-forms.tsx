"use client";

import { useActionState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { approvePayRunAction, createPayRunAction, deletePayRunAction, markPayRunPaidAction, type PayFormState } from "@/app/director/pay/actions";
import { formatPence } from "@/lib/format";
import { FormNotice } from "@/components/ui/form-alert";

/**
 * The director's pay-run forms. Each validates on the server; after a refusal it shows the message and
 * each field's error next to the field (linked with aria-describedby), keeping what was typed.
 */

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2";
const summaryClass = "inline-flex min-h-11 cursor-pointer items-center rounded-lg px-3 font-semibold underline focus-visible:outline-2 focus-visible:outline-offset-2";

const errorsOf = (state: PayFormState) => (state && !state.ok ? (state.fieldErrors ?? {}) : {}) as Record<string, string[] | undefined>;
const valuesOf = (state: PayFormState) => (state && !state.ok ? (state.values ?? {}) : {});

export function NewPayRunForm({ defaultStart, defaultEnd }: { defaultStart: string; defaultEnd: string }) {
  const [state, action, isPending] = useActionState<PayFormState, FormData>(createPayRunAction, null);
  const errors = errorsOf(state);
  const v = valuesOf(state);
  const startError = errors.periodStart?.[0];
  const endError = errors.periodEnd?.[0];
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormNotice state={state} />
      <p className="text-sm text-stone-700">
        The run gathers delivered sessions, cancellation shares and approved expenses from sessions in these dates that haven&apos;t been paid yet. It starts as a draft you can check.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="pay-start" label="First day" error={startError}>
          <input id="pay-start" name="periodStart" type="date" required defaultValue={v.periodStart ?? defaultStart} className={inputClass} {...describedBy("pay-start", { error: startError })} />
        </Field>
        <Field id="pay-end" label="Last day" error={endError}>
          <input id="pay-end" name="periodEnd" type="date" required defaultValue={v.periodEnd ?? defaultEnd} className={inputClass} {...describedBy("pay-end", { error: endError })} />
        </Field>
      </div>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Gathering the work…" : "Create draft pay run"}
      </Button>
    </form>
  );
}

export function ApprovePayRunForm({ payRunId, totalPence }: { payRunId: string; totalPence: number }) {
  const [state, action, isPending] = useActionState<PayFormState, FormData>(approvePayRunAction.bind(null, payRunId), null);
  return (
    <form action={action} className="space-y-3">
      <FormNotice state={state} />
      <p className="text-sm text-stone-700">Approving fixes the list at {formatPence(totalPence)}. You can then download the bank file.</p>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Approving…" : "Approve pay run"}
      </Button>
    </form>
  );
}

export function MarkPayRunPaidForm({ payRunId, totalPence }: { payRunId: string; totalPence: number }) {
  const [state, action, isPending] = useActionState<PayFormState, FormData>(markPayRunPaidAction.bind(null, payRunId), null);
  return (
    <details className="rounded-lg border border-stone-200 p-2">
      <summary className={summaryClass}>Mark as paid…</summary>
      <form action={action} className="mt-2 space-y-3 px-3 pb-2">
        <FormNotice state={state} />
        <p className="text-sm">
          Only once all {formatPence(totalPence)} has gone out (bank transfers, vouchers and charity gifts). The payments then appear on each associate&apos;s statement, and paid expense claims
          show as paid. This can&apos;t be undone.
        </p>
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : "Yes, everything has been paid"}
        </Button>
      </form>
    </details>
  );
}

export function DeletePayRunForm({ payRunId }: { payRunId: string }) {
  const [state, action, isPending] = useActionState<PayFormState, FormData>(deletePayRunAction.bind(null, payRunId), null);
  return (
    <details>
      <summary className={`${summaryClass} text-red-800`}>Delete this draft…</summary>
      <form action={action} className="mt-2 space-y-2 px-3">
        <FormNotice state={state} />
        <p className="text-sm">Nothing has been paid. Its sessions and expenses go back to waiting and will be picked up by the next pay run for these dates.</p>
        <Button type="submit" variant="secondary" disabled={isPending}>
          {isPending ? "Deleting…" : "Yes, delete the draft"}
        </Button>
      </form>
    </details>
  );
}
