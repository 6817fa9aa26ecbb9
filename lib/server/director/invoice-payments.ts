import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbTx } from "@/lib/db/create-client";
import { canTransition } from "@/lib/domain/booking";
import { assertIsoDate, formatIsoDate } from "@/lib/domain/time/calendar-date";
import { formatInvoiceNumber } from "@/lib/format";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { INVOICE_NOT_FOUND, lockInvoice, outstandingOf, sumCredits, toIsoDate, ukNoon, ukToday } from "./invoice-common";

/**
 * Marking an invoice paid by bank transfer, with the date the money arrived and the bank reference. The
 * engagement becomes PAID once every invoice on it that still counts has been paid. (Card payments are
 * marked paid by Stripe's signed webhook instead: lib/server/payments/handle-stripe-event.ts.)
 */

export const markPaidInput = z.object({
  unverifiedInvoiceId: z.string({ message: INVOICE_NOT_FOUND }).trim().min(1, INVOICE_NOT_FOUND).max(60),
  paidOn: z
    .string({ message: "Enter the date the payment arrived." })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date the payment arrived.")
    .refine((value) => {
      try {
        assertIsoDate(value);
        return true;
      } catch {
        return false;
      }
    }, "That date doesn't exist. Check the day and month."),
  reference: z.string({ message: "Enter the payment reference from the bank statement." }).trim().min(2, "Enter the payment reference from the bank statement.").max(100, "Keep the reference under 100 characters."),
});

/** Once every invoice on the engagement that still counts (issued or paid) is paid, the engagement is PAID. */
export async function settleEngagementIfPaid(tx: DbTx, engagementId: string | null) {
  if (!engagementId) return;
  const engagement = await tx.engagement.findUnique({ where: { id: engagementId }, select: { status: true } });
  if (!engagement || !canTransition("ENGAGEMENT", engagement.status, "PAID")) return;
  const unpaid = await tx.invoice.count({ where: { engagementId, status: "ISSUED" } });
  const paid = await tx.invoice.count({ where: { engagementId, status: "PAID" } });
  if (unpaid === 0 && paid > 0) await tx.engagement.update({ where: { id: engagementId }, data: { status: "PAID" } });
}

export async function markInvoicePaid({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<{ engagementPaid: boolean }>> {
  const parsed = markPaidInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the payment details.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedInvoiceId, paidOn, reference } = parsed.data;
  return db.$transaction(async (tx) => {
    const locked = await lockInvoice(tx, actor, unverifiedInvoiceId);
    if (!locked) return fail(AppErrorCode.NOT_FOUND, INVOICE_NOT_FOUND);
    const invoice = await tx.invoice.findUniqueOrThrow({
      where: { id: locked.id },
      select: { id: true, number: true, status: true, issuedOn: true, totalPence: true, paidAt: true, organisationId: true, engagementId: true, creditNotes: { select: { subtotalPence: true, vatPence: true, totalPence: true } } },
    });
    if (invoice.status === "DRAFT") return fail(AppErrorCode.INVALID_INPUT, "A draft can't be paid: issue it first.");
    if (invoice.status === "PAID") return fail(AppErrorCode.INVALID_INPUT, `${formatInvoiceNumber(invoice.number)} is already marked as paid${invoice.paidAt ? ` (${formatIsoDate(ukToday(invoice.paidAt))})` : ""}.`);
    if (invoice.status === "VOID") return fail(AppErrorCode.INVALID_INPUT, `${formatInvoiceNumber(invoice.number)} has been credited in full, so there's nothing to pay.`);
    if (invoice.issuedOn && paidOn < toIsoDate(invoice.issuedOn)) return fail(AppErrorCode.INVALID_INPUT, "Check the payment date.", { paidOn: ["The payment can't have arrived before the invoice was issued."] });
    if (paidOn > ukToday(now)) return fail(AppErrorCode.INVALID_INPUT, "Check the payment date.", { paidOn: ["The payment date can't be in the future."] });
    const amountPence = outstandingOf(invoice, sumCredits(invoice.creditNotes));
    await tx.invoice.update({ where: { id: invoice.id }, data: { status: "PAID", paidAt: ukNoon(paidOn), paymentReference: `Bank transfer: ${reference}` } });
    await settleEngagementIfPaid(tx, invoice.engagementId);
    const engagement = invoice.engagementId ? await tx.engagement.findUnique({ where: { id: invoice.engagementId }, select: { status: true } }) : null;
    await tx.auditEvent.create({
      data: { actorId: actor.userId, organisationId: invoice.organisationId, action: "invoice.paid.bank", subject: "Invoice", subjectId: invoice.id, data: { paidOn, reference, amountPence } },
    });
    return ok({ engagementPaid: engagement?.status === "PAID" });
  });
}
