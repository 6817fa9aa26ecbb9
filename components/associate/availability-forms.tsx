"use client";

import { useActionState, useId, useState } from "react";
import {
  addTimeOffAction,
  removeDateOverrideAction,
  removeTimeOffAction,
  saveDateOverrideAction,
  updateTimezoneAction,
  type AvailabilityState,
} from "@/app/associate/availability/actions";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { AVAILABILITY_STEP_MINUTES, formatMinuteOfDay } from "@/lib/domain/availability-rules";
import { FormNotice } from "@/components/ui/form-alert";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2";

/** "HH:MM" values (what the server parses) with friendly labels; the end list runs to midnight. */
const TIMES = Array.from({ length: 1440 / AVAILABILITY_STEP_MINUTES + 1 }, (_, i) => i * AVAILABILITY_STEP_MINUTES).map((minute) => ({
  value: `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`,
  label: formatMinuteOfDay(minute),
}));

function useFormErrors(state: AvailabilityState) {
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return { error: (name: string) => errors[name]?.[0], values };
}

/** The zone weekly hours are read in. Keyed by the saved zone, so a refusal keeps what was chosen. */
export function TimezoneForm({ timezone, zones }: { timezone: string; zones: string[] }) {
  const id = useId();
  const [state, action, isPending] = useActionState<AvailabilityState, FormData>(updateTimezoneAction, null);
  const { error, values } = useFormErrors(state);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormNotice state={state} />
      <Field
        id={`${id}-zone`}
        label="Your time zone"
        hint="Your weekly hours and date changes are in this time zone. If you change it, your hours keep their clock times (09:00 stays 09:00) in the new zone."
        error={error("timezone")}
      >
        <select key={values.timezone ?? timezone} id={`${id}-zone`} name="timezone" defaultValue={values.timezone ?? timezone} className={inputClass} {...describedBy(`${id}-zone`, { hint: true, error: error("timezone") })}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </Field>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save time zone"}
      </Button>
    </form>
  );
}

/** One date's hours: different hours, or not available that day. Replaces any change already made for that date. */
export function DateOverrideForm({ today }: { today: string }) {
  const id = useId();
  const [state, action, isPending] = useActionState<AvailabilityState, FormData>(saveDateOverrideAction, null);
  const { error, values } = useFormErrors(state);
  const [kind, setKind] = useState(values.kind ?? "UNAVAILABLE");
  const [handled, setHandled] = useState(state);
  if (state !== handled) {
    setHandled(state);
    if (state && !state.ok && state.values?.kind) setKind(state.values.kind);
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormNotice state={state} />
      <Field id={`${id}-date`} label="Date" error={error("date")}>
        <input id={`${id}-date`} name="date" type="date" min={today} defaultValue={values.date} className={inputClass} {...describedBy(`${id}-date`, { error: error("date") })} />
      </Field>
      <fieldset>
        <legend className="font-medium">On that date</legend>
        <label className="mt-1 flex min-h-11 items-center gap-2">
          <input type="radio" name="kind" value="UNAVAILABLE" checked={kind === "UNAVAILABLE"} onChange={() => setKind("UNAVAILABLE")} />
          I&apos;m not available that day
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="kind" value="HOURS" checked={kind === "HOURS"} onChange={() => setKind("HOURS")} />
          I&apos;m available at different hours
        </label>
      </fieldset>
      {kind === "HOURS" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={`${id}-from`} label="From" error={error("from")}>
            <select id={`${id}-from`} name="from" defaultValue={values.from ?? "09:00"} className={inputClass} {...describedBy(`${id}-from`, { error: error("from") })}>
              {TIMES.slice(0, -1).map((time) => (
                <option key={time.value} value={time.value}>
                  {time.label}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-to`} label="To" error={error("to")}>
            <select id={`${id}-to`} name="to" defaultValue={values.to ?? "17:00"} className={inputClass} {...describedBy(`${id}-to`, { error: error("to") })}>
              {TIMES.slice(1).map((time) => (
                <option key={time.value} value={time.value}>
                  {time.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
      ) : null}
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save this date"}
      </Button>
    </form>
  );
}

/** Remove something only after saying what will happen and asking once more. */
function ConfirmRemove({ id, summary, explanation, confirmLabel, action }: { id: string; summary: string; explanation: string; confirmLabel: string; action: (state: AvailabilityState, formData: FormData) => Promise<AvailabilityState> }) {
  const [state, formAction, isPending] = useActionState<AvailabilityState, FormData>(action, null);
  return (
    <details className="text-sm">
      <summary className="min-h-11 cursor-pointer content-center font-semibold text-red-800 underline">{summary}</summary>
      <form action={formAction} className="mt-2 space-y-2">
        <input type="hidden" name="id" value={id} />
        <FormNotice state={state} />
        <p>{explanation}</p>
        <Button type="submit" variant="secondary" disabled={isPending}>
          {isPending ? "Removing…" : confirmLabel}
        </Button>
      </form>
    </details>
  );
}

export function RemoveDateOverrideButton({ id, label }: { id: string; label: string }) {
  return <ConfirmRemove id={id} summary={`Remove the change for ${label}`} explanation={`Your weekly hours will apply on ${label} again.`} confirmLabel="Yes, remove it" action={removeDateOverrideAction} />;
}

export function RemoveTimeOffButton({ id, label }: { id: string; label: string }) {
  return <ConfirmRemove id={id} summary={`Remove time off ${label}`} explanation="We may offer you work on these days again." confirmLabel="Yes, remove it" action={removeTimeOffAction} />;
}

/** Whole days off, first to last (both included), with an optional note for the associate's own use. */
export function TimeOffForm({ today }: { today: string }) {
  const id = useId();
  const [state, action, isPending] = useActionState<AvailabilityState, FormData>(addTimeOffAction, null);
  const { error, values } = useFormErrors(state);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormNotice state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-from`} label="First day off" error={error("from")}>
          <input id={`${id}-from`} name="from" type="date" min={today} defaultValue={values.from} className={inputClass} {...describedBy(`${id}-from`, { error: error("from") })} />
        </Field>
        <Field id={`${id}-to`} label="Last day off" error={error("to")}>
          <input id={`${id}-to`} name="to" type="date" min={today} defaultValue={values.to} className={inputClass} {...describedBy(`${id}-to`, { error: error("to") })} />
        </Field>
      </div>
      <Field id={`${id}-reason`} label="Note (optional)" hint="Just for you, for example “Holiday”. You don't have to say why." error={error("reason")}>
        <input id={`${id}-reason`} name="reason" maxLength={200} defaultValue={values.reason} autoComplete="off" className={inputClass} {...describedBy(`${id}-reason`, { hint: true, error: error("reason") })} />
      </Field>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Adding…" : "Add time off"}
      </Button>
    </form>
  );
}
