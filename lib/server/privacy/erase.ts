import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbTx } from "@/lib/db/create-client";
import { Prisma } from "@/lib/db/generated/prisma/client";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { newAttendeeToken } from "@/lib/server/attendees/manage-attendees";
import { ERASED_ASSOCIATE_NAME, ERASED_ATTENDEE_NAME, ERASED_MENTION, emailInput, erasedEmail, idInput, isDirector, NOT_FOUND_MESSAGE } from "./common";
import { upcomingAssignmentsWhere } from "./find-person";

/**
 * Erasure (UK GDPR Art. 17) of an associate or an attendee, by the director after a confirmation step.
 *
 * What goes: the person's name, email, phone and profile, their private story, consents, availability,
 * compliance numbers, sign-in sessions (so they can't sign in), feedback comments; emails waiting to be
 * sent to them are cancelled and the bodies of emails already sent are removed; mentions of their name,
 * email or phone in free text elsewhere (alerts, notes, emails to others, audit details) become "[erased]".
 *
 * What stays, and why: payments, expense claims (amounts, dates, what they were for, receipts), pay runs
 * and invoices — HMRC requires business records to be kept for 6 years (and the law on erasure allows
 * keeping what a legal obligation needs, Art. 17(3)(b)). Their rows are kept under the anonymous
 * "Erased associate" record, so totals never change. Attendance and feedback scores stay too (they are
 * no longer linked to a name), so attendance counts and evaluation figures stay right.
 *
 * Erasing twice is fine: the second time says it was already done. The audit event records which
 * categories were removed and how many rows, never the personal data itself.
 */

export type ErasureOutcome = { alreadyErased: boolean; removed: { category: string; count: number }[] };

export const eraseAssociateInput = z.object({ unverifiedUserId: idInput, confirmEmail: emailInput });
export const eraseAttendeeInput = z.object({
  unverifiedAttendeeIds: z.array(idInput, { message: "Choose the attendee records." }).min(1, "Choose the attendee records.").max(200, "Too many records at once."),
  confirmEmail: emailInput,
});

const CONFIRM_MESSAGE = "Type the person's email address exactly as shown, to confirm.";

/** Tables whose text is never rewritten: invoices and credit notes are immutable finance documents; the person's own rows are handled explicitly. */
const NEVER_SCRUBBED = new Set(["_prisma_migrations", "Invoice", "InvoiceLine", "CreditNote", "RateLimiterFlexible"]);

const regexEscape = (text: string) => text.replace(/[\\.^$|?*+()[\]{}]/g, "\\$&");

/**
 * Replaces mentions of the person (case-insensitive) in every text and JSON column of every other table,
 * found from the database catalogue so a new table can't be missed. JSON is searched as its text, with the
 * needle in JSON-escaped form as well. Returns how many rows changed.
 */
async function scrubMentions(tx: DbTx, needles: { text: string; wholeWord: boolean }[], skipTables: string[]): Promise<number> {
  const patterns = needles
    .filter((n) => n.text.trim().length >= 3)
    .flatMap((n) => {
      const forms = new Set([n.text, JSON.stringify(n.text).slice(1, -1)]);
      return [...forms].map((form) => (n.wholeWord ? `\\m${regexEscape(form)}\\M` : regexEscape(form)));
    });
  if (patterns.length === 0) return 0;
  const pattern = patterns.join("|");
  const skip = new Set([...NEVER_SCRUBBED, ...skipTables]);
  const columns = await tx.$queryRaw<{ table: string; column: string; type: string }[]>`
    SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS "type"
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = current_schema() AND c.data_type IN ('text', 'character varying', 'json', 'jsonb')`;
  // Columns under a unique index (emails, tokens, references) are identities, not free text: the person's own
  // are replaced explicitly above, and rewriting another row's to "[erased]" could clash with a third row's.
  const uniqueColumns = await tx.$queryRaw<{ table: string; column: string }[]>`
    SELECT t.relname AS "table", a.attname AS "column"
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)
     WHERE i.indisunique AND n.nspname = current_schema()`;
  const isUnique = new Set(uniqueColumns.map((u) => `${u.table}.${u.column}`));
  let changed = 0;
  for (const { table, column, type } of columns) {
    if (skip.has(table) || isUnique.has(`${table}.${column}`)) continue;
    const id = (name: string) => Prisma.raw(`"${name.replaceAll('"', '""')}"`);
    const col = id(column);
    const asText = type === "json" || type === "jsonb" ? Prisma.sql`${col}::text` : col;
    const replaced = Prisma.sql`regexp_replace(${asText}, ${pattern}, ${ERASED_MENTION}, 'gi')`;
    const value = type === "json" || type === "jsonb" ? Prisma.sql`${replaced}::${Prisma.raw(type)}` : replaced;
    changed += await tx.$executeRaw`UPDATE ${id(table)} SET ${col} = ${value} WHERE ${asText} ~* ${pattern}`;
  }
  return changed;
}

/** Emails to the address: the ones not sent yet are cancelled (deleted); sent ones keep only the fact they were sent. */
async function handleOutbox(tx: DbTx, email: string, placeholder: string) {
  const cancelled = await tx.outboxMessage.deleteMany({ where: { to: { equals: email, mode: "insensitive" }, status: { not: "SENT" } } });
  const stripped = await tx.outboxMessage.updateMany({
    where: { to: { equals: email, mode: "insensitive" }, status: "SENT" },
    data: { to: placeholder, subject: ERASED_MENTION, payload: { erased: true }, lastError: null },
  });
  return { cancelled: cancelled.count, stripped: stripped.count };
}

async function recordErasure(tx: DbTx, actor: Actor, subject: string, subjectId: string, removed: ErasureOutcome["removed"], extra: Record<string, unknown> = {}) {
  await tx.auditEvent.create({
    data: { actorId: actor.userId, action: "privacy.erase", subject, subjectId, data: { categories: removed.filter((r) => r.count > 0).map((r) => r.category), removed, ...extra } as object },
  });
}

/** Erases an associate's personal data; refused while they still have upcoming sessions offered or accepted. */
export async function eraseAssociate({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<ErasureOutcome>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
  const parsed = eraseAssociateInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, CONFIRM_MESSAGE, z.flattenError(parsed.error).fieldErrors);
  const { unverifiedUserId, confirmEmail } = parsed.data;

  return db.$transaction(
    async (tx) => {
      const user = await tx.user.findUnique({ where: { id: unverifiedUserId }, select: { id: true, name: true, email: true, phone: true, erasedAt: true, associate: { select: { id: true } } } });
      if (!user || !user.associate) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that associate.");
      if (user.erasedAt) return ok({ alreadyErased: true, removed: [] });
      if (user.email.toLowerCase() !== confirmEmail) return fail(AppErrorCode.INVALID_INPUT, CONFIRM_MESSAGE, { confirmEmail: [CONFIRM_MESSAGE] });
      const associateId = user.associate.id;
      // Lock the associate so nothing new is offered to them while we check and erase.
      await tx.$queryRaw`SELECT "id" FROM "Associate" WHERE "id" = ${associateId} FOR UPDATE`;
      const upcoming = await tx.assignment.count({ where: upcomingAssignmentsWhere(associateId, now) });
      if (upcoming > 0) {
        return fail(
          AppErrorCode.INVALID_INPUT,
          `This associate still has ${upcoming} upcoming session${upcoming === 1 ? "" : "s"} they've been offered or accepted. Withdraw them from ${upcoming === 1 ? "it" : "those"} on the pairing board (or wait until ${upcoming === 1 ? "it has" : "they have"} happened), then erase.`,
        );
      }
      const where = { associateId };
      const placeholder = erasedEmail(user.id);
      const removed: ErasureOutcome["removed"] = [];
      const note = (category: string, count: number) => removed.push({ category, count });

      note("story", (await tx.livedExperienceStory.deleteMany({ where })).count);
      note("consents", (await tx.consent.deleteMany({ where })).count);
      note("availability", (await tx.availabilityRule.deleteMany({ where })).count + (await tx.availabilityOverride.deleteMany({ where })).count + (await tx.timeOff.deleteMany({ where })).count);
      note("compliance", (await tx.complianceRecord.deleteMany({ where })).count);
      note("qualifications", (await tx.qualification.deleteMany({ where })).count);
      note("declineReasons", (await tx.assignment.updateMany({ where: { ...where, declineReason: { not: null } }, data: { declineReason: null } })).count);
      note("signIns", (await tx.session.deleteMany({ where: { userId: user.id } })).count + (await tx.account.deleteMany({ where: { userId: user.id } })).count);
      note("memberships", (await tx.membership.deleteMany({ where: { userId: user.id } })).count);
      note("signInLinks", (await tx.verificationToken.deleteMany({ where: { identifier: { equals: user.email, mode: "insensitive" } } })).count);
      note("rateLimitKeys", await tx.$executeRaw`DELETE FROM "RateLimiterFlexible" WHERE strpos(lower("key"), ${user.email.toLowerCase()}) > 0`);
      const emails = await handleOutbox(tx, user.email, placeholder);
      note("emailsCancelled", emails.cancelled);
      note("emailBodies", emails.stripped);

      await tx.associate.update({
        where: { id: associateId },
        data: {
          bio: "",
          publicLivedExperienceNote: null,
          homePostcode: null,
          charityName: null,
          receivesBenefits: false,
          benefitsAdviceOfferedOn: null,
          earningsCapPence: null,
          capPeriod: null,
          calendarFeedToken: randomBytes(24).toString("base64url"),
          active: false,
        },
      });
      note("profile", 1);
      const needles = [
        { text: user.email, wholeWord: false },
        ...(user.phone ? [{ text: user.phone, wholeWord: false }] : []),
        ...(user.name && user.name.trim().length >= 3 ? [{ text: user.name.trim(), wholeWord: true }] : []),
      ];
      await tx.user.update({ where: { id: user.id }, data: { name: ERASED_ASSOCIATE_NAME, email: placeholder, phone: null, image: null, emailVerified: null, erasedAt: now } });
      note("account", 1);
      // The person's attendee records (if they also attended a course) are a separate request.
      note("mentions", await scrubMentions(tx, needles, ["Attendee"]));

      await recordErasure(tx, actor, "User", user.id, removed, { associateId });
      return ok({ alreadyErased: false, removed });
    },
    { timeout: 30_000 },
  );
}

/** Erases an attendee's personal data on the given records (all under one email address). Scores and attendance stay. */
export async function eraseAttendee({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<ErasureOutcome>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
  const parsed = eraseAttendeeInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, CONFIRM_MESSAGE, z.flattenError(parsed.error).fieldErrors);
  const { unverifiedAttendeeIds, confirmEmail } = parsed.data;

  return db.$transaction(
    async (tx) => {
      const rows = await tx.attendee.findMany({ where: { id: { in: unverifiedAttendeeIds } }, select: { id: true, name: true, email: true, erasedAt: true } });
      if (rows.length === 0) return fail(AppErrorCode.NOT_FOUND, "We couldn't find those attendee records.");
      const live = rows.filter((row) => !row.erasedAt);
      if (live.length === 0) return ok({ alreadyErased: true, removed: [] });
      if (live.some((row) => row.email.toLowerCase() !== confirmEmail)) return fail(AppErrorCode.INVALID_INPUT, CONFIRM_MESSAGE, { confirmEmail: [CONFIRM_MESSAGE] });
      const ids = live.map((row) => row.id);
      const removed: ErasureOutcome["removed"] = [];
      const note = (category: string, count: number) => removed.push({ category, count });

      const comments = await tx.feedback.updateMany({ where: { attendeeId: { in: ids }, OR: [{ comment: { not: null } }, { followUpComment: { not: null } }] }, data: { comment: null, followUpComment: null } });
      note("feedbackComments", comments.count);
      for (const row of live) {
        // A new secret, so the old feedback and certificate link stops working.
        await tx.attendee.update({ where: { id: row.id }, data: { name: ERASED_ATTENDEE_NAME, email: erasedEmail(row.id), jobTitle: null, erasedAt: now, accessToken: newAttendeeToken() } });
      }
      note("attendee", live.length);
      const emails = await handleOutbox(tx, confirmEmail, erasedEmail(ids[0]!));
      note("emailsCancelled", emails.cancelled);
      note("emailBodies", emails.stripped);
      const names = [...new Set(live.map((row) => row.name.trim()).filter((name) => name.length >= 3))];
      // Someone with an account under the same address is a separate request: their account is left alone.
      note("mentions", await scrubMentions(tx, [{ text: confirmEmail, wholeWord: false }, ...names.map((text) => ({ text, wholeWord: true }))], ["User", "Associate"]));

      await recordErasure(tx, actor, "Attendee", ids[0]!, removed, { attendeeIds: ids });
      return ok({ alreadyErased: false, removed });
    },
    { timeout: 30_000 },
  );
}
