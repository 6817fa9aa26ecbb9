import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { scopeAssociates, scopeDeliveries } from "@/lib/auth/scope";
import type { Db } from "@/lib/db/create-client";
import { summariseSpread, type SpreadSummary } from "@/lib/domain/fairness";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { getPeriodRange, type PeriodRange, reportPeriodInput } from "./reports-period";

/**
 * The impact report: paid work for care-experienced associates in a period, how evenly it is spread,
 * and whether every delivered session was co-delivered. Director only (anyone else: not found).
 *
 * What counts (written on the page too):
 * - a session counts when its delivery is DELIVERED and starts inside the period (UK time);
 * - paid work for care-experienced associates = ACCEPTED assignments in the LIVED role on those sessions
 *   with a fee above £0 (associates who chose expenses only or no payment are counted apart);
 * - pounds = the assignment's agreed fee (`feePence`), whether or not a pay run has paid it yet; expenses
 *   are never counted (they are reimbursements, not pay); hours = the session's length;
 * - spread = Gini coefficient and the top-20% share of those fees over every active associate who can take
 *   the lived-experience role (LIVED or BOTH), counting people with no paid work as £0, plus anyone else
 *   who earned in the LIVED role in the period;
 * - co-delivered = at least one ACCEPTED LIVED and one ACCEPTED PROFESSIONAL assignment, held by
 *   different people. It must be 100%: every exception is listed.
 * The per-person money figures are sensitive, so each read writes an audit event.
 */

export type ImpactPerson = {
  associateId: string;
  name: string;
  /** Minutes of paid lived-experience work. */
  paidMinutes: number;
  paidPence: number;
  /** Of paidPence, what a pay run has already paid out. */
  paidOutPence: number;
  sessions: number;
};

export type CoDeliveryException = {
  deliveryId: string;
  engagementReference: string;
  serviceName: string;
  organisationName: string;
  startsAt: Date;
  missing: string;
};

export type ImpactReport = {
  range: PeriodRange;
  lived: {
    paidMinutes: number;
    paidPence: number;
    paidOutPence: number;
    paidSessions: number;
    /** LIVED-role sessions delivered without a fee (the associate chose expenses only or no payment). */
    unpaidMinutes: number;
    associatesPaid: number;
  };
  /** Associates in any role given paid work in the period. */
  associatesPaidAnyRole: number;
  people: ImpactPerson[];
  spread: SpreadSummary;
  coDelivery: { delivered: number; coDelivered: number; exceptions: CoDeliveryException[] };
};

export async function getImpactReport({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<ImpactReport>> {
  if (actor.role !== "DIRECTOR") return fail(AppErrorCode.NOT_FOUND, "We couldn't find that page.");
  const parsed = reportPeriodInput.safeParse(input ?? {});
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose this month, this quarter or this year.", z.flattenError(parsed.error).fieldErrors);
  const range = getPeriodRange(parsed.data.period, now);

  const deliveries = await db.delivery.findMany({
    where: { ...scopeDeliveries(actor), status: "DELIVERED", startsAt: { gte: range.start, lt: range.end } },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      engagement: { select: { reference: true, organisation: { select: { name: true } }, service: { select: { name: true } } } },
      assignments: {
        where: { status: "ACCEPTED" },
        select: { role: true, associateId: true, feePence: true, payment: { select: { status: true, amountPence: true } } },
      },
    },
  });

  const byPerson = new Map<string, Omit<ImpactPerson, "name">>();
  const paidAnyRole = new Set<string>();
  let unpaidMinutes = 0;
  let coDelivered = 0;
  const exceptions: CoDeliveryException[] = [];
  for (const delivery of deliveries) {
    const minutes = Math.round((delivery.endsAt.getTime() - delivery.startsAt.getTime()) / 60_000);
    for (const assignment of delivery.assignments) {
      if (assignment.feePence > 0) paidAnyRole.add(assignment.associateId);
      if (assignment.role !== "LIVED") continue;
      if (assignment.feePence <= 0) {
        unpaidMinutes += minutes;
        continue;
      }
      const row = byPerson.get(assignment.associateId) ?? { associateId: assignment.associateId, paidMinutes: 0, paidPence: 0, paidOutPence: 0, sessions: 0 };
      row.paidMinutes += minutes;
      row.paidPence += assignment.feePence;
      if (assignment.payment?.status === "PAID") row.paidOutPence += Math.min(assignment.payment.amountPence, assignment.feePence);
      row.sessions += 1;
      byPerson.set(assignment.associateId, row);
    }
    const lived = new Set(delivery.assignments.filter((a) => a.role === "LIVED").map((a) => a.associateId));
    const professional = new Set(delivery.assignments.filter((a) => a.role === "PROFESSIONAL").map((a) => a.associateId));
    const distinct = new Set([...lived, ...professional]).size >= 2;
    if (lived.size > 0 && professional.size > 0 && distinct) {
      coDelivered += 1;
    } else {
      exceptions.push({
        deliveryId: delivery.id,
        engagementReference: delivery.engagement.reference,
        serviceName: delivery.engagement.service.name,
        organisationName: delivery.engagement.organisation.name,
        startsAt: delivery.startsAt,
        missing:
          lived.size === 0 && professional.size === 0
            ? "No facilitator had accepted."
            : lived.size === 0
              ? "No lived-experience associate had accepted."
              : professional.size === 0
                ? "No professional associate had accepted."
                : "One person held both roles.",
      });
    }
  }

  const associates = await db.associate.findMany({
    where: { ...scopeAssociates(actor), OR: [{ active: true, expertise: { in: ["LIVED", "BOTH"] } }, { id: { in: [...byPerson.keys()] } }] },
    select: { id: true, user: { select: { name: true, email: true } } },
  });
  const people: ImpactPerson[] = associates
    .map((associate) => ({
      ...(byPerson.get(associate.id) ?? { associateId: associate.id, paidMinutes: 0, paidPence: 0, paidOutPence: 0, sessions: 0 }),
      name: associate.user.name ?? associate.user.email,
    }))
    .sort((a, b) => b.paidPence - a.paidPence || a.name.localeCompare(b.name, "en-GB"));

  const earners = [...byPerson.values()];
  const report: ImpactReport = {
    range,
    lived: {
      paidMinutes: sum(earners.map((p) => p.paidMinutes)),
      paidPence: sum(earners.map((p) => p.paidPence)),
      paidOutPence: sum(earners.map((p) => p.paidOutPence)),
      paidSessions: sum(earners.map((p) => p.sessions)),
      unpaidMinutes,
      associatesPaid: earners.length,
    },
    associatesPaidAnyRole: paidAnyRole.size,
    people,
    spread: summariseSpread(people.map((p) => p.paidPence)),
    coDelivery: { delivered: deliveries.length, coDelivered, exceptions },
  };

  await db.auditEvent.create({
    data: {
      actorId: actor.userId,
      action: "report.impact.read",
      subject: "Report",
      subjectId: `impact-${range.period}`,
      data: { period: range.period, from: range.start.toISOString(), to: range.end.toISOString(), associatesShown: people.length },
    },
  });
  return ok(report);
}

function sum(values: number[]): number {
  return values.reduce((total, x) => total + x, 0);
}
