import "server-only";
import type { OrganisationContext } from "@/lib/auth/guards";
import { scopeEngagements } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { quoteSelect } from "@/lib/server/quotes/get-requests";
import { clientDeliverySelect } from "./client-delivery-select";

/** One engagement as its client sees it, or null when it is not theirs (the page answers "not found"). */
export async function getEngagementForClient({ context, unverifiedReference }: { context: OrganisationContext; unverifiedReference: string }) {
  return db.engagement.findFirst({
    where: { reference: unverifiedReference, ...scopeEngagements(context.actor, context.organisation.id) },
    select: {
      id: true,
      reference: true,
      status: true,
      purchaseOrderNumber: true,
      createdAt: true,
      needs: true,
      cancellationTerms: true,
      preferredDates: true,
      service: { select: { name: true, slug: true, capacity: true } },
      attendees: { orderBy: [{ name: "asc" }, { email: "asc" }], select: { id: true, name: true, email: true, jobTitle: true, attended: true } },
      deliveries: {
        orderBy: { startsAt: "asc" },
        select: clientDeliverySelect,
      },
      _count: { select: { attendees: true } },
      organisation: { select: { poRequired: true } },
      invoices: { where: { status: { in: ["ISSUED", "PAID", "VOID"] } }, orderBy: { number: "asc" }, select: { id: true, number: true, status: true, totalPence: true } },
      quotes: { where: { status: { not: "DRAFT" } }, orderBy: { createdAt: "desc" }, take: 1, select: quoteSelect },
    },
  });
}
