import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { Pipeline } from "@/lib/server/director/pipeline";

const selectClass = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2";

/** A plain GET form: the filters live in the address, so they work without JavaScript and can be shared. */
export function PipelineFilterForm({ filters, options, errors }: { filters: Partial<Pipeline["filters"]>; options: Pipeline["options"]; errors?: Record<string, string[] | undefined> }) {
  const error = (name: string) => errors?.[name]?.[0];
  return (
    <form method="get" action="/director/engagements" className="grid gap-4 rounded-xl border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" aria-label="Filter engagements">
      {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
      <div className="space-y-1">
        <label htmlFor="filter-client" className="block font-medium">Client</label>
        <select id="filter-client" name="client" defaultValue={filters.client ?? ""} className={selectClass}>
          <option value="">All clients</option>
          {options.clients.map((o) => (
            <option key={o.id} value={o.id}>{o.name}</option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-service" className="block font-medium">Service</label>
        <select id="filter-service" name="service" defaultValue={filters.service ?? ""} className={selectClass}>
          <option value="">All services</option>
          {options.services.map((o) => (
            <option key={o.id} value={o.id}>{o.name}</option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-associate" className="block font-medium">Associate</label>
        <select id="filter-associate" name="associate" defaultValue={filters.associate ?? ""} className={selectClass}>
          <option value="">Anyone</option>
          {options.associates.map((o) => (
            <option key={o.id} value={o.id}>{o.name}</option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-month" className="block font-medium">Month</label>
        <input
          id="filter-month"
          name="month"
          type="month"
          defaultValue={filters.month ?? ""}
          className={selectClass}
          aria-describedby={error("month") ? "filter-month-error" : undefined}
          aria-invalid={error("month") ? true : undefined}
        />
        {error("month") ? <p id="filter-month-error" className="text-sm font-medium text-red-800">{error("month")}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit">Show engagements</Button>
        <Button asChild variant="secondary">
          <Link href="/director/engagements">Clear filters</Link>
        </Button>
      </div>
    </form>
  );
}
