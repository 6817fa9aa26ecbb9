"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { requestServiceAction, type FormState } from "@/app/org/[slug]/book/actions";
import { describedBy, Field } from "./field";

/** Ask for a service that is quoted rather than booked online. */
export function RequestForm({ orgSlug, serviceSlug }: { orgSlug: string; serviceSlug: string }) {
  const [state, action, isPending] = useActionState<FormState, FormData>(requestServiceAction.bind(null, orgSlug), null);
  const errors = state?.fieldErrors ?? {};
  const values = state?.values ?? {};
  const needsHint = "For example: who it's for, what prompted it, anything we should be careful about. Please don't include children's names.";
  const datesHint = "Weeks or days that suit you, and any to avoid.";
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="service" value={serviceSlug} />
      <FormAlert message={state?.message} />
      <Field id="needs" label="What do you need?" hint={needsHint} error={errors.needs?.[0]}>
        <textarea id="needs" name="needs" defaultValue={values.needs} rows={6} required maxLength={4000} className="block w-full rounded-lg border border-stone-400 px-3 py-2" {...describedBy("needs", { hint: needsHint, error: errors.needs?.[0] })} />
      </Field>
      <Field id="preferredDates" label="Preferred dates (optional)" hint={datesHint} error={errors.preferredDates?.[0]}>
        <input id="preferredDates" name="preferredDates" defaultValue={values.preferredDates} type="text" maxLength={500} className="block min-h-11 w-full max-w-xl rounded-lg border border-stone-400 px-3 py-2" {...describedBy("preferredDates", { hint: datesHint, error: errors.preferredDates?.[0] })} />
      </Field>
      <Field id="sessionsRequested" label="How many sessions?" error={errors.sessionsRequested?.[0]}>
        <input id="sessionsRequested" name="sessionsRequested" type="number" inputMode="numeric" min={1} max={50} defaultValue={values.sessionsRequested ?? 1} required className="block min-h-11 w-32 rounded-lg border border-stone-400 px-3 py-2" {...describedBy("sessionsRequested", { error: errors.sessionsRequested?.[0] })} />
      </Field>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Sending…" : "Send request"}
      </Button>
    </form>
  );
}
