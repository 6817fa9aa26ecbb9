import type { Actor } from "@/lib/auth/actor";
import { scopeEngagements, scopeInvoices } from "@/lib/auth/scope";
import type { DbTx } from "@/lib/db/create-client";
import { assessLatePayment, countDaysOverdue, getAgedDebtBucket, summariseAgedDebt, type LatePaymentAssessment } from "@/lib/domain/late-payment";
import { env } from "@/lib/env";
import { allocateCredits } from "./credit-notes";
import {
  deliveredOrCharged,
  directorInvoiceWhere,
  INVOICEABLE_ENGAGEMENT,
  isDirector,
  loadBaseRates,
  notYetInvoiced,
  outstandingOf,
  readBillingSnapshot,
  readDraftSettings,
  sumCredits,
  toIsoDate,
  ukToday,
} from "./invoice-common";
import { REMINDER_SENT_ACTION } from "./invoice-reminders";

/**
 * The director's view of money owed: drafts to finish, work ready to invoice, every issued invoice with
 * what is still outstanding, the aged-debt view and, for each overdue invoice, the statutory interest and
 * compensation the director *could* claim (shown, never charged). Reads are audited: invoices are
 * financial records.
 */

const creditSelect = { select: { number: true, subtotalPence: true, vatPence: true, totalPence: true } } as const;

export async function getInvoicesOverview({ db, actor, now = new Date() }: { db: DbTx; actor: Actor; now?: Date }) {
  if (!isDirector(actor)) return null;
  const today = ukToday(now);
  const scope = scopeInvoices(actor);
  const [drafts, outstanding, recent, ready, creditNotes, baseRates] = await Promise.all([
    db.invoice.findMany({
      where: { status: "DRAFT", ...scope },
      orderBy: { createdAt: "desc" },
      select: { id: true, totalPence: true, createdAt: true, billingSnapshot: true, organisation: { select: { name: true } }, engagement: { select: { reference: true, service: { select: { name: true } } } }, _count: { select: { lines: true } } },
    }),
    db.invoice.findMany({
      where: { status: "ISSUED", ...scope },
      orderBy: { dueOn: "asc" },
      select: { id: true, number: true, status: true, issuedOn: true, dueOn: true, totalPence: true, organisation: { select: { id: true, name: true } }, engagement: { select: { reference: true } }, creditNotes: creditSelect },
    }),
    db.invoice.findMany({
      where: { status: { in: ["PAID", "VOID"] }, ...scope },
      orderBy: { number: "desc" },
      take: 30,
      select: { id: true, number: true, status: true, issuedOn: true, dueOn: true, totalPence: true, paidAt: true, organisation: { select: { name: true } }, engagement: { select: { reference: true } }, creditNotes: creditSelect },
    }),
    db.engagement.findMany({
      where: { ...INVOICEABLE_ENGAGEMENT, ...scopeEngagements(actor), deliveries: { some: { ...notYetInvoiced, ...deliveredOrCharged } } },
      orderBy: { updatedAt: "asc" },
      select: {
        reference: true,
        unitPricePenceSnapshot: true,
        organisation: { select: { name: true } },
        service: { select: { name: true } },
        deliveries: { where: { ...notYetInvoiced, ...deliveredOrCharged }, select: { status: true, cancellationChargePence: true } },
      },
    }),
    db.creditNote.findMany({
      where: { invoice: scope },
      orderBy: { number: "desc" },
      take: 20,
      select: { id: true, number: true, issuedOn: true, reason: true, totalPence: true, invoice: { select: { id: true, number: true, organisation: { select: { name: true } } } } },
    }),
    loadBaseRates(db),
  ]);

  const open = outstanding.map((invoice) => {
    const credited = sumCredits(invoice.creditNotes);
    const outstandingPence = outstandingOf(invoice, credited);
    const dueOn = toIsoDate(invoice.dueOn!);
    const daysOverdue = countDaysOverdue(dueOn, today);
    const lateness = assessLatePayment({ debtPence: outstandingPence, dueOn, today, baseRates: baseRates.changes, fallbackBaseRateBasisPoints: baseRates.fallbackBasisPoints });
    return { ...invoice, creditedPence: credited.totalPence, outstandingPence, daysOverdue, bucket: getAgedDebtBucket(daysOverdue), lateness };
  });
  const agedDebt = summariseAgedDebt(open.map((i) => ({ clientId: i.organisation.id, clientName: i.organisation.name, outstandingPence: i.outstandingPence, daysOverdue: i.daysOverdue })));
  const overdue = open.filter((invoice) => invoice.lateness.isOverdue).sort((a, b) => b.daysOverdue - a.daysOverdue);
  const remindersSent = await countRemindersSent(db, overdue.map((i) => i.id));

  await db.auditEvent.create({ data: { actorId: actor.userId, action: "invoice.list.read", subject: "Invoice", subjectId: "list", data: { outstandingIds: open.map((i) => i.id) } } });
  return {
    today,
    drafts: drafts.map((draft) => ({ ...draft, replacesInvoiceNumber: readDraftSettings(draft.billingSnapshot).replacesInvoiceNumber ?? null })),
    open,
    overdue: overdue.map((invoice) => ({ ...invoice, remindersSent: remindersSent.get(invoice.id) ?? [] })),
    recent: recent.map((invoice) => ({ ...invoice, creditedPence: sumCredits(invoice.creditNotes).totalPence })),
    agedDebt,
    readyToInvoice: ready.map((engagement) => ({
      reference: engagement.reference,
      organisationName: engagement.organisation.name,
      serviceName: engagement.service.name,
      delivered: engagement.deliveries.filter((d) => d.status === "DELIVERED").length,
      charges: engagement.deliveries.filter((d) => d.status === "CANCELLED").length,
      approxNetPence: engagement.deliveries.reduce((sum, d) => sum + (d.status === "CANCELLED" ? (d.cancellationChargePence ?? 0) : engagement.unitPricePenceSnapshot), 0),
    })),
    creditNotes,
  };
}

export type InvoicesOverview = NonNullable<Awaited<ReturnType<typeof getInvoicesOverview>>>;

async function countRemindersSent(db: DbTx, invoiceIds: string[]) {
  const sent = new Map<string, number[]>();
  if (invoiceIds.length === 0) return sent;
  const events = await db.auditEvent.findMany({ where: { action: REMINDER_SENT_ACTION, subject: "Invoice", subjectId: { in: invoiceIds } }, select: { subjectId: true, data: true } });
  for (const event of events) {
    const stage = (event.data as { stage?: unknown } | null)?.stage;
    if (typeof stage === "number") sent.set(event.subjectId, [...(sent.get(event.subjectId) ?? []), stage].sort((a, b) => a - b));
  }
  return sent;
}

/** One invoice with its lines, credit notes, what is left to pay or credit, and (if overdue) the late-payment figures. */
export async function getInvoiceDetail({ db, actor, unverifiedInvoiceId, now = new Date() }: { db: DbTx; actor: Actor; unverifiedInvoiceId: string; now?: Date }) {
  if (!isDirector(actor)) return null;
  const invoice = await db.invoice.findFirst({
    where: directorInvoiceWhere(actor, unverifiedInvoiceId),
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
      billingSnapshot: true,
      paidAt: true,
      paymentReference: true,
      createdAt: true,
      organisation: { select: { id: true, name: true, slug: true, poRequired: true, invoiceEmail: true, paymentTermsDays: true } },
      engagement: { select: { reference: true, status: true, service: { select: { name: true } } } },
      lines: { orderBy: { position: "asc" }, select: { id: true, deliveryId: true, description: true, quantity: true, unitPricePence: true, vatRateBasisPoints: true, vatExemptionReason: true, netPence: true, vatPence: true } },
      creditNotes: { orderBy: { number: "asc" }, select: { id: true, number: true, issuedOn: true, reason: true, subtotalPence: true, vatPence: true, totalPence: true } },
    },
  });
  if (!invoice) return null;
  const today = ukToday(now);
  const { remaining, credited } = allocateCredits(invoice, invoice.creditNotes);
  const outstandingPence = outstandingOf(invoice, credited);
  const baseRates = invoice.status === "ISSUED" && invoice.dueOn ? await loadBaseRates(db) : null;
  const lateness: LatePaymentAssessment | null =
    baseRates && invoice.dueOn
      ? assessLatePayment({ debtPence: outstandingPence, dueOn: toIsoDate(invoice.dueOn), today, baseRates: baseRates.changes, fallbackBaseRateBasisPoints: baseRates.fallbackBasisPoints })
      : null;
  const settings = invoice.status === "DRAFT" ? readDraftSettings(invoice.billingSnapshot) : readBillingSnapshot(invoice.billingSnapshot);
  const replacesNumber = readDraftSettings(invoice.billingSnapshot).replacesInvoiceNumber ?? null;
  const [remindersSent, reissue, replaces] = await Promise.all([
    countRemindersSent(db, [invoice.id]),
    db.auditEvent.findFirst({ where: { action: "invoice.reissue", data: { path: ["fromInvoiceId"], equals: invoice.id } }, orderBy: { at: "desc" }, select: { subjectId: true } }),
    replacesNumber ? db.invoice.findFirst({ where: { number: replacesNumber, ...scopeInvoices(actor) }, select: { id: true, number: true } }) : null,
  ]);
  const reissuedAs = reissue ? await db.invoice.findFirst({ where: directorInvoiceWhere(actor, reissue.subjectId), select: { id: true, number: true, status: true } }) : null;
  await db.auditEvent.create({ data: { actorId: actor.userId, organisationId: invoice.organisation.id, action: "invoice.read", subject: "Invoice", subjectId: invoice.id, data: {} } });
  return {
    ...invoice,
    today,
    paymentTermsDays: settings.paymentTermsDays ?? invoice.organisation.paymentTermsDays,
    billing: readBillingSnapshot(invoice.billingSnapshot),
    creditedPence: credited.totalPence,
    outstandingPence,
    creditableByRate: [...remaining.entries()].filter(([, left]) => left.netPence > 0).map(([vatRateBasisPoints, left]) => ({ vatRateBasisPoints, ...left })),
    canCreditWhole: (invoice.status === "ISSUED" || invoice.status === "PAID") && invoice.creditNotes.length === 0,
    isFullyCredited: invoice.status !== "DRAFT" && credited.totalPence >= invoice.totalPence,
    lateness,
    remindersSent: remindersSent.get(invoice.id) ?? [],
    reissuedAs,
    replaces,
    canPayByCard: env.hasStripe,
  };
}

export type InvoiceDetail = NonNullable<Awaited<ReturnType<typeof getInvoiceDetail>>>;
