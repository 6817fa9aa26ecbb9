import "server-only";
import { DateTime } from "luxon";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { AssociateActor } from "@/lib/auth/guards";
import { scopeAssociates } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import { mileageCapMessage, mileagePayable, UK_ZONE } from "@/lib/domain/earnings";
import { AppErrorCode, type FieldErrors, fail, ok, type Result } from "@/lib/result";
import { poundsToPence } from "@/lib/server/quotes/quotes";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { checkReceipt, type CheckedReceipt, isEmptyUpload, isUploadedFile } from "./money-receipts";

type AssociateScope = Pick<AssociateActor, "associateId" | "userId">;

/** Expenses can be claimed for sessions from 90 days ago up to today (UK dates). */
export const CLAIM_WINDOW_DAYS = 90;
/** One claim through the form is at most £2,000; bigger costs are arranged with the director. */
export const MAX_CLAIM_PENCE = 200_000;
export const MAX_CLAIM_MILES = 1_000;

function claimWindow(now: Date) {
  const today = DateTime.fromJSDate(now, { zone: UK_ZONE }).startOf("day");
  return { from: today.minus({ days: CLAIM_WINDOW_DAYS }).toJSDate(), to: today.plus({ days: 1 }).toJSDate() };
}

/** The associate's own sessions an expense can be claimed for: accepted, confirmed or delivered, in the window. */
export async function listClaimableDeliveries(db: DbTx, { actor, now = new Date() }: { actor: AssociateScope; now?: Date }) {
  const window = claimWindow(now);
  const assignments = await db.assignment.findMany({
    where: { associateId: actor.associateId, status: "ACCEPTED", delivery: { status: { in: ["CONFIRMED", "DELIVERED"] }, startsAt: { gte: window.from, lt: window.to } } },
    orderBy: { delivery: { startsAt: "desc" } },
    select: { delivery: { select: { id: true, startsAt: true, endsAt: true, location: true, engagement: { select: { service: { select: { name: true } }, organisation: { select: { name: true } } } } } } },
  });
  return assignments.map(({ delivery }) => ({
    id: delivery.id,
    startsAt: delivery.startsAt,
    endsAt: delivery.endsAt,
    location: delivery.location,
    serviceName: delivery.engagement.service.name,
    organisationName: delivery.engagement.organisation.name,
  }));
}

const amountField = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined)
  .pipe(
    z
      .string()
      .refine((value) => !value.startsWith("-"), "The amount can't be negative.")
      .pipe(poundsToPence)
      .refine((pence) => pence > 0, "Enter an amount more than £0.")
      .refine((pence) => pence <= MAX_CLAIM_PENCE, "That's more than £2,000, which is too much for one claim here. Please talk to us about large costs.")
      .optional(),
  );

const milesField = z
  .string()
  .trim()
  .optional()
  .transform((value) => value?.replace(/,/g, "") || undefined)
  .pipe(
    z
      .string()
      .refine((value) => !value.startsWith("-"), { message: "Miles can't be negative.", abort: true })
      .refine((value) => /^\d{1,6}$/.test(value), { message: "Enter the miles as a whole number, like 24.", abort: true })
      .transform(Number)
      .refine((miles) => miles > 0, "Enter at least 1 mile.")
      .refine((miles) => miles <= MAX_CLAIM_MILES, "Enter 1,000 miles or fewer for one claim.")
      .optional(),
  );

export const expenseClaimInput = z
  .object({
    unverifiedDeliveryId: z.string({ message: "Choose the session this expense was for." }).trim().min(1, "Choose the session this expense was for.").max(60),
    category: z.enum(["MILEAGE", "PUBLIC_TRANSPORT", "SUBSISTENCE", "ACCOMMODATION", "OTHER"], { message: "Choose what kind of expense this is." }),
    description: z
      .string({ message: "Say what the expense was, like “Train from Leeds to Halifax”." })
      .trim()
      .min(3, "Say what the expense was, like “Train from Leeds to Halifax”.")
      .max(300, "Keep the description under 300 characters."),
    miles: milesField,
    amount: amountField,
  })
  .superRefine((value, context) => {
    if (value.category === "MILEAGE" && value.miles === undefined) context.addIssue({ code: "custom", path: ["miles"], message: "Enter how many miles you drove." });
    if (value.category !== "MILEAGE" && value.amount === undefined) context.addIssue({ code: "custom", path: ["amount"], message: "Enter the amount you spent." });
  });

export type ExpenseClaimSaved = { id: string; claimedPence: number; amountPence: number; isCapped: boolean; capMessage: string | null };

type ParsedClaim = { data: z.infer<typeof expenseClaimInput>; receipt: CheckedReceipt | null };

/** Validates the fields and the receipt together, so every problem is reported at once; writes nothing. */
async function parseClaim(input: unknown): Promise<{ ok: true; value: ParsedClaim } | { ok: false; fieldErrors: FieldErrors }> {
  const parsed = expenseClaimInput.safeParse(input);
  const fieldErrors: FieldErrors = parsed.success ? {} : { ...z.flattenError(parsed.error).fieldErrors };
  const upload = (input as { receipt?: unknown } | null)?.receipt;
  let receipt: CheckedReceipt | null = null;
  if (!isEmptyUpload(upload)) {
    if (!isUploadedFile(upload)) fieldErrors.receipt = ["Upload a photo or a PDF of your receipt."];
    else {
      const checked = await checkReceipt(upload);
      if (checked.ok) receipt = checked.receipt;
      else fieldErrors.receipt = [checked.message];
    }
  }
  if (!parsed.success || Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { ok: true, value: { data: parsed.data, receipt } };
}

/** Works out what is claimed and payable; mileage at the HMRC rate in force on the session's date. */
async function priceClaim(db: DbTx, data: ParsedClaim["data"], sessionStartsAt: Date) {
  if (data.category !== "MILEAGE") return { miles: null, claimedPence: data.amount!, amountPence: data.amount!, isCapped: false, capMessage: null };
  const policy = await getPolicy(db, sessionStartsAt);
  const rate = policy["hmrc.mileagePencePerMile"];
  const amounts = mileagePayable({ miles: data.miles!, ratePencePerMile: rate, claimedPence: data.amount });
  return {
    miles: data.miles!,
    claimedPence: amounts.claimedPence,
    amountPence: amounts.amountPence,
    isCapped: amounts.isCapped,
    capMessage: amounts.isCapped ? mileageCapMessage({ ratePencePerMile: rate, amountPence: amounts.amountPence }) : null,
  };
}

const sessionNotFound = () =>
  fail(AppErrorCode.NOT_FOUND, "We couldn't find that session among yours from the last 90 days.", { unverifiedDeliveryId: ["Choose one of your sessions from the last 90 days."] });

/**
 * An associate claims an expense for one of their own sessions (accepted; confirmed or delivered;
 * from 90 days ago up to today). Mileage is capped at the HMRC rate and the cap explained. An optional
 * receipt (image or PDF, ≤ 5 MB, checked by its first bytes) is stored with it. Bad input writes nothing.
 */
export async function submitExpenseClaim({ db, actor, input, now = new Date() }: { db: Db; actor: AssociateScope; input: unknown; now?: Date }): Promise<Result<ExpenseClaimSaved>> {
  const parsed = await parseClaim(input);
  if (!parsed.ok) return fail(AppErrorCode.INVALID_INPUT, "Check your expense claim.", parsed.fieldErrors);
  const { data, receipt } = parsed.value;
  const window = claimWindow(now);
  const assignment = await db.assignment.findFirst({
    where: { associateId: actor.associateId, status: "ACCEPTED", deliveryId: data.unverifiedDeliveryId, delivery: { status: { in: ["CONFIRMED", "DELIVERED"] }, startsAt: { gte: window.from, lt: window.to } } },
    select: { delivery: { select: { id: true, startsAt: true } } },
  });
  if (!assignment) return sessionNotFound();
  const price = await priceClaim(db, data, assignment.delivery.startsAt);
  const claim = await db.$transaction(async (tx) => {
    const created = await tx.expenseClaim.create({
      data: { associateId: actor.associateId, deliveryId: assignment.delivery.id, category: data.category, description: data.description, miles: price.miles, claimedPence: price.claimedPence, amountPence: price.amountPence },
      select: { id: true },
    });
    if (receipt) await tx.expenseReceipt.create({ data: { expenseClaimId: created.id, ...receipt } });
    await tx.auditEvent.create({
      data: { actorId: actor.userId, action: "expense.submit", subject: "ExpenseClaim", subjectId: created.id, data: { category: data.category, claimedPence: price.claimedPence, amountPence: price.amountPence, hasReceipt: !!receipt } },
    });
    return created;
  });
  return ok({ id: claim.id, claimedPence: price.claimedPence, amountPence: price.amountPence, isCapped: price.isCapped, capMessage: price.capMessage });
}

/** One of the associate's own claims that the director queried, for editing; otherwise null. */
export async function getQueriedClaim(db: DbTx, { actor, unverifiedClaimId }: { actor: AssociateScope; unverifiedClaimId: string }) {
  return db.expenseClaim.findFirst({
    where: { id: unverifiedClaimId, associateId: actor.associateId, status: "QUERIED" },
    select: {
      id: true,
      deliveryId: true,
      category: true,
      description: true,
      miles: true,
      claimedPence: true,
      amountPence: true,
      decisionNote: true,
      receipt: { select: { filename: true, sizeBytes: true } },
      delivery: { select: { id: true, startsAt: true, endsAt: true, location: true, engagement: { select: { service: { select: { name: true } }, organisation: { select: { name: true } } } } } },
    },
  });
}

/**
 * Changes a claim the director queried and sends it back for a decision. The session may stay as it
 * was (even if now older than 90 days) or move to another claimable one. A new receipt replaces the old.
 */
export async function resubmitExpenseClaim({ db, actor, input, now = new Date() }: { db: Db; actor: AssociateScope; input: unknown; now?: Date }): Promise<Result<ExpenseClaimSaved>> {
  const unverifiedClaimId = z.string().trim().min(1).max(60).safeParse((input as { unverifiedClaimId?: unknown } | null)?.unverifiedClaimId);
  if (!unverifiedClaimId.success) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that claim.");
  const existing = await db.expenseClaim.findFirst({ where: { id: unverifiedClaimId.data, associateId: actor.associateId }, select: { id: true, status: true, deliveryId: true, delivery: { select: { startsAt: true } } } });
  if (!existing) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that claim.");
  if (existing.status !== "QUERIED") return fail(AppErrorCode.INVALID_INPUT, "Only a claim we've asked you about can be changed. This one is already with us.");
  const parsed = await parseClaim(input);
  if (!parsed.ok) return fail(AppErrorCode.INVALID_INPUT, "Check your expense claim.", parsed.fieldErrors);
  const { data, receipt } = parsed.value;
  let sessionStartsAt = existing.delivery.startsAt;
  if (data.unverifiedDeliveryId !== existing.deliveryId) {
    const window = claimWindow(now);
    const assignment = await db.assignment.findFirst({
      where: { associateId: actor.associateId, status: "ACCEPTED", deliveryId: data.unverifiedDeliveryId, delivery: { status: { in: ["CONFIRMED", "DELIVERED"] }, startsAt: { gte: window.from, lt: window.to } } },
      select: { delivery: { select: { startsAt: true } } },
    });
    if (!assignment) return sessionNotFound();
    sessionStartsAt = assignment.delivery.startsAt;
  }
  const price = await priceClaim(db, data, sessionStartsAt);
  return db.$transaction(async (tx) => {
    // Still queried at the moment of writing: the director may have decided meanwhile.
    const updated = await tx.expenseClaim.updateMany({
      where: { id: existing.id, associateId: actor.associateId, status: "QUERIED" },
      data: { deliveryId: data.unverifiedDeliveryId, category: data.category, description: data.description, miles: price.miles, claimedPence: price.claimedPence, amountPence: price.amountPence, status: "SUBMITTED", decidedAt: null },
    });
    if (updated.count === 0) return fail(AppErrorCode.INVALID_INPUT, "Only a claim we've asked you about can be changed. This one is already with us.");
    if (receipt) await tx.expenseReceipt.upsert({ where: { expenseClaimId: existing.id }, create: { expenseClaimId: existing.id, ...receipt }, update: { ...receipt, createdAt: now } });
    await tx.auditEvent.create({
      data: { actorId: actor.userId, action: "expense.resubmit", subject: "ExpenseClaim", subjectId: existing.id, data: { category: data.category, claimedPence: price.claimedPence, amountPence: price.amountPence, newReceipt: !!receipt } },
    });
    return ok({ id: existing.id, claimedPence: price.claimedPence, amountPence: price.amountPence, isCapped: price.isCapped, capMessage: price.capMessage });
  });
}

/** Deletes one of the associate's own claims while it is still waiting for a decision (its receipt goes with it). */
export async function deleteExpenseClaim({ db, actor, input }: { db: Db; actor: AssociateScope; input: unknown }): Promise<Result<null>> {
  const parsed = z.object({ unverifiedClaimId: z.string().trim().min(1).max(60) }).safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that claim.");
  return db.$transaction(async (tx) => {
    const claim = await tx.expenseClaim.findFirst({ where: { id: parsed.data.unverifiedClaimId, associateId: actor.associateId }, select: { id: true, status: true, category: true, amountPence: true } });
    if (!claim) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that claim.");
    const deleted = await tx.expenseClaim.deleteMany({ where: { id: claim.id, associateId: actor.associateId, status: "SUBMITTED" } });
    if (deleted.count === 0) return fail(AppErrorCode.INVALID_INPUT, "This claim has already been looked at, so it can't be deleted. Contact us if something's wrong.");
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "expense.delete", subject: "ExpenseClaim", subjectId: claim.id, data: { category: claim.category, amountPence: claim.amountPence } } });
    return ok(null);
  });
}

/**
 * A claim's receipt for download: for the associate who claimed it and for the director (anyone
 * else: null, i.e. not found). Each download is recorded in the audit log.
 */
export async function getReceiptForDownload(db: DbTx, { actor, unverifiedClaimId }: { actor: Actor; unverifiedClaimId: string }) {
  if (actor.role === "CLIENT") return null;
  const receipt = await db.expenseReceipt.findFirst({
    where: { expenseClaimId: unverifiedClaimId, expenseClaim: { associate: scopeAssociates(actor) } },
    select: { filename: true, contentType: true, sizeBytes: true, bytes: true, expenseClaimId: true },
  });
  if (!receipt) return null;
  await db.auditEvent.create({ data: { actorId: actor.userId, action: "expense.receipt.download", subject: "ExpenseClaim", subjectId: receipt.expenseClaimId, data: { byRole: actor.role } } });
  return receipt;
}
