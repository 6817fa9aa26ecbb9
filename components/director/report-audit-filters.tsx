import Link from "next/link";
import { describedBy, Field } from "@/components/booking/field";
import { Button } from "@/components/ui/button";
import type { FieldErrors } from "@/lib/result";

type Option = { value: string; label: string };
export type AuditFilterValues = { unverifiedActorId?: string; subject?: string; action?: string; from?: string; to?: string };

const control = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 aria-[invalid=true]:border-red-700";

/**
 * The audit log's filters: a plain GET form, so a filtered view is a link that can be bookmarked or
 * shared, and works without JavaScript. Typed values stay in the form after a refusal (they come back
 * from the URL).
 */
export function AuditFilters({ values, options, fieldErrors }: { values: AuditFilterValues; options: { actors: Option[]; subjects: Option[]; actions: Option[] }; fieldErrors?: FieldErrors }) {
  const error = (key: string) => fieldErrors?.[key]?.[0];
  return (
    <form method="get" action="/director/audit" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Filter the audit log">
      <Field id="audit-actor" label="Who" error={error("unverifiedActorId")}>
        <select id="audit-actor" name="unverifiedActorId" defaultValue={values.unverifiedActorId ?? ""} className={control} {...describedBy("audit-actor", { error: error("unverifiedActorId") })}>
          <option value="">Anyone</option>
          {options.actors.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-subject" label="Kind of record" error={error("subject")}>
        <select id="audit-subject" name="subject" defaultValue={values.subject ?? ""} className={control} {...describedBy("audit-subject", { error: error("subject") })}>
          <option value="">Any record</option>
          {options.subjects.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-action" label="What they did" error={error("action")}>
        <select id="audit-action" name="action" defaultValue={values.action ?? ""} className={control} {...describedBy("audit-action", { error: error("action") })}>
          <option value="">Anything</option>
          {options.actions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-from" label="From (UK date)" hint="The first day to include." error={error("from")}>
        <input id="audit-from" name="from" type="date" defaultValue={values.from ?? ""} className={control} {...describedBy("audit-from", { hint: true, error: error("from") })} />
      </Field>
      <Field id="audit-to" label="To (UK date)" hint="The last day to include." error={error("to")}>
        <input id="audit-to" name="to" type="date" defaultValue={values.to ?? ""} className={control} {...describedBy("audit-to", { hint: true, error: error("to") })} />
      </Field>
      <div className="flex flex-wrap items-end gap-2">
        <Button type="submit">Show entries</Button>
        <Button asChild variant="secondary">
          <Link href="/director/audit">Clear filters</Link>
        </Button>
      </div>
    </form>
  );
}
