import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegisterOrganisationForm } from "@/components/organisations/register-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { homePathFor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Set up your organisation" };
export const dynamic = "force-dynamic";

export default async function NewOrganisationPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const actor = await requireActor("/org/new");
  if (actor.role !== "CLIENT") redirect(homePathFor(actor));
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Set up your organisation" description="So we can send invoices to the right place. You'll be its admin and can invite colleagues afterwards." />
      <Card>
        <RegisterOrganisationForm next={next ?? null} />
      </Card>
    </div>
  );
}
