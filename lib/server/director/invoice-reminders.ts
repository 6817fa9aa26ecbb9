import type { Db, DbTx } from "@/lib/db/create-client";
import { countDaysOverdue, getDueReminderStage, type ReminderStage } from "@/lib/domain/late-payment";
import { formatIsoDate } from "@/lib/domain/time/calendar-date";
import { env } from "@/lib/env";
import { formatInvoiceNumber, formatPence } from "@/lib/format";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { composeEmail } from "@/lib/integrations/email/templates/layout";
import { getSupplier } from "@/lib/supplier";
import { fromIsoDate, outstandingOf, pdfInvoiceSelect, readBillingSnapshot, renderInvoicePdfFor, sumCredits, toBase64, toIsoDate, ukToday } from "./invoice-common";

/**
 * The overdue-invoice chasing job (run from scripts/worker.ts): a polite reminder at 1, 14 and 30 days
 * overdue, once each. "Sent" is an audit event per stage, checked and written with the invoice locked in
 * the same transaction as the outbox email, so two workers (or a rerun) never send a stage twice. Interest
 * and compensation are never added: that is the director's decision, made outside this job.
 */

/** The audit action that marks a reminder stage as sent (data.stage = 1, 14 or 30). */
export const REMINDER_SENT_ACTION = "invoice.reminder.sent";

function renderReminder(o: { stage: ReminderStage; number: string; organisationName: string; outstandingPence: number; dueOn: string; payOnlineUrl: string | null }) {
  const supplier = getSupplier();
  const subject =
    o.stage === 1
      ? `A friendly reminder: invoice ${o.number} was due on ${formatIsoDate(o.dueOn)}`
      : o.stage === 14
        ? `Invoice ${o.number} is now two weeks overdue`
        : `Invoice ${o.number} is now 30 days overdue`;
  return composeEmail(subject, [
    `Hello ${o.organisationName},`,
    o.stage === 1
      ? `This is a quick, friendly reminder that invoice ${o.number} for ${formatPence(o.outstandingPence)} was due on ${formatIsoDate(o.dueOn)}. It may simply have crossed with your payment.`
      : `Invoice ${o.number} for ${formatPence(o.outstandingPence)} was due on ${formatIsoDate(o.dueOn)} and we haven't received payment yet.`,
    `You can pay by bank transfer to ${supplier.bank.accountName}, sort code ${supplier.bank.sortCode}, account ${supplier.bank.accountNumber}, using ${o.number} as the reference. A copy of the invoice is attached.`,
    ...(o.payOnlineUrl ? [{ button: { href: o.payOnlineUrl, label: "Pay by card online" } }] : []),
    o.stage === 30
      ? "Our associates are freelancers, many of them care-experienced, and prompt payment helps us pay them on time. If something is holding the invoice up — a missing PO number, a query — please reply and we'll help."
      : "If you've already paid, thank you, and please ignore this. If something on the invoice needs changing, just reply and we'll sort it out.",
  ]);
}

async function sentStages(db: DbTx, invoiceId: string) {
  const events = await db.auditEvent.findMany({ where: { action: REMINDER_SENT_ACTION, subject: "Invoice", subjectId: invoiceId }, select: { data: true } });
  return events.map((event) => (event.data as { stage?: unknown } | null)?.stage).filter((stage): stage is number => typeof stage === "number");
}

export async function sendOverdueInvoiceReminders({ db, now = new Date(), appUrl = env.APP_URL }: { db: Db; now?: Date; appUrl?: string }) {
  const today = ukToday(now);
  const overdue = await db.invoice.findMany({ where: { status: "ISSUED", dueOn: { lt: fromIsoDate(today) } }, orderBy: { dueOn: "asc" }, select: { id: true, dueOn: true } });
  let sent = 0;
  for (const candidate of overdue) {
    // Cheap check outside the transaction; repeated under the lock below.
    if (getDueReminderStage(countDaysOverdue(toIsoDate(candidate.dueOn!), today), await sentStages(db, candidate.id)) === null) continue;
    sent += await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Invoice" WHERE "id" = ${candidate.id} FOR UPDATE`;
      if (locked.length === 0) return 0;
      const invoice = await tx.invoice.findUniqueOrThrow({
        where: { id: candidate.id },
        select: { ...pdfInvoiceSelect, organisationId: true, organisation: { select: { ...pdfInvoiceSelect.organisation.select, slug: true, invoiceEmail: true } }, creditNotes: { select: { subtotalPence: true, vatPence: true, totalPence: true } } },
      });
      if (invoice.status !== "ISSUED" || !invoice.dueOn) return 0;
      const dueOn = toIsoDate(invoice.dueOn);
      const daysOverdue = countDaysOverdue(dueOn, today);
      const stage = getDueReminderStage(daysOverdue, await sentStages(tx, invoice.id));
      const outstandingPence = outstandingOf(invoice, sumCredits(invoice.creditNotes));
      if (stage === null || outstandingPence <= 0) return 0;
      const to = readBillingSnapshot(invoice.billingSnapshot).invoiceEmail ?? invoice.organisation.invoiceEmail;
      const number = formatInvoiceNumber(invoice.number);
      if (to) {
        const pdf = await renderInvoicePdfFor(invoice);
        await enqueueEmail(tx, {
          kind: "invoice-reminder",
          to,
          ...(await renderReminder({ stage, number, organisationName: invoice.organisation.name, outstandingPence, dueOn, payOnlineUrl: env.hasStripe ? `${appUrl}/org/${invoice.organisation.slug}/invoices` : null })),
          attachments: [{ filename: `${number}.pdf`, contentType: "application/pdf", content: toBase64(pdf), encoding: "base64" }],
        });
      }
      // Recorded even without an address, so the director sees that this stage has passed (and why nothing went).
      await tx.auditEvent.create({
        data: { actorId: null, organisationId: invoice.organisationId, action: REMINDER_SENT_ACTION, subject: "Invoice", subjectId: invoice.id, data: { stage, daysOverdue, outstandingPence, to: to ?? null } },
      });
      return to ? 1 : 0;
      // The PDF is drawn under the lock; on a busy machine that outlasts Prisma's 5 s default.
    }, { maxWait: 20_000, timeout: 60_000 });
  }
  return { invoiceRemindersSent: sent };
}
