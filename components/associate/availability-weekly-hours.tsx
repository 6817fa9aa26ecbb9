"use client";

import { useActionState, useEffect, useId, useState } from "react";
import { saveWeeklyHoursAction, type WeeklyHoursState } from "@/app/associate/availability/actions";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import type { WeeklyRule } from "@/lib/domain/availability";
import {
  AVAILABILITY_STEP_MINUTES,
  describeJoin,
  findWeeklyRuleProblem,
  formatDayWindow,
  formatMinuteOfDay,
  isSameWeeklyHours,
  mergeWeeklyRules,
  removeWeeklyWindow,
  WEEKDAY_NAMES,
} from "@/lib/domain/availability-rules";
import { DAYTIME, WeekGrid } from "./week-grid";

const selectClass = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2";

const START_OPTIONS = Array.from({ length: 1440 / AVAILABILITY_STEP_MINUTES }, (_, i) => i * AVAILABILITY_STEP_MINUTES);
const END_OPTIONS = START_OPTIONS.map((minute) => minute + AVAILABILITY_STEP_MINUTES);

function hasHoursOutsideDaytime(rules: WeeklyRule[]) {
  return rules.some((rule) => rule.startMinute < DAYTIME.startMinute || rule.endMinute > DAYTIME.endMinute);
}

/**
 * Weekly hours: paint them on the week grid, or use the list and the "Add hours" form (the same
 * draft, for anyone who can't or would rather not drag). Nothing is saved until "Save weekly hours";
 * unsaved changes are marked, and leaving the page with them asks first.
 */
export function WeeklyHoursEditor({ savedRules, timezone }: { savedRules: WeeklyRule[]; timezone: string }) {
  const ids = useId();
  const [state, action, isPending] = useActionState<WeeklyHoursState, FormData>(saveWeeklyHoursAction, null);
  const [saved, setSaved] = useState(savedRules);
  const [rules, setRules] = useState(savedRules);
  const [isWholeDay, setIsWholeDay] = useState(() => hasHoursOutsideDaytime(savedRules));
  const [addNotice, setAddNotice] = useState("");
  const [addError, setAddError] = useState<{ field: "day" | "from" | "to"; message: string } | null>(null);
  const [draft, setDraft] = useState({ day: "1", from: "540", to: "1020" });

  // A successful save becomes the new starting point (the server may have joined windows).
  const [handled, setHandled] = useState(state);
  if (state !== handled) {
    setHandled(state);
    if (state?.ok) {
      setSaved(state.data.rules);
      setRules(state.data.rules);
    }
  }

  const isDirty = !isSameWeeklyHours(rules, saved);

  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [isDirty]);

  function change(next: WeeklyRule[]) {
    setRules(mergeWeeklyRules(next).rules);
    setAddNotice("");
  }

  function addHours() {
    const window = { weekday: Number(draft.day), startMinute: Number(draft.from), endMinute: Number(draft.to) };
    const problem = findWeeklyRuleProblem(window);
    if (problem) {
      setAddError({ field: window.startMinute >= window.endMinute ? "to" : "from", message: problem });
      return;
    }
    setAddError(null);
    const merged = mergeWeeklyRules([...rules, window]);
    setRules(merged.rules);
    if (window.startMinute < DAYTIME.startMinute || window.endMinute > DAYTIME.endMinute) setIsWholeDay(true);
    const joined = merged.joins.filter((join) => join.weekday === window.weekday).map(describeJoin);
    setAddNotice([`Added ${WEEKDAY_NAMES[window.weekday - 1]} ${formatDayWindow(window)}.`, ...joined, "Remember to save your weekly hours."].join(" "));
  }

  const saveError = state && !state.ok ? state : null;

  return (
    <div className="space-y-6">
      <p id={`${ids}-help`} className="text-sm text-stone-700">
        Times are in your time zone ({timezone}). Click or drag across the grid to mark when you can work; start on a marked half hour to clear it. With a keyboard: arrow
        keys move, Space switches a half hour on or off, and Shift with an arrow key stretches that choice. Or use the list and &ldquo;Add hours&rdquo; below.
      </p>

      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id={`${ids}-grid`} className="font-semibold">
              Your week
            </h3>
            <Button type="button" variant="secondary" aria-pressed={isWholeDay} onClick={() => setIsWholeDay(!isWholeDay)}>
              {isWholeDay ? "Show 06:00–22:00 only" : "Show the whole day"}
            </Button>
          </div>
          {!isWholeDay && hasHoursOutsideDaytime(rules) ? (
            <p className="text-sm text-stone-700">You also have hours before 06:00 or after 22:00: show the whole day to see them.</p>
          ) : null}
          <WeekGrid rules={rules} onChange={change} isWholeDay={isWholeDay} labelledBy={`${ids}-grid`} describedBy={`${ids}-help`} />
        </div>

        <div className="space-y-6">
          <section aria-labelledby={`${ids}-list`}>
            <h3 id={`${ids}-list`} className="font-semibold">
              Your hours, day by day
            </h3>
            <ul className="mt-2 divide-y divide-stone-200">
              {WEEKDAY_NAMES.map((name, index) => {
                const windows = rules.filter((rule) => rule.weekday === index + 1);
                return (
                  <li key={name} className="py-2">
                    <p className="font-medium">{name}</p>
                    {windows.length === 0 ? (
                      <p className="text-sm text-stone-700">Not available</p>
                    ) : (
                      <ul className="mt-1 space-y-1">
                        {windows.map((window) => (
                          <li key={window.startMinute} className="flex items-center justify-between gap-2">
                            <span className="tabular-nums">
                              {name} {formatDayWindow(window)}
                            </span>
                            <Button
                              type="button"
                              variant="ghost"
                              className="text-red-800 underline"
                              aria-label={`Remove ${name} ${formatDayWindow(window)}`}
                              onClick={() => change(removeWeeklyWindow(rules, window))}
                            >
                              Remove
                            </Button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>

          <section aria-labelledby={`${ids}-add`} className="rounded-lg border border-stone-200 p-4">
            <h3 id={`${ids}-add`} className="font-semibold">
              Add hours
            </h3>
            <div className="mt-3 grid gap-3 sm:grid-cols-3 xl:grid-cols-1 2xl:grid-cols-3">
              <Field id={`${ids}-day`} label="Day" error={addError?.field === "day" ? addError.message : undefined}>
                <select id={`${ids}-day`} className={selectClass} value={draft.day} onChange={(e) => setDraft({ ...draft, day: e.target.value })}>
                  {WEEKDAY_NAMES.map((name, index) => (
                    <option key={name} value={index + 1}>
                      {name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id={`${ids}-from`} label="From" error={addError?.field === "from" ? addError.message : undefined}>
                <select id={`${ids}-from`} className={selectClass} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} {...describedBy(`${ids}-from`, { error: addError?.field === "from" ? addError.message : undefined })}>
                  {START_OPTIONS.map((minute) => (
                    <option key={minute} value={minute}>
                      {formatMinuteOfDay(minute)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id={`${ids}-to`} label="To" error={addError?.field === "to" ? addError.message : undefined}>
                <select id={`${ids}-to`} className={selectClass} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} {...describedBy(`${ids}-to`, { error: addError?.field === "to" ? addError.message : undefined })}>
                  {END_OPTIONS.map((minute) => (
                    <option key={minute} value={minute}>
                      {formatMinuteOfDay(minute)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <Button type="button" variant="secondary" className="mt-3" onClick={addHours}>
              Add hours
            </Button>
            <p role="status" className="mt-2 text-sm">
              {addNotice}
            </p>
          </section>
        </div>
      </div>

      <form action={action} className="space-y-3 border-t border-stone-200 pt-4">
        <input type="hidden" name="windows" value={JSON.stringify(rules)} />
        <FormAlert message={saveError?.message} />
        {saveError?.fieldErrors?.windows ? (
          <ul className="list-disc pl-5 text-sm text-red-900">
            {saveError.fieldErrors.windows.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={isPending || !isDirty}>
            {isPending ? "Saving…" : "Save weekly hours"}
          </Button>
          {isDirty ? (
            <Button type="button" variant="secondary" disabled={isPending} onClick={() => change(saved)}>
              Undo changes
            </Button>
          ) : null}
          <p role="status" className="text-sm font-medium">
            {isDirty ? (
              <span className="rounded bg-amber-100 px-2 py-1 text-amber-950">
                <span aria-hidden="true">● </span>You have unsaved changes
              </span>
            ) : state?.ok ? (
              <span>
                <span aria-hidden="true">✓ </span>
                {[state.notice, ...state.data.joined].join(" ")}
              </span>
            ) : null}
          </p>
        </div>
      </form>
    </div>
  );
}
