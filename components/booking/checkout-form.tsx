"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { requestBookingAction, type FormState } from "@/app/org/[slug]/book/actions";
import { describedBy, Field } from "./field";

const inputClass = "block min-h-11 w-full max-w-md rounded-lg border border-stone-400 px-3 py-2";

/** Attendees, PO number, terms and payment for a held booking. */
export function CheckoutForm({ orgSlug, engagementId, capacity, poRequired, canPayByCard }: { orgSlug: string; engagementId: string; capacity: number; poRequired: boolean; canPayByCard: boolean }) {
  const [state, action, isPending] = useActionState<FormState, FormData>(requestBookingAction.bind(null, orgSlug), null);
  const errors = state?.fieldErrors ?? {};
  const values = state?.values ?? {};
  const attendeesHint = `Up to ${capacity} people. You can add their names later.`;
  const poHint = poRequired ? "Your organisation needs a purchase-order number on every booking." : "If your organisation uses them. You can leave this blank.";
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="engagementId" value={engagementId} />
      <FormAlert message={state?.message} />
      <Field id="attendeeCount" label="How many people will attend?" hint={attendeesHint} error={errors.attendeeCount?.[0]}>
        <input id="attendeeCount" name="attendeeCount" defaultValue={values.attendeeCount} type="number" inputMode="numeric" min={1} max={capacity} required className={inputClass} {...describedBy("attendeeCount", { hint: attendeesHint, error: errors.attendeeCount?.[0] })} />
      </Field>
      <Field id="purchaseOrderNumber" label={poRequired ? "Purchase-order (PO) number" : "Purchase-order (PO) number (optional)"} hint={poHint} error={errors.purchaseOrderNumber?.[0]}>
        <input id="purchaseOrderNumber" name="purchaseOrderNumber" defaultValue={values.purchaseOrderNumber} type="text" autoComplete="off" required={poRequired} maxLength={60} className={inputClass} {...describedBy("purchaseOrderNumber", { hint: poHint, error: errors.purchaseOrderNumber?.[0] })} />
      </Field>
      <fieldset>
        <legend className="font-medium">How would you like to pay?</legend>
        <label className="mt-2 flex min-h-11 items-center gap-2">
          <input type="radio" name="paymentMethod" value="INVOICE" defaultChecked={values.paymentMethod !== "CARD"} />
          By invoice (we send it after the session; payment terms as agreed with your organisation)
        </label>
        {canPayByCard ? (
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="paymentMethod" value="CARD" defaultChecked={values.paymentMethod === "CARD"} />
            By card now (you&apos;ll go to our secure payment page, run by Stripe)
          </label>
        ) : null}
      </fieldset>
      <div>
        <label className="flex min-h-11 items-start gap-2">
          <input type="checkbox" name="acceptTerms" value="yes" defaultChecked={values.acceptTerms === "yes"} className="mt-1 size-5" {...describedBy("acceptTerms", { error: errors.acceptTerms?.[0] })} />
          <span>I have read the cancellation terms above and accept them for this booking.</span>
        </label>
        {errors.acceptTerms?.[0] ? (
          <p id="acceptTerms-error" className="text-sm font-medium text-red-800">
            {errors.acceptTerms[0]}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Sending your booking…" : "Send booking"}
      </Button>
    </form>
  );
}
