import "server-only";
import { DateTime } from "luxon";
import type { AssociateActor } from "@/lib/auth/guards";
import type { DbTx } from "@/lib/db/create-client";
import { describePeriod, monthKey, parseDateRange, parseMonth, type Period, UK_ZONE } from "@/lib/domain/earnings";
import { type ExpenseLine, type JobcentreLetterData, type PaymentLine, renderJobcentreLetterPdf, renderStatementPdf, type SessionLine, type StatementData } from "@/lib/integrations/pdf/associate-money";
import { expenseCategoryLabel, expenseStatusLabel } from "@/lib/labels";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { getSupplier } from "@/lib/supplier";
import { COUNTED_DELIVERY_STATUSES } from "./money";

type AssociateScope = Pick<AssociateActor, "associateId" | "userId">;

const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" });

/** Sessions (accepted work, booked or delivered) and expense claims for sessions in `period`, and payments made in it. */
async function loadActivity(db: DbTx, { associateId, period }: { associateId: string; period: Period }) {
  const [assignments, claims, payments] = await Promise.all([
    db.assignment.findMany({
      where: { associateId, status: "ACCEPTED", delivery: { status: { in: COUNTED_DELIVERY_STATUSES }, startsAt: { gte: period.start, lt: period.end } } },
      orderBy: { delivery: { startsAt: "asc" } },
      select: { feePence: true, delivery: { select: { startsAt: true, endsAt: true, status: true, engagement: { select: { service: { select: { name: true } }, organisation: { select: { name: true } } } } } } },
    }),
    db.expenseClaim.findMany({
      where: { associateId, delivery: { startsAt: { gte: period.start, lt: period.end } } },
      orderBy: [{ delivery: { startsAt: "asc" } }, { createdAt: "asc" }],
      select: { category: true, description: true, claimedPence: true, amountPence: true, status: true, delivery: { select: { startsAt: true } } },
    }),
    db.associatePayment.findMany({
      where: { associateId, status: "PAID", paidAt: { gte: period.start, lt: period.end } },
      orderBy: { paidAt: "asc" },
      select: {
        paidAt: true,
        amountPence: true,
        assignment: { select: { delivery: { select: { startsAt: true, engagement: { select: { service: { select: { name: true } } } } } } } },
        expenseClaim: { select: { category: true, description: true } },
      },
    }),
  ]);
  const sessions: SessionLine[] = assignments.map(({ feePence, delivery }) => ({
    startsAt: delivery.startsAt,
    minutes: Math.round((delivery.endsAt.getTime() - delivery.startsAt.getTime()) / 60_000),
    feePence,
    service: delivery.engagement.service.name,
    client: delivery.engagement.organisation.name,
    isDelivered: delivery.status === "DELIVERED",
  }));
  const expenses: ExpenseLine[] = claims.map((c) => ({
    on: c.delivery.startsAt,
    category: expenseCategoryLabel[c.category],
    description: c.description,
    claimedPence: c.claimedPence,
    amountPence: c.amountPence,
    status: c.status === "SUBMITTED" ? "Waiting" : c.status === "QUERIED" ? "Queried" : expenseStatusLabel[c.status],
    isRejected: c.status === "REJECTED",
  }));
  const paymentLines: PaymentLine[] = payments.map((p) => ({
    paidAt: p.paidAt!,
    kind: p.expenseClaim ? "EXPENSE" : "FEE",
    forWhat: p.expenseClaim
      ? `${expenseCategoryLabel[p.expenseClaim.category]}: ${p.expenseClaim.description}`
      : p.assignment
        ? `${p.assignment.delivery.engagement.service.name}, ${shortDate.format(p.assignment.delivery.startsAt)}`
        : "Fee",
    amountPence: p.amountPence,
  }));
  return { sessions, expenses, payments: paymentLines };
}

async function loadPerson(db: DbTx, associateId: string) {
  return db.associate.findFirst({ where: { id: associateId }, select: { id: true, payPreference: true, charityName: true, user: { select: { name: true, email: true } } } });
}

/** What the monthly statement ("YYYY-MM") shows, for the caller only. */
export async function getStatementData({ db, actor, input, now = new Date() }: { db: DbTx; actor: AssociateScope; input: { month?: unknown }; now?: Date }): Promise<Result<StatementData & { associateId: string; month: string }>> {
  const period = parseMonth(input.month);
  if (!period) return fail(AppErrorCode.INVALID_INPUT, "Choose a month.", { month: ["Choose a month."] });
  const person = await loadPerson(db, actor.associateId);
  if (!person) return fail(AppErrorCode.NOT_FOUND, "We couldn't find your profile.");
  const activity = await loadActivity(db, { associateId: person.id, period });
  return ok({ associateId: person.id, month: monthKey(period.start), supplier: getSupplier(), associateName: person.user.name ?? person.user.email, periodLabel: describePeriod(period), generatedAt: now, ...activity });
}

/** The monthly statement PDF. Downloads are recorded in the audit log (money records). */
export async function renderMonthlyStatement(options: { db: DbTx; actor: AssociateScope; input: { month?: unknown }; now?: Date }): Promise<Result<{ pdf: Uint8Array; filename: string }>> {
  const data = await getStatementData(options);
  if (!data.ok) return data;
  const pdf = await renderStatementPdf(data.data);
  await options.db.auditEvent.create({ data: { actorId: options.actor.userId, action: "associate.statement.download", subject: "Associate", subjectId: data.data.associateId, data: { month: data.data.month } } });
  return ok({ pdf, filename: `statement-${data.data.month}.pdf` });
}

/**
 * The period a Jobcentre letter covers: a month ("YYYY-MM"), or two dates (both included, at most
 * 12 months). Shared by the route and the page, which shows the same field errors.
 */
export function parseLetterPeriod(input: { month?: unknown; from?: unknown; to?: unknown }): Result<Period> {
  if (input.month !== undefined && input.month !== null && input.month !== "") {
    const period = parseMonth(input.month);
    return period ? ok(period) : fail(AppErrorCode.INVALID_INPUT, "Choose a month.", { month: ["Choose a month."] });
  }
  const range = parseDateRange(input.from, input.to);
  return range.ok ? ok(range.period) : fail(AppErrorCode.INVALID_INPUT, "Check the dates for your letter.", range.fieldErrors);
}

type LetterInput = { month?: unknown; from?: unknown; to?: unknown };

/**
 * What a Jobcentre letter says about the caller's work in a period, signed by the director (the
 * first director account): delivered sessions (date, hours, fee), fee payments made in the period,
 * and the expenses paid back, which the letter says are not earnings. No benefits calculation.
 */
export async function getJobcentreLetterData({ db, actor, input, now = new Date() }: { db: DbTx; actor: AssociateScope; input: LetterInput; now?: Date }): Promise<Result<JobcentreLetterData & { associateId: string; period: Period }>> {
  const period = parseLetterPeriod(input);
  if (!period.ok) return period;
  const person = await loadPerson(db, actor.associateId);
  if (!person) return fail(AppErrorCode.NOT_FOUND, "We couldn't find your profile.");
  const [activity, director] = await Promise.all([
    loadActivity(db, { associateId: person.id, period: period.data }),
    db.user.findFirst({ where: { platformRole: "DIRECTOR" }, orderBy: { createdAt: "asc" }, select: { name: true, email: true } }),
  ]);
  return ok({
    associateId: person.id,
    period: period.data,
    supplier: getSupplier(),
    associateName: person.user.name ?? person.user.email,
    directorName: director?.name ?? director?.email ?? "The director",
    periodLabel: describePeriod(period.data),
    writtenAt: now,
    payPreference: person.payPreference,
    charityName: person.charityName,
    sessions: activity.sessions,
    feePayments: activity.payments.filter((p) => p.kind === "FEE").map((p) => ({ paidAt: p.paidAt, amountPence: p.amountPence })),
    expensesPaidPence: activity.payments.filter((p) => p.kind === "EXPENSE").reduce((sum, p) => sum + p.amountPence, 0),
  });
}

/** The Jobcentre letter PDF. Downloads are recorded in the audit log. */
export async function renderJobcentreLetter(options: { db: DbTx; actor: AssociateScope; input: LetterInput; now?: Date }): Promise<Result<{ pdf: Uint8Array; filename: string }>> {
  const data = await getJobcentreLetterData(options);
  if (!data.ok) return data;
  const pdf = await renderJobcentreLetterPdf(data.data);
  const { period, associateId } = data.data;
  await options.db.auditEvent.create({
    data: { actorId: options.actor.userId, action: "associate.jobcentre-letter.download", subject: "Associate", subjectId: associateId, data: { from: period.start.toISOString(), to: period.end.toISOString() } },
  });
  const name = period.kind === "MONTH" ? monthKey(period.start) : `${DateTime.fromJSDate(period.start, { zone: UK_ZONE }).toISODate()}-to-${DateTime.fromJSDate(period.end, { zone: UK_ZONE }).minus({ days: 1 }).toISODate()}`;
  return ok({ pdf, filename: `letter-about-work-${name}.pdf` });
}
