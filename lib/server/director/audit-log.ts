import "server-only";
import { DateTime } from "luxon";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { scopeEngagements } from "@/lib/auth/scope";
import type { Db } from "@/lib/db/create-client";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { formatDateTime, formatPence } from "@/lib/format";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";

/**
 * The audit log viewer: who read or changed what (lived-experience stories, checks, invoices, money),
 * newest first, filtered by person, kind of record, action and date range (UK dates, inclusive), in
 * pages of `AUDIT_PAGE_SIZE` with a keyset cursor (the last event's id), so pages stay stable while new
 * events arrive. It shows a summary of what was recorded, never sensitive content (a note, a story, an
 * email address): only the values of keys known to be safe, and the names of the others.
 * Director only (anyone else: not found). Looking at the log is itself recorded.
 */
export const AUDIT_PAGE_SIZE = 25;
const LONDON = "Europe/London";
/** The actor filter's value for events with no person (jobs, webhooks). */
export const SYSTEM_ACTOR = "system";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "That value is too long.")
    .optional()
    .transform((v) => (v ? v : undefined));
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v, { zone: LONDON }).isValid), "Enter a date like 2026-11-23.");

export const auditLogInput = z
  .object({
    unverifiedActorId: optionalText(60),
    subject: optionalText(60),
    action: optionalText(80),
    from: optionalDate,
    to: optionalDate,
    cursor: optionalText(60),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "The end date must be on or after the start date.", path: ["to"] });

export type AuditLogFilters = z.infer<typeof auditLogInput>;

export type AuditLogEntry = {
  id: string;
  at: Date;
  actorName: string;
  actionLabel: string;
  action: string;
  subjectLabel: string;
  subject: string;
  subjectId: string;
  href: string | null;
  summary: string;
};

export type AuditLogPage = {
  filters: AuditLogFilters;
  entries: AuditLogEntry[];
  nextCursor: string | null;
  options: { actors: { value: string; label: string }[]; subjects: { value: string; label: string }[]; actions: { value: string; label: string }[] };
};

export async function getAuditLog({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<AuditLogPage>> {
  if (actor.role !== "DIRECTOR") return fail(AppErrorCode.NOT_FOUND, "We couldn't find that page.");
  const parsed = auditLogInput.safeParse(input ?? {});
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Please check the filters.", z.flattenError(parsed.error).fieldErrors);
  const filters = parsed.data;

  const where: Prisma.AuditEventWhereInput[] = [];
  if (filters.unverifiedActorId) where.push({ actorId: filters.unverifiedActorId === SYSTEM_ACTOR ? null : filters.unverifiedActorId });
  if (filters.subject) where.push({ subject: filters.subject });
  if (filters.action) where.push({ action: filters.action });
  if (filters.from) where.push({ at: { gte: DateTime.fromISO(filters.from, { zone: LONDON }).startOf("day").toJSDate() } });
  if (filters.to) where.push({ at: { lt: DateTime.fromISO(filters.to, { zone: LONDON }).plus({ days: 1 }).startOf("day").toJSDate() } });
  if (filters.cursor) {
    const after = await db.auditEvent.findUnique({ where: { id: filters.cursor }, select: { id: true, at: true } });
    if (!after) return fail(AppErrorCode.INVALID_INPUT, "That page of the log is no longer available. Start again from the newest.", { cursor: ["Start again from the newest."] });
    where.push({ OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] });
  }

  const [events, options] = await Promise.all([
    db.auditEvent.findMany({
      where: { AND: where },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: AUDIT_PAGE_SIZE + 1,
      select: { id: true, at: true, action: true, subject: true, subjectId: true, data: true, actor: { select: { name: true, email: true, platformRole: true } } },
    }),
    loadFilterOptions(db),
  ]);
  const page = events.slice(0, AUDIT_PAGE_SIZE);
  const hasMore = events.length > AUDIT_PAGE_SIZE;

  // Engagement events name the engagement by id; the director's pages use its reference.
  const engagementIds = page.filter((e) => e.subject === "Engagement").map((e) => e.subjectId);
  const engagements = engagementIds.length
    ? await db.engagement.findMany({ where: { ...scopeEngagements(actor), id: { in: engagementIds } }, select: { id: true, reference: true } })
    : [];
  const references = new Map(engagements.map((e) => [e.id, e.reference]));

  const entries: AuditLogEntry[] = page.map((event) => ({
    id: event.id,
    at: event.at,
    actorName: event.actor ? `${event.actor.name ?? event.actor.email} (${ROLE[event.actor.platformRole]})` : "The system",
    action: event.action,
    actionLabel: describeAction(event.action),
    subject: event.subject,
    subjectId: event.subjectId,
    subjectLabel: describeSubject(event.subject),
    href: linkFor(event.subject, event.subjectId, event.data, references),
    summary: summariseData(event.data),
  }));

  await db.auditEvent.create({
    data: {
      actorId: actor.userId,
      action: "audit.read",
      subject: "AuditLog",
      subjectId: "audit-log",
      data: { ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)), shown: entries.length, at: now.toISOString() },
    },
  });
  return ok({ filters, entries, nextCursor: hasMore ? (page.at(-1)?.id ?? null) : null, options });
}

/** The choices for the filter form (people, kinds of record and actions that appear in the log). Director only; reads no event content, so it is not itself recorded. */
export async function getAuditFilterOptions({ db, actor }: { db: Db; actor: Actor }): Promise<AuditLogPage["options"] | null> {
  return actor.role === "DIRECTOR" ? loadFilterOptions(db) : null;
}

async function loadFilterOptions(db: Db): Promise<AuditLogPage["options"]> {
  const [actorGroups, subjectGroups, actionGroups] = await Promise.all([
    db.auditEvent.groupBy({ by: ["actorId"] }),
    db.auditEvent.groupBy({ by: ["subject"], orderBy: { subject: "asc" } }),
    db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
  ]);
  const actorIds = actorGroups.map((g) => g.actorId).filter((id): id is string => id !== null);
  const actorUsers = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true, platformRole: true } });
  return {
    actors: [
      ...actorUsers
        .map((u) => ({ value: u.id, label: `${u.name ?? u.email} (${ROLE[u.platformRole]})` }))
        .sort((a, b) => a.label.localeCompare(b.label, "en-GB")),
      ...(actorGroups.some((g) => g.actorId === null) ? [{ value: SYSTEM_ACTOR, label: "The system (automatic jobs)" }] : []),
    ],
    subjects: subjectGroups.map((g) => ({ value: g.subject, label: describeSubject(g.subject) })),
    actions: actionGroups.map((g) => ({ value: g.action, label: describeAction(g.action) })).sort((a, b) => a.label.localeCompare(b.label, "en-GB")),
  };
}

const ROLE = { DIRECTOR: "director", ASSOCIATE: "associate", CLIENT: "client" } as const;

const SUBJECTS: Record<string, string> = {
  Associate: "Associate profile",
  LivedExperienceStory: "Lived-experience story",
  ComplianceRecord: "Checks (DBS, insurance, training)",
  Qualification: "Service an associate may deliver",
  Consent: "Consent",
  Invoice: "Invoice",
  CreditNote: "Credit note",
  ExpenseClaim: "Expense claim",
  AssociatePayment: "Associate pay",
  PayRun: "Pay run",
  Engagement: "Booking or request",
  Delivery: "Session",
  Assignment: "Facilitator's place in a session",
  Attendee: "Attendee",
  Organisation: "Client organisation",
  User: "Person",
  AvailabilityOverride: "Availability for a day",
  TimeOff: "Time off",
  Report: "Report",
  AuditLog: "Audit log",
};

const ACTIONS: Record<string, string> = {
  "associate.story.create": "Wrote their lived-experience story",
  "associate.story.update": "Changed their lived-experience story",
  "associate.story.delete": "Deleted their lived-experience story",
  "associate.expertise.update": "Changed their expertise",
  "associate.public-profile.update": "Changed what clients see about them",
  "associate.timezone.update": "Changed their time zone",
  "associate.benefits.update": "Changed their benefits details",
  "associate.pay-preference.update": "Changed how they are paid",
  "associate.statement.download": "Downloaded a pay statement",
  "associate.jobcentre-letter.download": "Downloaded a letter for the Jobcentre",
  "compliance.submit": "Sent check details",
  "compliance.withdraw-entry": "Took back check details",
  "compliance.verify": "Verified a check",
  "compliance.decline": "Could not accept a check",
  "compliance.review.read": "Looked at checks waiting for review",
  "qualification.request": "Asked to deliver a service",
  "qualification.stop": "Stopped delivering a service",
  "qualification.approve": "Approved a service for an associate",
  "qualification.decline": "Declined a service for an associate",
  "consent.grant": "Gave consent",
  "consent.withdraw": "Withdrew consent",
  "invoice.read": "Opened an invoice",
  "invoice.list.read": "Looked at the list of invoices",
  "invoice.download": "Downloaded an invoice",
  "invoice.export.csv": "Exported invoices as a spreadsheet",
  "invoice.draft.create": "Started a draft invoice",
  "invoice.draft.details": "Changed a draft invoice's details",
  "invoice.draft.line.add": "Added a line to a draft invoice",
  "invoice.draft.line.update": "Changed a line on a draft invoice",
  "invoice.draft.line.remove": "Removed a line from a draft invoice",
  "invoice.draft.delete": "Deleted a draft invoice",
  "invoice.issue": "Issued an invoice",
  "invoice.reissue": "Re-issued an invoice",
  "invoice.paid.bank": "Marked an invoice paid by bank transfer",
  "invoice.paid.card": "An invoice was paid by card",
  "credit-note.issue": "Issued a credit note",
  "credit-note.download": "Downloaded a credit note",
  "expense.submit": "Claimed an expense",
  "expense.resubmit": "Sent an expense claim again",
  "expense.delete": "Deleted an expense claim",
  "expense.receipt.download": "Downloaded a receipt",
  "report.impact.read": "Looked at the impact report",
  "audit.read": "Looked at the audit log",
  "auth.demo-sign-in": "Signed in with a demo account",
};

/** An action in plain English; unknown actions are spelt out from their code ("pay-run.approve" → "Pay run approve"). */
export function describeAction(action: string): string {
  const known = ACTIONS[action];
  if (known) return known;
  const words = action.replace(/[._-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function describeSubject(subject: string): string {
  return SUBJECTS[subject] ?? subject.replace(/([a-z])([A-Z])/g, "$1 $2");
}

/** Keys whose values are safe to show (ids, kinds, counts, amounts, dates); anything else is named only. */
const SAFE_KEYS = new Set([
  "kind",
  "status",
  "format",
  "scope",
  "purpose",
  "period",
  "from",
  "to",
  "role",
  "category",
  "number",
  "count",
  "shown",
  "length",
  "subtotalPence",
  "vatPence",
  "totalPence",
  "amountPence",
  "invoiceStatus",
  "vatRateBasisPoints",
  "associatesShown",
  "replaced",
  "removed",
]);

const FIELD_WORDS: Record<string, string> = { note: "a note", story: "the story text", reason: "a reason", email: "an email address", comment: "a comment" };

/**
 * "kind: DBS_ENHANCED · total: £1,440.00 · also recorded: a note, associate id". Values are shown only
 * for safe keys, and never when they look like an email address (a job's "to" can be one); timestamps
 * read as UK dates and pence as pounds.
 */
export function summariseData(data: unknown): string {
  if (!data || typeof data !== "object" || Array.isArray(data)) return "";
  const shown: string[] = [];
  const named: string[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const isPrimitive = typeof value === "string" || typeof value === "number" || typeof value === "boolean";
    if (SAFE_KEYS.has(key) && isPrimitive && String(value).length <= 40 && !String(value).includes("@")) {
      shown.push(`${wordsFor(key)}: ${formatValue(key, value)}`);
    } else if (Array.isArray(value)) {
      named.push(`${wordsFor(key)} (${value.length})`);
    } else {
      named.push(FIELD_WORDS[key] ?? wordsFor(key));
    }
  }
  return [...shown, ...(named.length ? [`also recorded: ${named.join(", ")}`] : [])].join(" · ");
}

/** "associatesShown" → "associates shown", "totalPence" → "total". */
function wordsFor(key: string): string {
  return key
    .replace(/Pence$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

function formatValue(key: string, value: string | number | boolean): string {
  if (typeof value === "number" && key.endsWith("Pence")) return formatPence(value);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(new Date(value));
  return String(value);
}

function linkFor(subject: string, subjectId: string, data: unknown, references: Map<string, string>): string | null {
  const record = data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  switch (subject) {
    case "Invoice":
      return `/director/invoices/${encodeURIComponent(subjectId)}`;
    case "CreditNote":
      return typeof record.invoiceId === "string" ? `/director/invoices/${encodeURIComponent(record.invoiceId)}` : null;
    case "ComplianceRecord":
    case "Qualification":
      return "/director/checks";
    case "Engagement": {
      const reference = references.get(subjectId);
      return reference ? `/director/requests/${encodeURIComponent(reference)}` : null;
    }
    case "Report":
      return subjectId.startsWith("impact") ? "/director/reports" : "/director/reports/evaluation";
    case "AuditLog":
      return "/director/audit";
    default:
      return null;
  }
}
