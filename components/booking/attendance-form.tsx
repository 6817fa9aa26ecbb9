"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { recordAttendanceAction, type AttendeeState } from "@/app/org/[slug]/book/actions";

/** The register for a session that has happened: tick who came. */
export function AttendanceForm({ orgSlug, reference, deliveryId, attendees, isUpdate }: { orgSlug: string; reference: string; deliveryId: string; attendees: { id: string; name: string; attended: boolean | null }[]; isUpdate: boolean }) {
  const [state, action, isPending] = useActionState<AttendeeState, FormData>(recordAttendanceAction.bind(null, orgSlug, reference), null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="deliveryId" value={deliveryId} />
      {state ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? "rounded-md bg-brand-50 p-3 text-sm" : "rounded-md bg-red-50 p-3 text-sm text-red-900"}>
          {state.ok ? state.notice : state.message}
        </p>
      ) : null}
      <fieldset>
        <legend className="font-semibold">{isUpdate ? "Update who came" : "Who came?"}</legend>
        <p className="text-sm text-stone-700">People ticked get a certificate of attendance. Everyone listed gets a link to give feedback.</p>
        <ul className="mt-2 grid gap-1 sm:grid-cols-2">
          {attendees.map((person) => (
            <li key={person.id}>
              <label className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="present" value={person.id} defaultChecked={person.attended ?? true} className="size-5" />
                {person.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : isUpdate ? "Save changes" : "Save the register"}
      </Button>
    </form>
  );
}
