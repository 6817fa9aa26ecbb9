import "server-only";
import { DateTime } from "luxon";
import { z } from "zod";
import type { AssociateActor } from "@/lib/auth/guards";
import type { Db, DbTx } from "@/lib/db/create-client";
import type { DeliveryStatus } from "@/lib/db/generated/prisma/enums";
import {
  describePeriod,
  earningsWarnings,
  type EarningsSummary,
  type EarningsWarning,
  type ExpenseItem,
  getNextPeriod,
  getPeriod,
  monthKey,
  payPreferenceWarning,
  type Period,
  type PeriodKind,
  summariseEarnings,
  thresholdPercent,
  UK_ZONE,
  type WorkItem,
} from "@/lib/domain/earnings";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { poundsToPence } from "@/lib/server/quotes/quotes";
import { getPolicy } from "@/lib/server/settings/get-policy";

type AssociateScope = Pick<AssociateActor, "associateId" | "userId">;

/** Deliveries whose accepted work counts: booked (any state before delivery) or delivered. Never held or cancelled. */
export const COUNTED_DELIVERY_STATUSES: DeliveryStatus[] = ["NEEDS_PAIRING", "AWAITING_ACCEPTANCE", "CONFIRMED", "DELIVERED"];

/** How far ahead booked work is checked against the threshold and the weekly hours. */
const WARNING_HORIZON_WEEKS = 13;

/**
 * Accepted work and expense claims for one associate between two instants (by session start), as
 * the plain items the earnings rules take. Expenses count their payable amount unless rejected.
 */
export async function loadEarningsItems(db: DbTx, { associateId, from, to }: { associateId: string; from: Date; to: Date }): Promise<{ work: WorkItem[]; expenses: ExpenseItem[] }> {
  const [assignments, claims] = await Promise.all([
    db.assignment.findMany({
      where: { associateId, status: "ACCEPTED", delivery: { status: { in: COUNTED_DELIVERY_STATUSES }, startsAt: { gte: from, lt: to } } },
      select: { feePence: true, delivery: { select: { startsAt: true, endsAt: true, status: true } } },
    }),
    db.expenseClaim.findMany({
      where: { associateId, status: { not: "REJECTED" }, delivery: { startsAt: { gte: from, lt: to } } },
      select: { amountPence: true, delivery: { select: { startsAt: true } } },
    }),
  ]);
  return {
    work: assignments.map((a) => ({ startsAt: a.delivery.startsAt, endsAt: a.delivery.endsAt, feePence: a.feePence, isDelivered: a.delivery.status === "DELIVERED" })),
    expenses: claims.map((c) => ({ on: c.delivery.startsAt, amountPence: c.amountPence })),
  };
}

export type PeriodEarnings = { kind: PeriodKind; label: string; period: Period; summary: EarningsSummary };
export type ThresholdProgress = { capPence: number; capPeriod: "WEEK" | "MONTH"; label: string; totalPence: number; percent: number; isOver: boolean };

/**
 * Everything the money page shows an associate about their own pay: how they're paid, their
 * self-declared benefits details, earnings this week/month/quarter (expenses apart), their threshold
 * and warnings for the current and coming periods, and their expense claims. Only their own record.
 */
export async function getMoneyOverview({ db, actor, now = new Date() }: { db: DbTx; actor: AssociateScope; now?: Date }) {
  const profile = await db.associate.findFirst({
    where: { id: actor.associateId },
    select: {
      id: true,
      payPreference: true,
      charityName: true,
      taxStatus: true,
      receivesBenefits: true,
      benefitsAdviceOfferedOn: true,
      earningsCapPence: true,
      capPeriod: true,
      user: { select: { name: true } },
    },
  });
  if (!profile) return null;
  const policy = await getPolicy(db, now);
  const week = getPeriod("WEEK", now);
  const month = getPeriod("MONTH", now);
  const quarter = getPeriod("QUARTER", now);
  const horizon = DateTime.fromJSDate(week.start, { zone: UK_ZONE }).plus({ weeks: WARNING_HORIZON_WEEKS }).toJSDate();
  const from = new Date(Math.min(week.start.getTime(), quarter.start.getTime()));
  const to = new Date(Math.max(quarter.end.getTime(), horizon.getTime(), getPeriod("MONTH", horizon).end.getTime()));
  const [{ work, expenses }, claims] = await Promise.all([loadEarningsItems(db, { associateId: profile.id, from, to }), listExpenseClaims(db, { associateId: profile.id })]);

  const periods: PeriodEarnings[] = [week, month, quarter].map((period) => ({
    kind: period.kind as PeriodKind,
    label: describePeriod(period, { now }),
    period,
    summary: summariseEarnings(period, work, expenses),
  }));

  const cap = profile.earningsCapPence !== null && profile.capPeriod !== null ? { capPence: profile.earningsCapPence, capPeriod: profile.capPeriod } : null;
  const warnings: EarningsWarning[] = [];
  let threshold: ThresholdProgress | null = null;
  if (cap) {
    // The current period and each coming one with booked work, up to the horizon.
    let period = cap.capPeriod === "WEEK" ? week : month;
    for (let index = 0; period.start < horizon; index++, period = getNextPeriod({ ...period, kind: cap.capPeriod })) {
      const summary = summariseEarnings(period, work);
      const totalPence = summary.earnedPence + summary.bookedPence;
      const label = describePeriod(period, { now });
      if (index === 0) threshold = { ...cap, label, totalPence, percent: thresholdPercent(totalPence, cap.capPence), isOver: totalPence > cap.capPence };
      warnings.push(...earningsWarnings({ receivesBenefits: profile.receivesBenefits, ...cap, weeklyHoursLimit: policy["benefits.weeklyHoursWarning"], periodFeesPence: totalPence, weekMinutes: 0, periodLabel: label }));
    }
  }
  if (profile.receivesBenefits) {
    for (let period = week; period.start < horizon; period = getNextPeriod({ ...period, kind: "WEEK" })) {
      const summary = summariseEarnings(period, work);
      warnings.push(
        ...earningsWarnings({
          receivesBenefits: true,
          capPence: null,
          capPeriod: null,
          weeklyHoursLimit: policy["benefits.weeklyHoursWarning"],
          periodFeesPence: 0,
          weekMinutes: summary.workedMinutes + summary.bookedMinutes,
          weekLabel: describePeriod(period, { now }),
        }),
      );
    }
  }

  const statementMonths = Array.from({ length: 12 }, (_, index) => {
    const start = DateTime.fromJSDate(month.start, { zone: UK_ZONE }).minus({ months: index });
    return { key: monthKey(start.toJSDate()), label: start.toFormat("LLLL yyyy") };
  });

  return {
    profile,
    policy: { mileagePencePerMile: policy["hmrc.mileagePencePerMile"], weeklyHoursLimit: policy["benefits.weeklyHoursWarning"] },
    periods,
    threshold,
    warnings,
    voucherWarning: payPreferenceWarning(profile),
    claims,
    statementMonths,
  };
}

export type MoneyOverview = NonNullable<Awaited<ReturnType<typeof getMoneyOverview>>>;

/** The associate's expense claims, newest first, with the director's note and the receipt's name (never its bytes). */
export async function listExpenseClaims(db: DbTx, { associateId }: { associateId: string }) {
  return db.expenseClaim.findMany({
    where: { associateId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      category: true,
      description: true,
      miles: true,
      claimedPence: true,
      amountPence: true,
      status: true,
      decisionNote: true,
      decidedAt: true,
      createdAt: true,
      receipt: { select: { filename: true, sizeBytes: true } },
      delivery: { select: { startsAt: true, engagement: { select: { service: { select: { name: true } }, organisation: { select: { name: true } } } } } },
    },
  });
}

// ───────────────────────────── how you're paid ─────────────────────────────

export const payPreferenceInput = z
  .object({
    payPreference: z.enum(["BANK_TRANSFER", "VOUCHER", "CHARITY", "EXPENSES_ONLY", "DECLINE"], { message: "Choose how you'd like to be paid." }),
    charityName: z.string().trim().max(120, "Keep the charity's name under 120 characters.").optional().transform((value) => value || null),
    taxStatus: z.enum(["SELF_EMPLOYED", "EMPLOYED_ELSEWHERE", "NOT_SURE"], { message: "Choose the option that fits you best — “Not sure” is fine." }),
  })
  .superRefine((value, context) => {
    if (value.payPreference === "CHARITY" && !value.charityName) context.addIssue({ code: "custom", path: ["charityName"], message: "Tell us which charity to pay." });
  });

/** Saves how the associate wants to be paid and their tax status. Returns the voucher warning, if it applies. */
export async function updatePayPreference({ db, actor, input }: { db: Db; actor: AssociateScope; input: unknown }): Promise<Result<{ voucherWarning: string | null }>> {
  const parsed = payPreferenceInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check how you'd like to be paid.", z.flattenError(parsed.error).fieldErrors);
  const { payPreference, taxStatus } = parsed.data;
  const charityName = payPreference === "CHARITY" ? parsed.data.charityName : null;
  return db.$transaction(async (tx) => {
    const updated = await tx.associate.updateMany({ where: { id: actor.associateId }, data: { payPreference, charityName, taxStatus } });
    if (updated.count === 0) return fail(AppErrorCode.NOT_FOUND, "We couldn't find your profile.");
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "associate.pay-preference.update", subject: "Associate", subjectId: actor.associateId, data: { payPreference, taxStatus } } });
    const { receivesBenefits } = await tx.associate.findUniqueOrThrow({ where: { id: actor.associateId }, select: { receivesBenefits: true } });
    return ok({ voucherWarning: payPreferenceWarning({ receivesBenefits, payPreference }) });
  });
}

// ───────────────────────────── benefits (optional, self-declared) ─────────────────────────────

const MAX_THRESHOLD_PENCE = 10_000_000;

export const benefitsInput = z
  .object({
    receivesBenefits: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
    threshold: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined)
      .pipe(
        z
          .string()
          .refine((value) => !value.startsWith("-"), "Your threshold can't be a negative amount.")
          .pipe(poundsToPence)
          .refine((pence) => pence > 0, "Enter an amount more than £0, or leave it empty if you don't want one.")
          .refine((pence) => pence <= MAX_THRESHOLD_PENCE, "Enter a threshold of £100,000 or less.")
          .optional(),
      ),
    capPeriod: z
      .enum(["WEEK", "MONTH", ""], { message: "Choose a week or a month." })
      .optional()
      .transform((value) => value || undefined),
  })
  .superRefine((value, context) => {
    if (value.threshold !== undefined && !value.capPeriod) context.addIssue({ code: "custom", path: ["capPeriod"], message: "Choose whether your threshold is for a week or a month." });
  });

/**
 * Saves the self-declared benefits details: whether they receive benefits (no detail) and their own
 * earnings threshold per week or month (an empty amount removes it). The amount is not written to
 * the audit log, only that it changed.
 */
export async function updateBenefits({ db, actor, input }: { db: Db; actor: AssociateScope; input: unknown }): Promise<Result<null>> {
  const parsed = benefitsInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check your benefits details.", z.flattenError(parsed.error).fieldErrors);
  const { receivesBenefits, threshold } = parsed.data;
  const earningsCapPence = threshold ?? null;
  const capPeriod = threshold === undefined ? null : (parsed.data.capPeriod ?? null);
  return db.$transaction(async (tx) => {
    const updated = await tx.associate.updateMany({ where: { id: actor.associateId }, data: { receivesBenefits, earningsCapPence, capPeriod } });
    if (updated.count === 0) return fail(AppErrorCode.NOT_FOUND, "We couldn't find your profile.");
    await tx.auditEvent.create({
      data: { actorId: actor.userId, action: "associate.benefits.update", subject: "Associate", subjectId: actor.associateId, data: { receivesBenefits, hasThreshold: earningsCapPence !== null, capPeriod } },
    });
    return ok(null);
  });
}
