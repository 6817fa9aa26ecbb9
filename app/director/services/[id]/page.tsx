import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ServiceForm } from "@/components/director/service-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { getCatalogueService } from "@/lib/server/director/catalogue";

export const metadata: Metadata = { title: "Edit a service" };
export const dynamic = "force-dynamic";

export default async function EditServicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireDirector(`/director/services/${id}`);
  const service = await getCatalogueService({ db, actor, unverifiedId: id });
  if (!service) notFound();
  return (
    <>
      <p className="mb-2">
        <Link href="/director/services" className="inline-flex min-h-11 items-center text-brand-800 underline">
          Back to the catalogue
        </Link>
      </p>
      <PageHeader title={service.name} description="New bookings use these details. Existing bookings keep the price and VAT they were booked at.">
        {service.active ? (
          <Link href={`/services/${service.slug}`} className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
            See the public page
          </Link>
        ) : null}
      </PageHeader>
      <Card className="max-w-3xl">
        <ServiceForm service={service} />
      </Card>
    </>
  );
}
