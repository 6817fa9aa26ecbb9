import type { Metadata } from "next";
import Link from "next/link";
import { ORGANISATION_KINDS } from "@/components/director/client-kinds";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { listClients } from "@/lib/server/director/clients";

export const metadata: Metadata = { title: "Clients" };
export const dynamic = "force-dynamic";

const kindLabel = Object.fromEntries(ORGANISATION_KINDS) as Record<string, string>;

export default async function DirectorClientsPage() {
  const actor = await requireDirector("/director/clients");
  const clients = await listClients({ db, actor });
  return (
    <>
      <PageHeader title="Clients" description="Client organisations, their billing details and payment terms." />
      <Card>
        {clients.length === 0 ? (
          <EmptyState>No client organisations yet. They appear here when someone sets one up to book.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Client organisations</caption>
              <thead>
                <tr className="border-b border-stone-200">
                  <th scope="col" className="py-2 pr-4">Client</th>
                  <th scope="col" className="py-2 pr-4">Kind</th>
                  <th scope="col" className="py-2 pr-4">Invoices to</th>
                  <th scope="col" className="py-2 pr-4">Terms</th>
                  <th scope="col" className="py-2 pr-4 text-right">Engagements</th>
                  <th scope="col" className="py-2 pr-4 text-right">Invoices waiting for payment</th>
                </tr>
              </thead>
              <tbody>
                {clients.map((client) => (
                  <tr key={client.id} className="border-b border-stone-100 align-top">
                    <td className="py-2 pr-4">
                      <Link href={`/director/clients/${client.id}`} className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
                        {client.name}
                      </Link>
                    </td>
                    <td className="py-2 pr-4">{kindLabel[client.kind] ?? client.kind}</td>
                    <td className="py-2 pr-4 break-all">{client.invoiceEmail ?? <span className="text-stone-700">Not given</span>}</td>
                    <td className="space-y-1 py-2 pr-4">
                      <span className="block">{client.paymentTermsDays} days</span>
                      {client.poRequired ? <Badge tone="info">PO needed</Badge> : null}
                    </td>
                    <td className="py-2 pr-4 text-right tabular-nums">{client._count.engagements}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">{client._count.invoices}</td>
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
