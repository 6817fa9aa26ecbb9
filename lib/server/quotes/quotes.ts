import { DateTime } from "luxon";
import { z } from "zod";
import type { DirectorActor } from "@/lib/auth/guards";
import type { OrganisationContext } from "@/lib/auth/membership";
import { scopeEngagements } from "@/lib/auth/scope";
import type { Db } from "@/lib/db/create-client";
import { isRetryableConflict } from "@/lib/db/errors";
import { assertTransition } from "@/lib/domain/booking";
import { computeLine, sumInvoice } from "@/lib/domain/money";
import { MINUTE_MS } from "@/lib/domain/time/interval";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { renderQuoteAcceptedEmail, renderQuoteEmail } from "@/lib/integrations/email/templates/booking";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { lockDelivery, offerReplacements, syncStatuses } from "@/lib/server/booking/delivery-lifecycle";
import { getPolicy } from "@/lib/server/settings/get-policy";

const LONDON = "Europe/London";

/** "1,200.50" or "£1200" → pence; refuses negatives, fractions of a penny and silly sizes. */
export const poundsToPence = z
  .string({ message: "Enter an amount in pounds." })
  .trim()
  .transform((value) => value.replace(/^£/, "").replace(/,/g, ""))
  .pipe(z.string().regex(/^\d{1,6}(\.\d{1,2})?$/, "Enter an amount in pounds, like 1200 or 1,200.50."))
  .transform((value) => Math.round(Number(value) * 100));

const sessionSchema = z.object({
  /** A wall-clock time in the UK, from a datetime-local field: "2027-01-12T10:00". */
  startsAtLocal: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Choose a date and start time."),
  mode: z.enum(["ONLINE", "IN_PERSON"], { message: "Choose online or in person." }),
  location: z.string().trim().max(300, "Keep the address under 300 characters.").optional().transform((value) => value || undefined),
});

const lineSchema = z.object({
  description: z.string().trim().min(1, "Describe the line.").max(200, "Keep the description under 200 characters."),
  quantity: z.coerce.number({ message: "Enter a quantity." }).int("Enter a whole number.").min(1, "At least 1.").max(100, "At most 100."),
  unitPrice: poundsToPence,
  vatRateBasisPoints: z.coerce.number().int().refine((value) => value === 2000 || value === 0, "Choose 20% or 0% VAT."),
});

export const createQuoteInput = z.object({
  unverifiedReference: z.string().trim().min(1).max(40),
  sessions: z.array(sessionSchema).min(1, "Propose at least one session.").max(20, "Propose at most 20 sessions in one quote."),
  lines: z.array(lineSchema).min(1, "Add at least one price line.").max(10, "Use at most 10 price lines."),
  terms: z.string().trim().max(2000, "Keep the terms under 2,000 characters.").optional().transform((value) => value || undefined),
  validForDays: z.coerce.number().int().min(1, "A quote must be valid for at least a day.").max(90, "At most 90 days."),
});

type QuoteSession = { startsAt: string; endsAt: string; mode: "ONLINE" | "IN_PERSON"; location: string | null };
const storedSessions = z.array(z.object({ startsAt: z.string(), endsAt: z.string(), mode: z.enum(["ONLINE", "IN_PERSON"]), location: z.string().nullable() }));

/**
 * The director's quote for a requested service: proposed sessions (UK times), price lines with VAT and
 * terms. Sending it moves the engagement to QUOTED (a newer quote replaces an unanswered one) and emails
 * the person who asked.
 */
export async function createQuote({ db, actor, input, now = new Date() }: { db: Db; actor: DirectorActor; input: unknown; now?: Date }): Promise<Result<{ quoteId: string }>> {
  const parsed = createQuoteInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the quote.", flatten(parsed.error));
  const { unverifiedReference, sessions, lines, terms, validForDays } = parsed.data;
  const engagement = await db.engagement.findFirst({
    where: { reference: unverifiedReference, ...scopeEngagements(actor) },
    select: { id: true, status: true, reference: true, service: { select: { name: true, durationMinutes: true } }, requestedBy: { select: { email: true, name: true } }, organisation: { select: { slug: true } } },
  });
  if (!engagement) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that request.");
  if (engagement.status !== "REQUESTED" && engagement.status !== "QUOTED") return fail(AppErrorCode.INVALID_INPUT, "This engagement is past the quoting stage.");

  const proposed: QuoteSession[] = [];
  const sessionErrors: string[] = [];
  sessions.forEach((session, index) => {
    const start = DateTime.fromISO(session.startsAtLocal, { zone: LONDON });
    // A wall time skipped by the clocks going forward is not a real time.
    if (!start.isValid || start.toFormat("yyyy-MM-dd'T'HH:mm") !== session.startsAtLocal) sessionErrors.push(`Session ${index + 1}: that time doesn't exist in the UK (the clocks change then).`);
    else if (start.toMillis() <= now.getTime()) sessionErrors.push(`Session ${index + 1}: choose a time in the future.`);
    else if (session.mode === "IN_PERSON" && !session.location) sessionErrors.push(`Session ${index + 1}: enter the address for an in-person session.`);
    else
      proposed.push({
        startsAt: new Date(start.toMillis()).toISOString(),
        endsAt: new Date(start.toMillis() + engagement.service.durationMinutes * MINUTE_MS).toISOString(),
        mode: session.mode,
        location: session.location ?? null,
      });
  });
  if (sessionErrors.length) return fail(AppErrorCode.INVALID_INPUT, "Check the proposed sessions.", { sessions: sessionErrors });

  const amounts = lines.map((line) => ({ ...line, ...computeLine({ quantity: line.quantity, unitPricePence: line.unitPrice, vatRateBasisPoints: line.vatRateBasisPoints }) }));
  const totals = sumInvoice(amounts);
  const validUntil = new Date(DateTime.fromMillis(now.getTime(), { zone: LONDON }).plus({ days: validForDays }).toISODate()!);
  const quote = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Engagement" WHERE "id" = ${engagement.id} FOR UPDATE`;
    // Read again under the lock: the client may have accepted the last quote a moment ago.
    const current = await tx.engagement.findUniqueOrThrow({ where: { id: engagement.id }, select: { status: true } });
    if (current.status !== "REQUESTED" && current.status !== "QUOTED") return null;
    await tx.quote.updateMany({ where: { engagementId: engagement.id, status: "SENT" }, data: { status: "EXPIRED" } });
    const created = await tx.quote.create({
      data: {
        engagementId: engagement.id,
        status: "SENT",
        lines: amounts.map((l) => ({ description: l.description, quantity: l.quantity, unitPricePence: l.unitPrice, vatRateBasisPoints: l.vatRateBasisPoints, netPence: l.netPence, vatPence: l.vatPence })),
        sessions: proposed,
        subtotalPence: totals.subtotalPence,
        vatPence: totals.vatPence,
        totalPence: totals.totalPence,
        terms: terms ?? null,
        validUntil,
        sentAt: now,
      },
      select: { id: true },
    });
    if (current.status === "REQUESTED") {
      assertTransition("ENGAGEMENT", "REQUESTED", "QUOTED");
      await tx.engagement.update({ where: { id: engagement.id }, data: { status: "QUOTED", sessionsRequested: proposed.length } });
    }
    await enqueueEmail(tx, {
      kind: "quote",
      to: engagement.requestedBy.email,
      ...await renderQuoteEmail({ name: engagement.requestedBy.name, serviceName: engagement.service.name, reference: engagement.reference, totalPence: totals.totalPence, validUntil }),
    });
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "quote.send", subject: "Engagement", subjectId: engagement.id, data: { quoteId: created.id, totalPence: totals.totalPence } } });
    return created;
  });
  if (!quote) return fail(AppErrorCode.INVALID_INPUT, "The client has just accepted the earlier quote, so this one wasn't sent.");
  return ok({ quoteId: quote.id });
}

export const respondToQuoteInput = z.object({
  unverifiedQuoteId: z.string().trim().min(1).max(60),
  decision: z.enum(["ACCEPT", "DECLINE"], { message: "Choose to accept or decline." }),
  purchaseOrderNumber: z.string().trim().max(60, "Keep the PO number under 60 characters.").optional().transform((value) => value || undefined),
  declineReason: z.string().trim().max(1000, "Keep this under 1,000 characters.").optional().transform((value) => value || undefined),
});

/**
 * The client accepts (with a PO where their organisation needs one) or declines a quote. Accepting turns
 * the proposed sessions into deliveries and sends written offers to the best-ranked pair for each; each
 * is CONFIRMED only once both accept. Declining records the reason; the director can send a new quote.
 */
export async function respondToQuote({ db, context, input, now = new Date() }: { db: Db; context: OrganisationContext; input: unknown; now?: Date }): Promise<Result<{ reference: string; decision: "ACCEPT" | "DECLINE" }>> {
  const parsed = respondToQuoteInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check your answer.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedQuoteId, decision, purchaseOrderNumber, declineReason } = parsed.data;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          const quote = await tx.quote.findFirst({
            where: { id: unverifiedQuoteId, engagement: scopeEngagements(context.actor, context.organisation.id) },
            select: { id: true, engagementId: true },
          });
          if (!quote) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that quote.");
          await tx.$queryRaw`SELECT "id" FROM "Engagement" WHERE "id" = ${quote.engagementId} FOR UPDATE`;
          const current = await tx.quote.findUniqueOrThrow({
            where: { id: quote.id },
            select: { status: true, validUntil: true, sessions: true, subtotalPence: true, engagement: { select: { id: true, reference: true, status: true, organisation: { select: { poRequired: true, name: true } }, service: { select: { name: true } } } } },
          });
          if (current.status !== "SENT") return fail(AppErrorCode.INVALID_INPUT, "This quote has already been answered or replaced by a newer one.");
          const today = DateTime.fromMillis(now.getTime(), { zone: LONDON }).toISODate()!;
          if (current.validUntil && current.validUntil.toISOString().slice(0, 10) < today) {
            await tx.quote.update({ where: { id: quote.id }, data: { status: "EXPIRED" } });
            return fail(AppErrorCode.INVALID_INPUT, "This quote has expired. Please ask us for a new one.");
          }
          const engagement = current.engagement;
          if (decision === "DECLINE") {
            await tx.quote.update({ where: { id: quote.id }, data: { status: "DECLINED", respondedAt: now, declineReason: declineReason ?? null } });
            await tx.auditEvent.create({ data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "quote.decline", subject: "Engagement", subjectId: engagement.id, data: { quoteId: quote.id } } });
            return ok({ reference: engagement.reference, decision });
          }
          if (engagement.organisation.poRequired && !purchaseOrderNumber) {
            return fail(AppErrorCode.INVALID_INPUT, "Your organisation needs a purchase-order (PO) number to accept a quote.", { purchaseOrderNumber: ["Enter your PO number."] });
          }
          const sessions = storedSessions.parse(current.sessions);
          if (sessions.some((s) => new Date(s.startsAt) <= now)) return fail(AppErrorCode.INVALID_INPUT, "A proposed session is now in the past. Please ask us for a new quote.");
          await tx.quote.update({ where: { id: quote.id }, data: { status: "ACCEPTED", respondedAt: now } });
          assertTransition("ENGAGEMENT", engagement.status, "AWAITING_FACILITATORS");
          // The price per session is now the quoted one (cancellation charges are worked out from it).
          await tx.engagement.update({
            where: { id: engagement.id },
            data: { status: "AWAITING_FACILITATORS", purchaseOrderNumber: purchaseOrderNumber ?? null, unitPricePenceSnapshot: Math.round(current.subtotalPence / Math.max(1, sessionCount(current.sessions))) },
          });
          const policy = await getPolicy(tx, now);
          for (const session of sessions) {
            const delivery = await tx.delivery.create({
              data: { engagementId: engagement.id, startsAt: new Date(session.startsAt), endsAt: new Date(session.endsAt), mode: session.mode, location: session.location, status: "NEEDS_PAIRING" },
              select: { id: true },
            });
            await lockDelivery(tx, delivery.id);
            await offerReplacements(tx, { deliveryId: delivery.id, now, policy });
            await syncStatuses(tx, delivery.id);
          }
          await enqueueEmail(tx, { kind: "quote-accepted", to: context.actor.email, ...await renderQuoteAcceptedEmail({ serviceName: engagement.service.name, reference: engagement.reference, sessions: sessions.length }) });
          await tx.auditEvent.create({
            data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "quote.accept", subject: "Engagement", subjectId: engagement.id, data: { quoteId: quote.id, purchaseOrderNumber: purchaseOrderNumber ?? null } },
          });
          return ok({ reference: engagement.reference, decision });
        },
        { maxWait: 10_000, timeout: 30_000 },
      );
    } catch (error) {
      // Someone took one of the chosen facilitators meanwhile: nothing was written; choose again.
      if (attempt < 3 && isRetryableConflict(error)) continue;
      if (isRetryableConflict(error)) return fail(AppErrorCode.SLOT_TAKEN, "Our facilitators' diaries changed while we were saving. Please try again.");
      throw error;
    }
  }
}

const sessionCount = (sessions: unknown) => (Array.isArray(sessions) ? sessions.length : 0);

function flatten(error: z.ZodError) {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const [first, index, field] = issue.path;
    const key = String(first ?? "form");
    const where = typeof index === "number" ? `${key === "sessions" ? "Session" : "Line"} ${index + 1}${field ? ` (${String(field)})` : ""}: ` : "";
    (fieldErrors[key] ??= []).push(`${where}${issue.message}`);
  }
  return fieldErrors;
}
