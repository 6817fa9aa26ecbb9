import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters, type AuditFilterValues } from "@/components/director/report-audit-filters";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { getAuditFilterOptions, getAuditLog } from "@/lib/server/director/audit-log";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

type Search = AuditFilterValues & { cursor?: string };
const FILTER_KEYS = ["unverifiedActorId", "subject", "action", "from", "to"] as const;

/** Only strings from the query (a repeated parameter arrives as an array: take the first). */
function readSearch(raw: Record<string, string | string[] | undefined>): Search {
  const pick = (key: string) => {
    const value = raw[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return { unverifiedActorId: pick("unverifiedActorId"), subject: pick("subject"), action: pick("action"), from: pick("from"), to: pick("to"), cursor: pick("cursor") };
}

function pageHref(filters: AuditFilterValues, cursor?: string): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return query ? `/director/audit?${query}` : "/director/audit";
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireDirector("/director/audit");
  const search = readSearch(await searchParams);
  const result = await getAuditLog({ db, actor, input: search });
  // A refused filter still needs the choices for the form.
  const options = (result.ok ? result.data.options : await getAuditFilterOptions({ db, actor })) ?? { actors: [], subjects: [], actions: [] };
  const values: AuditFilterValues = { unverifiedActorId: search.unverifiedActorId, subject: search.subject, action: search.action, from: search.from, to: search.to };
  const isFiltered = FILTER_KEYS.some((key) => values[key]);

  return (
    <>
      <PageHeader title="Audit log" description="Who looked at or changed sensitive information: lived-experience stories, checks, invoices and money. Newest first. Only a summary of each change is shown here, never the sensitive details themselves. Your looking at this page is recorded too." />
      <Card aria-labelledby="audit-filters-heading" className="mb-6">
        <h2 id="audit-filters-heading" className="mb-3 text-lg font-semibold">
          Filter
        </h2>
        {result.ok ? null : <FormAlert className="mb-4" message={result.message} />}
        <AuditFilters values={values} options={options} fieldErrors={result.ok ? undefined : result.fieldErrors} />
      </Card>

      {result.ok ? (
        <section aria-labelledby="audit-entries-heading">
          <h2 id="audit-entries-heading" className="mb-3 text-lg font-semibold">
            {search.cursor ? "Older entries" : isFiltered ? "Matching entries" : "Latest entries"}
          </h2>
          {result.data.entries.length === 0 ? (
            <EmptyState>{isFiltered ? "Nothing matches these filters. Try a wider date range or clear the filters." : "Nothing has been recorded yet."}</EmptyState>
          ) : (
            <>
              {/* Small screens: one card per entry; wider screens: the table. */}
              <ul className="space-y-3 sm:hidden">
                {result.data.entries.map((entry) => (
                  <li key={entry.id} className="rounded-xl border border-stone-200 bg-white p-4 text-sm">
                    <p className="font-semibold text-stone-900">{entry.actionLabel}</p>
                    <p className="text-stone-700">
                      {entry.actorName} · {formatDateTime(entry.at)}
                    </p>
                    <p>
                      {entry.href ? (
                        <Link className="inline-flex min-h-11 items-center font-medium text-brand-800 underline" href={entry.href}>
                          {entry.subjectLabel}
                        </Link>
                      ) : (
                        entry.subjectLabel
                      )}
                    </p>
                    {entry.summary ? <p className="text-stone-700">{entry.summary}</p> : null}
                  </li>
                ))}
              </ul>
            <div className="hidden overflow-x-auto rounded-xl border border-stone-200 bg-white sm:block" role="region" aria-labelledby="audit-entries-heading" tabIndex={0}>
              <table className="w-full min-w-[48rem] text-left text-sm" data-testid="audit-table">
                <thead>
                  <tr className="border-b border-stone-200 bg-stone-50">
                    <th scope="col" className="px-3 py-2 font-semibold">
                      When
                    </th>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      Who
                    </th>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      What they did
                    </th>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      Record
                    </th>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      Details recorded
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.data.entries.map((entry) => (
                    <tr key={entry.id} className="border-b border-stone-100 align-top">
                      <td className="whitespace-nowrap px-3 py-2">{formatDateTime(entry.at)}</td>
                      <td className="px-3 py-2">{entry.actorName}</td>
                      <td className="px-3 py-2">{entry.actionLabel}</td>
                      <td className="px-3 py-2">
                        {entry.href ? (
                          <Link className="font-medium text-brand-800 underline" href={entry.href}>
                            {entry.subjectLabel}
                          </Link>
                        ) : (
                          entry.subjectLabel
                        )}
                      </td>
                      <td className="px-3 py-2 text-stone-700">{entry.summary || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            </>
          )}
          <nav aria-label="Pages of the audit log" className="mt-4 flex flex-wrap gap-2">
            {search.cursor ? (
              <Button asChild variant="secondary">
                <Link href={pageHref(values)}>Back to the newest</Link>
              </Button>
            ) : null}
            {result.data.nextCursor ? (
              <Button asChild variant="secondary">
                <Link href={pageHref(values, result.data.nextCursor)}>Older entries</Link>
              </Button>
            ) : null}
          </nav>
        </section>
      ) : null}
    </>
  );
}
