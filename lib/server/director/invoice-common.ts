import { DateTime } from "luxon";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { isDirector, scopeInvoices } from "@/lib/auth/scope";
import type { DbTx } from "@/lib/db/create-client";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import type { BaseRateChange } from "@/lib/domain/late-payment";
import { computeLine } from "@/lib/domain/money";
import { getIsoDateInZone, type IsoDate } from "@/lib/domain/time/calendar-date";
import { formatCreditNoteNumber, formatDate, formatInvoiceNumber } from "@/lib/format";
import type { InvoicePdfInput } from "@/lib/integrations/pdf/invoice";
import { renderInvoicePdf } from "@/lib/integrations/pdf/invoice";
import { POLICY_DEFAULTS } from "@/lib/server/settings/get-policy";
import { getSupplier } from "@/lib/supplier";
import { pdfInvoiceSelect } from "@/lib/server/invoices/pdf-invoice-select";
import { withoutNulCharacters } from "@/lib/db/without-nul";

/**
 * What the director's invoice use cases share: who may use them, the scoped `where`, UK dates, money
 * fields as typed in forms, which work is still to invoice, credits against an invoice, and the PDF.
 * Invoices are the director's alone: anyone else gets "not found" (the role check), and every query also
 * carries `scopeInvoices(actor)` so the rule holds in the `where` itself.
 */

export const LONDON = "Europe/London";
export const INVOICE_NOT_FOUND = "We couldn't find that invoice.";
export const NOT_A_DRAFT = "This invoice has been issued, so it can't be changed. To correct it, issue a credit note and then re-issue it.";

export { isDirector };

/** The director's `where` for one invoice; a non-director's matches nothing. */
export function directorInvoiceWhere(actor: Actor, unverifiedInvoiceId: string): Prisma.InvoiceWhereInput {
  return isDirector(actor) ? { id: unverifiedInvoiceId, ...scopeInvoices(actor) } : { id: "__outside_scope__" };
}

/** Today's date in the UK: due dates, overdue days and issue dates are UK calendar dates. */
export const ukToday = (now: Date): IsoDate => getIsoDateInZone(now.getTime(), LONDON);
/** A `@db.Date` column's value as 'YYYY-MM-DD' (Prisma gives it as UTC midnight). */
export const toIsoDate = (date: Date): IsoDate => date.toISOString().slice(0, 10);
export const fromIsoDate = (date: IsoDate): Date => new Date(`${date}T00:00:00Z`);

// ── Form fields ─────────────────────────────────────────────────────────────

/** "1,200.50", "£1200" or "-50" (a discount line) → whole pence, exactly (no floating point). */
export const poundsField = (label: string, { allowNegative = false } = {}) =>
  z
    .string({ message: `Enter ${label} in pounds.` })
    .trim()
    .transform((value) => value.replace(/^(-?)£/, "$1").replace(/,/g, ""))
    .pipe(z.string().regex(allowNegative ? /^-?\d{1,7}(\.\d{1,2})?$/ : /^\d{1,7}(\.\d{1,2})?$/, `Enter ${label} in pounds, like 1200 or 1,200.50${allowNegative ? " (a minus sign for a discount)" : ""}.`))
    .transform((value) => {
      const negative = value.startsWith("-");
      const [pounds = "0", pence = ""] = value.replace("-", "").split(".");
      const total = Number(pounds) * 100 + Number(pence.padEnd(2, "0"));
      return negative ? -total : total;
    });

/** UK VAT rates we invoice at: standard 20%, reduced 5%, or 0% (zero-rated or exempt, with the reason recorded). */
export const VAT_RATES = [2000, 500, 0] as const;
export const vatRateField = z.coerce
  .number({ message: "Choose a VAT rate." })
  .int()
  .refine((value) => (VAT_RATES as readonly number[]).includes(value), "Choose 20%, 5% or 0% VAT.");

export const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .nullable()
    .transform((value) => value || null);

export const purchaseOrderField = optionalText(60, "Keep the PO number under 60 characters.");
export const paymentTermsField = z.coerce
  .number({ message: "Enter the payment terms in days." })
  .int("Enter a whole number of days.")
  .min(0, "Payment terms can't be negative.")
  .max(120, "Payment terms can be at most 120 days.");
export const exemptionReasonField = optionalText(200, "Keep the reason under 200 characters.");

export const EXEMPTION_REASON_NEEDED = "Say why there's no VAT on this line (for example, exempt education or training).";

// ── Draft settings kept on the draft until it is issued ─────────────────────

/**
 * A draft keeps its payment terms (and, for a re-issue, the invoice it replaces) in `billingSnapshot`; at
 * issue the organisation's billing details are copied in beside them and frozen.
 */
export const draftSettings = z.object({
  paymentTermsDays: z.number().int().min(0).max(120).optional(),
  replacesInvoiceNumber: z.number().int().positive().optional(),
});
export type DraftSettings = z.infer<typeof draftSettings>;
export function readDraftSettings(snapshot: unknown): DraftSettings {
  const parsed = draftSettings.safeParse(snapshot);
  return parsed.success ? parsed.data : {};
}

export const billingSnapshotSchema = z.object({
  name: z.string().optional().nullable(),
  addressLine1: z.string().optional().nullable(),
  addressLine2: z.string().optional().nullable(),
  town: z.string().optional().nullable(),
  postcode: z.string().optional().nullable(),
  vatNumber: z.string().optional().nullable(),
  invoiceEmail: z.string().optional().nullable(),
  paymentTermsDays: z.number().optional().nullable(),
});
export type BillingSnapshot = z.infer<typeof billingSnapshotSchema>;
export function readBillingSnapshot(snapshot: unknown): BillingSnapshot {
  const parsed = billingSnapshotSchema.safeParse(snapshot);
  return parsed.success ? parsed.data : {};
}

// ── Lines and totals ────────────────────────────────────────────────────────

export type LineValues = { description: string; quantity: number; unitPricePence: number; vatRateBasisPoints: number; vatExemptionReason: string | null };

/** A line's stored amounts, worked out by the money domain (VAT per line, rounded half up). */
export function lineAmounts(line: LineValues) {
  const { netPence, vatPence } = computeLine(line);
  return { ...line, vatExemptionReason: line.vatRateBasisPoints === 0 ? line.vatExemptionReason : null, netPence, vatPence };
}

/** Recomputes a draft's totals from its lines (the sums of the rounded lines) and stores them. */
export async function refreshDraftTotals(tx: DbTx, invoiceId: string) {
  const lines = await tx.invoiceLine.findMany({ where: { invoiceId }, select: { netPence: true, vatPence: true } });
  const subtotalPence = lines.reduce((sum, line) => sum + line.netPence, 0);
  const vatPence = lines.reduce((sum, line) => sum + line.vatPence, 0);
  await tx.invoice.update({ where: { id: invoiceId }, data: { subtotalPence, vatPence, totalPence: subtotalPence + vatPence } });
}

/** Locks one of the director's invoices for the rest of the transaction; null when it isn't hers to see. */
export async function lockInvoice(tx: DbTx, actor: Actor, unverifiedInvoiceId: string): Promise<{ id: string } | null> {
  if (!isDirector(actor)) return null;
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Invoice" WHERE "id" = ${withoutNulCharacters(unverifiedInvoiceId)} FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.invoice.findFirst({ where: directorInvoiceWhere(actor, unverifiedInvoiceId), select: { id: true } });
}

/** Takes the next number of a gapless sequence: the row stays locked until the transaction ends, so a
 * rollback gives the number back and concurrent issuers queue for it. A missing row starts after `floor`. */
export async function takeNextNumber(tx: DbTx, sequence: "invoice" | "credit-note", floor: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ number: number }[]>`
    INSERT INTO "NumberSequence" ("name", "next") VALUES (${sequence}, ${floor + 2})
    ON CONFLICT ("name") DO UPDATE SET "next" = "NumberSequence"."next" + 1
    RETURNING "next" - 1 AS "number"`;
  return Number(row!.number);
}

// ── Credits ─────────────────────────────────────────────────────────────────

export type CreditTotals = { subtotalPence: number; vatPence: number; totalPence: number };
export function sumCredits(creditNotes: readonly CreditTotals[]): CreditTotals {
  return creditNotes.reduce((sum, note) => ({ subtotalPence: sum.subtotalPence + note.subtotalPence, vatPence: sum.vatPence + note.vatPence, totalPence: sum.totalPence + note.totalPence }), {
    subtotalPence: 0,
    vatPence: 0,
    totalPence: 0,
  });
}

/** What is still owed on an invoice: nothing unless it is issued and unpaid; otherwise the total less credits. */
export function outstandingOf(invoice: { status: string; totalPence: number }, credited: CreditTotals): number {
  return invoice.status === "ISSUED" ? Math.max(0, invoice.totalPence - credited.totalPence) : 0;
}

/**
 * The VAT rate of a part credit, found from its amounts: a part credit is one amount at one rate (at least
 * £1), so exactly one rate gives its VAT. Null for a credit that mixes rates (a whole-invoice credit).
 */
export function findCreditRate(credit: { subtotalPence: number; vatPence: number }, rates: readonly number[]): number | null {
  if (credit.subtotalPence <= 0) return null;
  for (const rate of [...new Set([...rates, ...VAT_RATES])]) {
    if (computeLine({ quantity: 1, unitPricePence: credit.subtotalPence, vatRateBasisPoints: rate }).vatPence === credit.vatPence) return rate;
  }
  return null;
}

/**
 * Net and VAT still creditable at each VAT rate: the invoice's lines at that rate less the part credits at
 * it. A whole-invoice credit (the only kind that can mix rates) leaves nothing anywhere.
 */
export function remainingByRate(lines: readonly { vatRateBasisPoints: number; netPence: number; vatPence: number }[], creditNotes: readonly CreditTotals[], invoice: CreditTotals) {
  const byRate = new Map<number, { netPence: number; vatPence: number }>();
  for (const line of lines) {
    const entry = byRate.get(line.vatRateBasisPoints) ?? { netPence: 0, vatPence: 0 };
    entry.netPence += line.netPence;
    entry.vatPence += line.vatPence;
    byRate.set(line.vatRateBasisPoints, entry);
  }
  const credited = sumCredits(creditNotes);
  if (credited.totalPence >= invoice.totalPence) return new Map<number, { netPence: number; vatPence: number }>();
  const rates = [...byRate.keys()];
  for (const note of creditNotes) {
    const rate = findCreditRate(note, rates);
    const entry = rate === null ? undefined : byRate.get(rate);
    if (entry) {
      entry.netPence -= note.subtotalPence;
      entry.vatPence -= note.vatPence;
    }
  }
  for (const [rate, entry] of byRate) if (entry.netPence <= 0) byRate.delete(rate);
  return byRate;
}

// ── Work still to invoice ───────────────────────────────────────────────────

/** Invoices that count as billing their deliveries (a voided one — credited in full before payment — doesn't). */
export const LIVE_INVOICE_STATUSES = ["DRAFT", "ISSUED", "PAID"] as const;

/** Sessions that may be billed in advance when agreed up front. */
const UPCOMING_STATUSES = ["NEEDS_PAIRING", "AWAITING_ACCEPTANCE", "CONFIRMED"] as const;

/** Engagements billed by invoice that could have work to invoice. */
export const INVOICEABLE_ENGAGEMENT: Prisma.EngagementWhereInput = {
  paymentMethod: "INVOICE",
  status: { notIn: ["REQUESTED", "QUOTED", "PENDING_PAYMENT"] },
};

export const notYetInvoiced: Prisma.DeliveryWhereInput = { invoiceLines: { none: { invoice: { status: { in: [...LIVE_INVOICE_STATUSES] } } } } };
export const deliveredOrCharged: Prisma.DeliveryWhereInput = {
  OR: [{ status: "DELIVERED" }, { status: "CANCELLED", cancellationChargePence: { gt: 0 } }],
};

export type BillableWork = {
  deliveryId: string;
  kind: "DELIVERED" | "CANCELLATION_CHARGE" | "UPCOMING";
  startsAt: Date;
  description: string;
  unitPricePence: number;
};

/** An engagement's sessions not yet on a live invoice: delivered ones, cancellation charges, and upcoming ones (billable only if agreed up front). */
export async function findBillableWork(tx: DbTx, engagementId: string): Promise<BillableWork[]> {
  const engagement = await tx.engagement.findUnique({
    where: { id: engagementId },
    select: {
      reference: true,
      unitPricePenceSnapshot: true,
      service: { select: { name: true } },
      deliveries: {
        where: { ...notYetInvoiced, OR: [...deliveredOrCharged.OR!, { status: { in: [...UPCOMING_STATUSES] } }] },
        orderBy: { startsAt: "asc" },
        select: { id: true, status: true, startsAt: true, cancelledAt: true, cancellationChargePence: true },
      },
    },
  });
  if (!engagement) return [];
  return engagement.deliveries.map((delivery) => {
    if (delivery.status === "CANCELLED") {
      return {
        deliveryId: delivery.id,
        kind: "CANCELLATION_CHARGE" as const,
        startsAt: delivery.startsAt,
        description: `Cancellation charge: ${engagement.service.name}, ${formatDate(delivery.startsAt)} (${engagement.reference})`,
        unitPricePence: delivery.cancellationChargePence ?? 0,
      };
    }
    return {
      deliveryId: delivery.id,
      kind: delivery.status === "DELIVERED" ? ("DELIVERED" as const) : ("UPCOMING" as const),
      startsAt: delivery.startsAt,
      description: `${engagement.service.name}, ${formatDate(delivery.startsAt)} (${engagement.reference})`,
      unitPricePence: engagement.unitPricePenceSnapshot,
    };
  });
}

// ── Base rate and PDFs ──────────────────────────────────────────────────────

export const BASE_RATE_POLICY_KEY = "lateInterest.baseRateBasisPoints";

/** Every recorded base-rate change (a policy value with effective dates), and the default before the first. */
export async function loadBaseRates(db: DbTx): Promise<{ changes: BaseRateChange[]; fallbackBasisPoints: number }> {
  const rows = await db.policySetting.findMany({ where: { key: BASE_RATE_POLICY_KEY }, orderBy: { effectiveFrom: "asc" }, select: { value: true, effectiveFrom: true } });
  const changes = rows
    .filter((row) => typeof row.value === "number" && Number.isSafeInteger(row.value) && row.value >= 0 && row.value <= 10_000)
    .map((row) => ({ effectiveFrom: toIsoDate(row.effectiveFrom), basisPoints: row.value as number }));
  return { changes, fallbackBasisPoints: POLICY_DEFAULTS[BASE_RATE_POLICY_KEY] };
}

export { pdfInvoiceSelect };

type PdfInvoiceRow = Prisma.InvoiceGetPayload<{ select: typeof pdfInvoiceSelect }>;

/** The billing details printed on an invoice: frozen at issue; a draft shows the organisation's current ones. */
export function billingFor(invoice: Pick<PdfInvoiceRow, "status" | "billingSnapshot" | "organisation">) {
  if (invoice.status !== "DRAFT") return readBillingSnapshot(invoice.billingSnapshot);
  const o = invoice.organisation;
  return { name: o.name, addressLine1: o.addressLine1, addressLine2: o.addressLine2, town: o.town, postcode: o.postcode, vatNumber: o.vatNumber };
}

export function renderInvoicePdfFor(invoice: PdfInvoiceRow, extra: Partial<InvoicePdfInput> = {}) {
  return renderInvoicePdf({
    number: formatInvoiceNumber(invoice.number),
    status: invoice.status,
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    purchaseOrderNumber: invoice.purchaseOrderNumber,
    billing: billingFor(invoice),
    lines: invoice.lines,
    subtotalPence: invoice.subtotalPence,
    vatPence: invoice.vatPence,
    totalPence: invoice.totalPence,
    paidAt: invoice.paidAt,
    supplier: getSupplier(),
    ...extra,
  });
}

export const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** Noon in the UK on a date: the instant stored for "paid on" a day, safely inside that day in any season. */
export const ukNoon = (date: IsoDate) => new Date(DateTime.fromISO(date, { zone: LONDON }).set({ hour: 12 }).toMillis());

export { formatCreditNoteNumber };
