"use client";

import { useActionState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
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
  const text = (name: string, label: string, options: { hint?: string; autoComplete?: string; type?: string; defaultValue?: string } = {}) => {
    const error = errors[name]?.[0];
    return (
      <Field id={`org-${name}`} label={label} hint={options.hint} error={error}>
        <input id={`org-${name}`} name={name} type={options.type ?? "text"} autoComplete={options.autoComplete} defaultValue={v[name] ?? options.defaultValue} className={inputClass} {...describedBy(`org-${name}`, { hint: options.hint, error })} />
      </Field>
    );
  };
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormAlert message={state?.message} />
      {text("name", "Organisation name", { autoComplete: "organization" })}
      <Field id="org-kind" label="What kind of organisation is it?" error={errors.kind?.[0]}>
        <select id="org-kind" name="kind" defaultValue={v.kind ?? "LOCAL_AUTHORITY"} className={inputClass} {...describedBy("org-kind", { error: errors.kind?.[0] })}>
          {KINDS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      {text("addressLine1", "Address line 1", { autoComplete: "address-line1" })}
      {text("addressLine2", "Address line 2 (optional)", { autoComplete: "address-line2" })}
      <div className="grid gap-4 sm:grid-cols-2">
        {text("town", "Town or city", { autoComplete: "address-level2" })}
        {text("postcode", "Postcode", { autoComplete: "postal-code" })}
      </div>
      {text("invoiceEmail", "Email for invoices", { type: "email", hint: "Often a finance team's shared inbox." })}
      {text("vatNumber", "VAT number (optional)")}
      <p className="text-sm text-stone-700">Invoices are due within 30 days unless we agree otherwise.</p>
      <label className="flex min-h-11 items-center gap-2">
        <input type="checkbox" name="poRequired" defaultChecked={v.poRequired === "on"} className="size-5" />
        Every booking needs a purchase-order (PO) number
      </label>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Setting up…" : "Set up and continue"}
      </Button>
    </form>
  );
}
