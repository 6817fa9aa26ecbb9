import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { formatDuration, formatPence } from "@/lib/format";
import { deliveryModeLabel } from "@/lib/labels";
import { listServices } from "@/lib/server/catalogue/list-services";

export const metadata: Metadata = { title: "Services" };
export const dynamic = "force-dynamic";

export default async function ServicesPage() {
  const services = await listServices();
  return (
    <>
      <PageHeader
        title="Our services"
        description="Everything we offer is co-produced and co-delivered by a care-experienced adult and a professional. Training can be booked online; everything else starts with a short request."
      />
      <ul className="grid gap-4 md:grid-cols-2">
        {services.map((service) => (
          <li key={service.id} className="flex flex-col rounded-xl border border-stone-200 bg-white p-5">
            <div className="flex items-start justify-between gap-3">
              <h2 className="text-lg font-semibold">
                <Link href={`/services/${service.slug}`} className="hover:underline">
                  {service.name}
                </Link>
              </h2>
              {service.bookableOnline ? <Badge tone="good">Book online</Badge> : <Badge>On request</Badge>}
            </div>
            <p className="mt-2 flex-1 text-stone-700">{service.summary}</p>
            <dl className="mt-4 grid grid-cols-2 gap-2 text-sm">
              <div>
                <dt className="text-stone-600">Length</dt>
                <dd className="font-medium">{formatDuration(service.durationMinutes)}</dd>
              </div>
              <div>
                <dt className="text-stone-600">Format</dt>
                <dd className="font-medium">{service.deliveryModes.map((mode) => deliveryModeLabel[mode]).join(" or ")}</dd>
              </div>
              <div>
                <dt className="text-stone-600">Price</dt>
                <dd className="font-medium">
                  {service.bookableOnline ? `${formatPence(service.pricePence)} + VAT` : `From ${formatPence(service.pricePence)} + VAT`}
                </dd>
              </div>
              <div>
                <dt className="text-stone-600">Up to</dt>
                <dd className="font-medium">{service.capacity} people</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
