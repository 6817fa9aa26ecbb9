import { pdfInvoiceSelect } from "./pdf-invoice-select";
import type { OrganisationContext } from "@/lib/auth/membership";
import { scopeInvoices } from "@/lib/auth/scope";
import type { DbTx } from "@/lib/db/create-client";
import { formatInvoiceNumber } from "@/lib/format";
import { renderInvoicePdf } from "@/lib/integrations/pdf/invoice";
import { getSupplier } from "@/lib/supplier";

/** The organisation's issued invoices (never drafts), newest first. */
export async function listClientInvoices(db: DbTx, { context }: { context: OrganisationContext }) {
  return db.invoice.findMany({
    where: { status: { in: ["ISSUED", "PAID", "VOID"] }, ...scopeInvoices(context.actor, context.organisation.id) },
    orderBy: { number: "desc" },
    select: { id: true, number: true, status: true, issuedOn: true, dueOn: true, totalPence: true, paidAt: true, purchaseOrderNumber: true, engagement: { select: { reference: true, service: { select: { name: true } } } } },
  });
}

/**
 * One issued invoice as a PDF, for its own organisation only (anything else: null → 404). Each download
 * is recorded in the audit log: invoices are financial records.
 */
export async function renderClientInvoice(db: DbTx, { context, unverifiedNumber }: { context: OrganisationContext; unverifiedNumber: string }) {
  const number = /^\d{1,9}$/.test(unverifiedNumber) ? Number(unverifiedNumber) : null;
  if (number === null) return null;
  const invoice = await db.invoice.findFirst({
    where: { number, status: { in: ["ISSUED", "PAID", "VOID"] }, ...scopeInvoices(context.actor, context.organisation.id) },
    select: pdfInvoiceSelect,
  });
  if (!invoice) return null;
  const pdf = await renderInvoicePdf({ ...invoice, number: formatInvoiceNumber(invoice.number), billing: (invoice.billingSnapshot ?? {}) as Record<string, string | null>, supplier: getSupplier() });
  await db.auditEvent.create({ data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "invoice.download", subject: "Invoice", subjectId: invoice.id, data: {} } });
  return { pdf, filename: `${formatInvoiceNumber(invoice.number)}.pdf` };
}
