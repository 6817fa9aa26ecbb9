import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/create-client";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { emailInput, fileSafe, isDirector, NOT_FOUND_MESSAGE } from "./common";

/**
 * Subject access export (UK GDPR Art. 15): everything we hold about one person, as one pretty-printed
 * JSON document. `records` is keyed by table (the Prisma model name), so the integration test can check
 * against the database catalogue that no table holding personal data is left out. Secrets that would let
 * someone act as the person (sign-in tokens, the calendar feed and feedback-link secrets) are left out
 * and listed under `notIncluded`. Reading an export is a sensitive read: each one writes an audit event
 * (the categories and counts, never the content).
 */

export const EXPORT_FORMAT = "golden-thread-subject-access-export/1";

const includeReceipts = z
  .union([z.boolean(), z.literal("on"), z.literal("1"), z.literal("true"), z.literal(""), z.null()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "1" || v === "true");

export const directorExportInput = z.object({ email: emailInput, includeReceipts });
export const ownExportInput = z.object({ includeReceipts }).optional();

export type SubjectAccessExport = {
  format: typeof EXPORT_FORMAT;
  generatedAt: string;
  subject: { email: string; hasAccount: boolean; isAssociate: boolean; attendeeRecords: number };
  about: string;
  records: Record<string, unknown[]>;
  certificates: { attendeeId: string; service: string; organisation: string; deliveredOn: string }[];
  notIncluded: { what: string; why: string }[];
};

export type ExportFile = { filename: string; json: string; document: SubjectAccessExport };

const NOT_INCLUDED = [
  { what: "Sign-in secrets (session tokens, magic-link tokens, linked-login tokens)", why: "They would let anyone holding this file sign in as you. We list your sessions and logins, without the secrets." },
  { what: "The secret address of your calendar feed and of attendee feedback links", why: "Same reason: they work like passwords. You can see or reset your calendar feed in the app." },
  { what: "Other people's personal data", why: "Sessions show the service, the client organisation and the dates, not the other facilitators or attendees." },
];

const RECORD_KINDS = [
  "User",
  "Account",
  "Session",
  "VerificationToken",
  "Membership",
  "Organisation",
  "Engagement",
  "Associate",
  "LivedExperienceStory",
  "Consent",
  "Qualification",
  "ComplianceRecord",
  "AvailabilityRule",
  "AvailabilityOverride",
  "TimeOff",
  "Assignment",
  "ExpenseClaim",
  "ExpenseReceipt",
  "AssociatePayment",
  "Attendee",
  "Feedback",
  "AuditEvent",
  "OutboxMessage",
] as const;

type Lookup = { email: string; userId: string | null; includeReceipts: boolean };

/** Builds the document. Callers check who may see it; this only reads. */
async function buildExport(db: Db, { email, userId, includeReceipts }: Lookup, now: Date): Promise<SubjectAccessExport | null> {
  const user = userId
    ? await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, emailVerified: true, image: true, platformRole: true, phone: true, erasedAt: true, createdAt: true, updatedAt: true } })
    : await db.user.findFirst({
        where: { email: { equals: email, mode: "insensitive" } },
        select: { id: true, name: true, email: true, emailVerified: true, image: true, platformRole: true, phone: true, erasedAt: true, createdAt: true, updatedAt: true },
      });
  const address = user?.email.toLowerCase() ?? email;
  const byEmail = { equals: address, mode: "insensitive" as const };

  const attendees = await db.attendee.findMany({
    where: { email: byEmail },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      email: true,
      jobTitle: true,
      attended: true,
      erasedAt: true,
      createdAt: true,
      engagementId: true,
      engagement: {
        select: {
          reference: true,
          service: { select: { name: true } },
          organisation: { select: { name: true } },
          deliveries: { orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, endsAt: true, status: true } },
        },
      },
    },
  });
  if (!user && attendees.length === 0) return null;
  const attendeeIds = attendees.map((a) => a.id);
  const feedback = attendeeIds.length
    ? await db.feedback.findMany({ where: { attendeeId: { in: attendeeIds } }, orderBy: { submittedAt: "asc" } })
    : [];

  // Every kind of record is listed, empty when we hold none, so the shape is the same for everyone.
  const records: Record<string, unknown[]> = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, []]));
  const linkedIds: string[] = [...attendeeIds, ...feedback.map((f) => f.id)];

  if (user) {
    records.User = [user];
    linkedIds.push(user.id);
    const [accounts, sessions, memberships, requested, tokens, organisations] = await Promise.all([
      db.account.findMany({ where: { userId: user.id }, select: { provider: true, type: true, createdAt: true, updatedAt: true } }),
      db.session.findMany({ where: { userId: user.id }, select: { expires: true, createdAt: true, updatedAt: true } }),
      db.membership.findMany({ where: { userId: user.id }, select: { id: true, role: true, createdAt: true, organisation: { select: { name: true } } } }),
      db.engagement.findMany({
        where: { requestedById: user.id },
        orderBy: { createdAt: "asc" },
        select: { id: true, reference: true, status: true, createdAt: true, purchaseOrderNumber: true, needs: true, preferredDates: true, service: { select: { name: true } }, organisation: { select: { name: true } } },
      }),
      db.verificationToken.findMany({ where: { identifier: byEmail }, select: { expires: true } }),
      db.organisation.findMany({ where: { invoiceEmail: byEmail }, select: { id: true, name: true, invoiceEmail: true } }),
    ]);
    Object.assign(records, { Account: accounts, Session: sessions, Membership: memberships, Engagement: requested, VerificationToken: tokens, Organisation: organisations });
    linkedIds.push(...memberships.map((m) => m.id), ...requested.map((e) => e.id));

    const associate = await db.associate.findUnique({ where: { userId: user.id }, omit: { calendarFeedToken: true } });
    if (associate) {
      const where = { associateId: associate.id };
      const [story, consents, qualifications, compliance, rules, overrides, timeOff, assignments, expenses, payments] = await Promise.all([
        db.livedExperienceStory.findMany({ where }),
        db.consent.findMany({ where, orderBy: { grantedAt: "asc" } }),
        db.qualification.findMany({ where, select: { id: true, status: true, approvedAt: true, createdAt: true, service: { select: { name: true } } } }),
        db.complianceRecord.findMany({ where, orderBy: { checkedOn: "asc" }, omit: { verifiedById: true } }),
        db.availabilityRule.findMany({ where, orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] }),
        db.availabilityOverride.findMany({ where, orderBy: { date: "asc" } }),
        db.timeOff.findMany({ where, orderBy: { startsAt: "asc" } }),
        db.assignment.findMany({
          where,
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            role: true,
            status: true,
            feePence: true,
            offeredAt: true,
            expiresAt: true,
            respondedAt: true,
            declineReason: true,
            createdAt: true,
            delivery: {
              select: {
                startsAt: true,
                endsAt: true,
                mode: true,
                location: true,
                status: true,
                engagement: { select: { reference: true, service: { select: { name: true } }, organisation: { select: { name: true } } } },
              },
            },
          },
        }),
        db.expenseClaim.findMany({ where, orderBy: { createdAt: "asc" }, include: { delivery: { select: { startsAt: true } } } }),
        db.associatePayment.findMany({ where, orderBy: { createdAt: "asc" }, include: { payRun: { select: { periodStart: true, periodEnd: true, status: true } } } }),
      ]);
      const receipts = expenses.length
        ? await db.expenseReceipt.findMany({
            where: { expenseClaimId: { in: expenses.map((e) => e.id) } },
            select: { id: true, expenseClaimId: true, filename: true, contentType: true, sizeBytes: true, createdAt: true, bytes: includeReceipts },
          })
        : [];
      Object.assign(records, {
        Associate: [associate],
        LivedExperienceStory: story,
        Consent: consents,
        Qualification: qualifications,
        ComplianceRecord: compliance,
        AvailabilityRule: rules,
        AvailabilityOverride: overrides,
        TimeOff: timeOff,
        Assignment: assignments,
        ExpenseClaim: expenses,
        ExpenseReceipt: receipts.map(({ bytes, ...meta }) => (bytes ? { ...meta, contentBase64: Buffer.from(bytes).toString("base64") } : meta)),
        AssociatePayment: payments,
      });
      linkedIds.push(
        associate.id,
        ...[story, consents, qualifications, compliance, rules, overrides, timeOff, assignments, expenses, payments, receipts].flatMap((rows) => rows.map((row) => row.id)),
      );
    }
  }

  records.Attendee = attendees.map(({ engagement, ...attendee }) => ({
    ...attendee,
    engagement: { reference: engagement.reference, service: engagement.service.name, organisation: engagement.organisation.name, sessions: engagement.deliveries.map((d) => ({ startsAt: d.startsAt, endsAt: d.endsAt, status: d.status })) },
  }));
  records.Feedback = feedback;

  const [auditEvents, emails] = await Promise.all([
    db.auditEvent.findMany({
      where: { OR: [...(user ? [{ actorId: user.id }] : []), { subjectId: { in: linkedIds } }] },
      orderBy: { at: "asc" },
      select: { id: true, action: true, subject: true, subjectId: true, data: true, at: true, actorId: true },
    }),
    db.outboxMessage.findMany({
      where: { to: byEmail },
      orderBy: { createdAt: "asc" },
      select: { id: true, kind: true, to: true, subject: true, status: true, createdAt: true, sentAt: true, payload: true },
    }),
  ]);
  records.AuditEvent = auditEvents.map(({ actorId, ...event }) => ({ ...event, byThisPerson: !!user && actorId === user.id }));
  records.OutboxMessage = emails.map(({ payload, ...message }) => {
    const body = (payload ?? {}) as { text?: unknown; attachments?: { filename?: unknown }[] };
    return { ...message, text: typeof body.text === "string" ? body.text : null, attachments: Array.isArray(body.attachments) ? body.attachments.map((a) => String(a?.filename ?? "attachment")) : [] };
  });

  const certificates = attendees.flatMap((attendee) => {
    const delivered = attendee.engagement.deliveries.filter((d) => d.status === "DELIVERED").at(-1);
    return attendee.attended && delivered && !attendee.erasedAt
      ? [{ attendeeId: attendee.id, service: attendee.engagement.service.name, organisation: attendee.engagement.organisation.name, deliveredOn: delivered.startsAt.toISOString().slice(0, 10) }]
      : [];
  });

  return {
    format: EXPORT_FORMAT,
    generatedAt: now.toISOString(),
    subject: { email: address, hasAccount: !!user, isAssociate: (records.Associate?.length ?? 0) > 0, attendeeRecords: attendees.length },
    about:
      "Everything Golden Thread holds about you, under UK GDPR Article 15. Each list under `records` is one kind of record we keep; money is in pence; times are UTC. Receipt files are listed by name and size" +
      (includeReceipts ? ", with their contents in base64." : "; ask for them to be included if you want the files too."),
    records,
    certificates,
    notIncluded: NOT_INCLUDED,
  };
}

function countsOf(document: SubjectAccessExport) {
  return Object.fromEntries(Object.entries(document.records).map(([key, rows]) => [key, rows.length]));
}

async function finish(db: Db, actor: Actor, document: SubjectAccessExport, by: "director" | "self", includesReceipts: boolean): Promise<ExportFile> {
  const user = document.records.User?.[0] as { id: string } | undefined;
  const firstAttendee = document.records.Attendee?.[0] as { id: string } | undefined;
  await db.auditEvent.create({
    data: {
      actorId: actor.userId,
      action: "privacy.export",
      subject: user ? "User" : "Attendee",
      subjectId: user?.id ?? firstAttendee?.id ?? "unknown",
      data: { by, includesReceipts, counts: countsOf(document) },
    },
  });
  const day = document.generatedAt.slice(0, 10);
  return { filename: `golden-thread-personal-data-${fileSafe(document.subject.email)}-${day}.json`, json: `${JSON.stringify(document, null, 2)}\n`, document };
}

/** The director's export for anyone, found by email address (their account and any attendee records). */
export async function exportPersonData({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<ExportFile>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
  const parsed = directorExportInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Please check the email address.", z.flattenError(parsed.error).fieldErrors);
  const document = await buildExport(db, { email: parsed.data.email, userId: null, includeReceipts: parsed.data.includeReceipts }, now);
  if (!document) return fail(AppErrorCode.NOT_FOUND, "We don't hold anything under that email address.");
  return ok(await finish(db, actor, document, "director", parsed.data.includeReceipts));
}

/** A signed-in person's own export ("Download my data"). */
export async function exportOwnData({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input?: unknown; now?: Date }): Promise<Result<ExportFile>> {
  const parsed = ownExportInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Please check the options.", z.flattenError(parsed.error).fieldErrors);
  const shouldIncludeReceipts = parsed.data?.includeReceipts ?? false;
  const document = await buildExport(db, { email: actor.email, userId: actor.userId, includeReceipts: shouldIncludeReceipts }, now);
  if (!document || !document.subject.hasAccount) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
  return ok(await finish(db, actor, document, "self", shouldIncludeReceipts));
}
