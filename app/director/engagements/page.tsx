import type { Metadata } from "next";
import Link from "next/link";
import { PipelineAlertsPanel } from "@/components/director/pipeline-alerts";
import { PipelineFilterForm } from "@/components/director/pipeline-filters";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDate, formatDateTime } from "@/lib/format";
import { deliveryStatusLabel, engagementStatusLabel, engagementStatusOrder } from "@/lib/labels";
import { getPipelineAlerts, listPipeline, type Pipeline } from "@/lib/server/director/pipeline";

export const metadata: Metadata = { title: "Engagements" };
export const dynamic = "force-dynamic";

type Query = Record<string, string | string[] | undefined>;

const linkClass = "font-semibold text-brand-800 underline";

function first(query: Query): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    const one = Array.isArray(value) ? value[0] : value;
    if (typeof one === "string") values[key] = one;
  }
  return values;
}

function href(filters: Partial<Pipeline["filters"]>, change: Record<string, string | number | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, page: undefined, ...change })) {
    if (value !== undefined && value !== "" && !(key === "page" && String(value) === "1")) params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/director/engagements?${query}` : "/director/engagements";
}

export default async function EngagementsPage({ searchParams }: { searchParams: Promise<Query> }) {
  const actor = await requireDirector("/director/engagements");
  const submitted = first(await searchParams);
  let result = await listPipeline({ db, actor, input: submitted });
  const refusal = result.ok ? null : result;
  if (!result.ok) result = await listPipeline({ db, actor, input: {} });
  const alerts = await getPipelineAlerts({ db, actor });
  if (!result.ok || !alerts) throw new Error("The pipeline could not be loaded.");
  const pipeline = result.data;
  const { filters } = pipeline;
  const allCount = Object.values(pipeline.counts).reduce((sum, n) => sum + n, 0);
  const tabs = [{ status: undefined, label: "All", count: allCount }, ...engagementStatusOrder.map((status) => ({ status, label: engagementStatusLabel[status], count: pipeline.counts[status] }))];
  return (
    <>
      <PageHeader title="Engagements" description="Every engagement by stage, with what needs you first. Open a session to see its pairing board." />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {refusal ? <FormAlert message={refusal.message} /> : null}
          <PipelineFilterForm filters={refusal ? first(await searchParams) : filters} options={pipeline.options} errors={refusal?.fieldErrors} />
          <nav aria-label="Stages">
            <ul className="flex flex-wrap gap-2">
              {tabs.map((tab) => {
                const isCurrent = (tab.status ?? undefined) === filters.status;
                return (
                  <li key={tab.label}>
                    <Link
                      href={href(filters, { status: tab.status })}
                      aria-current={isCurrent ? "page" : undefined}
                      className={`inline-flex min-h-11 items-center gap-2 rounded-full border px-3 py-1 text-sm ${isCurrent ? "border-brand-700 bg-brand-700 font-semibold text-white" : "border-stone-300 bg-white text-stone-900 hover:bg-stone-100"}`}
                    >
                      {tab.label} <span className="tabular-nums">{tab.count}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <section aria-labelledby="engagements-heading">
            <h2 id="engagements-heading" className="text-lg font-semibold">
              {filters.status ? engagementStatusLabel[filters.status] : "All engagements"} <span className="font-normal text-stone-700">({pipeline.total})</span>
            </h2>
            {pipeline.rows.length === 0 ? (
              <div className="mt-3">
                <EmptyState>No engagements match these filters. Try another stage or clear the filters.</EmptyState>
              </div>
            ) : (
              <ul className="mt-3 space-y-3">
                {pipeline.rows.map((row) => (
                  <li key={row.id} className="rounded-xl border border-stone-200 bg-white p-4">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div>
                        <h3 className="font-semibold">
                          {row.serviceName} for {row.organisationName}
                        </h3>
                        <p className="text-sm text-stone-700">
                          {row.reference} · asked on {formatDate(row.createdAt)}
                        </p>
                      </div>
                      <Badge tone={row.status === "CANCELLED" ? "neutral" : row.status === "AWAITING_FACILITATORS" ? "warning" : "info"}>{engagementStatusLabel[row.status]}</Badge>
                    </div>
                    {row.deliveries.length === 0 ? (
                      <p className="mt-2 text-sm">
                        No sessions yet ({row.sessionsRequested} asked for).{" "}
                        {row.status === "REQUESTED" || row.status === "QUOTED" ? (
                          <Link className={linkClass} href={`/director/requests/${row.reference}`}>
                            Open the request
                          </Link>
                        ) : null}
                      </p>
                    ) : (
                      <ul className="mt-2 space-y-1 text-sm" aria-label={`Sessions for ${row.reference}`}>
                        {row.deliveries.map((d) => (
                          <li key={d.id} className="flex flex-wrap items-center gap-2">
                            <Link className={`${linkClass} inline-flex min-h-11 items-center`} href={`/director/deliveries/${d.id}`}>
                              {formatDateTime(d.startsAt)}
                            </Link>
                            <Badge tone={d.status === "CONFIRMED" || d.status === "DELIVERED" ? "good" : d.needsPairing ? "danger" : "neutral"}>{deliveryStatusLabel[d.status]}</Badge>
                          </li>
                        ))}
                        {row.moreDeliveries > 0 ? <li className="text-stone-700">and {row.moreDeliveries} more</li> : null}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {pipeline.pageCount > 1 ? (
              <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center gap-3">
                {pipeline.page > 1 ? (
                  <Link className={`${linkClass} inline-flex min-h-11 items-center`} href={href(filters, { page: pipeline.page - 1 })}>
                    Previous page
                  </Link>
                ) : null}
                <span className="text-sm text-stone-700">
                  Page {pipeline.page} of {pipeline.pageCount}
                </span>
                {pipeline.page < pipeline.pageCount ? (
                  <Link className={`${linkClass} inline-flex min-h-11 items-center`} href={href(filters, { page: pipeline.page + 1 })}>
                    Next page
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </section>
        </div>
        <div className="lg:col-span-1">
          <PipelineAlertsPanel alerts={alerts} />
        </div>
      </div>
    </>
  );
}
