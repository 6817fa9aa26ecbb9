"use client";

import { useActionState, useState } from "react";
import { finaliseInspectionAction, type InspectionFormState, updateInspectionAction } from "@/app/director/inspections/actions";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { bestAllowedGrade, findRuleBreaches, GRADE_LABELS, type Grade, GRADES, type Judgements, type LimitingRule, type Recommendation, type TemplateArea } from "@/lib/domain/inspection";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2";

type Row = { text: string; timescaleKind: string; date: string; weeks: string };
const blankRow: Row = { text: "", timescaleKind: "WEEKS", date: "", weeks: "" };

/** Rows to show: what was typed (after a refusal) or what is saved, plus one blank row to add another. */
function initialRows(values: Record<string, string> | undefined, saved: Recommendation[]): Row[] {
  if (values) {
    const rows: Row[] = [];
    for (const [name, value] of Object.entries(values)) {
      const match = /^recommendation\.(\d{1,2})\.(text|timescaleKind|date|weeks)$/.exec(name);
      if (match) rows[Number(match[1])] = { ...(rows[Number(match[1])] ?? blankRow), [match[2]!]: value };
    }
    return rows.filter(Boolean);
  }
  return [
    ...saved.map((r) => (r.timescale.kind === "WEEKS" ? { text: r.text, timescaleKind: "WEEKS", date: "", weeks: String(r.timescale.weeks) } : { text: r.text, timescaleKind: "DATE", date: r.timescale.date, weeks: "" })),
    blankRow,
  ];
}

export function InspectionEditForm({
  inspectionId,
  areas,
  limitingRules,
  judgements,
  childrensVoice,
  recommendations,
}: {
  inspectionId: string;
  areas: TemplateArea[];
  limitingRules: LimitingRule[];
  judgements: Judgements;
  childrensVoice: string;
  recommendations: Recommendation[];
}) {
  const [rows, setRows] = useState<Row[]>(() => initialRows(undefined, recommendations));
  const [state, action, isPending] = useActionState<InspectionFormState, FormData>(async (previous, formData) => {
    const next = await updateInspectionAction(inspectionId, previous, formData);
    // React resets the form after the action: keep the rows as typed (after a refusal) or as saved
    // (blank rows dropped, one blank row to add another), so nothing saved disappears from the form.
    const typed = initialRows(Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === "string")), []);
    setRows(next?.ok ? [...typed.filter((row) => row.text.trim()), blankRow] : typed);
    return next;
  }, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? state.values : undefined;
  const error = (name: string) => errors[name]?.[0];
  const [grades, setGrades] = useState<Record<string, Grade | null>>(() => Object.fromEntries(areas.map((area) => [area.key, judgements[area.key]?.grade ?? null])));
  const breaches = findRuleBreaches(grades, limitingRules);
  // Radios are uncontrolled with their default taken from `grades`: React resets a form after its
  // action, and a reset returns each radio to its default, which is then the grade last chosen.

  return (
    <form action={action} className="space-y-6" noValidate>
      <FormAlert message={state && !state.ok ? state.message : null} />
      {state?.ok ? (
        <p role="status" className="rounded-md bg-brand-50 p-3">
          {state.notice}
        </p>
      ) : null}

      {areas.map((area) => {
        const cap = bestAllowedGrade(area.key, grades, limitingRules);
        const gradeError = error(`grade.${area.key}`);
        const hintId = `area-${area.key}-limit`;
        return (
          <section key={area.key} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4 sm:p-5" aria-labelledby={`area-${area.key}-title`}>
            <h2 id={`area-${area.key}-title`} className="text-lg font-semibold">
              {area.title}
            </h2>
            <p className="text-sm text-stone-700">{area.guidance}</p>
            <fieldset aria-describedby={[cap.reasons.length ? hintId : null, gradeError ? `area-${area.key}-error` : null].filter(Boolean).join(" ") || undefined}>
              <legend className="font-medium">Judgement</legend>
              <div className="mt-1 grid gap-1 sm:grid-cols-2">
                {GRADES.map((grade) => (
                  <label key={grade} className="flex min-h-11 items-center gap-2">
                    <input
                      type="radio"
                      name={`grade.${area.key}`}
                      value={grade}
                      defaultChecked={grades[area.key] === grade}
                      onChange={() => setGrades((current) => ({ ...current, [area.key]: grade }))}
                      className="size-5"
                    />
                    {GRADE_LABELS[grade]}
                  </label>
                ))}
                <label className="flex min-h-11 items-center gap-2 text-stone-700">
                  <input type="radio" name={`grade.${area.key}`} value="" defaultChecked={grades[area.key] === null} onChange={() => setGrades((current) => ({ ...current, [area.key]: null }))} className="size-5" />
                  Not judged yet
                </label>
              </div>
              {cap.reasons.length ? (
                <p id={hintId} className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-950">
                  Limiting rule: this can be no better than <strong>{GRADE_LABELS[cap.grade]}</strong>. {cap.reasons.join(" ")}
                </p>
              ) : null}
              {gradeError ? (
                <p id={`area-${area.key}-error`} className="mt-2 text-sm font-medium text-red-800">
                  {gradeError}
                </p>
              ) : null}
            </fieldset>
            <Field id={`evidence-${area.key}`} label="Evidence" hint="What you saw, read and heard that supports this judgement." error={error(`evidence.${area.key}`)}>
              <textarea
                id={`evidence-${area.key}`}
                name={`evidence.${area.key}`}
                rows={5}
                defaultValue={values?.[`evidence.${area.key}`] ?? judgements[area.key]?.evidence ?? ""}
                className={inputClass}
                {...describedBy(`evidence-${area.key}`, { hint: true, error: error(`evidence.${area.key}`) })}
              />
            </Field>
          </section>
        );
      })}

      <div aria-live="polite">
        {breaches.length ? (
          <p className="rounded-md border border-amber-700 bg-amber-50 p-3 text-sm text-amber-950">
            <strong>These judgements break a limiting rule, so they can&apos;t be saved yet:</strong> {breaches.map((b) => b.message).join(" ")}
          </p>
        ) : null}
      </div>

      <section className="space-y-3 rounded-xl border border-stone-200 bg-white p-4 sm:p-5" aria-labelledby="voice-title">
        <h2 id="voice-title" className="text-lg font-semibold">
          What children and young people told us
        </h2>
        <Field
          id="childrens-voice"
          label="Children's voice"
          hint="Use their own words only where they agreed, and never a name or detail that could identify them (say “a young person, 15”). Keep it kind and plain: this may be read by the young people themselves."
          error={error("childrensVoice")}
        >
          <textarea id="childrens-voice" name="childrensVoice" rows={6} defaultValue={values?.childrensVoice ?? childrensVoice} className={inputClass} {...describedBy("childrens-voice", { hint: true, error: error("childrensVoice") })} />
        </Field>
      </section>

      <section className="space-y-4 rounded-xl border border-stone-200 bg-white p-4 sm:p-5" aria-labelledby="recommendations-title">
        <h2 id="recommendations-title" className="text-lg font-semibold">
          Recommendations
        </h2>
        <p className="text-sm text-stone-700">Each needs a timescale: a date, or within a number of weeks. Leave a row empty to skip it.</p>
        {rows.map((row, index) => {
          const key = `recommendation.${index}`;
          const id = `recommendation-${index}`;
          return (
            <fieldset key={index} className="space-y-3 border-t border-stone-200 pt-3">
              <legend className="font-medium">Recommendation {index + 1}</legend>
              <Field id={`${id}-text`} label="What should change" error={error(`${key}.text`)}>
                <textarea id={`${id}-text`} name={`${key}.text`} rows={2} defaultValue={row.text} className={inputClass} {...describedBy(`${id}-text`, { error: error(`${key}.text`) })} />
              </Field>
              <fieldset aria-describedby={error(`${key}.timescaleKind`) ? `${id}-kind-error` : undefined}>
                <legend className="text-sm font-medium">Timescale</legend>
                <div className="flex flex-wrap gap-x-6">
                  <label className="flex min-h-11 items-center gap-2">
                    <input type="radio" name={`${key}.timescaleKind`} value="WEEKS" defaultChecked={row.timescaleKind !== "DATE"} className="size-5" />
                    Within a number of weeks
                  </label>
                  <label className="flex min-h-11 items-center gap-2">
                    <input type="radio" name={`${key}.timescaleKind`} value="DATE" defaultChecked={row.timescaleKind === "DATE"} className="size-5" />
                    By a date
                  </label>
                </div>
                {error(`${key}.timescaleKind`) ? (
                  <p id={`${id}-kind-error`} className="text-sm font-medium text-red-800">
                    {error(`${key}.timescaleKind`)}
                  </p>
                ) : null}
              </fieldset>
              <div className="grid gap-3 sm:grid-cols-2">
                <Field id={`${id}-weeks`} label="Weeks (if within weeks)" error={error(`${key}.weeks`)}>
                  <input id={`${id}-weeks`} name={`${key}.weeks`} inputMode="numeric" defaultValue={row.weeks} className={inputClass} {...describedBy(`${id}-weeks`, { error: error(`${key}.weeks`) })} />
                </Field>
                <Field id={`${id}-date`} label="Date (if by a date)" error={error(`${key}.date`)}>
                  <input id={`${id}-date`} name={`${key}.date`} type="date" defaultValue={row.date} className={inputClass} {...describedBy(`${id}-date`, { error: error(`${key}.date`) })} />
                </Field>
              </div>
            </fieldset>
          );
        })}
        {rows.length < 30 ? (
          <Button type="button" variant="secondary" onClick={() => setRows((current) => [...current, blankRow])}>
            Add another recommendation
          </Button>
        ) : null}
      </section>

      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save draft"}
      </Button>
    </form>
  );
}

export function FinaliseInspectionForm({ inspectionId }: { inspectionId: string }) {
  const [state, action, isPending] = useActionState<InspectionFormState, FormData>(finaliseInspectionAction.bind(null, inspectionId), null);
  return (
    <details className="rounded-xl border border-stone-200 bg-white p-4 sm:p-5">
      <summary className="min-h-11 cursor-pointer content-center font-semibold text-brand-800 underline">Finalise the report</summary>
      <form action={action} className="mt-3 space-y-3">
        <FormAlert message={state && !state.ok ? state.message : null} />
        <p>Save your changes first: finalising uses the last saved version. Once final, the report can&apos;t be changed, and every area needs a judgement and evidence.</p>
        <Button type="submit" disabled={isPending}>
          {isPending ? "Finalising…" : "Yes, finalise the report"}
        </Button>
      </form>
    </details>
  );
}
