"use client";

import type { ReactNode } from "react";
import { useActionState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { type ChecksFormState, submitCheckAction, withdrawEntryAction } from "@/app/associate/checks/actions";
import { ActionNotice } from "./profile-notice";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2";

export type EntryKind = "DBS_ENHANCED" | "DBS_UPDATE_SERVICE" | "PROFESSIONAL_REGISTRATION" | "INSURANCE" | "SAFEGUARDING_TRAINING";

type FieldProps = { kind: EntryKind; errors: Record<string, string[] | undefined>; values: Record<string, string> };

function TextField({ kind, errors, values, name, label, hint, type = "text", inputMode }: FieldProps & { name: string; label: string; hint?: ReactNode; type?: "text" | "date"; inputMode?: "numeric" }) {
  const id = `${kind}-${name}`;
  const error = errors[name]?.[0];
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        autoComplete="off"
        defaultValue={values[name] ?? ""}
        className={type === "date" ? `${inputClass} sm:max-w-56` : inputClass}
        {...describedBy(id, { hint, error })}
      />
    </Field>
  );
}

function Choice({ kind, errors, values, name, legend, hint, options }: FieldProps & { name: string; legend: string; hint?: string; options: readonly (readonly [string, string])[] }) {
  const id = `${kind}-${name}`;
  const error = errors[name]?.[0];
  const describedIds = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={describedIds}>
      <legend className="font-medium">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-stone-700">
          {hint}
        </p>
      ) : null}
      <div className="mt-1 flex flex-wrap gap-x-4">
        {options.map(([value, label]) => (
          <label key={value} className="flex min-h-11 items-center gap-2">
            <input type="radio" name={name} value={value} defaultChecked={values[name] === value} className="h-5 w-5 shrink-0" />
            {label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function SelectField({ kind, errors, values, name, label, options }: FieldProps & { name: string; label: string; options: readonly (readonly [string, string])[] }) {
  const id = `${kind}-${name}`;
  const error = errors[name]?.[0];
  return (
    <Field id={id} label={label} error={error}>
      <select id={id} name={name} defaultValue={values[name] ?? ""} className={inputClass} {...describedBy(id, { error })}>
        <option value="">Choose…</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

const DATE_HINT = "For example, 31/03/2026.";

function KindFields(props: FieldProps) {
  switch (props.kind) {
    case "DBS_ENHANCED":
      return (
        <>
          <TextField {...props} name="reference" label="Certificate number" hint="The 12-digit number on your DBS certificate." inputMode="numeric" />
          <TextField {...props} name="checkedOn" type="date" label="Date of issue" hint={DATE_HINT} />
          <Choice {...props} name="level" legend="Level of check" options={[["ENHANCED", "Enhanced"], ["STANDARD", "Standard"], ["BASIC", "Basic"]]} />
          <SelectField
            {...props}
            name="workforce"
            label="Workforce shown on the certificate"
            options={[["CHILD", "Children's workforce"], ["CHILD_AND_ADULT", "Children's and adults' workforce"], ["ADULT", "Adults' workforce"], ["OTHER", "Other workforce"]]}
          />
          <Choice
            {...props}
            name="barredListChecked"
            legend="Was the children's barred list checked?"
            hint="On the certificate, “Children's Barred List information” says “None recorded” (or gives details) when it was checked, and “Not requested” when it wasn't."
            options={[["yes", "Yes"], ["no", "No"]]}
          />
        </>
      );
    case "DBS_UPDATE_SERVICE":
      return (
        <>
          <TextField {...props} name="reference" label="Subscription ID" hint="Letters and numbers, shown in your DBS Update Service account." />
          <TextField {...props} name="certificateNumber" label="Certificate it covers (optional)" hint="The 12-digit certificate number." inputMode="numeric" />
          <TextField
            {...props}
            name="checkedOn"
            type="date"
            label="Date of the latest status check"
            hint="This date matters: for work with children, the latest status check must be from the 12 months before each session."
          />
        </>
      );
    case "PROFESSIONAL_REGISTRATION":
      return (
        <>
          <Choice {...props} name="body" legend="Who are you registered with?" options={[["SOCIAL_WORK_ENGLAND", "Social Work England"], ["HCPC", "HCPC"], ["OTHER", "Another body"]]} />
          <TextField {...props} name="otherBody" label="Name of the body (if another)" />
          <TextField {...props} name="reference" label="Registration number" />
          <TextField {...props} name="checkedOn" type="date" label="Date you registered or last renewed" hint={DATE_HINT} />
          <TextField
            {...props}
            name="expiresOn"
            type="date"
            label="Registration runs to"
            hint="Social Work England registration runs to 30 November. You renew it each year between 1 September and 30 November."
          />
        </>
      );
    case "INSURANCE":
      return (
        <>
          <TextField {...props} name="insurer" label="Insurer" />
          <TextField {...props} name="reference" label="Policy number" />
          <TextField {...props} name="checkedOn" type="date" label="Cover starts" hint={DATE_HINT} />
          <TextField {...props} name="expiresOn" type="date" label="Cover ends" hint="The last day you're covered, from your policy schedule." />
        </>
      );
    case "SAFEGUARDING_TRAINING":
      return (
        <>
          <TextField {...props} name="course" label="Course name" hint="For example, Safeguarding children and young people (level 3)." />
          <TextField {...props} name="provider" label="Provider (optional)" />
          <TextField {...props} name="reference" label="Certificate number (optional)" />
          <TextField {...props} name="checkedOn" type="date" label="Completed on" hint={DATE_HINT} />
          <TextField {...props} name="expiresOn" type="date" label="Refresh due by" hint="Usually one to three years after you completed it. It's on your certificate, or ask your trainer." />
        </>
      );
  }
}

/** The form to enter or renew one kind of check; the details wait for the director before they count. */
export function ComplianceEntryForm({ kind, what }: { kind: EntryKind; what: string }) {
  const [state, action, isPending] = useActionState<ChecksFormState, FormData>(submitCheckAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="kind" value={kind} />
      <ActionNotice state={state} />
      <KindFields kind={kind} errors={errors} values={values} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Sending…" : `Send ${what} details`}
      </Button>
    </form>
  );
}

/** Takes back an entry the director hasn't looked at yet, after confirming. */
export function WithdrawEntryButton({ recordId, what }: { recordId: string; what: string }) {
  const [state, action, isPending] = useActionState<ChecksFormState, FormData>(withdrawEntryAction, null);
  return (
    <details className="text-sm">
      <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-stone-800 underline">
        Take back<span className="sr-only"> these {what} details</span>
      </summary>
      <form action={action} className="mt-2 space-y-2 rounded-lg border border-stone-300 bg-stone-50 p-3">
        <input type="hidden" name="recordId" value={recordId} />
        <ActionNotice state={state} />
        <p>These details will be removed before the director checks them. You can enter them again.</p>
        <Button type="submit" variant="secondary" disabled={isPending}>
          {isPending ? "Taking back…" : "Yes, take them back"}
        </Button>
      </form>
    </details>
  );
}
