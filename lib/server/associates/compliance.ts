import "server-only";
import { z } from "zod";
import type { AssociateActor } from "@/lib/auth/guards";
import { scopeAssociates } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import type { CompliancePolicy } from "@/lib/domain/compliance";
import { addDays, convertIsoDateToDayNumber, getIsoDateInZone, type IsoDate } from "@/lib/domain/time/calendar-date";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { EXPIRY_WARNING_DAYS, findBlocks, type StoredRecord, summariseCompliance } from "./compliance-status";

/**
 * An associate's own compliance checks: what is on file and its status, what it means for the work
 * they can be offered (today and in 30 days), and entering new or renewed checks. New entries are
 * unverified — they count only once the director has verified them. We record details only, never
 * certificate images. Every query is scoped to the caller; every change is audited.
 */

type Actor = AssociateActor;
const LONDON = "Europe/London";

const toIsoDate = (date: Date) => date.toISOString().slice(0, 10);
const fromIsoDate = (date: IsoDate) => new Date(`${date}T00:00:00.000Z`);
export const compliancePolicyFrom = (policy: { "dbs.maxUpdateCheckAgeDays": number }): CompliancePolicy => ({ maxDbsUpdateCheckAgeDays: policy["dbs.maxUpdateCheckAgeDays"] });

export const storedRecordSelect = {
  id: true,
  kind: true,
  reference: true,
  checkedOn: true,
  expiresOn: true,
  details: true,
  verifiedAt: true,
  rejectedAt: true,
  reviewNote: true,
  createdAt: true,
} as const;

export function toStoredRecord(row: {
  id: string;
  kind: StoredRecord["kind"];
  reference: string;
  checkedOn: Date;
  expiresOn: Date | null;
  details: unknown;
  verifiedAt: Date | null;
  rejectedAt: Date | null;
  reviewNote: string | null;
  createdAt: Date;
}): StoredRecord {
  return {
    id: row.id,
    kind: row.kind,
    reference: row.reference,
    checkedOn: toIsoDate(row.checkedOn),
    expiresOn: row.expiresOn ? toIsoDate(row.expiresOn) : null,
    details: row.details,
    isVerified: row.verifiedAt !== null,
    isRejected: row.rejectedAt !== null,
    reviewNote: row.reviewNote,
    createdAt: row.createdAt,
  };
}

/** The Checks page for the signed-in associate (null when out of scope). */
export async function getComplianceOverview({ db, actor, now = new Date() }: { db: DbTx; actor: Actor; now?: Date }) {
  const associate = await db.associate.findFirst({
    where: scopeAssociates(actor),
    select: {
      expertise: true,
      complianceRecords: { select: storedRecordSelect },
      consents: { where: { purpose: "MATCHING", withdrawnAt: null }, select: { id: true } },
      qualifications: {
        where: { status: "APPROVED", service: { active: true } },
        orderBy: { service: { sortOrder: "asc" } },
        select: { service: { select: { name: true, childFacing: true, requiresSocialWorkRegistration: true } } },
      },
    },
  });
  if (!associate) return null;
  const policy = compliancePolicyFrom(await getPolicy(db, now));
  const today = getIsoDateInZone(now.getTime(), LONDON);
  const ahead = addDays(today, EXPIRY_WARNING_DAYS);
  const records = associate.complianceRecords.map(toStoredRecord);
  const services = associate.qualifications.map((q) => q.service);
  return {
    today,
    ahead,
    policy,
    kinds: summariseCompliance(records, today, policy),
    reports: findBlocks({ records, services, expertise: associate.expertise, dates: [today, ahead], today, policy }),
    approvedServiceCount: services.length,
    hasMatchingConsent: associate.consents.length > 0,
  };
}

export type ComplianceOverview = NonNullable<Awaited<ReturnType<typeof getComplianceOverview>>>;

// ───────────────────────────── entering a check ─────────────────────────────

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  try {
    convertIsoDateToDayNumber(value);
    return true;
  } catch {
    return false;
  }
}

const EARLIEST = "2000-01-01";

const requiredText = (min: number, max: number, missing: string, tooLong: string) =>
  z.string({ message: missing }).trim().min(min, missing).max(max, tooLong);
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((value) => value || null);

/** Schemas per kind. Built per request because "in the future" and "already passed" depend on today's UK date. */
export function complianceEntrySchema(today: IsoDate, policy: CompliancePolicy) {
  const date = (missing: string) =>
    z
      .string({ message: missing })
      .trim()
      .min(1, { message: missing, abort: true })
      .refine(isRealDate, { message: "Enter a real date, like 31/03/2026.", abort: true })
      .refine((value) => value >= EARLIEST, { message: "Check the year: that date is too long ago.", abort: true });
  const pastDate = (missing: string, future: string) => date(missing).refine((value) => value <= today, future);
  const certificateNumber = z
    .string({ message: "Enter the 12-digit certificate number." })
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{12}$/, "Enter the 12-digit certificate number, as printed on the certificate."));

  const dbs = z.object({
    kind: z.literal("DBS_ENHANCED"),
    reference: certificateNumber,
    checkedOn: pastDate("Enter the date your certificate was issued.", "The issue date can't be in the future."),
    level: z.enum(["BASIC", "STANDARD", "ENHANCED"], { message: "Choose the level of check." }),
    workforce: z.enum(["CHILD", "ADULT", "CHILD_AND_ADULT", "OTHER"], { message: "Choose the workforce shown on the certificate." }),
    barredListChecked: z.enum(["yes", "no"], { message: "Say whether the children's barred list was checked." }).transform((value) => value === "yes"),
  });

  const update = z.object({
    kind: z.literal("DBS_UPDATE_SERVICE"),
    reference: z
      .string({ message: "Enter your Update Service subscription ID." })
      .transform((value) => value.replace(/\s+/g, "").toUpperCase())
      .pipe(z.string().regex(/^[A-Z0-9]{6,20}$/, "Enter your subscription ID: letters and numbers, as shown in your DBS Update Service account.")),
    certificateNumber: z
      .string()
      .optional()
      .transform((value) => (value ?? "").replace(/[\s-]/g, "") || null)
      .refine((value) => value === null || /^\d{12}$/.test(value), "Enter the 12-digit certificate number, or leave it blank."),
    checkedOn: pastDate("Enter the date of the latest status check.", "The status check date can't be in the future.").refine(
      (value) => value >= addDays(today, -policy.maxDbsUpdateCheckAgeDays),
      `That check is more than ${policy.maxDbsUpdateCheckAgeDays === 365 ? "12 months" : `${policy.maxDbsUpdateCheckAgeDays} days`} old, so it wouldn't count. Please enter a more recent status check, or ask the director to do one with you.`,
    ),
  });

  const registration = z
    .object({
      kind: z.literal("PROFESSIONAL_REGISTRATION"),
      body: z.enum(["SOCIAL_WORK_ENGLAND", "HCPC", "OTHER"], { message: "Choose who you are registered with." }),
      otherBody: optionalText(120, "Keep the name under 120 characters."),
      reference: requiredText(2, 40, "Enter your registration number.", "Keep the registration number under 40 characters.").regex(
        /^[A-Za-z0-9][A-Za-z0-9 /-]*$/,
        "Use only the letters, numbers, spaces and dashes of your registration number.",
      ),
      checkedOn: pastDate("Enter the date you registered or last renewed.", "That date can't be in the future."),
      expiresOn: date("Enter the date your registration runs to."),
    })
    .superRefine((value, ctx) => {
      if (value.body === "OTHER" && !value.otherBody) ctx.addIssue({ code: "custom", path: ["otherBody"], message: "Enter the name of the body you're registered with." });
      if (value.expiresOn <= value.checkedOn) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "The end date must be after the date you registered or renewed." });
      else if (value.expiresOn < today) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "That date has passed. Enter the date your current registration runs to." });
      else if (value.expiresOn > addDays(today, 3 * 366)) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Check the year: registrations don't usually run that far ahead." });
    });

  const insurance = z
    .object({
      kind: z.literal("INSURANCE"),
      insurer: requiredText(2, 120, "Enter the name of your insurer.", "Keep the insurer's name under 120 characters."),
      reference: requiredText(2, 60, "Enter your policy number.", "Keep the policy number under 60 characters."),
      checkedOn: date("Enter the date your cover starts.").refine((value) => value <= addDays(today, 90), "Enter cover that starts within the next 90 days."),
      expiresOn: date("Enter the date your cover ends."),
    })
    .superRefine((value, ctx) => {
      if (value.expiresOn <= value.checkedOn) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "The end date must be after the start date." });
      else if (value.expiresOn < today) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "That cover has already ended. Enter your current policy." });
      else if (value.expiresOn > addDays(value.checkedOn, 3 * 366)) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Check the end date: policies usually last a year." });
    });

  const training = z
    .object({
      kind: z.literal("SAFEGUARDING_TRAINING"),
      course: requiredText(3, 160, "Enter the name of the course.", "Keep the course name under 160 characters."),
      provider: optionalText(120, "Keep the provider's name under 120 characters."),
      reference: optionalText(60, "Keep the certificate number under 60 characters."),
      checkedOn: pastDate("Enter the date you completed the course.", "The completion date can't be in the future."),
      expiresOn: date("Enter the date it's due to be refreshed."),
    })
    .superRefine((value, ctx) => {
      if (value.expiresOn <= value.checkedOn) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "The refresh date must be after the date you completed it." });
      else if (value.expiresOn < today) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "That training is already past its refresh date. Enter your most recent training." });
      else if (value.expiresOn > addDays(value.checkedOn, 5 * 366)) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Check the refresh date: training is usually refreshed every one to three years." });
    });

  return z.discriminatedUnion("kind", [dbs, update, registration, insurance, training], { message: "Choose which check you are adding." });
}

type ParsedEntry = z.infer<ReturnType<typeof complianceEntrySchema>>;

function toRecordData(entry: ParsedEntry, policy: CompliancePolicy) {
  switch (entry.kind) {
    case "DBS_ENHANCED":
      return { reference: entry.reference, checkedOn: entry.checkedOn, expiresOn: null, details: { level: entry.level, workforce: entry.workforce, barredListChecked: entry.barredListChecked } };
    case "DBS_UPDATE_SERVICE":
      // Stored with the day it stops counting (as the seed and the overview expect); the gate itself always uses the policy.
      return {
        reference: entry.reference,
        checkedOn: entry.checkedOn,
        expiresOn: addDays(entry.checkedOn, policy.maxDbsUpdateCheckAgeDays),
        details: entry.certificateNumber ? { certificateNumber: entry.certificateNumber } : {},
      };
    case "PROFESSIONAL_REGISTRATION":
      return { reference: entry.reference, checkedOn: entry.checkedOn, expiresOn: entry.expiresOn, details: { body: entry.body === "OTHER" ? entry.otherBody! : entry.body } };
    case "INSURANCE":
      return { reference: entry.reference, checkedOn: entry.checkedOn, expiresOn: entry.expiresOn, details: { insurer: entry.insurer } };
    case "SAFEGUARDING_TRAINING":
      return { reference: entry.reference ?? "", checkedOn: entry.checkedOn, expiresOn: entry.expiresOn, details: { course: entry.course, ...(entry.provider ? { provider: entry.provider } : {}) } };
  }
}

/**
 * Records a new or renewed check as the associate typed it. It is unverified: it does not count for
 * compliance until the director verifies it. Bad dates (a completed check in the future, an end
 * before a start, cover that has already ended) are refused field by field and nothing is written.
 */
export async function submitComplianceRecord({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<{ id: string }>> {
  const policy = compliancePolicyFrom(await getPolicy(db, now));
  const today = getIsoDateInZone(now.getTime(), LONDON);
  const parsed = complianceEntrySchema(today, policy).safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Please check the details below.", z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const record = toRecordData(parsed.data, policy);
  return db.$transaction(async (tx) => {
    const associate = await tx.associate.findFirst({ where: scopeAssociates(actor), select: { id: true } });
    if (!associate) return fail(AppErrorCode.NOT_FOUND, "We couldn't find your associate profile.");
    await tx.$queryRaw`SELECT "id" FROM "Associate" WHERE "id" = ${associate.id} FOR UPDATE`;
    const duplicate = await tx.complianceRecord.findFirst({
      where: {
        associateId: associate.id,
        kind: parsed.data.kind,
        reference: record.reference,
        checkedOn: fromIsoDate(record.checkedOn),
        verifiedAt: null,
        rejectedAt: null,
      },
      select: { id: true },
    });
    if (duplicate) return fail(AppErrorCode.INVALID_INPUT, "You've already sent these details. They're waiting for the director to check them.");
    const created = await tx.complianceRecord.create({
      data: {
        associateId: associate.id,
        kind: parsed.data.kind,
        reference: record.reference,
        checkedOn: fromIsoDate(record.checkedOn),
        expiresOn: record.expiresOn ? fromIsoDate(record.expiresOn) : null,
        details: record.details,
      },
      select: { id: true },
    });
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "compliance.submit", subject: "ComplianceRecord", subjectId: created.id, data: { kind: parsed.data.kind } } });
    return ok({ id: created.id });
  });
}

export const withdrawEntryInput = z.object({ unverifiedRecordId: z.string({ message: "Choose an entry." }).trim().min(1, "Choose an entry.").max(60) });

/** Takes back an entry the director hasn't looked at yet (e.g. a typo). Checked or declined entries stay as the record. */
export async function withdrawComplianceEntry({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  const parsed = withdrawEntryInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose an entry.", z.flattenError(parsed.error).fieldErrors);
  return db.$transaction(async (tx) => {
    const entry = await tx.complianceRecord.findFirst({
      where: { id: parsed.data.unverifiedRecordId, associateId: actor.associateId, verifiedAt: null, rejectedAt: null },
      select: { id: true, kind: true },
    });
    if (!entry) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that entry, or the director has already looked at it.");
    // Conditional delete: if the director verified it a moment ago, it stays.
    const deleted = await tx.complianceRecord.deleteMany({ where: { id: entry.id, verifiedAt: null, rejectedAt: null } });
    if (deleted.count === 0) return fail(AppErrorCode.NOT_FOUND, "The director has just looked at that entry, so it can't be taken back.");
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "compliance.withdraw-entry", subject: "ComplianceRecord", subjectId: entry.id, data: { kind: entry.kind } } });
    return ok(null);
  });
}
