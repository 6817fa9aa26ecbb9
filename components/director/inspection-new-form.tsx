"use client";

import { useActionState } from "react";
import { createInspectionAction, type InspectionFormState } from "@/app/director/inspections/actions";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2";

export function NewInspectionForm({
  organisations,
  engagements,
  templates,
}: {
  organisations: { id: string; name: string }[];
  engagements: { id: string; label: string }[];
  templates: { settingType: string; label: string; templateName: string }[];
}) {
  const [state, action, isPending] = useActionState<InspectionFormState, FormData>(createInspectionAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const error = (name: string) => errors[name]?.[0];
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormAlert message={state && !state.ok ? state.message : null} />
      <Field id="new-organisation" label="Client organisation" error={error("unverifiedOrganisationId")}>
        <select id="new-organisation" name="unverifiedOrganisationId" defaultValue={v.unverifiedOrganisationId ?? ""} className={inputClass} {...describedBy("new-organisation", { error: error("unverifiedOrganisationId") })}>
          <option value="">Choose…</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="new-setting-name" label="The setting's name" hint="The home, agency or service you visited, like Oak House." error={error("settingName")}>
        <input id="new-setting-name" name="settingName" defaultValue={v.settingName ?? ""} className={inputClass} {...describedBy("new-setting-name", { hint: true, error: error("settingName") })} />
      </Field>
      <fieldset className="space-y-1" aria-describedby={error("settingType") ? "new-setting-type-error" : undefined}>
        <legend className="font-medium">Kind of setting</legend>
        {templates.map((t, index) => (
          <label key={t.settingType} className="flex min-h-11 items-center gap-2">
            <input type="radio" name="settingType" value={t.settingType} defaultChecked={v.settingType ? v.settingType === t.settingType : index === 0} className="size-5" />
            <span>
              {t.label} <span className="text-sm text-stone-700">({t.templateName})</span>
            </span>
          </label>
        ))}
        {error("settingType") ? (
          <p id="new-setting-type-error" className="text-sm font-medium text-red-800">
            {error("settingType")}
          </p>
        ) : null}
      </fieldset>
      <Field id="new-visit-date" label="Visit date" error={error("visitDate")}>
        <input id="new-visit-date" name="visitDate" type="date" defaultValue={v.visitDate ?? ""} className={inputClass} {...describedBy("new-visit-date", { error: error("visitDate") })} />
      </Field>
      <Field id="new-engagement" label="Booking (optional)" hint="Link the report to the client's mock-inspection booking, if there is one." error={error("unverifiedEngagementId")}>
        <select id="new-engagement" name="unverifiedEngagementId" defaultValue={v.unverifiedEngagementId ?? ""} className={inputClass} {...describedBy("new-engagement", { hint: true, error: error("unverifiedEngagementId") })}>
          <option value="">No booking</option>
          {engagements.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label}
            </option>
          ))}
        </select>
      </Field>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Starting…" : "Start the report"}
      </Button>
    </form>
  );
}
