"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { rescheduleDeliveryAction, rescheduleEngagementAction, type FormState } from "@/app/org/[slug]/book/actions";

const dayLabel = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "Europe/London" });
const timeLabel = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });

/** Choose a new time (grouped by day) that both facilitators can do. */
export function RescheduleForm({
  orgSlug,
  target,
  starts,
  backHref,
  label = "New time (UK time)",
  submitLabel = "Move the session",
}: {
  orgSlug: string;
  /** One session, or the whole booking (the first session's new time; the rest keep their spacing). */
  target: { deliveryId: string } | { reference: string };
  starts: { start: string; end: string }[];
  backHref: string;
  label?: string;
  submitLabel?: string;
}) {
  const [state, action, isPending] = useActionState<FormState, FormData>(("deliveryId" in target ? rescheduleDeliveryAction : rescheduleEngagementAction).bind(null, orgSlug), null);
  const byDay = new Map<string, { start: string; end: string }[]>();
  for (const slot of starts) {
    const day = dayLabel.format(new Date(slot.start));
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  return (
    <form action={action} className="space-y-5">
      {"deliveryId" in target ? <input type="hidden" name="deliveryId" value={target.deliveryId} /> : <input type="hidden" name="reference" value={target.reference} />}
      <FormAlert message={state?.message} />
      <Field id="new-time" label={label} hint="Only times when both of your facilitators are free are shown.">
        <select id="new-time" name="startsAt" required defaultValue={state?.values?.startsAt} aria-describedby="new-time-hint" className="block min-h-11 w-full max-w-md rounded-lg border border-stone-400 px-3 py-2">
          {[...byDay].map(([day, slots]) => (
            <optgroup key={day} label={day}>
              {slots.map((slot) => (
                <option key={slot.start} value={slot.start}>
                  {day}, {timeLabel.format(new Date(slot.start))}–{timeLabel.format(new Date(slot.end))}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Moving…" : submitLabel}
        </Button>
        <Button asChild variant="secondary">
          <Link href={backHref}>Keep the current time</Link>
        </Button>
      </div>
    </form>
  );
}
