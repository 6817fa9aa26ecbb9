"use client";

import { useActionState, useState } from "react";
import { deleteExpenseAction, type MoneyFormState, updateBenefitsAction, updatePayPreferenceAction } from "@/app/associate/money/actions";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { VOUCHER_WARNING } from "@/lib/domain/earnings";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2";
const choiceClass = "flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-stone-200 p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50";

function useMoneyForm(action: (state: MoneyFormState, formData: FormData) => Promise<MoneyFormState>) {
  const [state, formAction, isPending] = useActionState<MoneyFormState, FormData>(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return { state, formAction, isPending, errors, values };
}

function Outcome({ state }: { state: MoneyFormState }) {
  if (!state) return null;
  if (!state.ok) return <FormAlert message={state.message} className="text-sm" />;
  return state.notice ? (
    <p role="status" className="rounded-md bg-brand-50 p-3 text-sm text-stone-900">
      {state.notice}
    </p>
  ) : null;
}

/** A caution that never relies on colour alone: it starts with the word "Please note". */
export function MoneyWarning({ children, id }: { children: React.ReactNode; id?: string }) {
  return (
    <div id={id} className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3 text-sm text-amber-950">
      <p>
        <strong>Please note: </strong>
        {children}
      </p>
    </div>
  );
}

function ChoiceGroup({ name, legend, choices, chosen, error, onChange }: { name: string; legend: string; choices: readonly { value: string; label: string; hint: string }[]; chosen: string; error?: string; onChange?: (value: string) => void }) {
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="font-medium">{legend}</legend>
      <div className="mt-2 space-y-2">
        {choices.map((choice) => (
          <label key={choice.value} className={choiceClass}>
            <input
              type="radio"
              name={name}
              value={choice.value}
              defaultChecked={chosen === choice.value}
              onChange={() => onChange?.(choice.value)}
              className="mt-1 h-5 w-5 shrink-0"
              aria-describedby={`${name}-${choice.value}-hint`}
            />
            <span>
              <span className="block font-medium">{choice.label}</span>
              <span id={`${name}-${choice.value}-hint`} className="block text-sm text-stone-700">
                {choice.hint}
              </span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${name}-error`} className="mt-2 text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

const PAY_CHOICES = [
  { value: "BANK_TRANSFER", label: "Bank transfer", hint: "We pay your fees into your bank account, a week after the end of each month." },
  { value: "VOUCHER", label: "Vouchers", hint: "We pay your fees as shopping vouchers instead of money." },
  { value: "CHARITY", label: "To a charity", hint: "We pay your fees to a charity you choose, instead of to you." },
  { value: "EXPENSES_ONLY", label: "Expenses only", hint: "You give your time for free. We still pay back your travel and other costs." },
  { value: "DECLINE", label: "I don't want paying", hint: "We don't pay you fees. You can still claim expenses if you'd like to." },
] as const;

const TAX_CHOICES = [
  { value: "SELF_EMPLOYED", label: "Self-employed", hint: "You work for yourself. We don't take off tax: you tell HMRC about what we pay you through Self Assessment." },
  {
    value: "EMPLOYED_ELSEWHERE",
    label: "Employed elsewhere as well",
    hint: "You have a job too. What we pay you is still self-employed income, so it may need to go on a Self Assessment return.",
  },
  { value: "NOT_SURE", label: "Not sure", hint: "That's fine — lots of people aren't. We're happy to talk it through, and HMRC's helpline can help too." },
] as const;

export function PayPreferenceForm({ current, receivesBenefits }: { current: { payPreference: string; charityName: string | null; taxStatus: string }; receivesBenefits: boolean }) {
  const { state, formAction, isPending, errors, values } = useMoneyForm(updatePayPreferenceAction);
  const [choice, setChoice] = useState(values.payPreference ?? current.payPreference);
  const charityError = errors.charityName?.[0];
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <Outcome state={state} />
      {state?.ok && state.warning ? <MoneyWarning>{state.warning}</MoneyWarning> : null}
      <ChoiceGroup name="payPreference" legend="How would you like to be paid?" choices={PAY_CHOICES} chosen={values.payPreference ?? current.payPreference} error={errors.payPreference?.[0]} onChange={setChoice} />
      {choice === "VOUCHER" && receivesBenefits ? <MoneyWarning id="voucher-warning">{VOUCHER_WARNING}</MoneyWarning> : null}
      {choice === "CHARITY" ? (
        <Field id="pay-charity" label="Which charity?" hint="Its name, as it appears on the Charity Commission register if you know it." error={charityError}>
          <input id="pay-charity" name="charityName" autoComplete="off" maxLength={120} defaultValue={values.charityName ?? current.charityName ?? ""} className={inputClass} {...describedBy("pay-charity", { hint: true, error: charityError })} />
        </Field>
      ) : null}
      <ChoiceGroup name="taxStatus" legend="Your tax status" choices={TAX_CHOICES} chosen={values.taxStatus ?? current.taxStatus} error={errors.taxStatus?.[0]} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save how I'm paid"}
      </Button>
    </form>
  );
}

const PERIOD_CHOICES = [
  { value: "WEEK", label: "A week", hint: "Monday to Sunday." },
  { value: "MONTH", label: "A calendar month", hint: "1st to the end of the month." },
] as const;

export function BenefitsForm({ current }: { current: { receivesBenefits: boolean; thresholdPounds: string; capPeriod: string | null } }) {
  const { state, formAction, isPending, errors, values } = useMoneyForm(updateBenefitsAction);
  const isRefused = state !== null && !state.ok;
  const receives = isRefused ? values.receivesBenefits === "on" : current.receivesBenefits;
  const thresholdError = errors.threshold?.[0];
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <Outcome state={state} />
      <div className="space-y-1">
        <label className="flex min-h-11 cursor-pointer items-start gap-3">
          <input type="checkbox" name="receivesBenefits" defaultChecked={receives} className="mt-1 h-5 w-5 shrink-0" aria-describedby="benefits-flag-hint" />
          <span className="font-medium">I receive benefits</span>
        </label>
        <p id="benefits-flag-hint" className="text-sm text-stone-700">
          We don&apos;t ask which ones. It means we&apos;ll warn you before work could go over the hours or the threshold below.
        </p>
      </div>
      <Field
        id="benefits-threshold"
        label="Your own earnings threshold, in pounds (optional)"
        hint="The most you want to earn from us in a week or a month — for example the amount your adviser told you about. Leave it empty if you don't want one."
        error={thresholdError}
      >
        <div className="flex items-center gap-2">
          <span aria-hidden="true" className="font-medium">
            £
          </span>
          <input
            id="benefits-threshold"
            name="threshold"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={isRefused ? (values.threshold ?? "") : current.thresholdPounds}
            className={`${inputClass} max-w-40`}
            {...describedBy("benefits-threshold", { hint: true, error: thresholdError })}
          />
        </div>
      </Field>
      <ChoiceGroup name="capPeriod" legend="Is that for a week or a month?" choices={PERIOD_CHOICES} chosen={isRefused ? (values.capPeriod ?? "") : (current.capPeriod ?? "")} error={errors.capPeriod?.[0]} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save benefits details"}
      </Button>
    </form>
  );
}

/** Deleting a claim asks first: the button opens a short confirmation. */
export function DeleteClaimButton({ claimId, label }: { claimId: string; label: string }) {
  const [state, formAction, isPending] = useActionState<MoneyFormState, FormData>(deleteExpenseAction, null);
  return (
    <details className="text-sm">
      <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-red-800 underline">Delete this claim</summary>
      <form action={formAction} className="mt-2 space-y-2 rounded-lg border border-stone-200 p-3">
        <input type="hidden" name="claimId" value={claimId} />
        <Outcome state={state} />
        <p>Delete your claim for {label}? This can&apos;t be undone, but you can claim again.</p>
        <Button type="submit" variant="secondary" disabled={isPending}>
          {isPending ? "Deleting…" : "Yes, delete it"}
        </Button>
      </form>
    </details>
  );
}
