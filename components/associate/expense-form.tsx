"use client";

import { useActionState, useState } from "react";
import { type MoneyFormState, resubmitExpenseAction, submitExpenseAction } from "@/app/associate/money/actions";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { formatRate, mileageCapMessage } from "@/lib/domain/earnings";
import { formatPounds } from "@/lib/domain/money";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2";
const MAX_BYTES = 5 * 1024 * 1024;

export type ClaimableSession = { id: string; label: string };
export type ExistingClaim = { id: string; deliveryId: string; category: string; description: string; miles: number | null; claimedPounds: string; decisionNote: string | null; receiptName: string | null };

const categoryChoices = (rate: number) =>
  [
    { value: "MILEAGE", label: "Mileage", hint: `Driving your own car, van or motorbike. We pay HMRC's approved rate of ${formatRate(rate)} a mile.` },
    { value: "PUBLIC_TRANSPORT", label: "Public transport", hint: "Train, bus or tram tickets, or a taxi when there was no other way." },
    { value: "SUBSISTENCE", label: "Food and drink", hint: "A meal or drink while you were working away from home." },
    { value: "ACCOMMODATION", label: "Accommodation", hint: "A room for the night, if we agreed it beforehand." },
    { value: "OTHER", label: "Something else", hint: "For example parking or printing. Say what it was below." },
  ] as const;

/** Whole pence from what was typed ("£13.50", "13.5", "1,000"), or null while it isn't an amount yet. */
function readPence(text: string): number | null {
  const cleaned = text.trim().replace(/^£/, "").replace(/,/g, "");
  return /^\d{1,6}(\.\d{1,2})?$/.test(cleaned) ? Math.round(Number(cleaned) * 100) : null;
}

/**
 * Claim an expense for one of your sessions, or change a claim we asked about. For mileage it shows,
 * as you type, what we can pay at the HMRC rate and says plainly when an amount is capped.
 */
export function ExpenseClaimForm({ sessions, ratePencePerMile, claim }: { sessions: ClaimableSession[]; ratePencePerMile: number; claim?: ExistingClaim }) {
  const action = claim ? resubmitExpenseAction.bind(null, claim.id) : submitExpenseAction;
  const [state, formAction, isPending] = useActionState<MoneyFormState, FormData>(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const [category, setCategory] = useState(values.category ?? claim?.category ?? "");
  const [miles, setMiles] = useState(values.miles ?? (claim?.miles ? String(claim.miles) : ""));
  const [amount, setAmount] = useState(values.amount ?? claim?.claimedPounds ?? "");
  const [fileError, setFileError] = useState<string | null>(null);
  const isMileage = category === "MILEAGE";
  const milesNumber = /^\d{1,4}$/.test(miles.trim()) ? Number(miles.trim()) : null;
  const allowance = milesNumber ? milesNumber * ratePencePerMile : null;
  const typed = readPence(amount);
  const isCapped = allowance !== null && typed !== null && typed > allowance;
  const receiptError = errors.receipt?.[0] ?? fileError ?? undefined;
  const wasRefused = state !== null && !state.ok;

  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormAlert message={state && !state.ok ? state.message : null} className="text-sm" />
      <Field id="claim-session" label="Which session was it for?" hint="Your sessions from the last 90 days, up to today." error={errors.unverifiedDeliveryId?.[0]}>
        <select
          id="claim-session"
          name="unverifiedDeliveryId"
          defaultValue={values.unverifiedDeliveryId ?? claim?.deliveryId ?? ""}
          className={inputClass}
          {...describedBy("claim-session", { hint: true, error: errors.unverifiedDeliveryId?.[0] })}
        >
          <option value="">Choose a session</option>
          {sessions.map((session) => (
            <option key={session.id} value={session.id}>
              {session.label}
            </option>
          ))}
        </select>
      </Field>

      <fieldset aria-describedby={errors.category ? "category-error" : undefined}>
        <legend className="font-medium">What kind of expense?</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {categoryChoices(ratePencePerMile).map((choice) => (
            <label key={choice.value} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-stone-200 p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
              <input
                type="radio"
                name="category"
                value={choice.value}
                defaultChecked={category === choice.value}
                onChange={() => setCategory(choice.value)}
                className="mt-1 h-5 w-5 shrink-0"
                aria-describedby={`category-${choice.value}-hint`}
              />
              <span>
                <span className="block font-medium">{choice.label}</span>
                <span id={`category-${choice.value}-hint`} className="block text-sm text-stone-700">
                  {choice.hint}
                </span>
              </span>
            </label>
          ))}
        </div>
        {errors.category ? (
          <p id="category-error" className="mt-2 text-sm font-medium text-red-800">
            {errors.category[0]}
          </p>
        ) : null}
      </fieldset>

      <Field id="claim-description" label="What was it?" hint={isMileage ? "Where you drove from and to, like “Home in Leeds to Halifax and back”." : "Like “Return train, Leeds to Halifax”."} error={errors.description?.[0]}>
        <textarea
          id="claim-description"
          name="description"
          rows={2}
          maxLength={300}
          defaultValue={values.description ?? claim?.description ?? ""}
          className={inputClass}
          {...describedBy("claim-description", { hint: true, error: errors.description?.[0] })}
        />
      </Field>

      {isMileage ? (
        <Field id="claim-miles" label="How many miles?" hint="The whole journey, there and back, in whole miles." error={errors.miles?.[0]}>
          <input
            id="claim-miles"
            name="miles"
            inputMode="numeric"
            autoComplete="off"
            value={miles}
            onChange={(event) => setMiles(event.target.value)}
            className={`${inputClass} max-w-40`}
            {...describedBy("claim-miles", { hint: true, error: errors.miles?.[0] })}
          />
        </Field>
      ) : null}

      {category ? (
        <Field
          id="claim-amount"
          label={isMileage ? "Amount you'd like to claim, in pounds (optional)" : "Amount you spent, in pounds"}
          hint={isMileage ? `Leave it empty and we'll work it out at ${formatRate(ratePencePerMile)} a mile.` : "Like 12.50. Up to £2,000 for one claim."}
          error={errors.amount?.[0]}
        >
          <div className="flex items-center gap-2">
            <span aria-hidden="true" className="font-medium">
              £
            </span>
            <input
              id="claim-amount"
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
              className={`${inputClass} max-w-40`}
              {...describedBy("claim-amount", { hint: true, error: errors.amount?.[0] })}
            />
          </div>
        </Field>
      ) : null}

      {isMileage ? (
        <div aria-live="polite" className="space-y-2 text-sm">
          {allowance !== null ? (
            <p className="rounded-md bg-stone-100 p-3">
              {milesNumber} mile{milesNumber === 1 ? "" : "s"} at {formatRate(ratePencePerMile)} a mile comes to <strong>{formatPounds(allowance)}</strong>.
            </p>
          ) : null}
          {isCapped && allowance !== null ? (
            <div className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950">
              <p>
                <strong>Please note: </strong>
                {mileageCapMessage({ ratePencePerMile, amountPence: allowance })}
              </p>
            </div>
          ) : null}
        </div>
      ) : null}

      <Field
        id="claim-receipt"
        label={claim?.receiptName ? "A new receipt (optional)" : "Receipt (optional)"}
        hint={
          <>
            A photo (JPEG, PNG, WebP or HEIC) or a PDF, up to 5 MB. It helps us approve your claim quickly.
            {claim?.receiptName ? ` We have “${claim.receiptName}” already; a new one replaces it.` : ""}
            {wasRefused ? " If you'd chosen a file, please choose it again." : ""}
          </>
        }
        error={receiptError}
      >
        <input
          id="claim-receipt"
          name="receipt"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf"
          onChange={(event) => {
            const file = event.target.files?.[0];
            setFileError(file && file.size > MAX_BYTES ? "That file is bigger than 5 MB. Please upload a smaller photo or a PDF." : null);
          }}
          className="block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2 text-sm file:mr-3 file:rounded-md file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:font-medium"
          {...describedBy("claim-receipt", { hint: true, error: receiptError })}
        />
      </Field>

      <Button type="submit" disabled={isPending}>
        {isPending ? "Sending…" : claim ? "Send it back to us" : "Send my claim"}
      </Button>
    </form>
  );
}
