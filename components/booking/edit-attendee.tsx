"use client";

import { useActionState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { updateAttendeeAction, type AttendeeState } from "@/app/org/[slug]/book/actions";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2";

/** Correct one attendee's details, in place. */
export function EditAttendee({ orgSlug, reference, person }: { orgSlug: string; reference: string; person: { id: string; name: string; email: string; jobTitle: string | null } }) {
  const [state, action, isPending] = useActionState<AttendeeState, FormData>(updateAttendeeAction.bind(null, orgSlug, reference), null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const id = `edit-${person.id}`;
  return (
    <details className="text-sm">
      <summary className="min-h-11 cursor-pointer content-center font-semibold text-brand-800 underline">Edit {person.name}</summary>
      <form action={action} className="mt-2 space-y-2" noValidate>
        <input type="hidden" name="attendeeId" value={person.id} />
        {state ? (
          <p role={state.ok ? "status" : "alert"} className={state.ok ? "text-sm" : "text-sm text-red-900"}>
            {state.ok ? state.notice : state.message}
          </p>
        ) : null}
        <Field id={`${id}-name`} label="Name" error={errors.name?.[0]}>
          <input id={`${id}-name`} name="name" defaultValue={v.name ?? person.name} className={inputClass} {...describedBy(`${id}-name`, { error: errors.name?.[0] })} />
        </Field>
        <Field id={`${id}-email`} label="Email address" error={errors.email?.[0]}>
          <input id={`${id}-email`} name="email" type="email" defaultValue={v.email ?? person.email} className={inputClass} {...describedBy(`${id}-email`, { error: errors.email?.[0] })} />
        </Field>
        <Field id={`${id}-job`} label="Job title (optional)" error={errors.jobTitle?.[0]}>
          <input id={`${id}-job`} name="jobTitle" defaultValue={v.jobTitle ?? person.jobTitle ?? ""} className={inputClass} {...describedBy(`${id}-job`, { error: errors.jobTitle?.[0] })} />
        </Field>
        <Button type="submit" variant="secondary" disabled={isPending}>
          {isPending ? "Saving…" : "Save"}
        </Button>
      </form>
    </details>
  );
}
