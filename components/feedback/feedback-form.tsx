"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { submitFeedbackAction, type FeedbackState } from "@/app/feedback/actions";

function Scale({ name, legend, max, low, high, value, error }: { name: string; legend: string; max: number; low: string; high: string; value?: string; error?: string }) {
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="font-medium">{legend}</legend>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <span className="text-sm text-stone-700">{low}</span>
        {Array.from({ length: max }, (_, i) => String(i + 1)).map((score) => (
          <label key={score} className="flex size-11 cursor-pointer items-center justify-center rounded-lg border border-stone-400 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-700 has-[:checked]:text-white has-[:focus-visible]:outline has-[:focus-visible]:outline-2">
            <input type="radio" name={name} value={score} defaultChecked={value === score} className="sr-only" />
            {score}
          </label>
        ))}
        <span className="text-sm text-stone-700">{high}</span>
      </div>
      {error ? (
        <p id={`${name}-error`} className="mt-1 text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function FeedbackForm({ token }: { token: string }) {
  const [state, action, isPending] = useActionState<FeedbackState, FormData>(submitFeedbackAction.bind(null, token), null);
  if (state?.ok) {
    return (
      <p role="status" className="rounded-lg bg-brand-50 p-4">
        <strong>Thank you.</strong> Your feedback has been sent. It goes to the team who delivered the session, without your email address.
      </p>
    );
  }
  const errors = state?.fieldErrors ?? {};
  const v = state?.values ?? {};
  return (
    <form action={action} className="space-y-6">
      {state ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900">
          {state.message}
        </p>
      ) : null}
      <Scale name="overallScore" legend="Overall, how was the session?" max={5} low="Poor" high="Excellent" value={v.overallScore} error={errors.overallScore?.[0]} />
      <Scale name="relevanceScore" legend="How relevant was it to your work?" max={5} low="Not at all" high="Very" value={v.relevanceScore} error={errors.relevanceScore?.[0]} />
      <Scale name="facilitationScore" legend="How were the facilitators?" max={5} low="Poor" high="Excellent" value={v.facilitationScore} error={errors.facilitationScore?.[0]} />
      <Scale name="confidenceBefore" legend="Before the session, how confident did you feel about the topic?" max={10} low="Not at all" high="Very" value={v.confidenceBefore} error={errors.confidenceBefore?.[0]} />
      <Scale name="confidenceAfter" legend="And now, after it?" max={10} low="Not at all" high="Very" value={v.confidenceAfter} error={errors.confidenceAfter?.[0]} />
      <div className="space-y-1">
        <label htmlFor="comment" className="block font-medium">
          Anything else you&apos;d like to tell us? (optional)
        </label>
        <textarea id="comment" name="comment" rows={4} maxLength={2000} defaultValue={v.comment} className="block w-full rounded-lg border border-stone-400 px-3 py-2" />
      </div>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Sending…" : "Send feedback"}
      </Button>
    </form>
  );
}
