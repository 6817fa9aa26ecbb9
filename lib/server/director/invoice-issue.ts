import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/create-client";
import { canTransition } from "@/lib/domain/booking";
import { computeLine, sumInvoice } from "@/lib/domain/money";
import { addDays, formatIsoDate } from "@/lib/domain/time/calendar-date";
import { env } from "@/lib/env";
import { formatInvoiceNumber, formatPence } from "@/lib/format";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { composeEmail } from "@/lib/integrations/email/templates/layout";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { getSupplier } from "@/lib/supplier";
import { fromIsoDate, INVOICE_NOT_FOUND, lockInvoice, pdfInvoiceSelect, readDraftSettings, renderInvoicePdfFor, takeNextNumber, toBase64, ukToday } from "./invoice-common";

/**
 * Issuing a draft: in one transaction, with the draft locked, it takes the next invoice number (gapless:
 * the sequence row stays locked until commit, and a rollback returns the number), copies the billing
 * details, sets the issue and due dates (UK dates), moves a delivered engagement to INVOICED, puts the
 * email with the PDF in the outbox and records the audit event. Issuing twice is refused; from then on
 * the invoice is immutable (the database refuses changes too).
 */

export const issueInvoiceInput = z.object({ unverifiedInvoiceId: z.string({ message: INVOICE_NOT_FOUND }).trim().min(1, INVOICE_NOT_FOUND).max(60) });

function renderInvoiceEmail(o: { number: string; organisationName: string; what: string; totalPence: number; dueOn: string; purchaseOrderNumber: string | null; payOnlineUrl: string | null; replaces: string | null }) {
  const supplier = getSupplier();
  return composeEmail(`Invoice ${o.number} from ${supplier.name}: ${formatPence(o.totalPence)} due by ${formatIsoDate(o.dueOn)}`, [
    `Hello ${o.organisationName},`,
    `Please find attached invoice ${o.number} for ${o.what}${o.purchaseOrderNumber ? ` (your PO ${o.purchaseOrderNumber})` : ""}. The total is ${formatPence(o.totalPence)} including VAT, due by ${formatIsoDate(o.dueOn)}.`,
    ...(o.replaces ? [`This invoice replaces ${o.replaces}, which we have credited in full.`] : []),
    `You can pay by bank transfer to ${supplier.bank.accountName}, sort code ${supplier.bank.sortCode}, account ${supplier.bank.accountNumber}, using ${o.number} as the reference.`,
    ...(o.payOnlineUrl ? [{ button: { href: o.payOnlineUrl, label: "Pay by card online" } }] : []),
    "If anything on the invoice doesn't look right, just reply to this email and we'll sort it out. Thank you for working with us.",
  ]);
}

export async function issueInvoice({ db, actor, input, now = new Date(), appUrl = env.APP_URL }: { db: Db; actor: Actor; input: unknown; now?: Date; appUrl?: string }): Promise<Result<{ number: number }>> {
  const parsed = issueInvoiceInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.NOT_FOUND, INVOICE_NOT_FOUND);
  return db.$transaction(
    async (tx) => {
      const locked = await lockInvoice(tx, actor, parsed.data.unverifiedInvoiceId);
      if (!locked) return fail(AppErrorCode.NOT_FOUND, INVOICE_NOT_FOUND);
      const draft = await tx.invoice.findUniqueOrThrow({
        where: { id: locked.id },
        select: {
          id: true,
          status: true,
          number: true,
          purchaseOrderNumber: true,
          billingSnapshot: true,
          organisation: { select: { id: true, slug: true, name: true, addressLine1: true, addressLine2: true, town: true, postcode: true, vatNumber: true, invoiceEmail: true, poRequired: true, paymentTermsDays: true } },
          engagement: { select: { id: true, status: true, reference: true, service: { select: { name: true } }, requestedBy: { select: { email: true } } } },
          lines: { select: { quantity: true, unitPricePence: true, vatRateBasisPoints: true } },
        },
      });
      if (draft.status !== "DRAFT") {
        return fail(AppErrorCode.INVALID_INPUT, `This invoice has already been issued as ${formatInvoiceNumber(draft.number)}. An invoice can only be issued once.`);
      }
      if (draft.lines.length === 0) return fail(AppErrorCode.INVALID_INPUT, "Add at least one line before issuing the invoice.");
      // Totals from the lines as the money domain works them out (never trusting stored sums).
      const totals = sumInvoice(draft.lines.map((line) => computeLine(line)));
      if (totals.totalPence <= 0) return fail(AppErrorCode.INVALID_INPUT, "The invoice total must be more than £0. Check the lines and any discounts.");
      const organisation = draft.organisation;
      if (organisation.poRequired && !draft.purchaseOrderNumber) {
        return fail(AppErrorCode.INVALID_INPUT, `${organisation.name} needs a PO number on every invoice. Add it before issuing.`, { purchaseOrderNumber: ["Enter the client's PO number."] });
      }
      const to = organisation.invoiceEmail ?? draft.engagement?.requestedBy.email ?? null;
      if (!to) return fail(AppErrorCode.INVALID_INPUT, `There's no email address to send the invoice to. Add one for invoices in ${organisation.name}'s billing details first.`);

      const settings = readDraftSettings(draft.billingSnapshot);
      const paymentTermsDays = settings.paymentTermsDays ?? organisation.paymentTermsDays;
      const issuedOn = ukToday(now);
      const dueOn = addDays(issuedOn, paymentTermsDays);
      const highest = await tx.invoice.aggregate({ _max: { number: true } });
      const number = await takeNextNumber(tx, "invoice", highest._max.number ?? 0);
      await tx.invoice.update({
        where: { id: draft.id },
        data: {
          status: "ISSUED",
          number,
          issuedOn: fromIsoDate(issuedOn),
          dueOn: fromIsoDate(dueOn),
          ...totals,
          billingSnapshot: {
            name: organisation.name,
            addressLine1: organisation.addressLine1,
            addressLine2: organisation.addressLine2,
            town: organisation.town,
            postcode: organisation.postcode,
            vatNumber: organisation.vatNumber,
            invoiceEmail: to,
            paymentTermsDays,
            ...(settings.replacesInvoiceNumber ? { replacesInvoiceNumber: settings.replacesInvoiceNumber } : {}),
          },
        },
      });
      const engagement = draft.engagement;
      if (engagement && canTransition("ENGAGEMENT", engagement.status, "INVOICED")) {
        await tx.engagement.update({ where: { id: engagement.id }, data: { status: "INVOICED" } });
      }
      const issued = await tx.invoice.findUniqueOrThrow({ where: { id: draft.id }, select: pdfInvoiceSelect });
      const pdf = await renderInvoicePdfFor(issued);
      const printed = formatInvoiceNumber(number);
      await enqueueEmail(tx, {
        kind: "invoice",
        to,
        ...(await renderInvoiceEmail({
          number: printed,
          organisationName: organisation.name,
          what: engagement ? `${engagement.service.name} (${engagement.reference})` : "our work with you",
          totalPence: totals.totalPence,
          dueOn,
          purchaseOrderNumber: draft.purchaseOrderNumber,
          payOnlineUrl: env.hasStripe ? `${appUrl}/org/${organisation.slug}/invoices` : null,
          replaces: settings.replacesInvoiceNumber ? formatInvoiceNumber(settings.replacesInvoiceNumber) : null,
        })),
        attachments: [{ filename: `${printed}.pdf`, contentType: "application/pdf", content: toBase64(pdf), encoding: "base64" }],
      });
      await tx.auditEvent.create({
        data: { actorId: actor.userId, organisationId: organisation.id, action: "invoice.issue", subject: "Invoice", subjectId: draft.id, data: { number, totalPence: totals.totalPence, issuedOn, dueOn, to } },
      });
      return ok({ number });
    },
    // Issuers queue for the sequence row; give a busy moment time rather than failing.
    { maxWait: 20_000, timeout: 60_000 },
  );
}
