"use client";

import { useActionState } from "react";
import { type ServiceFormState, updateServiceAction } from "@/app/director/services/actions";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2";

type Service = {
  id: string;
  name: string;
  summary: string;
  description: string;
  pricePence: number;
  vatRateBasisPoints: number;
  capacity: number;
  durationMinutes: number;
  deliveryModes: string[];
  bookableOnline: boolean;
  livedRequired: number;
  professionalRequired: number;
  childFacing: boolean;
  requiresSocialWorkRegistration: boolean;
  active: boolean;
  sortOrder: number;
};

/** Whole pence as "1200.50" for the price box (integer arithmetic, no rounding). */
const penceToPounds = (pence: number) => `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, "0")}`;

export function ServiceForm({ service }: { service: Service }) {
  const [state, action, isPending] = useActionState<ServiceFormState, FormData>(updateServiceAction.bind(null, service.id), null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const v = state && !state.ok ? state.values : undefined;
  const error = (name: string) => errors[name]?.[0];
  const text = (name: keyof Service, current: string | number) => v?.[name] ?? String(current);
  const checked = (name: keyof Service) => (v ? v[name] === "on" : Boolean(service[name]));
  const modes = v ? (v.deliveryModes ?? "").split(",") : service.deliveryModes;

  const input = (name: keyof Service, label: string, current: string | number, options: { hint?: string; inputMode?: "numeric" | "decimal"; prefix?: string } = {}) => {
    const id = `service-${name}`;
    return (
      <Field id={id} label={label} hint={options.hint} error={error(name)}>
        <div className="flex items-center gap-2">
          {options.prefix ? <span aria-hidden="true">{options.prefix}</span> : null}
          <input id={id} name={name} inputMode={options.inputMode} defaultValue={text(name, current)} className={inputClass} {...describedBy(id, { hint: options.hint, error: error(name) })} />
        </div>
      </Field>
    );
  };
  const checkbox = (name: keyof Service, label: string) => (
    <label className="flex min-h-11 items-center gap-2">
      <input type="checkbox" name={name} defaultChecked={checked(name)} className="size-5" />
      {label}
    </label>
  );

  return (
    <form action={action} className="space-y-5" noValidate>
      <FormAlert message={state && !state.ok ? state.message : null} />
      {state?.ok ? (
        <p role="status" className="rounded-md bg-brand-50 p-3">
          {state.notice}
        </p>
      ) : null}
      {input("name", "Name", service.name)}
      {input("summary", "One-line summary", service.summary, { hint: "Shown in the catalogue list." })}
      <Field id="service-description" label="Description" error={error("description")}>
        <textarea id="service-description" name="description" rows={6} defaultValue={text("description", service.description)} className={inputClass} {...describedBy("service-description", { error: error("description") })} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        {input("pricePence", "Price per session or cohort, excluding VAT (£)", penceToPounds(service.pricePence), { inputMode: "decimal", prefix: "£", hint: "In pounds, like 1200 or 1,200.50." })}
        <Field id="service-vatRateBasisPoints" label="VAT rate" error={error("vatRateBasisPoints")}>
          <select id="service-vatRateBasisPoints" name="vatRateBasisPoints" defaultValue={text("vatRateBasisPoints", service.vatRateBasisPoints)} className={inputClass} {...describedBy("service-vatRateBasisPoints", { error: error("vatRateBasisPoints") })}>
            <option value="2000">20% (standard)</option>
            <option value="500">5% (reduced)</option>
            <option value="0">0% (zero-rated or exempt)</option>
          </select>
        </Field>
        {input("capacity", "Most people per session", service.capacity, { inputMode: "numeric" })}
        {input("durationMinutes", "Length of a session (minutes)", service.durationMinutes, { inputMode: "numeric", hint: "In steps of 15 minutes, like 90 or 180." })}
      </div>
      <fieldset aria-describedby={error("deliveryModes") ? "service-deliveryModes-error" : undefined}>
        <legend className="font-medium">How it can be delivered</legend>
        <label className="flex min-h-11 items-center gap-2">
          <input type="checkbox" name="deliveryModes" value="IN_PERSON" defaultChecked={modes.includes("IN_PERSON")} className="size-5" />
          In person
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input type="checkbox" name="deliveryModes" value="ONLINE" defaultChecked={modes.includes("ONLINE")} className="size-5" />
          Online
        </label>
        {error("deliveryModes") ? (
          <p id="service-deliveryModes-error" className="text-sm font-medium text-red-800">
            {error("deliveryModes")}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="font-medium">Who co-delivers each session</legend>
        <p className="text-sm text-stone-700">Every session has at least one care-experienced associate and at least one professional, together.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {input("livedRequired", "Lived-experience associates", service.livedRequired, { inputMode: "numeric" })}
          {input("professionalRequired", "Professional associates", service.professionalRequired, { inputMode: "numeric" })}
        </div>
      </fieldset>
      <fieldset>
        <legend className="font-medium">Settings</legend>
        {checkbox("bookableOnline", "Clients can book it online (otherwise they ask for it and you send a quote)")}
        {checkbox("childFacing", "Works directly with children (stricter checks on associates)")}
        {checkbox("requiresSocialWorkRegistration", "The professional must be a registered social worker")}
        {checkbox("active", "Show it in the catalogue")}
      </fieldset>
      {input("sortOrder", "Position in the list", service.sortOrder, { inputMode: "numeric", hint: "Lower numbers come first." })}
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save service"}
      </Button>
    </form>
  );
}
