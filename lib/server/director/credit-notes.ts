import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { scopeInvoices } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import { computeLine } from "@/lib/domain/money";
import { formatInvoiceNumber, formatPence } from "@/lib/format";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { composeEmail } from "@/lib/integrations/email/templates/layout";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { getSupplier } from "@/lib/supplier";
import {
  type CreditTotals,
  formatCreditNoteNumber,
  fromIsoDate,
  INVOICE_NOT_FOUND,
  isDirector,
  lockInvoice,
  pdfInvoiceSelect,
  poundsField,
  readBillingSnapshot,
  renderInvoicePdfFor,
  sumCredits,
  takeNextNumber,
  toBase64,
  ukToday,
  vatRateField,
} from "./invoice-common";

/**
 * Credit notes: the only way to correct an issued invoice. Either the whole invoice (while nothing has
 * been credited yet), or part of it: one amount at one of the invoice's VAT rates, never more than is left
 * at that rate. Numbers come from their own gapless sequence in the same transaction. An unpaid invoice
 * credited in full becomes VOID (nothing left to pay, never chased); a paid one stays PAID (a refund is
 * due). The credit note's PDF shows the VAT credited at each rate, as a VAT credit note must.
 */

type RateTotals = { netPence: number; vatPence: number };
type CreditLineSource = { vatRateBasisPoints: number; vatExemptionReason: string | null; netPence: number; vatPence: number };
type CreditNoteRow = CreditTotals & { number: number };

export type CreditAllocation = { kind: "FULL" } | { kind: "PART"; vatRateBasisPoints: number | null };

/**
 * Replays an invoice's credit notes (in number order) against its lines: which rate each part credit was
 * at, and what is left to credit at each rate. A part credit's rate is the one whose VAT rule gives its
 * VAT (unique for amounts of £1 or more), or — for the credit that used up a rate — the rate it emptied.
 */
export function allocateCredits(invoice: CreditTotals & { lines: readonly CreditLineSource[] }, creditNotes: readonly CreditNoteRow[]) {
  const remaining = new Map<number, RateTotals>();
  for (const line of invoice.lines) {
    const entry = remaining.get(line.vatRateBasisPoints) ?? { netPence: 0, vatPence: 0 };
    entry.netPence += line.netPence;
    entry.vatPence += line.vatPence;
    remaining.set(line.vatRateBasisPoints, entry);
  }
  const allocations = [...creditNotes]
    .sort((a, b) => a.number - b.number)
    .map((note): CreditAllocation => {
      if (note.subtotalPence === invoice.subtotalPence && note.vatPence === invoice.vatPence) {
        for (const entry of remaining.values()) Object.assign(entry, { netPence: 0, vatPence: 0 });
        return { kind: "FULL" };
      }
      const rates = [...remaining.keys()];
      const rate =
        rates.find((r) => remaining.get(r)!.netPence === note.subtotalPence && remaining.get(r)!.vatPence === note.vatPence) ??
        rates.find((r) => remaining.get(r)!.netPence >= note.subtotalPence && computeLine({ quantity: 1, unitPricePence: note.subtotalPence, vatRateBasisPoints: r }).vatPence === note.vatPence) ??
        null;
      if (rate !== null) {
        const entry = remaining.get(rate)!;
        entry.netPence -= note.subtotalPence;
        entry.vatPence -= note.vatPence;
      }
      return { kind: "PART", vatRateBasisPoints: rate };
    });
  return { remaining, allocations, credited: sumCredits(creditNotes) };
}

const creditBase = z.object({
  unverifiedInvoiceId: z.string({ message: INVOICE_NOT_FOUND }).trim().min(1, INVOICE_NOT_FOUND).max(60),
  scope: z.enum(["FULL", "PART"], { message: "Choose whether to credit the whole invoice or part of it." }),
  reason: z.string({ message: "Say why you're issuing the credit note." }).trim().min(3, "Say why you're issuing the credit note.").max(500, "Keep the reason under 500 characters."),
});
const partCredit = z.object({
  amount: poundsField("the amount to credit").refine((pence) => pence >= 100, "Credit at least £1.00 (excluding VAT)."),
  vatRateBasisPoints: vatRateField,
});

/** The whole invoice, or part of it (an amount at a rate); bad input in either part is reported field by field. */
function parseCreditNoteInput(input: unknown) {
  const base = creditBase.safeParse(input);
  const part = base.success && base.data.scope === "FULL" ? null : partCredit.safeParse(input);
  if (!base.success || (part && !part.success)) {
    const fieldErrors = { ...(base.success ? {} : z.flattenError(base.error).fieldErrors), ...(part && !part.success ? z.flattenError(part.error).fieldErrors : {}) };
    return { success: false as const, fieldErrors };
  }
  return { success: true as const, data: base.data.scope === "FULL" ? { ...base.data, scope: "FULL" as const } : { ...base.data, scope: "PART" as const, ...part!.data! } };
}

function renderCreditNoteEmail(o: { organisationName: string; creditNumber: string; invoiceNumber: string; totalPence: number; reason: string; wasPaid: boolean }) {
  return composeEmail(`Credit note ${o.creditNumber} for invoice ${o.invoiceNumber}`, [
    `Hello ${o.organisationName},`,
    `Please find attached credit note ${o.creditNumber} for ${formatPence(o.totalPence)} including VAT, against invoice ${o.invoiceNumber}.`,
    `Reason: ${o.reason}`,
    o.wasPaid ? "As that invoice has already been paid, we'll refund this amount to you. We'll be in touch to confirm how." : `This reduces what is owed on ${o.invoiceNumber} by ${formatPence(o.totalPence)}.`,
    `If you have any questions, just reply to this email. ${getSupplier().name}`,
  ]);
}

export async function issueCreditNote({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<{ number: number; invoiceStatus: string }>> {
  const parsed = parseCreditNoteInput(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the credit note.", parsed.fieldErrors);
  const request = parsed.data;
  return db.$transaction(
    async (tx) => {
      const locked = await lockInvoice(tx, actor, request.unverifiedInvoiceId);
      if (!locked) return fail(AppErrorCode.NOT_FOUND, INVOICE_NOT_FOUND);
      const invoice = await tx.invoice.findUniqueOrThrow({
        where: { id: locked.id },
        select: {
          id: true,
          number: true,
          status: true,
          organisationId: true,
          billingSnapshot: true,
          subtotalPence: true,
          vatPence: true,
          totalPence: true,
          organisation: { select: { name: true, invoiceEmail: true } },
          lines: { select: { vatRateBasisPoints: true, vatExemptionReason: true, netPence: true, vatPence: true } },
          creditNotes: { select: { number: true, subtotalPence: true, vatPence: true, totalPence: true } },
        },
      });
      if (invoice.status === "DRAFT") return fail(AppErrorCode.INVALID_INPUT, "This invoice hasn't been issued yet: change or delete the draft instead.");
      const { remaining, credited } = allocateCredits(invoice, invoice.creditNotes);
      if (invoice.status === "VOID" || credited.totalPence >= invoice.totalPence) return fail(AppErrorCode.INVALID_INPUT, "This invoice has already been credited in full.");

      let amounts: CreditTotals;
      if (request.scope === "FULL") {
        if (invoice.creditNotes.length > 0) {
          return fail(AppErrorCode.INVALID_INPUT, "Part of this invoice has already been credited. Credit what's left as a part credit, at each VAT rate.", { scope: ["Choose “part of it”."] });
        }
        amounts = { subtotalPence: invoice.subtotalPence, vatPence: invoice.vatPence, totalPence: invoice.totalPence };
      } else {
        const left = remaining.get(request.vatRateBasisPoints);
        if (!left || left.netPence <= 0) {
          return fail(AppErrorCode.INVALID_INPUT, "Check the credit note.", { vatRateBasisPoints: [`Nothing on this invoice is left to credit at ${request.vatRateBasisPoints / 100}% VAT.`] });
        }
        if (request.amount > left.netPence) {
          return fail(AppErrorCode.INVALID_INPUT, "Check the credit note.", { amount: [`At ${request.vatRateBasisPoints / 100}% VAT, at most ${formatPence(left.netPence)} (excluding VAT) is left to credit.`] });
        }
        // Crediting all that is left at a rate takes exactly the VAT left (so a series of part credits
        // closes the invoice to the penny); otherwise the VAT is worked out like an invoice line's.
        const vatPence = request.amount === left.netPence ? left.vatPence : Math.min(left.vatPence, computeLine({ quantity: 1, unitPricePence: request.amount, vatRateBasisPoints: request.vatRateBasisPoints }).vatPence);
        amounts = { subtotalPence: request.amount, vatPence, totalPence: request.amount + vatPence };
      }

      const highest = await tx.creditNote.aggregate({ _max: { number: true } });
      const number = await takeNextNumber(tx, "credit-note", highest._max.number ?? 0);
      const issuedOn = ukToday(now);
      const note = await tx.creditNote.create({
        data: { organisationId: invoice.organisationId, invoiceId: invoice.id, number, issuedOn: fromIsoDate(issuedOn), reason: request.reason, ...amounts },
        select: { id: true },
      });
      const isFullyCredited = credited.totalPence + amounts.totalPence >= invoice.totalPence;
      const invoiceStatus = isFullyCredited && invoice.status === "ISSUED" ? "VOID" : invoice.status;
      if (invoiceStatus !== invoice.status) await tx.invoice.update({ where: { id: invoice.id }, data: { status: invoiceStatus } });

      const to = readBillingSnapshot(invoice.billingSnapshot).invoiceEmail ?? invoice.organisation.invoiceEmail;
      if (to) {
        const pdf = await renderCreditNotePdfIn(tx, note.id);
        await enqueueEmail(tx, {
          kind: "credit-note",
          to,
          ...(await renderCreditNoteEmail({ organisationName: invoice.organisation.name, creditNumber: formatCreditNoteNumber(number), invoiceNumber: formatInvoiceNumber(invoice.number), totalPence: amounts.totalPence, reason: request.reason, wasPaid: invoice.status === "PAID" })),
          attachments: [{ filename: `${formatCreditNoteNumber(number)}.pdf`, contentType: "application/pdf", content: toBase64(pdf!.pdf), encoding: "base64" }],
        });
      }
      await tx.auditEvent.create({
        data: {
          actorId: actor.userId,
          organisationId: invoice.organisationId,
          action: "credit-note.issue",
          subject: "Invoice",
          subjectId: invoice.id,
          data: { creditNoteId: note.id, number, scope: request.scope, ...amounts, ...(request.scope === "PART" ? { vatRateBasisPoints: request.vatRateBasisPoints } : {}), invoiceStatus },
        },
      });
      return ok({ number, invoiceStatus });
    },
    { maxWait: 20_000, timeout: 60_000 },
  );
}

/** A credit note's PDF lines: a whole-invoice credit mirrors the invoice's lines; a part credit is one line at its rate. */
async function renderCreditNotePdfIn(tx: DbTx, creditNoteId: string) {
  const note = await tx.creditNote.findUnique({
    where: { id: creditNoteId },
    select: { id: true, number: true, issuedOn: true, reason: true, subtotalPence: true, vatPence: true, totalPence: true, invoiceId: true },
  });
  if (!note) return null;
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: note.invoiceId }, select: { ...pdfInvoiceSelect, creditNotes: { select: { id: true, number: true, subtotalPence: true, vatPence: true, totalPence: true } } } });
  const { allocations } = allocateCredits(invoice, invoice.creditNotes);
  const allocation = allocations[[...invoice.creditNotes].sort((a, b) => a.number - b.number).findIndex((n) => n.id === note.id)] ?? { kind: "PART", vatRateBasisPoints: null };
  const invoiceNumber = formatInvoiceNumber(invoice.number);
  const lines =
    allocation.kind === "FULL"
      ? invoice.lines
      : [
          {
            description: `Credit against invoice ${invoiceNumber}`,
            quantity: 1,
            unitPricePence: note.subtotalPence,
            vatRateBasisPoints: allocation.vatRateBasisPoints ?? invoice.lines[0]?.vatRateBasisPoints ?? 0,
            vatExemptionReason: allocation.vatRateBasisPoints === 0 ? (invoice.lines.find((l) => l.vatRateBasisPoints === 0)?.vatExemptionReason ?? null) : null,
            netPence: note.subtotalPence,
            vatPence: note.vatPence,
          },
        ];
  const pdf = await renderInvoicePdfFor(
    { ...invoice, lines, subtotalPence: note.subtotalPence, vatPence: note.vatPence, totalPence: note.totalPence, paidAt: null },
    { number: formatCreditNoteNumber(note.number), issuedOn: note.issuedOn, dueOn: null, status: "ISSUED", creditNote: { creditsInvoiceNumber: invoiceNumber, reason: note.reason } },
  );
  return { pdf, filename: `${formatCreditNoteNumber(note.number)}.pdf` };
}

/** One credit note as a PDF, for the director only (anyone else: null → 404). Each download is audited. */
export async function renderCreditNotePdf({ db, actor, unverifiedCreditNoteId }: { db: Db; actor: Actor; unverifiedCreditNoteId: string }) {
  if (!isDirector(actor)) return null;
  const note = await db.creditNote.findFirst({ where: { id: unverifiedCreditNoteId, invoice: scopeInvoices(actor) }, select: { id: true, organisationId: true } });
  if (!note) return null;
  const rendered = await renderCreditNotePdfIn(db, note.id);
  if (!rendered) return null;
  await db.auditEvent.create({ data: { actorId: actor.userId, organisationId: note.organisationId, action: "credit-note.download", subject: "CreditNote", subjectId: note.id, data: {} } });
  return { pdf: rendered.pdf, filename: rendered.filename };
}
