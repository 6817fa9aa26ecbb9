"use client";

import { useActionState } from "react";
import { type ClientFormState, updateClientAction } from "@/app/director/clients/actions";
import { describedBy, Field } from "@/components/booking/field";
import { BillingFields, OrganisationTextField } from "@/components/organisations/billing-fields";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { ORGANISATION_KINDS } from "./client-kinds";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2";


type Client = {
  id: string;
  name: string;
  kind: string;
  addressLine1: string | null;
  addressLine2: string | null;
  town: string | null;
  postcode: string | null;
  invoiceEmail: string | null;
  vatNumber: string | null;
  poRequired: boolean;
  paymentTermsDays: number;
};

export function ClientForm({ client }: { client: Client }) {
  const [state, action, isPending] = useActionState<ClientFormState, FormData>(updateClientAction.bind(null, client.id), null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormAlert message={state && !state.ok ? state.message : null} />
      {state?.ok ? (
        <p role="status" className="rounded-md bg-brand-50 p-3">
          {state.notice}
        </p>
      ) : null}
      <OrganisationTextField prefix="client" name="name" label="Organisation name" errors={errors} values={v} defaultValue={client.name} />
      <Field id="client-kind" label="Kind of organisation" error={errors.kind?.[0]}>
        <select id="client-kind" name="kind" defaultValue={v.kind ?? client.kind} className={inputClass} {...describedBy("client-kind", { error: errors.kind?.[0] })}>
          {ORGANISATION_KINDS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <BillingFields prefix="client" errors={errors} values={v} current={client} termsNote="The client's admins can change these details too, but not the payment terms below." />
      <OrganisationTextField prefix="client" name="paymentTermsDays" label="Payment terms (days from the invoice date)" hint="Usually 30. Up to 120." errors={errors} values={v} defaultValue={String(client.paymentTermsDays)} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save client details"}
      </Button>
    </form>
  );
}
