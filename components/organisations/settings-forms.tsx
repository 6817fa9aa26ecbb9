"use client";

import { useActionState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { BillingFields, OrganisationTextField } from "./billing-fields";
import { Button } from "@/components/ui/button";
import { inviteColleagueAction, removeColleagueAction, type SettingsState, updateBillingAction } from "@/app/org/[slug]/settings/actions";
import { FormNotice } from "@/components/ui/form-alert";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2";

type Billing = { name: string; addressLine1: string | null; addressLine2: string | null; town: string | null; postcode: string | null; invoiceEmail: string | null; vatNumber: string | null; poRequired: boolean; paymentTermsDays: number };

export function BillingForm({ orgSlug, billing }: { orgSlug: string; billing: Billing }) {
  const [state, action, isPending] = useActionState<SettingsState, FormData>(updateBillingAction.bind(null, orgSlug), null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormNotice state={state} />
      <OrganisationTextField prefix="billing" name="name" label="Organisation name" autoComplete="organization" errors={errors} values={v} defaultValue={billing.name} />
      <BillingFields prefix="billing" errors={errors} values={v} current={billing} termsNote={`Payment terms: ${billing.paymentTermsDays} days from the invoice date (agreed with us — ask if you need them changed).`} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save billing details"}
      </Button>
    </form>
  );
}

export function InviteForm({ orgSlug }: { orgSlug: string }) {
  const [state, action, isPending] = useActionState<SettingsState, FormData>(inviteColleagueAction.bind(null, orgSlug), null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormNotice state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="invite-email" label="Their email address" error={errors.email?.[0]}>
          <input id="invite-email" name="email" type="email" autoComplete="off" defaultValue={v.email} className={inputClass} {...describedBy("invite-email", { error: errors.email?.[0] })} />
        </Field>
        <Field id="invite-name" label="Their name (optional)" error={errors.name?.[0]}>
          <input id="invite-name" name="name" autoComplete="off" defaultValue={v.name} className={inputClass} {...describedBy("invite-name", { error: errors.name?.[0] })} />
        </Field>
      </div>
      <fieldset>
        <legend className="font-medium">What can they do?</legend>
        <label className="mt-1 flex min-h-11 items-center gap-2">
          <input type="radio" name="role" value="BOOKER" defaultChecked={v.role !== "ORG_ADMIN"} />
          Book training and manage sessions
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="role" value="ORG_ADMIN" defaultChecked={v.role === "ORG_ADMIN"} />
          All of that, plus colleagues and billing details (admin)
        </label>
      </fieldset>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Inviting…" : "Invite"}
      </Button>
    </form>
  );
}

export function RemoveMemberButton({ orgSlug, membershipId, name }: { orgSlug: string; membershipId: string; name: string }) {
  const [state, action, isPending] = useActionState<SettingsState, FormData>(removeColleagueAction.bind(null, orgSlug), null);
  return (
    <details className="text-sm">
      <summary className="min-h-11 cursor-pointer content-center font-semibold text-red-800 underline">Remove {name}</summary>
      <form action={action} className="mt-2 space-y-2">
        <input type="hidden" name="membershipId" value={membershipId} />
        <FormNotice state={state} />
        <p>{name} will no longer be able to sign in to your organisation&apos;s bookings.</p>
        <Button type="submit" variant="secondary" disabled={isPending}>
          Yes, remove
        </Button>
      </form>
    </details>
  );
}
