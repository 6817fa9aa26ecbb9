"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { describedBy, Field } from "@/components/booking/field";
import { respondToQuoteAction, type FormState } from "@/app/org/[slug]/book/actions";

/** Accept a quote (PO where the organisation needs one) or decline it with a reason. */
export function QuoteResponse({ orgSlug, quoteId, poRequired }: { orgSlug: string; quoteId: string; poRequired: boolean }) {
  const [accepted, acceptAction, isAccepting] = useActionState<FormState, FormData>(respondToQuoteAction.bind(null, orgSlug), null);
  const [declined, declineAction, isDeclining] = useActionState<FormState, FormData>(respondToQuoteAction.bind(null, orgSlug), null);
  const poError = accepted?.fieldErrors?.purchaseOrderNumber?.[0];
  const poHint = poRequired ? "Your organisation needs a purchase-order number to accept." : "If your organisation uses them.";
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <form action={acceptAction} className="space-y-3" noValidate>
        <input type="hidden" name="quoteId" value={quoteId} />
        <input type="hidden" name="decision" value="ACCEPT" />
        <h3 className="font-semibold">Accept</h3>
        <FormAlert message={accepted?.message} className="text-sm" />
        <Field id="quote-po" label={poRequired ? "Purchase-order (PO) number" : "Purchase-order (PO) number (optional)"} hint={poHint} error={poError}>
          <input id="quote-po" name="purchaseOrderNumber" maxLength={60} defaultValue={accepted?.values?.purchaseOrderNumber} className="block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2" {...describedBy("quote-po", { hint: poHint, error: poError })} />
        </Field>
        <Button type="submit" disabled={isAccepting}>
          {isAccepting ? "Accepting…" : "Accept the quote"}
        </Button>
      </form>
      <form action={declineAction} className="space-y-3">
        <input type="hidden" name="quoteId" value={quoteId} />
        <input type="hidden" name="decision" value="DECLINE" />
        <h3 className="font-semibold">Not quite right?</h3>
        <FormAlert message={declined?.message} className="text-sm" />
        <Field id="quote-decline" label="Tell us what doesn't work (optional)">
          <textarea id="quote-decline" name="declineReason" rows={3} maxLength={1000} className="block w-full rounded-lg border border-stone-400 px-3 py-2" />
        </Field>
        <Button type="submit" variant="secondary" disabled={isDeclining}>
          {isDeclining ? "Sending…" : "Decline the quote"}
        </Button>
      </form>
    </div>
  );
}
