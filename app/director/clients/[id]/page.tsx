import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClientForm } from "@/components/director/client-form";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { getClient } from "@/lib/server/director/clients";

export const metadata: Metadata = { title: "Client" };
export const dynamic = "force-dynamic";

export default async function ClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireDirector(`/director/clients/${id}`);
  const client = await getClient({ db, actor, unverifiedId: id });
  if (!client) notFound();
  return (
    <>
      <p className="mb-2">
        <Link href="/director/clients" className="inline-flex min-h-11 items-center text-brand-800 underline">
          Back to clients
        </Link>
      </p>
      <PageHeader
        title={client.name}
        description={`${client._count.engagements} engagement${client._count.engagements === 1 ? "" : "s"}, ${client._count.invoices} invoice${client._count.invoices === 1 ? "" : "s"} waiting for payment.`}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle className="mb-4">Billing details and terms</CardTitle>
          <ClientForm client={client} />
        </Card>
        <Card>
          <CardTitle className="mb-2">People who can sign in</CardTitle>
          {client.memberships.length === 0 ? (
            <EmptyState>Nobody yet.</EmptyState>
          ) : (
            <ul className="divide-y divide-stone-200">
              {client.memberships.map((m) => (
                <li key={m.id} className="py-2">
                  <span className="font-medium">{m.user.name ?? m.user.email}</span> <span className="text-sm text-stone-700">({m.role === "ORG_ADMIN" ? "admin" : "booker"}, {m.user.email})</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
