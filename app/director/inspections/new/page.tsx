import type { Metadata } from "next";
import Link from "next/link";
import { NewInspectionForm } from "@/components/director/inspection-new-form";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { SETTING_TYPE_LABELS } from "@/lib/domain/inspection";
import { getNewMockInspectionOptions } from "@/lib/server/director/inspections";

export const metadata: Metadata = { title: "New mock inspection" };
export const dynamic = "force-dynamic";

export default async function NewInspectionPage() {
  const actor = await requireDirector("/director/inspections/new");
  const options = (await getNewMockInspectionOptions({ db, actor, now: new Date() }))!;
  return (
    <>
      <p className="mb-2">
        <Link href="/director/inspections" className="inline-flex min-h-11 items-center text-brand-800 underline">
          Back to mock inspections
        </Link>
      </p>
      <PageHeader title="Start a mock-inspection report" description="Choose the client and the kind of setting. The report uses the newest template for that kind of setting, and keeps it even if the template changes later." />
      <Card className="max-w-2xl">
        {options.organisations.length === 0 || options.templates.length === 0 ? (
          <EmptyState>There are no client organisations or published templates yet.</EmptyState>
        ) : (
          <NewInspectionForm
            organisations={options.organisations.map((o) => ({ id: o.id, name: o.name }))}
            engagements={options.engagements.map((e) => ({ id: e.id, label: `${e.reference} — ${e.organisation.name}` }))}
            templates={options.templates.map((t) => ({ settingType: t.settingType, label: SETTING_TYPE_LABELS[t.settingType], templateName: `${t.template!.name}, version ${t.template!.version}` }))}
          />
        )}
      </Card>
    </>
  );
}
