import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/create-client";
import { getIsoDateInZone } from "@/lib/domain/time/calendar-date";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { composeEmail } from "@/lib/integrations/email/templates/layout";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { findExpiringChecks } from "@/lib/server/associates/compliance-expiry";
import { compliancePolicyFrom, storedRecordSelect, toStoredRecord } from "@/lib/server/associates/compliance";
import { kindInSentence } from "@/lib/server/associates/compliance-status";
import { getPolicy } from "@/lib/server/settings/get-policy";

/**
 * The director's review of associates' checks and service requests: entries waiting to be verified,
 * services waiting for approval, and verified checks running out in the next 30 days. Only the director
 * (anyone else: not found). Compliance records are sensitive, so every read of the queue and every
 * decision writes an audit event.
 */

const LONDON = "Europe/London";
const NOT_FOUND = "We couldn't find that.";
const isDirector = (actor: Actor) => actor.role === "DIRECTOR";

export async function getChecksReview({ db, actor, now = new Date() }: { db: Db; actor: Actor; now?: Date }) {
  if (!isDirector(actor)) return null;
  const policy = compliancePolicyFrom(await getPolicy(db, now));
  const today = getIsoDateInZone(now.getTime(), LONDON);
  const [waiting, pendingQualifications, expiring] = await Promise.all([
    db.complianceRecord.findMany({
      where: { verifiedAt: null, rejectedAt: null },
      orderBy: { createdAt: "asc" },
      select: { ...storedRecordSelect, associate: { select: { id: true, user: { select: { name: true, email: true } } } } },
    }),
    db.qualification.findMany({
      where: { status: "PENDING" },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        createdAt: true,
        associate: { select: { id: true, expertise: true, user: { select: { name: true } } } },
        service: { select: { name: true, childFacing: true, requiresSocialWorkRegistration: true } },
      },
    }),
    findExpiringChecks(db, { today, maxDbsUpdateCheckAgeDays: policy.maxDbsUpdateCheckAgeDays }),
  ]);
  await db.auditEvent.create({
    data: {
      actorId: actor.userId,
      action: "compliance.review.read",
      subject: "ComplianceRecord",
      subjectId: "review-queue",
      data: { waitingRecordIds: waiting.map((r) => r.id), expiringRecordIds: expiring.map((e) => e.recordId) },
    },
  });
  return {
    today,
    waiting: waiting.map((row) => ({ ...toStoredRecord(row), associate: row.associate })),
    pendingQualifications,
    expiring,
  };
}

export type ChecksReview = NonNullable<Awaited<ReturnType<typeof getChecksReview>>>;

export const recordChoiceInput = z.object({ unverifiedRecordId: z.string({ message: "Choose a check." }).trim().min(1, "Choose a check.").max(60) });
export const declineRecordInput = recordChoiceInput.extend({
  note: z
    .string({ message: "Say why it can't be accepted, so the associate knows what to do." })
    .trim()
    .min(3, "Say why it can't be accepted, so the associate knows what to do.")
    .max(500, "Keep the note under 500 characters."),
});

/** Marks an associate's entry as checked by the director; from then on it counts for compliance. */
export async function verifyComplianceRecord({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<null>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
  const parsed = recordChoiceInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose a check.", z.flattenError(parsed.error).fieldErrors);
  return db.$transaction(async (tx) => {
    const record = await tx.complianceRecord.findUnique({ where: { id: parsed.data.unverifiedRecordId }, select: { id: true, kind: true, associateId: true } });
    if (!record) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that check.");
    // Conditional update: a second click, or the associate taking it back, can't verify twice.
    const updated = await tx.complianceRecord.updateMany({ where: { id: record.id, verifiedAt: null, rejectedAt: null }, data: { verifiedAt: now, verifiedById: actor.userId } });
    if (updated.count === 0) return fail(AppErrorCode.INVALID_INPUT, "That check has already been reviewed.");
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "compliance.verify", subject: "ComplianceRecord", subjectId: record.id, data: { kind: record.kind, associateId: record.associateId } } });
    return ok(null);
  });
}

/** Turns an entry down with a note saying why; the associate sees the note and is emailed. It never counts. */
export async function declineComplianceRecord({ db, actor, input, now = new Date(), appUrl }: { db: Db; actor: Actor; input: unknown; now?: Date; appUrl: string }): Promise<Result<null>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
  const parsed = declineRecordInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Add a note for the associate.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedRecordId, note } = parsed.data;
  return db.$transaction(async (tx) => {
    const record = await tx.complianceRecord.findUnique({
      where: { id: unverifiedRecordId },
      select: { id: true, kind: true, associateId: true, associate: { select: { user: { select: { name: true, email: true } } } } },
    });
    if (!record) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that check.");
    const updated = await tx.complianceRecord.updateMany({ where: { id: record.id, verifiedAt: null, rejectedAt: null }, data: { rejectedAt: now, reviewNote: note } });
    if (updated.count === 0) return fail(AppErrorCode.INVALID_INPUT, "That check has already been reviewed.");
    const label = kindInSentence(record.kind);
    await enqueueEmail(tx, {
      kind: "compliance-not-accepted",
      to: record.associate.user.email,
      ...(await composeEmail(`Your ${label} details need another look`, [
        `Hello ${record.associate.user.name?.split(" ")[0] ?? "there"},`,
        `Thank you for sending your ${label} details. We couldn't accept them as they are. The director's note: "${note}"`,
        "You can add the details again on your Checks page. If anything is unclear, just reply or give the director a call.",
        { button: { href: `${appUrl}/associate/checks`, label: "Open your checks" } },
      ])),
    });
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "compliance.decline", subject: "ComplianceRecord", subjectId: record.id, data: { kind: record.kind, associateId: record.associateId, noteLength: note.length } } });
    return ok(null);
  });
}

export const qualificationChoiceInput = z.object({ unverifiedQualificationId: z.string({ message: "Choose a request." }).trim().min(1, "Choose a request.").max(60) });

/** Approves an associate's request to deliver a service. */
export async function approveQualification({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<null>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
  const parsed = qualificationChoiceInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose a request.", z.flattenError(parsed.error).fieldErrors);
  return db.$transaction(async (tx) => {
    const qualification = await tx.qualification.findUnique({ where: { id: parsed.data.unverifiedQualificationId }, select: { id: true, associateId: true, serviceId: true } });
    if (!qualification) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that request. The associate may have withdrawn it.");
    const updated = await tx.qualification.updateMany({ where: { id: qualification.id, status: "PENDING" }, data: { status: "APPROVED", approvedById: actor.userId, approvedAt: now } });
    if (updated.count === 0) return fail(AppErrorCode.INVALID_INPUT, "That request has already been approved.");
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "qualification.approve", subject: "Qualification", subjectId: qualification.id, data: { associateId: qualification.associateId, serviceId: qualification.serviceId } } });
    return ok(null);
  });
}

/** Declines a request to deliver a service (the request is removed; the audit event keeps the record). */
export async function declineQualification({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
  const parsed = qualificationChoiceInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose a request.", z.flattenError(parsed.error).fieldErrors);
  return db.$transaction(async (tx) => {
    const qualification = await tx.qualification.findUnique({ where: { id: parsed.data.unverifiedQualificationId }, select: { id: true, associateId: true, serviceId: true } });
    if (!qualification) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that request. The associate may have withdrawn it.");
    const deleted = await tx.qualification.deleteMany({ where: { id: qualification.id, status: "PENDING" } });
    if (deleted.count === 0) return fail(AppErrorCode.INVALID_INPUT, "That request has already been approved.");
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "qualification.decline", subject: "Qualification", subjectId: qualification.id, data: { associateId: qualification.associateId, serviceId: qualification.serviceId } } });
    return ok(null);
  });
}
