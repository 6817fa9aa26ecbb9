"use client";

import { useActionState, useId } from "react";
import { Button } from "@/components/ui/button";
import { addAttendeeAction, importAttendeesAction, removeAttendeeAction, type AttendeeState } from "@/app/org/[slug]/book/actions";
import { EditAttendee } from "./edit-attendee";
import { describedBy, Field } from "./field";

type Attendee = { id: string; name: string; email: string; jobTitle: string | null };
const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2";

function Message({ state }: { state: AttendeeState }) {
  if (!state) return null;
  if (state.ok) return <p role="status" className="rounded-md bg-brand-50 p-3 text-sm">{state.notice}</p>;
  return (
    <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
      <p className="font-medium">{state.message}</p>
      {state.rowErrors?.length ? (
        <ul className="mt-2 list-disc pl-5">
          {state.rowErrors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Who is coming: the list, add one person, upload a CSV, remove someone (after confirming). */
export function AttendeesPanel({ orgSlug, reference, attendees, capacity, isEditable }: { orgSlug: string; reference: string; attendees: Attendee[]; capacity: number; isEditable: boolean }) {
  const [added, addAction, isAdding] = useActionState<AttendeeState, FormData>(addAttendeeAction.bind(null, orgSlug, reference), null);
  const [imported, importAction, isImporting] = useActionState<AttendeeState, FormData>(importAttendeesAction.bind(null, orgSlug, reference), null);
  const [removed, removeAction, isRemoving] = useActionState<AttendeeState, FormData>(removeAttendeeAction.bind(null, orgSlug, reference), null);
  const id = useId();
  const addErrors = added && !added.ok ? (added.fieldErrors ?? {}) : {};
  const values = added && !added.ok ? (added.values ?? {}) : {};
  const isFull = attendees.length >= capacity;

  return (
    <div className="space-y-6">
      <p className="text-sm text-stone-700">
        {attendees.length} of up to {capacity} places filled.
      </p>
      <Message state={removed} />
      {attendees.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 p-4 text-stone-700">Nobody is listed yet. Add people one at a time or upload a spreadsheet saved as CSV.</p>
      ) : (
        <ul className="divide-y divide-stone-200">
          {attendees.map((person) => (
            <li key={person.id} className="flex flex-col gap-2 py-2 sm:flex-row sm:items-center sm:justify-between">
              <div>
                <p className="font-medium">{person.name}</p>
                <p className="text-sm text-stone-700">
                  {person.email}
                  {person.jobTitle ? ` · ${person.jobTitle}` : ""}
                </p>
              </div>
              {isEditable ? (
                <div className="flex flex-col gap-1 sm:items-end">
                <EditAttendee orgSlug={orgSlug} reference={reference} person={person} />
                <details className="text-sm">
                  <summary className="min-h-11 cursor-pointer content-center font-semibold text-red-800 underline">Remove {person.name}</summary>
                  <form action={removeAction} className="mt-2 flex items-center gap-2">
                    <input type="hidden" name="attendeeId" value={person.id} />
                    <span>Remove {person.name} from the list?</span>
                    <Button type="submit" variant="secondary" disabled={isRemoving}>
                      Yes, remove
                    </Button>
                  </form>
                </details>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {isEditable && !isFull ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <form action={addAction} className="space-y-3" noValidate>
            <h3 className="font-semibold">Add someone</h3>
            <Message state={added} />
            <Field id={`${id}-name`} label="Name" error={addErrors.name?.[0]}>
              <input id={`${id}-name`} name="name" autoComplete="off" defaultValue={values.name} className={inputClass} {...describedBy(`${id}-name`, { error: addErrors.name?.[0] })} />
            </Field>
            <Field id={`${id}-email`} label="Email address" error={addErrors.email?.[0]}>
              <input id={`${id}-email`} name="email" type="email" autoComplete="off" defaultValue={values.email} className={inputClass} {...describedBy(`${id}-email`, { error: addErrors.email?.[0] })} />
            </Field>
            <Field id={`${id}-job`} label="Job title (optional)" error={addErrors.jobTitle?.[0]}>
              <input id={`${id}-job`} name="jobTitle" autoComplete="off" defaultValue={values.jobTitle} className={inputClass} {...describedBy(`${id}-job`, { error: addErrors.jobTitle?.[0] })} />
            </Field>
            <Button type="submit" disabled={isAdding}>
              {isAdding ? "Adding…" : "Add to the list"}
            </Button>
          </form>
          <form action={importAction} className="space-y-3">
            <h3 className="font-semibold">Upload a list</h3>
            <Message state={imported} />
            <Field id={`${id}-file`} label="CSV file" hint="The first row must name the columns: name, email and (optionally) job title. If any row has a problem, nobody is added and we list what to fix.">
              <input id={`${id}-file`} name="file" type="file" accept=".csv,text/csv" className="block min-h-11 w-full text-sm" aria-describedby={`${id}-file-hint`} />
            </Field>
            <Button type="submit" variant="secondary" disabled={isImporting}>
              {isImporting ? "Uploading…" : "Upload and add"}
            </Button>
          </form>
        </div>
      ) : isEditable ? (
        <p className="text-sm text-stone-700">The session is full. Remove someone to add another person.</p>
      ) : null}
    </div>
  );
}
