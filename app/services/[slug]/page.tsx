import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { PublicProfileCard } from "@/components/associates/public-profile-card";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDuration, formatPence } from "@/lib/format";
import { deliveryModeLabel } from "@/lib/labels";
import { getService } from "@/lib/server/catalogue/list-services";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const service = await getService({ unverifiedSlug: (await params).slug });
  return { title: service?.name ?? "Service not found" };
}

export default async function ServicePage({ params }: { params: Promise<{ slug: string }> }) {
  const service = await getService({ unverifiedSlug: (await params).slug });
  if (!service) notFound();
  const vatPence = Math.round((service.pricePence * service.vatRateBasisPoints) / 10000);
  return (
    <>
      <PageHeader title={service.name} description={service.summary}>
        {service.bookableOnline ? <Badge tone="good">Book online</Badge> : <Badge>On request</Badge>}
        <Button asChild>
          <Link href={`/services/${service.slug}/book`}>{service.bookableOnline ? "Choose a date" : "Ask for this service"}</Link>
        </Button>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardTitle>What it is</CardTitle>
          <div className="mt-2 space-y-3 whitespace-pre-line text-stone-800">{service.description}</div>
        </Card>
        <Card>
          <CardTitle>At a glance</CardTitle>
          <dl className="mt-3 space-y-2 text-sm">
            <div className="flex justify-between gap-2"><dt className="text-stone-600">Length</dt><dd className="font-medium">{formatDuration(service.durationMinutes)}</dd></div>
            <div className="flex justify-between gap-2"><dt className="text-stone-600">Format</dt><dd className="font-medium">{service.deliveryModes.map((m) => deliveryModeLabel[m]).join(" or ")}</dd></div>
            <div className="flex justify-between gap-2"><dt className="text-stone-600">Up to</dt><dd className="font-medium">{service.capacity} people</dd></div>
            <div className="flex justify-between gap-2"><dt className="text-stone-600">Price (excluding VAT)</dt><dd className="font-medium">{formatPence(service.pricePence)}</dd></div>
            <div className="flex justify-between gap-2"><dt className="text-stone-600">Price (including {service.vatRateBasisPoints / 100}% VAT)</dt><dd className="font-medium">{formatPence(service.pricePence + vatPence)}</dd></div>
          </dl>
        </Card>
      </div>
      <section className="mt-8">
        <h2 className="text-xl font-semibold">Who delivers it</h2>
        <p className="mt-1 text-stone-700">Always a care-experienced associate and a professional associate together. Some of the people who deliver this:</p>
        <ul className="mt-4 grid gap-4 md:grid-cols-2">
          {service.qualifications.map(({ associate }) => (
            <li key={associate.id}>
              <PublicProfileCard profile={{ ...associate, name: associate.user.name }} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
