"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { createQuoteAction, type QuoteFormState } from "@/app/director/actions";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2";

/** Proposed sessions (UK time), price lines and terms for a requested service. */
export function QuoteForm({ reference, sessions, defaultLine, defaultTerms, modes }: { reference: string; sessions: number; defaultLine: { description: string; unitPrice: string }; defaultTerms: string; modes: ("ONLINE" | "IN_PERSON")[] }) {
  const [state, action, isPending] = useActionState<QuoteFormState, FormData>(createQuoteAction.bind(null, reference), null);
  const v = state?.values ?? {};
  const errors = state?.fieldErrors ?? {};
  const problems = Object.values(errors).flat().filter(Boolean) as string[];
  return (
    <form action={action} className="space-y-6" noValidate>
      {state ? (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-red-900">
          <p className="font-medium">{state.message}</p>
          {problems.length ? (
            <ul className="mt-2 list-disc pl-5 text-sm">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <fieldset className="space-y-3">
        <legend className="font-semibold">Proposed sessions (UK time)</legend>
        {Array.from({ length: sessions }, (_, i) => (
          <div key={i} className="grid gap-2 rounded-lg border border-stone-200 p-3 sm:grid-cols-3">
            <label className="text-sm">
              Session {i + 1} starts
              <input type="datetime-local" name={`sessions.${i}.startsAtLocal`} defaultValue={v[`sessions.${i}.startsAtLocal`]} className={inputClass} />
            </label>
            <label className="text-sm">
              Format
              <select name={`sessions.${i}.mode`} defaultValue={v[`sessions.${i}.mode`] ?? modes[0]} className={inputClass}>
                {modes.map((mode) => (
                  <option key={mode} value={mode}>
                    {mode === "ONLINE" ? "Online" : "In person"}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              Address (in person)
              <input name={`sessions.${i}.location`} defaultValue={v[`sessions.${i}.location`]} className={inputClass} />
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="font-semibold">Price lines</legend>
        {[0, 1].map((i) => (
          <div key={i} className="grid gap-2 sm:grid-cols-[2fr_1fr_1fr_1fr]">
            <label className="text-sm">
              Description{i === 1 ? " (optional extra line)" : ""}
              <input name={`lines.${i}.description`} defaultValue={v[`lines.${i}.description`] ?? (i === 0 ? defaultLine.description : "")} className={inputClass} />
            </label>
            <label className="text-sm">
              Quantity
              <input name={`lines.${i}.quantity`} inputMode="numeric" defaultValue={v[`lines.${i}.quantity`] ?? (i === 0 ? String(sessions) : "1")} className={inputClass} />
            </label>
            <label className="text-sm">
              Unit price (£, excl. VAT)
              <input name={`lines.${i}.unitPrice`} inputMode="decimal" defaultValue={v[`lines.${i}.unitPrice`] ?? (i === 0 ? defaultLine.unitPrice : "")} className={inputClass} />
            </label>
            <label className="text-sm">
              VAT
              <select name={`lines.${i}.vatRateBasisPoints`} defaultValue={v[`lines.${i}.vatRateBasisPoints`] ?? "2000"} className={inputClass}>
                <option value="2000">20%</option>
                <option value="0">0%</option>
              </select>
            </label>
          </div>
        ))}
      </fieldset>
      <label className="block text-sm">
        Terms
        <textarea name="terms" rows={4} defaultValue={v.terms ?? defaultTerms} className="block w-full rounded-lg border border-stone-400 px-3 py-2" />
      </label>
      <label className="block max-w-xs text-sm">
        Valid for (days)
        <input name="validForDays" inputMode="numeric" defaultValue={v.validForDays ?? "30"} className={inputClass} />
      </label>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Sending the quote…" : "Send quote to the client"}
      </Button>
    </form>
  );
}
