"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { cancelDeliveryAction, cancelEngagementAction, type FormState } from "@/app/org/[slug]/book/actions";
import { describedBy, Field } from "./field";

/** The last step before cancelling: the charge is already on screen; this confirms it. */
export function CancelForm({
  orgSlug,
  target,
  expectedChargePence,
  backHref,
  confirmLabel,
}: {
  orgSlug: string;
  /** One session, or every remaining session of a booking. */
  target: { deliveryId: string } | { reference: string };
  expectedChargePence: number;
  backHref: string;
  confirmLabel: string;
}) {
  const [state, action, isPending] = useActionState<FormState, FormData>(("deliveryId" in target ? cancelDeliveryAction : cancelEngagementAction).bind(null, orgSlug), null);
  const reasonError = state?.fieldErrors?.reason?.[0];
  return (
    <form action={action} className="space-y-5">
      {"deliveryId" in target ? <input type="hidden" name="deliveryId" value={target.deliveryId} /> : <input type="hidden" name="reference" value={target.reference} />}
      <input type="hidden" name="expectedChargePence" value={expectedChargePence} />
      <FormAlert message={state?.message} />
      <Field id="reason" label="Why are you cancelling? (optional)" hint="This helps us plan. The facilitators won't see it." error={reasonError}>
        <textarea id="reason" name="reason" rows={3} maxLength={500} defaultValue={state?.values?.reason} className="block w-full rounded-lg border border-stone-400 px-3 py-2" {...describedBy("reason", { hint: true, error: reasonError })} />
      </Field>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={isPending} className="bg-red-800 hover:bg-red-900">
          {isPending ? "Cancelling…" : confirmLabel}
        </Button>
        <Button asChild variant="secondary">
          <Link href={backHref}>Keep the session</Link>
        </Button>
      </div>
    </form>
  );
}
