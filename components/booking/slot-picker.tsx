"use client";

import { useActionState, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { holdSlotAction, type HoldState } from "@/app/org/[slug]/book/actions";

type Day = { date: string; starts: { start: string; end: string }[] };

const dayLabel = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "Europe/London" });
const timeLabel = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
const fullLabel = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * Choose a day, a start time and a format, then hold it. Times come from the slot search, so every one
 * shown has a free lived-experience + professional pair. Radio groups: arrow keys move between options.
 */
export function SlotPicker({ orgSlug, serviceSlug, days, modes, holdMinutes }: { orgSlug: string; serviceSlug: string; days: Day[]; modes: ("ONLINE" | "IN_PERSON")[]; holdMinutes: number }) {
  const [state, action, isPending] = useActionState<HoldState, FormData>(holdSlotAction.bind(null, orgSlug), null);
  const [date, setDate] = useState(days[0]?.date ?? "");
  const [mode, setMode] = useState(modes[0] ?? "ONLINE");
  const ids = useId();
  const day = days.find((d) => d.date === date);
  const nearest = state?.nearest ?? [];
  const locationError = state?.fieldErrors?.location?.[0];

  return (
    <form action={action} className="space-y-6">
      <input type="hidden" name="service" value={serviceSlug} />
      {state ? (
        <div className="rounded-md bg-amber-50 p-3 text-amber-950">
          <p role="alert" className="font-semibold">
            {state.message}
          </p>
          {nearest.length > 0 ? (
            <fieldset className="mt-3">
              <legend className="text-sm">Choose one of these instead:</legend>
              <div className="mt-2 flex flex-wrap gap-2">
                {nearest.map((slot) => (
                  <label key={slot.start} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-amber-300 bg-white px-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                    <input type="radio" name="startsAt" value={slot.start} required />
                    {fullLabel.format(new Date(slot.start))}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
        </div>
      ) : null}

      <fieldset>
        <legend className="text-lg font-semibold">1. Choose a day</legend>
        <div className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-6">
          {days.map((d) => (
            <label
              key={d.date}
              className="flex min-h-11 cursor-pointer flex-col rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-700"
            >
              <input type="radio" name="day" value={d.date} checked={d.date === date} onChange={() => setDate(d.date)} className="sr-only" />
              <span className="font-semibold">{dayLabel.format(noon(d.date))}</span>
              <span className="text-stone-700">
                {d.starts.length} time{d.starts.length === 1 ? "" : "s"}
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {day && nearest.length === 0 ? (
        <fieldset>
          <legend className="text-lg font-semibold">2. Choose a start time on {dayLabel.format(noon(day.date))}</legend>
          <div className="mt-3 flex flex-wrap gap-2">
            {day.starts.map((slot, index) => (
              <label
                key={slot.start}
                className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-stone-300 bg-white px-3 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
              >
                <input type="radio" name="startsAt" value={slot.start} defaultChecked={index === 0} required />
                {timeLabel.format(new Date(slot.start))}–{timeLabel.format(new Date(slot.end))}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      <fieldset>
        <legend className="text-lg font-semibold">3. Online or in person?</legend>
        <div className="mt-3 flex flex-wrap gap-2">
          {modes.map((m) => (
            <label key={m} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-stone-300 bg-white px-3 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {m === "ONLINE" ? "Online (video call)" : "In person, at your venue"}
            </label>
          ))}
        </div>
        {mode === "IN_PERSON" ? (
          <div className="mt-4 max-w-xl space-y-1">
            <label htmlFor={`${ids}-location`} className="block font-medium">
              Venue address
            </label>
            <textarea
              id={`${ids}-location`}
              name="location"
              rows={3}
              required
              aria-invalid={locationError ? true : undefined}
              aria-describedby={locationError ? `${ids}-location-error` : undefined}
              className="block w-full rounded-lg border border-stone-400 px-3 py-2"
            />
            {locationError ? (
              <p id={`${ids}-location-error`} className="text-sm font-medium text-red-800">
                {locationError}
              </p>
            ) : null}
          </div>
        ) : null}
      </fieldset>

      <div className="space-y-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Holding this time…" : "Hold this time"}
        </Button>
        <p className="text-sm text-stone-700">We&apos;ll keep it for you for {holdMinutes} minutes while you add the details. Nothing is booked or charged yet.</p>
      </div>
    </form>
  );
}
