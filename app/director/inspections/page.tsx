import type { Metadata } from "next";
import Link from "next/link";
import { InspectionStatusBadge } from "@/components/director/inspection-parts";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { SETTING_TYPE_LABELS } from "@/lib/domain/inspection";
import { formatDate } from "@/lib/format";
import { listMockInspections } from "@/lib/server/director/inspections";

export const metadata: Metadata = { title: "Mock inspections" };
export const dynamic = "force-dynamic";

export default async function DirectorInspectionsPage() {
  const actor = await requireDirector("/director/inspections");
  const reports = await listMockInspections({ db, actor });
  return (
    <>
      <PageHeader title="Mock inspections" description="Practice inspection reports for client settings, judged against the inspection framework's areas. They are never Ofsted judgements, and every report says so.">
        <Button asChild>
          <Link href="/director/inspections/new">Start a new report</Link>
        </Button>
      </PageHeader>
      <Card>
        {reports.length === 0 ? (
          <EmptyState>No mock-inspection reports yet. Start one after a visit, and save it as a draft as you go.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Mock-inspection reports, drafts first</caption>
              <thead>
                <tr className="border-b border-stone-200">
                  <th scope="col" className="py-2 pr-4">Setting</th>
                  <th scope="col" className="py-2 pr-4">Client</th>
                  <th scope="col" className="py-2 pr-4">Kind</th>
                  <th scope="col" className="py-2 pr-4">Visit</th>
                  <th scope="col" className="py-2 pr-4">Status</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((report) => (
                  <tr key={report.id} className="border-b border-stone-100">
                    <td className="py-2 pr-4">
                      <Link href={`/director/inspections/${report.id}`} className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
                        {report.settingName}
                      </Link>
                    </td>
                    <td className="py-2 pr-4">{report.organisation.name}</td>
                    <td className="py-2 pr-4">
                      {SETTING_TYPE_LABELS[report.settingType]} <span className="text-stone-700">(template v{report.templateVersion})</span>
                    </td>
                    <td className="py-2 pr-4 whitespace-nowrap">{formatDate(report.visitDate)}</td>
                    <td className="py-2 pr-4">
                      <InspectionStatusBadge status={report.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
