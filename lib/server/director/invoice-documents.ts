import { stringify } from "csv-stringify/sync";
import type { Actor } from "@/lib/auth/actor";
import { scopeInvoices } from "@/lib/auth/scope";
import type { DbTx } from "@/lib/db/create-client";
import { formatInvoiceNumber } from "@/lib/format";
import { formatUblAmount, renderUblInvoice } from "@/lib/integrations/einvoice/ubl";
import { getSupplier } from "@/lib/supplier";
import { directorInvoiceWhere, isDirector, outstandingOf, pdfInvoiceSelect, readBillingSnapshot, renderInvoicePdfFor, sumCredits, toIsoDate, ukToday } from "./invoice-common";

/**
 * The director's downloads: an invoice as a PDF (drafts too, as a preview), as a UBL 2.1 e-invoice (issued
 * invoices only), and every invoice as a CSV for the accounts. Each download is audited.
 */

export async function renderDirectorInvoicePdf({ db, actor, unverifiedInvoiceId }: { db: DbTx; actor: Actor; unverifiedInvoiceId: string }) {
  if (!isDirector(actor)) return null;
  const invoice = await db.invoice.findFirst({ where: directorInvoiceWhere(actor, unverifiedInvoiceId), select: { ...pdfInvoiceSelect, organisationId: true } });
  if (!invoice) return null;
  const pdf = await renderInvoicePdfFor(invoice);
  await db.auditEvent.create({ data: { actorId: actor.userId, organisationId: invoice.organisationId, action: "invoice.download", subject: "Invoice", subjectId: invoice.id, data: { format: "pdf" } } });
  return { pdf, filename: invoice.number === null ? `draft-invoice-${invoice.id}.pdf` : `${formatInvoiceNumber(invoice.number)}.pdf` };
}

export async function renderDirectorInvoiceUbl({ db, actor, unverifiedInvoiceId }: { db: DbTx; actor: Actor; unverifiedInvoiceId: string }) {
  if (!isDirector(actor)) return null;
  const invoice = await db.invoice.findFirst({ where: { ...directorInvoiceWhere(actor, unverifiedInvoiceId), status: { in: ["ISSUED", "PAID", "VOID"] } }, select: { ...pdfInvoiceSelect, organisationId: true } });
  if (!invoice || invoice.number === null || !invoice.issuedOn || !invoice.dueOn) return null;
  const billing = readBillingSnapshot(invoice.billingSnapshot);
  const supplier = getSupplier();
  const number = formatInvoiceNumber(invoice.number);
  const xml = renderUblInvoice({
    number,
    issuedOn: toIsoDate(invoice.issuedOn),
    dueOn: toIsoDate(invoice.dueOn),
    purchaseOrderNumber: invoice.purchaseOrderNumber,
    paymentTermsDays: billing.paymentTermsDays ?? null,
    supplier: {
      name: supplier.name,
      addressLine1: supplier.address[0] ?? null,
      addressLine2: supplier.address.length > 3 ? supplier.address.slice(1, -2).join(", ") : null,
      town: supplier.address.length > 2 ? (supplier.address.at(-2) ?? null) : (supplier.address[1] ?? null),
      postcode: supplier.address.length > 2 ? (supplier.address.at(-1) ?? null) : null,
      vatNumber: supplier.vatNumber,
      email: supplier.email,
      bank: supplier.bank,
    },
    customer: { name: billing.name ?? invoice.organisation.name, addressLine1: billing.addressLine1, addressLine2: billing.addressLine2, town: billing.town, postcode: billing.postcode, vatNumber: billing.vatNumber, email: billing.invoiceEmail },
    lines: invoice.lines,
    subtotalPence: invoice.subtotalPence,
    vatPence: invoice.vatPence,
    totalPence: invoice.totalPence,
    paidPence: invoice.status === "PAID" ? invoice.totalPence : 0,
  });
  await db.auditEvent.create({ data: { actorId: actor.userId, organisationId: invoice.organisationId, action: "invoice.download", subject: "Invoice", subjectId: invoice.id, data: { format: "ubl" } } });
  return { xml, filename: `${number}.xml` };
}

/** A spreadsheet can run text that starts with =, +, - or @ as a formula: such text gets a leading apostrophe. */
function safeText(value: string | null | undefined): string {
  if (!value) return "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const statusWords = { DRAFT: "Draft", ISSUED: "Issued", PAID: "Paid", VOID: "Credited in full" } as const;

/** Every issued invoice (newest first) with its amounts, credits and what is outstanding, as CSV for the accounts. */
export async function exportInvoicesCsv({ db, actor, now = new Date() }: { db: DbTx; actor: Actor; now?: Date }) {
  if (!isDirector(actor)) return null;
  const invoices = await db.invoice.findMany({
    where: { status: { in: ["ISSUED", "PAID", "VOID"] }, ...scopeInvoices(actor) },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      status: true,
      issuedOn: true,
      dueOn: true,
      purchaseOrderNumber: true,
      subtotalPence: true,
      vatPence: true,
      totalPence: true,
      paidAt: true,
      paymentReference: true,
      organisation: { select: { name: true } },
      engagement: { select: { reference: true } },
      creditNotes: { select: { subtotalPence: true, vatPence: true, totalPence: true } },
    },
  });
  const rows = invoices.map((invoice) => {
    const credited = sumCredits(invoice.creditNotes);
    return [
      formatInvoiceNumber(invoice.number),
      statusWords[invoice.status],
      safeText(invoice.organisation.name),
      safeText(invoice.engagement?.reference),
      safeText(invoice.purchaseOrderNumber),
      invoice.issuedOn ? toIsoDate(invoice.issuedOn) : "",
      invoice.dueOn ? toIsoDate(invoice.dueOn) : "",
      formatUblAmount(invoice.subtotalPence),
      formatUblAmount(invoice.vatPence),
      formatUblAmount(invoice.totalPence),
      formatUblAmount(credited.totalPence),
      formatUblAmount(outstandingOf(invoice, credited)),
      invoice.paidAt ? ukToday(invoice.paidAt) : "",
      safeText(invoice.paymentReference),
    ];
  });
  const csv = stringify(rows, {
    header: true,
    columns: ["Invoice", "Status", "Client", "Engagement", "PO number", "Issued on", "Due on", "Net (£)", "VAT (£)", "Total (£)", "Credited (£)", "Outstanding (£)", "Paid on", "Payment reference"],
    record_delimiter: "windows",
  });
  await db.auditEvent.create({ data: { actorId: actor.userId, action: "invoice.export.csv", subject: "Invoice", subjectId: "export", data: { count: invoices.length } } });
  return { csv, filename: `invoices-${ukToday(now)}.csv` };
}
