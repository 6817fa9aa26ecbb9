import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDuration, formatPence } from "@/lib/format";
import { listCatalogue } from "@/lib/server/director/catalogue";

export const metadata: Metadata = { title: "Catalogue" };
export const dynamic = "force-dynamic";

export default async function DirectorServicesPage() {
  const actor = await requireDirector("/director/services");
  const services = await listCatalogue({ db, actor });
  return (
    <>
      <PageHeader title="Catalogue" description="What clients can book or ask for. Changes apply to new bookings; existing bookings keep the price they were booked at." />
      <Card>
        {services.length === 0 ? (
          <EmptyState>There are no services in the catalogue yet.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Services in display order</caption>
              <thead>
                <tr className="border-b border-stone-200">
                  <th scope="col" className="py-2 pr-4">Service</th>
                  <th scope="col" className="py-2 pr-4 text-right">Price (excl. VAT)</th>
                  <th scope="col" className="py-2 pr-4">Session</th>
                  <th scope="col" className="py-2 pr-4">Co-delivered by</th>
                  <th scope="col" className="py-2 pr-4">Status</th>
                  <th scope="col" className="py-2 pr-4 text-right">Bookings</th>
                </tr>
              </thead>
              <tbody>
                {services.map((service) => (
                  <tr key={service.id} className="border-b border-stone-100 align-top">
                    <td className="py-2 pr-4">
                      <Link href={`/director/services/${service.id}`} className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
                        {service.name}
                      </Link>
                    </td>
                    <td className="py-2 pr-4 text-right tabular-nums">{formatPence(service.pricePence)}</td>
                    <td className="py-2 pr-4">
                      {formatDuration(service.durationMinutes)}, up to {service.capacity}
                    </td>
                    <td className="py-2 pr-4">
                      {service.livedRequired} lived-experience + {service.professionalRequired} professional
                    </td>
                    <td className="space-x-1 py-2 pr-4">
                      {service.active ? <Badge tone="good">Active</Badge> : <Badge>Hidden</Badge>}
                      {service.bookableOnline ? <Badge tone="info">Book online</Badge> : <Badge>On request</Badge>}
                    </td>
                    <td className="py-2 pr-4 text-right tabular-nums">{service._count.engagements}</td>
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
