import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/create-client";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { emailInput, isDirector, NOT_FOUND_MESSAGE } from "./common";

/**
 * What we hold about a person, found by email address: their account (and associate profile, if any)
 * and every attendee record under that address. Counts only, never the content: the content is in the
 * export. Director only (anyone else: not found). Looking is recorded in the audit log without the
 * address itself.
 */

export const findPersonInput = z.object({ email: emailInput });

export type HeldCategory = { key: string; label: string; count: number };

export type PersonHoldings = {
  email: string;
  account: {
    userId: string;
    name: string | null;
    role: "DIRECTOR" | "ASSOCIATE" | "CLIENT";
    erasedAt: Date | null;
    associateId: string | null;
    /** Upcoming sessions the associate has accepted or been offered: erasure waits until these are sorted. */
    upcomingSessions: number;
    categories: HeldCategory[];
  } | null;
  attendee: {
    attendeeIds: string[];
    names: string[];
    erasedCount: number;
    categories: HeldCategory[];
  } | null;
};

/** Assignments that still commit the associate to a session in the future. */
export function upcomingAssignmentsWhere(associateId: string, now: Date) {
  return {
    associateId,
    status: { in: ["HELD" as const, "OFFERED" as const, "ACCEPTED" as const] },
    delivery: { endsAt: { gt: now }, status: { notIn: ["CANCELLED" as const, "DELIVERED" as const] } },
  };
}

export async function findPersonHoldings({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<PersonHoldings>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
  const parsed = findPersonInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Please check the email address.", z.flattenError(parsed.error).fieldErrors);
  const { email } = parsed.data;

  const user = await db.user.findFirst({
    where: { email: { equals: email, mode: "insensitive" } },
    select: { id: true, name: true, platformRole: true, erasedAt: true, associate: { select: { id: true } } },
  });
  let account: PersonHoldings["account"] = null;
  if (user) {
    const associateId = user.associate?.id ?? null;
    const byAssociate = { associateId: associateId ?? "-" };
    const [sessions, accounts, memberships, story, consents, qualifications, compliance, rules, overrides, timeOff, assignments, expenses, payments, requested, actorEvents, upcoming] = await Promise.all([
      db.session.count({ where: { userId: user.id } }),
      db.account.count({ where: { userId: user.id } }),
      db.membership.count({ where: { userId: user.id } }),
      db.livedExperienceStory.count({ where: byAssociate }),
      db.consent.count({ where: byAssociate }),
      db.qualification.count({ where: byAssociate }),
      db.complianceRecord.count({ where: byAssociate }),
      db.availabilityRule.count({ where: byAssociate }),
      db.availabilityOverride.count({ where: byAssociate }),
      db.timeOff.count({ where: byAssociate }),
      db.assignment.count({ where: byAssociate }),
      db.expenseClaim.count({ where: byAssociate }),
      db.associatePayment.count({ where: byAssociate }),
      db.engagement.count({ where: { requestedById: user.id } }),
      db.auditEvent.count({ where: { OR: [{ actorId: user.id }, { subjectId: { in: [user.id, ...(associateId ? [associateId] : [])] } }] } }),
      associateId ? db.assignment.count({ where: upcomingAssignmentsWhere(associateId, now) }) : Promise.resolve(0),
    ]);
    const categories: HeldCategory[] = [
      { key: "account", label: "Account (name, email, phone)", count: 1 },
      { key: "signIns", label: "Sign-in sessions and linked logins", count: sessions + accounts },
      { key: "memberships", label: "Client organisation memberships", count: memberships },
      { key: "requested", label: "Bookings they requested", count: requested },
    ];
    if (associateId) {
      categories.push(
        { key: "profile", label: "Associate profile", count: 1 },
        { key: "story", label: "Private lived-experience story", count: story },
        { key: "consents", label: "Consents (with history)", count: consents },
        { key: "qualifications", label: "Services they deliver", count: qualifications },
        { key: "compliance", label: "Compliance checks", count: compliance },
        { key: "availability", label: "Availability (weekly times, date changes, time off)", count: rules + overrides + timeOff },
        { key: "assignments", label: "Sessions offered or worked", count: assignments },
        { key: "expenses", label: "Expense claims", count: expenses },
        { key: "payments", label: "Payments", count: payments },
      );
    }
    const outbox = await db.outboxMessage.count({ where: { to: { equals: email, mode: "insensitive" } } });
    categories.push({ key: "audit", label: "Audit events about them or by them", count: actorEvents }, { key: "emails", label: "Emails to them", count: outbox });
    account = { userId: user.id, name: user.name, role: user.platformRole, erasedAt: user.erasedAt, associateId, upcomingSessions: upcoming, categories };
  }

  const attendees = await db.attendee.findMany({
    where: { email: { equals: email, mode: "insensitive" } },
    select: { id: true, name: true, erasedAt: true, _count: { select: { feedback: true } }, attended: true },
    orderBy: { createdAt: "asc" },
  });
  let attendee: PersonHoldings["attendee"] = null;
  if (attendees.length > 0) {
    attendee = {
      attendeeIds: attendees.map((a) => a.id),
      names: [...new Set(attendees.map((a) => a.name))],
      erasedCount: attendees.filter((a) => a.erasedAt).length,
      categories: [
        { key: "attendee", label: "Places on bookings (name, email, job title)", count: attendees.length },
        { key: "feedback", label: "Feedback they gave", count: attendees.reduce((sum, a) => sum + a._count.feedback, 0) },
        { key: "certificates", label: "Certificates of attendance", count: attendees.filter((a) => a.attended).length },
      ],
    };
  }

  await db.auditEvent.create({
    data: {
      actorId: actor.userId,
      action: "privacy.lookup",
      subject: account ? "User" : attendee ? "Attendee" : "Privacy",
      subjectId: account?.userId ?? attendee?.attendeeIds[0] ?? "no-match",
      // Never the address searched for: only whether anything was found.
      data: { foundAccount: !!account, attendeeRecords: attendee?.attendeeIds.length ?? 0 },
    },
  });
  return ok({ email, account, attendee });
}
