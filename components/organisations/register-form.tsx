"use client";

import { useActionState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { BillingFields, OrganisationTextField } from "./billing-fields";
import { registerOrganisationAction, type RegisterState } from "@/app/org/new/actions";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2";
const KINDS = [
  ["LOCAL_AUTHORITY", "Local authority"],
  ["CHILDRENS_HOME", "Children's home"],
  ["FOSTERING_AGENCY", "Fostering agency"],
  ["CHARITY", "Charity"],
  ["OTHER", "Something else"],
] as const;

export function RegisterOrganisationForm({ next }: { next: string | null }) {
  const [state, action, isPending] = useActionState<RegisterState, FormData>(registerOrganisationAction.bind(null, next), null);
  const errors = state?.fieldErrors ?? {};
  const v = state?.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormAlert message={state?.message} />
      <OrganisationTextField prefix="org" name="name" label="Organisation name" autoComplete="organization" errors={errors} values={v} />
      <Field id="org-kind" label="What kind of organisation is it?" error={errors.kind?.[0]}>
        <select id="org-kind" name="kind" defaultValue={v.kind ?? "LOCAL_AUTHORITY"} className={inputClass} {...describedBy("org-kind", { error: errors.kind?.[0] })}>
          {KINDS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <BillingFields prefix="org" errors={errors} values={v} termsNote="Invoices are due within 30 days unless we agree otherwise." />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Setting up…" : "Set up and continue"}
      </Button>
    </form>
  );
}
