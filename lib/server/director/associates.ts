import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { scopeAssociates } from "@/lib/auth/scope";
import type { DbTx } from "@/lib/db/create-client";
import type { ComplianceKind } from "@/lib/db/generated/prisma/enums";
import { expandAvailability } from "@/lib/domain/availability";
import { convertLocalDaysToInterval, getTodayInZone } from "@/lib/domain/availability-rules";
import { addDays, type IsoDate } from "@/lib/domain/time/calendar-date";
import { fromDbDate, toDbDate } from "@/lib/server/associates/availability";
import { compliancePolicyFrom, storedRecordSelect, toStoredRecord } from "@/lib/server/associates/compliance";
import { type KindSummary, summariseCompliance } from "@/lib/server/associates/compliance-status";
import { getPolicy } from "@/lib/server/settings/get-policy";

/**
 * The director's associates list and one associate's summary: expertise, qualifications, compliance
 * status and next expiry, utilisation over the next four weeks, pay preference and the self-declared
 * "on benefits" flag. The benefits flag is money/benefits information, so every read is audited.
 * The lived-experience story is never read here.
 */

const LONDON = "Europe/London";
export const UTILISATION_WEEKS = 4;

/** The checks everyone needs, whatever their role, shown as "missing" when absent. */
const ESSENTIAL_KINDS: ComplianceKind[] = ["DBS_ENHANCED", "SAFEGUARDING_TRAINING", "INSURANCE"];

export type ComplianceHeadline = {
  /** The worst state across kinds: LAPSED (or not accepted), MISSING essentials, WAITING to verify, EXPIRING soon, or CURRENT. */
  status: "LAPSED" | "MISSING" | "WAITING" | "EXPIRING" | "CURRENT";
  missing: ComplianceKind[];
  lapsed: ComplianceKind[];
  waiting: ComplianceKind[];
  nextExpiry: { kind: ComplianceKind; on: IsoDate; daysLeft: number } | null;
};

export function headlineOf(kinds: readonly KindSummary[]): ComplianceHeadline {
  const of = (...statuses: KindSummary["status"][]) => kinds.filter((k) => statuses.includes(k.status)).map((k) => k.kind);
  const lapsed = of("LAPSED", "NOT_ACCEPTED");
  const missing = kinds.filter((k) => k.status === "MISSING" && ESSENTIAL_KINDS.includes(k.kind)).map((k) => k.kind);
  const waiting = of("WAITING");
  let nextExpiry: ComplianceHeadline["nextExpiry"] = null;
  for (const k of kinds) {
    const current = k.current;
    if (!current?.validUntil || current.daysLeft === null) continue;
    if (!nextExpiry || current.validUntil < nextExpiry.on) nextExpiry = { kind: k.kind, on: current.validUntil, daysLeft: current.daysLeft };
  }
  const status = lapsed.length ? "LAPSED" : missing.length ? "MISSING" : waiting.length ? "WAITING" : of("EXPIRING").length ? "EXPIRING" : "CURRENT";
  return { status, missing, lapsed, waiting, nextExpiry };
}

type Window = { firstDay: IsoDate; lastDay: IsoDate; start: Date; end: Date };

function utilisationWindow(now: Date): Window {
  const firstDay = getTodayInZone(now, LONDON);
  const lastDay = addDays(firstDay, UTILISATION_WEEKS * 7 - 1);
  const days = convertLocalDaysToInterval({ from: firstDay, to: lastDay, timezone: LONDON });
  return { firstDay, lastDay, start: new Date(Math.max(days.start, now.getTime())), end: new Date(days.end) };
}

export type Utilisation = { bookedMinutes: number; availableMinutes: number; percent: number | null };

/**
 * Booked hours (accepted sessions not cancelled) against the hours the associate said they're available
 * (weekly hours, or a date's change, minus time off) over the window. Sessions count whether or not they
 * fall inside the available hours; percent is null when no hours are available.
 */
async function loadUtilisation(db: DbTx, associateIds: string[], window: Window): Promise<Map<string, Utilisation>> {
  const [associates, rules, overrides, timeOff, assignments] = await Promise.all([
    db.associate.findMany({ where: { id: { in: associateIds } }, select: { id: true, timezone: true } }),
    db.availabilityRule.findMany({ where: { associateId: { in: associateIds } }, select: { associateId: true, weekday: true, startMinute: true, endMinute: true } }),
    db.availabilityOverride.findMany({
      where: { associateId: { in: associateIds }, date: { gte: toDbDate(addDays(window.firstDay, -1)), lte: toDbDate(addDays(window.lastDay, 1)) } },
      select: { associateId: true, date: true, startMinute: true, endMinute: true },
    }),
    db.timeOff.findMany({ where: { associateId: { in: associateIds }, startsAt: { lt: window.end }, endsAt: { gt: window.start } }, select: { associateId: true, startsAt: true, endsAt: true } }),
    db.assignment.findMany({
      where: { associateId: { in: associateIds }, status: "ACCEPTED", delivery: { status: { notIn: ["CANCELLED", "HELD"] }, startsAt: { lt: window.end }, endsAt: { gt: window.start } } },
      select: { associateId: true, delivery: { select: { startsAt: true, endsAt: true } } },
    }),
  ]);
  const result = new Map<string, Utilisation>();
  const range = { start: window.start.getTime(), end: window.end.getTime() };
  for (const associate of associates) {
    const free = expandAvailability({
      timezone: associate.timezone,
      rules: rules.filter((r) => r.associateId === associate.id),
      overrides: overrides.filter((o) => o.associateId === associate.id).map((o) => ({ date: fromDbDate(o.date), startMinute: o.startMinute, endMinute: o.endMinute })),
      timeOff: timeOff.filter((t) => t.associateId === associate.id).map((t) => ({ start: t.startsAt.getTime(), end: t.endsAt.getTime() })),
      range,
    });
    const availableMinutes = Math.round(free.reduce((sum, i) => sum + (i.end - i.start), 0) / 60_000);
    const bookedMinutes = Math.round(
      assignments
        .filter((a) => a.associateId === associate.id)
        .reduce((sum, a) => sum + (Math.min(a.delivery.endsAt.getTime(), range.end) - Math.max(a.delivery.startsAt.getTime(), range.start)), 0) / 60_000,
    );
    result.set(associate.id, { bookedMinutes, availableMinutes, percent: availableMinutes > 0 ? Math.round((bookedMinutes / availableMinutes) * 100) : null });
  }
  return result;
}

const listSelect = {
  id: true,
  expertise: true,
  active: true,
  payPreference: true,
  charityName: true,
  receivesBenefits: true,
  user: { select: { name: true, email: true } },
  qualifications: { select: { status: true, service: { select: { name: true } } } },
  complianceRecords: { select: storedRecordSelect },
} as const;

export async function listAssociatesForDirector(db: DbTx, { actor, now = new Date() }: { actor: Actor; now?: Date }) {
  if (actor.role !== "DIRECTOR") return null;
  const associates = await db.associate.findMany({ where: scopeAssociates(actor), orderBy: [{ active: "desc" }, { user: { name: "asc" } }], select: listSelect });
  const policy = compliancePolicyFrom(await getPolicy(db, now));
  const today = getIsoDateInZone(now);
  const window = utilisationWindow(now);
  const utilisation = await loadUtilisation(db, associates.map((a) => a.id), window);
  await db.auditEvent.create({ data: { actorId: actor.userId, action: "associates.list.read", subject: "Associate", subjectId: "*", data: { count: associates.length, fields: ["payPreference", "receivesBenefits"] } } });
  return {
    window: { firstDay: window.firstDay, lastDay: window.lastDay },
    associates: associates.map((a) => ({
      id: a.id,
      name: a.user.name ?? a.user.email,
      email: a.user.email,
      expertise: a.expertise,
      isActive: a.active,
      payPreference: a.payPreference,
      charityName: a.charityName,
      receivesBenefits: a.receivesBenefits,
      approvedServices: a.qualifications.filter((q) => q.status === "APPROVED").map((q) => q.service.name),
      pendingServices: a.qualifications.filter((q) => q.status === "PENDING").map((q) => q.service.name),
      compliance: headlineOf(summariseCompliance(a.complianceRecords.map(toStoredRecord), today, policy)),
      utilisation: utilisation.get(a.id) ?? { bookedMinutes: 0, availableMinutes: 0, percent: null },
    })),
  };
}
export type DirectorAssociateRow = NonNullable<Awaited<ReturnType<typeof listAssociatesForDirector>>>["associates"][number];

function getIsoDateInZone(now: Date): IsoDate {
  return getTodayInZone(now, LONDON);
}

/** One associate's operational summary for the director (null when not found or not the director). Audited. */
export async function getAssociateSummary(db: DbTx, { actor, unverifiedAssociateId, now = new Date() }: { actor: Actor; unverifiedAssociateId: string; now?: Date }) {
  if (actor.role !== "DIRECTOR") return null;
  const associate = await db.associate.findFirst({
    where: { AND: [scopeAssociates(actor), { id: unverifiedAssociateId }] },
    select: {
      ...listSelect,
      bio: true,
      timezone: true,
      feePerHalfDayPence: true,
      taxStatus: true,
      benefitsAdviceOfferedOn: true,
      earningsCapPence: true,
      capPeriod: true,
      createdAt: true,
    },
  });
  if (!associate) return null;
  const policy = compliancePolicyFrom(await getPolicy(db, now));
  const today = getIsoDateInZone(now);
  const window = utilisationWindow(now);
  const [utilisation, upcoming, payments, claims] = await Promise.all([
    loadUtilisation(db, [associate.id], window),
    db.assignment.findMany({
      where: { associateId: associate.id, status: { in: ["OFFERED", "ACCEPTED"] }, delivery: { status: { notIn: ["CANCELLED", "HELD"] }, startsAt: { gte: now, lt: window.end } } },
      orderBy: { delivery: { startsAt: "asc" } },
      select: { id: true, role: true, status: true, feePence: true, delivery: { select: { startsAt: true, endsAt: true, engagement: { select: { service: { select: { name: true } }, organisation: { select: { name: true } } } } } } },
    }),
    db.associatePayment.findMany({
      where: { associateId: associate.id },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { id: true, amountPence: true, status: true, paidAt: true, expenseClaimId: true, payRunId: true, createdAt: true },
    }),
    db.expenseClaim.findMany({ where: { associateId: associate.id, status: { in: ["SUBMITTED", "QUERIED"] } }, select: { id: true } }),
  ]);
  await db.auditEvent.create({ data: { actorId: actor.userId, action: "associate.summary.read", subject: "Associate", subjectId: associate.id, data: { fields: ["payPreference", "receivesBenefits", "taxStatus", "earningsCap"] } } });
  const kinds = summariseCompliance(associate.complianceRecords.map(toStoredRecord), today, policy);
  return {
    id: associate.id,
    name: associate.user.name ?? associate.user.email,
    email: associate.user.email,
    expertise: associate.expertise,
    isActive: associate.active,
    bio: associate.bio,
    timezone: associate.timezone,
    feePerHalfDayPence: associate.feePerHalfDayPence,
    payPreference: associate.payPreference,
    charityName: associate.charityName,
    taxStatus: associate.taxStatus,
    receivesBenefits: associate.receivesBenefits,
    benefitsAdviceOfferedOn: associate.benefitsAdviceOfferedOn ? associate.benefitsAdviceOfferedOn.toISOString().slice(0, 10) : null,
    earningsCapPence: associate.earningsCapPence,
    capPeriod: associate.capPeriod,
    qualifications: associate.qualifications.map((q) => ({ serviceName: q.service.name, status: q.status })),
    kinds,
    compliance: headlineOf(kinds),
    window: { firstDay: window.firstDay, lastDay: window.lastDay },
    utilisation: utilisation.get(associate.id) ?? { bookedMinutes: 0, availableMinutes: 0, percent: null },
    upcoming,
    payments,
    openClaims: claims.length,
  };
}
export type AssociateSummary = NonNullable<Awaited<ReturnType<typeof getAssociateSummary>>>;
