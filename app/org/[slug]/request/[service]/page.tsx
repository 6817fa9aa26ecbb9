import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RequestForm } from "@/components/booking/request-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import { getService } from "@/lib/server/catalogue/list-services";

export const metadata: Metadata = { title: "Ask for a service" };
export const dynamic = "force-dynamic";

export default async function RequestServicePage({ params }: { params: Promise<{ slug: string; service: string }> }) {
  const { slug, service: serviceSlug } = await params;
  const context = await requireMembership(slug, undefined, `/org/${slug}/request/${serviceSlug}`);
  const service = await getService({ unverifiedSlug: serviceSlug });
  if (!service) notFound();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={`Ask for ${service.name}`}
        description={`For ${context.organisation.name}. Tell us what you need and we'll come back with a quote, usually within two working days. Nothing is booked or charged until you accept a quote.`}
      />
      <Card>
        <RequestForm orgSlug={slug} serviceSlug={serviceSlug} />
      </Card>
    </div>
  );
}
