import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FinaliseInspectionForm, InspectionEditForm } from "@/components/director/inspection-edit-form";
import { GradeBadge, InspectionStatusBadge, MockMark } from "@/components/director/inspection-parts";
import { Button } from "@/components/ui/button";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { describeTimescale } from "@/lib/domain/inspection";
import { formatDate, formatDateTime } from "@/lib/format";
import { getMockInspection } from "@/lib/server/director/inspections";

export const metadata: Metadata = { title: "Mock inspection" };
export const dynamic = "force-dynamic";

export default async function InspectionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; finalised?: string }> }) {
  const { id } = await params;
  const actor = await requireDirector(`/director/inspections/${id}`);
  const { created, finalised } = await searchParams;
  const report = await getMockInspection({ db, actor, unverifiedId: id });
  if (!report) notFound();
  const isFinal = report.status === "FINAL";
  return (
    <>
      <p className="mb-2">
        <Link href="/director/inspections" className="inline-flex min-h-11 items-center text-brand-800 underline">
          Back to mock inspections
        </Link>
      </p>
      <PageHeader
        title={report.settingName}
        description={
          <>
            {report.settingTypeLabel} run by {report.organisation.name}. Visited {formatDate(report.visitDate)}. Template: {report.template.name}, version {report.templateVersion}
            {report.engagement ? `. Booking ${report.engagement.reference}` : ""}.
          </>
        }
      >
        <InspectionStatusBadge status={report.status} />
        <Button asChild variant="secondary">
          <a href={`/director/inspections/${report.id}/report.pdf`}>{isFinal ? "Download the PDF" : "Preview the PDF (draft)"}</a>
        </Button>
      </PageHeader>
      <div className="space-y-6">
        <MockMark />
        {created ? (
          <p role="status" className="rounded-lg bg-brand-50 p-4">
            Report started. Save it as a draft as often as you like.
          </p>
        ) : null}
        {finalised && isFinal ? (
          <p role="status" className="rounded-lg bg-brand-50 p-4">
            The report is final. Download the PDF to send it to the client.
          </p>
        ) : null}
        <p className="text-sm text-stone-700">{report.template.frameworkNote}</p>

        {isFinal ? (
          <FinalReport report={report} />
        ) : (
          <>
            <InspectionEditForm
              inspectionId={report.id}
              areas={report.areas}
              limitingRules={report.limitingRules}
              judgements={report.judgements}
              childrensVoice={report.childrensVoice}
              recommendations={report.recommendations}
            />
            <FinaliseInspectionForm inspectionId={report.id} />
          </>
        )}
      </div>
    </>
  );
}

function FinalReport({ report }: { report: NonNullable<Awaited<ReturnType<typeof getMockInspection>>> }) {
  return (
    <>
      <p>Finalised {report.finalisedAt ? formatDateTime(report.finalisedAt) : ""}. A final report can&apos;t be changed.</p>
      {report.areas.map((area) => (
        <Card key={area.key}>
          <CardTitle>{area.title}</CardTitle>
          <p className="mt-2">
            Judgement: <GradeBadge grade={report.judgements[area.key]?.grade ?? null} />
          </p>
          <p className="mt-2 whitespace-pre-line">{report.judgements[area.key]?.evidence}</p>
        </Card>
      ))}
      <Card>
        <CardTitle>What children and young people told us</CardTitle>
        {report.childrensVoice ? <p className="mt-2 whitespace-pre-line">{report.childrensVoice}</p> : <EmptyState>Nothing recorded.</EmptyState>}
      </Card>
      <Card>
        <CardTitle>Recommendations</CardTitle>
        {report.recommendations.length ? (
          <ol className="mt-2 list-decimal space-y-2 pl-6">
            {report.recommendations.map((r, index) => (
              <li key={index}>
                {r.text} <span className="font-semibold">{describeTimescale(r.timescale)}</span>
              </li>
            ))}
          </ol>
        ) : (
          <EmptyState>No recommendations.</EmptyState>
        )}
      </Card>
    </>
  );
}
