import { randomBytes } from "node:crypto";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { OrganisationContext } from "@/lib/auth/membership";
import { scopeEngagements } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import { isPgError } from "@/lib/db/errors";
import { deliveryInviteAttachment } from "@/lib/integrations/calendar/invite-attachment";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { renderAttendeeInviteEmail } from "@/lib/integrations/email/templates/booking";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";

const attendee = z.object({
  name: z.string({ message: "Enter the person's name." }).trim().min(1, "Enter the person's name.").max(120, "Keep the name under 120 characters."),
  email: z.string({ message: "Enter an email address." }).trim().toLowerCase().email("Enter an email address like name@example.org.").max(254, "That email address is too long."),
  jobTitle: z.string().trim().max(120, "Keep the job title under 120 characters.").optional().transform((value) => value || undefined),
});

/** The secret in an attendee's feedback and certificate link: 192 random bits, not a guessable id. */
export function newAttendeeToken() {
  return randomBytes(24).toString("base64url");
}

/** Engagements whose attendee list can still change (not cancelled, not finished). */
const OPEN = ["PENDING_PAYMENT", "AWAITING_FACILITATORS", "CONFIRMED"] as const;

/** Locks the engagement (so capacity holds under concurrent adds) and returns it with its capacity. */
async function lockEngagement(tx: DbTx, context: OrganisationContext, unverifiedReference: string) {
  const engagement = await tx.engagement.findFirst({
    where: { reference: unverifiedReference, ...scopeEngagements(context.actor, context.organisation.id) },
    select: { id: true, status: true, service: { select: { capacity: true } } },
  });
  if (!engagement) return null;
  await tx.$queryRaw`SELECT "id" FROM "Engagement" WHERE "id" = ${engagement.id} FOR UPDATE`;
  const count = await tx.attendee.count({ where: { engagementId: engagement.id } });
  return { ...engagement, count };
}

/** Emails each new attendee their place and the calendar invites (sessions that are booked, not just held). */
async function inviteAttendees(tx: DbTx, engagementId: string, people: { name: string; email: string }[]) {
  const engagement = await tx.engagement.findUniqueOrThrow({
    where: { id: engagementId },
    select: { organisation: { select: { name: true } }, service: { select: { name: true } }, deliveries: { where: { status: { notIn: ["HELD", "CANCELLED"] } }, orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, mode: true, location: true } } },
  });
  if (engagement.deliveries.length === 0) return;
  const attachments = [];
  for (const delivery of engagement.deliveries) attachments.push(await deliveryInviteAttachment(tx, delivery.id));
  const sessions = engagement.deliveries.map((d) => ({ startsAt: d.startsAt, where: d.mode === "ONLINE" ? "online" : (d.location ?? "in person") }));
  for (const person of people) {
    await enqueueEmail(tx, {
      kind: "attendee-invite",
      to: person.email,
      ...(await renderAttendeeInviteEmail({ name: person.name, serviceName: engagement.service.name, organisationName: engagement.organisation.name, sessions })),
      attachments,
    });
  }
}

export const addAttendeeInput = attendee.extend({ unverifiedReference: z.string().trim().min(1).max(40) });

export async function addAttendee({ db, context, input }: { db: Db; context: OrganisationContext; input: unknown }): Promise<Result<{ id: string }>> {
  const parsed = addAttendeeInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the attendee's details.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedReference, ...person } = parsed.data;
  try {
    return await db.$transaction(async (tx) => {
      const engagement = await lockEngagement(tx, context, unverifiedReference);
      if (!engagement) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that booking.");
      if (!(OPEN as readonly string[]).includes(engagement.status)) return fail(AppErrorCode.INVALID_INPUT, "Attendees can't be changed on this booking any more.");
      if (engagement.count >= engagement.service.capacity) {
        return fail(AppErrorCode.INVALID_INPUT, `This session is full: it's for up to ${engagement.service.capacity} people.`);
      }
      const created = await tx.attendee.create({ data: { engagementId: engagement.id, name: person.name, email: person.email, jobTitle: person.jobTitle ?? null, accessToken: newAttendeeToken() }, select: { id: true } });
      await inviteAttendees(tx, engagement.id, [person]);
      await tx.auditEvent.create({ data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "attendee.add", subject: "Attendee", subjectId: created.id, data: {} } });
      return ok(created);
    });
  } catch (error) {
    if (isPgError(error, "23505") || (error as { code?: unknown } | null)?.code === "P2002") return fail(AppErrorCode.INVALID_INPUT, "That person is already on the list.", { email: ["This email address is already on the list."] });
    throw error;
  }
}

export const updateAttendeeInput = attendee.extend({ unverifiedReference: z.string().trim().min(1).max(40), unverifiedAttendeeId: z.string().trim().min(1).max(60) });

/** Corrects someone's name, email or job title (their feedback link stays the same). */
export async function updateAttendee({ db, context, input }: { db: Db; context: OrganisationContext; input: unknown }): Promise<Result<null>> {
  const parsed = updateAttendeeInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the attendee's details.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedReference, unverifiedAttendeeId, ...person } = parsed.data;
  try {
    return await db.$transaction(async (tx) => {
      const engagement = await lockEngagement(tx, context, unverifiedReference);
      if (!engagement) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that booking.");
      if (!(OPEN as readonly string[]).includes(engagement.status)) return fail(AppErrorCode.INVALID_INPUT, "Attendees can't be changed on this booking any more.");
      const updated = await tx.attendee.updateMany({ where: { id: unverifiedAttendeeId, engagementId: engagement.id }, data: { name: person.name, email: person.email, jobTitle: person.jobTitle ?? null } });
      if (updated.count === 0) return fail(AppErrorCode.NOT_FOUND, "That person isn't on the list.");
      await tx.auditEvent.create({ data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "attendee.update", subject: "Attendee", subjectId: unverifiedAttendeeId, data: {} } });
      return ok(null);
    });
  } catch (error) {
    if (isPgError(error, "23505") || (error as { code?: unknown } | null)?.code === "P2002") return fail(AppErrorCode.INVALID_INPUT, "Someone else on the list already has that email address.", { email: ["Someone else on the list has this email address."] });
    throw error;
  }
}

export const removeAttendeeInput = z.object({ unverifiedReference: z.string().trim().min(1).max(40), unverifiedAttendeeId: z.string().trim().min(1).max(60) });

export async function removeAttendee({ db, context, input }: { db: Db; context: OrganisationContext; input: unknown }): Promise<Result<null>> {
  const parsed = removeAttendeeInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "We couldn't tell which attendee to remove.");
  return db.$transaction(async (tx) => {
    const engagement = await lockEngagement(tx, context, parsed.data.unverifiedReference);
    if (!engagement) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that booking.");
    if (!(OPEN as readonly string[]).includes(engagement.status)) return fail(AppErrorCode.INVALID_INPUT, "Attendees can't be changed on this booking any more.");
    const removed = await tx.attendee.deleteMany({ where: { id: parsed.data.unverifiedAttendeeId, engagementId: engagement.id } });
    if (removed.count === 0) return fail(AppErrorCode.NOT_FOUND, "That person isn't on the list.");
    await tx.auditEvent.create({
      data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "attendee.remove", subject: "Attendee", subjectId: parsed.data.unverifiedAttendeeId, data: {} },
    });
    return ok(null);
  });
}

export const MAX_CSV_BYTES = 200_000;
const HEADER_ALIASES: Record<string, "name" | "email" | "jobTitle"> = {
  name: "name",
  "full name": "name",
  email: "email",
  "email address": "email",
  "job title": "jobTitle",
  jobtitle: "jobTitle",
  role: "jobTitle",
};

export type ImportOutcome = Result<{ added: number }> & { rowErrors?: string[] };

/**
 * Adds attendees from a CSV with a header row (name, email, optional job title). All or nothing: if any
 * row is wrong, a duplicate, or the list would go over the session's capacity, nothing is added and
 * every problem is listed with its row number.
 */
export async function importAttendees({ db, context, unverifiedReference, csv }: { db: Db; context: OrganisationContext; unverifiedReference: string; csv: string }): Promise<ImportOutcome> {
  if (csv.length === 0) return fail(AppErrorCode.INVALID_INPUT, "Choose a CSV file to upload.");
  if (csv.length > MAX_CSV_BYTES) return fail(AppErrorCode.INVALID_INPUT, "That file is too big. Upload at most 200 KB (a few hundred people).");
  let records: Record<string, string>[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ""), {
      columns: (header: string[]) => header.map((h) => HEADER_ALIASES[h.trim().toLowerCase()] ?? `ignored:${h}`),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch {
    return fail(AppErrorCode.INVALID_INPUT, "We couldn't read that file as CSV. Save it from your spreadsheet as “CSV (comma separated)” and try again.");
  }
  if (records.length === 0) return fail(AppErrorCode.INVALID_INPUT, "The file has a header row but nobody listed under it.");
  if (!records.every((r) => "name" in r && "email" in r)) {
    return fail(AppErrorCode.INVALID_INPUT, "The first row must name the columns: name, email and (optionally) job title.");
  }
  const rowErrors: string[] = [];
  const people: z.output<typeof attendee>[] = [];
  const seen = new Set<string>();
  records.forEach((record, index) => {
    const row = index + 2; // the header is row 1
    const parsed = attendee.safeParse({ name: record.name, email: record.email, jobTitle: record.jobTitle });
    if (!parsed.success) {
      const issues = Object.values(z.flattenError(parsed.error).fieldErrors).flat();
      rowErrors.push(`Row ${row}: ${issues.join(" ")}`);
      return;
    }
    if (seen.has(parsed.data.email)) rowErrors.push(`Row ${row}: ${parsed.data.email} appears more than once.`);
    seen.add(parsed.data.email);
    people.push(parsed.data);
  });
  if (rowErrors.length) return { ...fail(AppErrorCode.INVALID_INPUT, "Nothing was added. Please fix these rows and upload the file again."), rowErrors };

  return db.$transaction(async (tx) => {
    const engagement = await lockEngagement(tx, context, unverifiedReference);
    if (!engagement) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that booking.");
    if (!(OPEN as readonly string[]).includes(engagement.status)) return fail(AppErrorCode.INVALID_INPUT, "Attendees can't be changed on this booking any more.");
    const existing = await tx.attendee.findMany({ where: { engagementId: engagement.id, email: { in: [...seen] } }, select: { email: true } });
    if (existing.length) {
      return { ...fail(AppErrorCode.INVALID_INPUT, "Nothing was added: some people are already on the list."), rowErrors: existing.map((e) => `${e.email} is already on the list.`) };
    }
    const room = engagement.service.capacity - engagement.count;
    if (people.length > room) {
      return fail(AppErrorCode.INVALID_INPUT, `Nothing was added: the file lists ${people.length} people but there ${room === 1 ? "is room" : "are places"} for ${room} more (up to ${engagement.service.capacity} in all).`);
    }
    await tx.attendee.createMany({ data: people.map((p) => ({ engagementId: engagement.id, name: p.name, email: p.email, jobTitle: p.jobTitle ?? null, accessToken: newAttendeeToken() })) });
    await inviteAttendees(tx, engagement.id, people);
    await tx.auditEvent.create({
      data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "attendee.import", subject: "Engagement", subjectId: engagement.id, data: { added: people.length } },
    });
    return ok({ added: people.length });
  });
}
