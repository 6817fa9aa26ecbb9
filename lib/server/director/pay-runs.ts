import "server-only";
import { stringify } from "csv-stringify/sync";
import { DateTime } from "luxon";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { scopeAssociates } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import { isPgError, PgCode } from "@/lib/db/errors";
import type { PayRunStatus } from "@/lib/db/generated/prisma/enums";
import { bankTransferTotals, gatherPayLines, methodForStoredLine, type PayLine, type PayLineKind, type PayMethod, type PayPeriod, penceToPoundsText } from "@/lib/domain/pay-run";
import { assertIsoDate, type IsoDate } from "@/lib/domain/time/calendar-date";
import { AppErrorCode, AppError, fail, ok, type Result } from "@/lib/result";
import { withoutNulCharacters } from "@/lib/db/without-nul";

/**
 * Associate pay runs: gather a period's delivered work, cancellation pass-through and approved expenses
 * (rules in lib/domain/pay-run.ts) into a DRAFT run, approve it, export the bank file, mark it PAID.
 * Periods may overlap (a late-approved expense for an earlier month can still be paid), but nothing is
 * paid twice: creation is serialised with a transaction-level advisory lock, and AssociatePayment's
 * unique assignmentId / expenseClaimId is the last line — a lost race rolls the whole run back.
 */

const LONDON = "Europe/London";
export const PAY_RUN_NOT_FOUND = "We couldn't find that pay run.";
/** Any fixed number: every pay-run creation takes this lock, so two can't gather the same work at once. */
const PAY_RUN_LOCK = 7_262_501;
const MAX_PERIOD_DAYS = 366;

const isDirector = (actor: Actor) => actor.role === "DIRECTOR";
const fromIsoDate = (date: IsoDate): Date => new Date(`${date}T00:00:00Z`);
const toIsoDate = (date: Date): IsoDate => date.toISOString().slice(0, 10);

/** The instants a period of UK calendar days covers: midnight at the start of the first day to midnight after the last. */
export function periodInstants(periodStart: IsoDate, periodEnd: IsoDate): PayPeriod {
  return {
    start: DateTime.fromISO(periodStart, { zone: LONDON }).startOf("day").toJSDate(),
    end: DateTime.fromISO(periodEnd, { zone: LONDON }).plus({ days: 1 }).startOf("day").toJSDate(),
  };
}

function isRealIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  try {
    assertIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

const dateField = (message: string) =>
  z
    .string({ message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message, abort: true })
    .refine(isRealIsoDate, "That date doesn't exist. Check the day and month.");

export const createPayRunInput = z
  .object({
    periodStart: dateField("Enter the first day of the period."),
    periodEnd: dateField("Enter the last day of the period."),
  })
  .superRefine((value, context) => {
    if (!isRealIsoDate(value.periodStart) || !isRealIsoDate(value.periodEnd)) return;
    if (value.periodEnd < value.periodStart) {
      context.addIssue({ code: "custom", path: ["periodEnd"], message: "The last day must be on or after the first day." });
      return;
    }
    const days = (fromIsoDate(value.periodEnd).getTime() - fromIsoDate(value.periodStart).getTime()) / 86_400_000 + 1;
    if (days > MAX_PERIOD_DAYS) context.addIssue({ code: "custom", path: ["periodEnd"], message: "A pay run can cover at most a year." });
  });

const payRunIdInput = z.object({ unverifiedPayRunId: z.string({ message: PAY_RUN_NOT_FOUND }).trim().min(1, PAY_RUN_NOT_FOUND).max(60, PAY_RUN_NOT_FOUND) });

/** Reads the candidates for a period and applies the gathering rules. */
async function gatherForPeriod(tx: DbTx, actor: Actor, period: PayPeriod): Promise<{ lines: PayLine[]; waitingPaymentIds: Map<string, string> }> {
  const inPeriod = { startsAt: { gte: period.start, lt: period.end } };
  const associate = scopeAssociates(actor);
  const [assignments, cancelled, claims] = await Promise.all([
    tx.assignment.findMany({
      where: { status: "ACCEPTED", feePence: { gt: 0 }, associate, delivery: { status: "DELIVERED", ...inPeriod } },
      select: {
        id: true,
        associateId: true,
        feePence: true,
        status: true,
        associate: { select: { payPreference: true } },
        delivery: { select: { status: true, startsAt: true } },
        payment: { select: { id: true, payRunId: true, status: true } },
      },
    }),
    tx.delivery.findMany({
      where: { status: "CANCELLED", cancellationPassThroughPence: { gt: 0 }, ...inPeriod },
      select: {
        id: true,
        status: true,
        startsAt: true,
        cancellationPassThroughPence: true,
        assignments: {
          where: { associate },
          select: { id: true, associateId: true, status: true, respondedAt: true, associate: { select: { payPreference: true } }, payment: { select: { id: true, payRunId: true, status: true } } },
        },
      },
    }),
    tx.expenseClaim.findMany({
      where: { status: "APPROVED", associate, delivery: inPeriod },
      select: {
        id: true,
        associateId: true,
        amountPence: true,
        status: true,
        associate: { select: { payPreference: true } },
        delivery: { select: { startsAt: true } },
        payment: { select: { id: true, payRunId: true, status: true } },
      },
    }),
  ]);
  const isTaken = (payment: { payRunId: string | null; status: string } | null) => payment !== null && (payment.payRunId !== null || payment.status === "PAID");
  // Payments recorded before any run (e.g. an approved expense) are attached to the run rather than duplicated.
  const waitingPaymentIds = new Map<string, string>();
  for (const row of [...assignments, ...cancelled.flatMap((d) => d.assignments), ...claims]) {
    if (row.payment && !isTaken(row.payment)) waitingPaymentIds.set(row.id, row.payment.id);
  }
  const lines = gatherPayLines({
    period,
    fees: assignments.map((a) => ({
      assignmentId: a.id,
      associateId: a.associateId,
      payPreference: a.associate.payPreference,
      feePence: a.feePence,
      assignmentStatus: a.status,
      deliveryStatus: a.delivery.status,
      startsAt: a.delivery.startsAt,
      isInPayRun: isTaken(a.payment),
    })),
    cancellations: cancelled.map((d) => ({
      deliveryId: d.id,
      deliveryStatus: d.status,
      startsAt: d.startsAt,
      passThroughPence: d.cancellationPassThroughPence,
      assignments: d.assignments.map((a) => ({
        assignmentId: a.id,
        associateId: a.associateId,
        payPreference: a.associate.payPreference,
        assignmentStatus: a.status,
        hadAccepted: a.respondedAt !== null,
        isInPayRun: isTaken(a.payment),
      })),
    })),
    expenses: claims.map((c) => ({
      expenseClaimId: c.id,
      associateId: c.associateId,
      payPreference: c.associate.payPreference,
      amountPence: c.amountPence,
      status: c.status,
      startsAt: c.delivery.startsAt,
      isInPayRun: isTaken(c.payment),
    })),
  });
  return { lines, waitingPaymentIds };
}

export type PayRunPreview = { lineCount: number; totalPence: number; associateCount: number };

/** What a pay run for the period would pay now, without writing anything. */
export async function previewPayRun(db: DbTx, { actor, input }: { actor: Actor; input: unknown }): Promise<Result<PayRunPreview>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, PAY_RUN_NOT_FOUND);
  const parsed = createPayRunInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the dates.", z.flattenError(parsed.error).fieldErrors);
  const { lines } = await gatherForPeriod(db, actor, periodInstants(parsed.data.periodStart, parsed.data.periodEnd));
  return ok({ lineCount: lines.length, totalPence: lines.reduce((sum, l) => sum + l.amountPence, 0), associateCount: new Set(lines.map((l) => l.associateId)).size });
}

const RACE_LOST = "Another pay run took some of this work a moment ago, so nothing was created. Refresh and try again: anything not yet paid will be included.";

export async function createPayRun({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<{ payRunId: string; lineCount: number; totalPence: number }>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, PAY_RUN_NOT_FOUND);
  const parsed = createPayRunInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the dates.", z.flattenError(parsed.error).fieldErrors);
  const { periodStart, periodEnd } = parsed.data;
  try {
    return await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PAY_RUN_LOCK})`;
      const { lines, waitingPaymentIds } = await gatherForPeriod(tx, actor, periodInstants(periodStart, periodEnd));
      if (lines.length === 0) {
        return fail(AppErrorCode.INVALID_INPUT, "There's nothing to pay for that period: no delivered sessions, cancellation shares or approved expenses that haven't been paid already.", {
          periodStart: ["Nothing waiting to be paid in this period."],
        });
      }
      const run = await tx.payRun.create({ data: { periodStart: fromIsoDate(periodStart), periodEnd: fromIsoDate(periodEnd), status: "DRAFT" }, select: { id: true } });
      for (const line of lines) {
        const sourceId = line.assignmentId ?? line.expenseClaimId!;
        const waitingId = waitingPaymentIds.get(sourceId);
        if (waitingId) {
          const attached = await tx.associatePayment.updateMany({
            where: { id: waitingId, payRunId: null, status: { not: "PAID" } },
            data: { payRunId: run.id, amountPence: line.amountPence, status: "PENDING" },
          });
          if (attached.count !== 1) throw new AppError(AppErrorCode.INVALID_INPUT, RACE_LOST);
        } else {
          await tx.associatePayment.create({
            data: { associateId: line.associateId, assignmentId: line.assignmentId, expenseClaimId: line.expenseClaimId, payRunId: run.id, amountPence: line.amountPence, status: "PENDING" },
          });
        }
      }
      const totalPence = lines.reduce((sum, l) => sum + l.amountPence, 0);
      await tx.auditEvent.create({
        data: { actorId: actor.userId, action: "payrun.create", subject: "PayRun", subjectId: run.id, data: { periodStart, periodEnd, lineCount: lines.length, totalPence } },
      });
      return ok({ payRunId: run.id, lineCount: lines.length, totalPence });
    });
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message);
    if (isPgError(error, PgCode.UNIQUE_VIOLATION) || (error as { code?: unknown } | null)?.code === "P2002") return fail(AppErrorCode.INVALID_INPUT, RACE_LOST);
    throw error;
  }
}

export async function listPayRuns(db: DbTx, { actor }: { actor: Actor }) {
  if (!isDirector(actor)) return [];
  const runs = await db.payRun.findMany({
    orderBy: [{ periodStart: "desc" }, { createdAt: "desc" }],
    take: 60,
    select: { id: true, periodStart: true, periodEnd: true, status: true, createdAt: true, paidAt: true },
  });
  const totals = await db.associatePayment.groupBy({
    by: ["payRunId"],
    where: { payRunId: { in: runs.map((r) => r.id) } },
    _sum: { amountPence: true },
    _count: { _all: true },
  });
  const byRun = new Map(totals.map((t) => [t.payRunId, t]));
  return runs.map((run) => ({
    ...run,
    periodStart: toIsoDate(run.periodStart),
    periodEnd: toIsoDate(run.periodEnd),
    totalPence: byRun.get(run.id)?._sum.amountPence ?? 0,
    lineCount: byRun.get(run.id)?._count._all ?? 0,
  }));
}
export type PayRunSummary = Awaited<ReturnType<typeof listPayRuns>>[number];

export type PayRunLine = {
  id: string;
  kind: PayLineKind;
  associateId: string;
  associateName: string;
  method: PayMethod | null;
  charityName: string | null;
  amountPence: number;
  sessionStartsAt: Date | null;
  serviceName: string | null;
  organisationName: string | null;
  description: string | null;
};

export type PayRunDetail = {
  id: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  status: PayRunStatus;
  createdAt: Date;
  paidAt: Date | null;
  reference: string;
  lines: PayRunLine[];
  totalPence: number;
  totalsByMethod: Record<PayMethod, number>;
};

/** The bank reference for a run: short enough for UK bank files (18 characters). */
export function payRunReference(periodEnd: IsoDate): string {
  return `GT PAY ${DateTime.fromISO(periodEnd).toFormat("ddLLLyy").toUpperCase()}`;
}

/**
 * One pay run for the director: who is paid what, and how (the method shows each associate's pay
 * preference, a charity's name). That is the same money information as the associates list, so the read is audited.
 */
export async function getPayRun(db: DbTx, { actor, unverifiedPayRunId }: { actor: Actor; unverifiedPayRunId: string }): Promise<PayRunDetail | null> {
  const run = await loadPayRun(db, { actor, unverifiedPayRunId });
  if (run) await db.auditEvent.create({ data: { actorId: actor.userId, action: "payrun.read", subject: "PayRun", subjectId: run.id, data: { lines: run.lines.length } } });
  return run;
}

async function loadPayRun(db: DbTx, { actor, unverifiedPayRunId }: { actor: Actor; unverifiedPayRunId: string }): Promise<PayRunDetail | null> {
  if (!isDirector(actor)) return null;
  const run = await db.payRun.findUnique({
    where: { id: unverifiedPayRunId },
    select: {
      id: true,
      periodStart: true,
      periodEnd: true,
      status: true,
      createdAt: true,
      paidAt: true,
      payments: {
        where: { associate: scopeAssociates(actor) },
        select: {
          id: true,
          amountPence: true,
          associateId: true,
          expenseClaimId: true,
          associate: { select: { payPreference: true, charityName: true, user: { select: { name: true, email: true } } } },
          assignment: { select: { status: true, delivery: { select: { startsAt: true, engagement: { select: { service: { select: { name: true } }, organisation: { select: { name: true } } } } } } } },
          expenseClaim: { select: { category: true, description: true, delivery: { select: { startsAt: true, engagement: { select: { service: { select: { name: true } }, organisation: { select: { name: true } } } } } } } },
        },
      },
    },
  });
  if (!run) return null;
  const lines: PayRunLine[] = run.payments.map((p) => {
    const isExpense = p.expenseClaimId !== null;
    const delivery = p.assignment?.delivery ?? p.expenseClaim?.delivery ?? null;
    return {
      id: p.id,
      kind: isExpense ? "EXPENSE" : p.assignment?.status === "CANCELLED" ? "CANCELLATION" : "FEE",
      associateId: p.associateId,
      associateName: p.associate.user.name ?? p.associate.user.email,
      method: methodForStoredLine({ isExpense, payPreference: p.associate.payPreference }),
      charityName: p.associate.payPreference === "CHARITY" && !isExpense ? p.associate.charityName : null,
      amountPence: p.amountPence,
      sessionStartsAt: delivery?.startsAt ?? null,
      serviceName: delivery?.engagement.service.name ?? null,
      organisationName: delivery?.engagement.organisation.name ?? null,
      description: p.expenseClaim?.description ?? null,
    };
  });
  lines.sort((a, b) => a.associateName.localeCompare(b.associateName, "en-GB") || (a.sessionStartsAt?.getTime() ?? 0) - (b.sessionStartsAt?.getTime() ?? 0) || a.kind.localeCompare(b.kind));
  const totalsByMethod: Record<PayMethod, number> = { BANK_TRANSFER: 0, VOUCHER: 0, CHARITY: 0 };
  for (const line of lines) if (line.method) totalsByMethod[line.method] += line.amountPence;
  const periodEnd = toIsoDate(run.periodEnd);
  return {
    id: run.id,
    periodStart: toIsoDate(run.periodStart),
    periodEnd,
    status: run.status,
    createdAt: run.createdAt,
    paidAt: run.paidAt,
    reference: payRunReference(periodEnd),
    lines,
    totalPence: lines.reduce((sum, l) => sum + l.amountPence, 0),
    totalsByMethod,
  };
}

/** Locks the run's row so approving, paying and deleting queue behind each other. */
async function lockPayRun(tx: DbTx, actor: Actor, unverifiedPayRunId: string) {
  if (!isDirector(actor)) return null;
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "PayRun" WHERE "id" = ${withoutNulCharacters(unverifiedPayRunId)} FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.payRun.findUnique({ where: { id: unverifiedPayRunId }, select: { id: true, status: true } });
}

const statusWords: Record<PayRunStatus, string> = { DRAFT: "a draft", APPROVED: "approved", PAID: "paid" };

export async function approvePayRun({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  const parsed = payRunIdInput.safeParse(input);
  if (!parsed.success || !isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, PAY_RUN_NOT_FOUND);
  return db.$transaction(async (tx) => {
    const run = await lockPayRun(tx, actor, parsed.data.unverifiedPayRunId);
    if (!run) return fail(AppErrorCode.NOT_FOUND, PAY_RUN_NOT_FOUND);
    if (run.status !== "DRAFT") return fail(AppErrorCode.INVALID_INPUT, `This pay run is already ${statusWords[run.status]}.`);
    await tx.payRun.update({ where: { id: run.id }, data: { status: "APPROVED" } });
    await tx.associatePayment.updateMany({ where: { payRunId: run.id }, data: { status: "APPROVED" } });
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "payrun.approve", subject: "PayRun", subjectId: run.id, data: {} } });
    return ok(null);
  });
}

export async function markPayRunPaid({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<{ paidCount: number }>> {
  const parsed = payRunIdInput.safeParse(input);
  if (!parsed.success || !isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, PAY_RUN_NOT_FOUND);
  return db.$transaction(async (tx) => {
    const run = await lockPayRun(tx, actor, parsed.data.unverifiedPayRunId);
    if (!run) return fail(AppErrorCode.NOT_FOUND, PAY_RUN_NOT_FOUND);
    if (run.status === "DRAFT") return fail(AppErrorCode.INVALID_INPUT, "Approve the pay run before marking it paid.");
    if (run.status === "PAID") return fail(AppErrorCode.INVALID_INPUT, "This pay run is already marked as paid.");
    await tx.payRun.update({ where: { id: run.id }, data: { status: "PAID", paidAt: now } });
    const paid = await tx.associatePayment.updateMany({ where: { payRunId: run.id }, data: { status: "PAID", paidAt: now } });
    await tx.expenseClaim.updateMany({ where: { payment: { payRunId: run.id }, status: "APPROVED" }, data: { status: "PAID" } });
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "payrun.paid", subject: "PayRun", subjectId: run.id, data: { paidCount: paid.count } } });
    return ok({ paidCount: paid.count });
  });
}

/** Deletes a draft run: its work goes back to waiting (approved expenses keep their approved payment). */
export async function deleteDraftPayRun({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  const parsed = payRunIdInput.safeParse(input);
  if (!parsed.success || !isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, PAY_RUN_NOT_FOUND);
  return db.$transaction(async (tx) => {
    const run = await lockPayRun(tx, actor, parsed.data.unverifiedPayRunId);
    if (!run) return fail(AppErrorCode.NOT_FOUND, PAY_RUN_NOT_FOUND);
    if (run.status !== "DRAFT") return fail(AppErrorCode.INVALID_INPUT, `Only a draft can be deleted; this pay run is ${statusWords[run.status]}.`);
    await tx.associatePayment.updateMany({ where: { payRunId: run.id, expenseClaimId: { not: null } }, data: { payRunId: null, status: "APPROVED" } });
    await tx.associatePayment.deleteMany({ where: { payRunId: run.id } });
    await tx.payRun.delete({ where: { id: run.id } });
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "payrun.delete", subject: "PayRun", subjectId: run.id, data: {} } });
    return ok(null);
  });
}

/**
 * A BACS-style CSV: one row per associate paid by bank transfer, with their total. No bank details are
 * stored in Golden Thread, so the sort code and account number columns are left for the bank's own
 * payee list; the file gives payee name, reference, amount in pounds and the method.
 */
export async function exportPayRunBankCsv(db: DbTx, { actor, unverifiedPayRunId }: { actor: Actor; unverifiedPayRunId: string }): Promise<{ filename: string; csv: string } | null> {
  // The export is audited as such (below), not as a read too.
  const run = await loadPayRun(db, { actor, unverifiedPayRunId });
  if (!run) return null;
  const rows = bankTransferTotals(
    run.lines.map((l) => ({ associateId: l.associateId, payeeName: l.associateName, amountPence: l.amountPence, method: l.method })),
    run.reference,
  );
  const csv = stringify(
    rows.map((row) => [row.payeeName, "", "", penceToPoundsText(row.amountPence), row.reference, "Bank transfer"]),
    { header: true, columns: ["Payee name", "Sort code (from your bank's payee list)", "Account number (from your bank's payee list)", "Amount (GBP)", "Reference", "Method"] },
  );
  await db.auditEvent.create({ data: { actorId: actor.userId, action: "payrun.export", subject: "PayRun", subjectId: run.id, data: { rows: rows.length } } });
  return { filename: `pay-run-${run.periodStart}-to-${run.periodEnd}.csv`, csv };
}
