import "server-only";
import type { AssociateActor } from "@/lib/auth/guards";
import { scopeAssociates } from "@/lib/auth/scope";
import type { DbTx } from "@/lib/db/create-client";
import { assessCompliance, type ComplianceReason } from "@/lib/domain/compliance";
import { offerWarnings, type OfferWarning } from "@/lib/domain/offer-warnings";
import { getIsoDateInZone } from "@/lib/domain/time/calendar-date";
import { loadPaidWork, pairingCandidatesAt, pairingSpan } from "@/lib/server/scheduling/pairing-facts";
import { getPolicy } from "@/lib/server/settings/get-policy";

const toIsoDate = (date: Date) => date.toISOString().slice(0, 10);
const MINUTE_MS = 60_000;

export type AssociateOffer = Awaited<ReturnType<typeof listOffers>>["offers"][number];

/**
 * The offers waiting for an associate, each with what they need to decide: client, place, time,
 * co-facilitator, fee, expenses policy and reply-by time — plus, worked out for them, whether their
 * checks allow it (and why not) and warnings about their own earnings limit or weekly hours.
 * Only the caller's own offers; expired ones are listed apart and can't be answered.
 */
export async function listOffers(db: DbTx, { actor, now = new Date() }: { actor: AssociateActor; now?: Date }) {
  const associate = await db.associate.findFirst({
    where: { AND: [scopeAssociates(actor), { id: actor.associateId }] },
    select: {
      id: true,
      expertise: true,
      feePerHalfDayPence: true,
      payPreference: true,
      receivesBenefits: true,
      earningsCapPence: true,
      capPeriod: true,
      complianceRecords: { select: { kind: true, checkedOn: true, expiresOn: true, details: true, verifiedAt: true } },
    },
  });
  if (!associate) return { offers: [], expired: [] };
  const assignments = await db.assignment.findMany({
    where: { associateId: associate.id, status: "OFFERED", delivery: { status: { not: "CANCELLED" }, startsAt: { gte: now } } },
    orderBy: [{ expiresAt: "asc" }, { delivery: { startsAt: "asc" } }],
    select: {
      id: true,
      role: true,
      feePence: true,
      offeredAt: true,
      expiresAt: true,
      delivery: {
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          mode: true,
          location: true,
          engagement: {
            select: {
              reference: true,
              attendeeCount: true,
              organisation: { select: { name: true, town: true } },
              service: { select: { name: true, childFacing: true, requiresSocialWorkRegistration: true } },
              _count: { select: { attendees: true } },
            },
          },
          assignments: {
            where: { associateId: { not: associate.id }, status: { in: ["OFFERED", "ACCEPTED"] } },
            select: { role: true, status: true, associate: { select: { user: { select: { name: true } } } } },
          },
        },
      },
    },
  });
  const policy = await getPolicy(db, now);
  const paidWork = assignments.length
    ? await loadPaidWork(db, { associateIds: [associate.id], span: pairingSpan(assignments.map((a) => a.delivery.startsAt.getTime())) })
    : new Map();
  const records = associate.complianceRecords.map((r) => ({
    kind: r.kind,
    checkedOn: toIsoDate(r.checkedOn),
    expiresOn: r.expiresOn ? toIsoDate(r.expiresOn) : null,
    details: r.details,
    isVerified: r.verifiedAt !== null,
  }));
  const schedulingAssociate = {
    associateId: associate.id,
    expertise: associate.expertise,
    feePerHalfDayPence: associate.feePerHalfDayPence,
    payPreference: associate.payPreference,
    receivesBenefits: associate.receivesBenefits,
    earningsCapPence: associate.earningsCapPence,
    capPeriod: associate.capPeriod,
    entries: [],
  };

  const all = assignments.map((assignment) => {
    const { delivery } = assignment;
    const sessionMinutes = Math.round((delivery.endsAt.getTime() - delivery.startsAt.getTime()) / MINUTE_MS);
    const isExpired = assignment.expiresAt !== null && assignment.expiresAt.getTime() <= now.getTime();
    const [facts] = pairingCandidatesAt({ associates: [schedulingAssociate], paidWork, startsAt: delivery.startsAt.getTime(), durationMinutes: sessionMinutes });
    const warnings: OfferWarning[] = offerWarnings({
      feePence: assignment.feePence,
      sessionMinutes,
      earningsCap: facts?.earningsCap ?? null,
      receivesBenefits: associate.receivesBenefits,
      minutesBookedThisWeek: facts?.minutesBookedThisWeek ?? 0,
      payPreference: associate.payPreference,
      weeklyHoursWarningMinutes: policy["benefits.weeklyHoursWarning"] * 60,
    });
    const assessment = assessCompliance({
      records,
      service: delivery.engagement.service,
      role: assignment.role,
      on: getIsoDateInZone(delivery.startsAt.getTime(), "Europe/London"),
      policy: { maxDbsUpdateCheckAgeDays: policy["dbs.maxUpdateCheckAgeDays"] },
    });
    const blockedBy: readonly ComplianceReason[] = assessment.isAllowed ? [] : assessment.reasons;
    const offer = {
      id: assignment.id,
      role: assignment.role,
      feePence: assignment.feePence,
      offeredAt: assignment.offeredAt,
      expiresAt: assignment.expiresAt,
      sessionMinutes,
      serviceName: delivery.engagement.service.name,
      isChildFacing: delivery.engagement.service.childFacing,
      reference: delivery.engagement.reference,
      clientName: delivery.engagement.organisation.name,
      clientTown: delivery.engagement.organisation.town,
      startsAt: delivery.startsAt,
      endsAt: delivery.endsAt,
      mode: delivery.mode,
      location: delivery.location,
      attendees: delivery.engagement._count.attendees || delivery.engagement.attendeeCount || 0,
      coFacilitators: delivery.assignments.map((a) => ({ name: a.associate.user.name ?? "Another associate", role: a.role, hasAccepted: a.status === "ACCEPTED" })),
      mileagePencePerMile: policy["hmrc.mileagePencePerMile"],
      warnings,
      blockedBy,
    };
    return { ...offer, isExpired };
  });
  return { offers: all.filter((o) => !o.isExpired), expired: all.filter((o) => o.isExpired) };
}
