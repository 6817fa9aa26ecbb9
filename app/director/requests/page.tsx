import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDate } from "@/lib/format";
import { listOpenRequests } from "@/lib/server/quotes/get-requests";

export const metadata: Metadata = { title: "Requests and quotes" };
export const dynamic = "force-dynamic";

export default async function RequestsPage() {
  const actor = await requireDirector("/director/requests");
  const requests = await listOpenRequests(db, { actor });
  return (
    <>
      <PageHeader title="Requests and quotes" description="Clients asking for services that are quoted rather than booked online, oldest first." />
      <Card>
        {requests.length === 0 ? (
          <EmptyState>No requests are waiting.</EmptyState>
        ) : (
          <ul className="divide-y divide-stone-200">
            {requests.map((request) => (
              <li key={request.reference} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div>
                  <Link className="font-semibold underline" href={`/director/requests/${request.reference}`}>
                    {request.service.name} for {request.organisation.name}
                  </Link>
                  <p className="text-sm text-stone-700">
                    {request.reference} · asked {formatDate(request.createdAt)} · {request.sessionsRequested} session{request.sessionsRequested === 1 ? "" : "s"}
                  </p>
                </div>
                <Badge tone={request.status === "REQUESTED" ? "warning" : "neutral"}>{request.status === "REQUESTED" ? "Needs a quote" : "Quote sent"}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
