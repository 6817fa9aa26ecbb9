import "server-only";
import type { OrganisationContext } from "@/lib/auth/guards";
import { scopeDeliveries, scopeEngagements, scopeInvoices } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { clientDeliverySelect } from "@/lib/server/engagements/client-delivery-select";

/** A client organisation's upcoming deliveries, invoices to pay and recent engagements. */
export async function getClientHome({ context, now = new Date() }: { context: OrganisationContext; now?: Date }) {
  const { actor, organisation } = context;
  const [upcoming, invoicesDue, engagements] = await Promise.all([
    db.delivery.findMany({
      where: { ...scopeDeliveries(actor, organisation.id), startsAt: { gte: now }, status: { not: "CANCELLED" } },
      orderBy: { startsAt: "asc" },
      take: 10,
      select: { ...clientDeliverySelect, engagement: { select: { reference: true, service: { select: { name: true } } } } },
    }),
    db.invoice.findMany({
      where: { ...scopeInvoices(actor, organisation.id), status: "ISSUED" },
      orderBy: { dueOn: "asc" },
      select: { id: true, number: true, issuedOn: true, dueOn: true, totalPence: true, purchaseOrderNumber: true },
    }),
    db.engagement.findMany({
      where: scopeEngagements(actor, organisation.id),
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { id: true, reference: true, status: true, createdAt: true, service: { select: { name: true } } },
    }),
  ]);
  return { upcoming, invoicesDue, engagements };
}
