import { DateTime } from "luxon";
import type { DbTx } from "@/lib/db/create-client";
import type { AssociateRole } from "@/lib/server/scheduling/types";
import { expandAvailability } from "@/lib/domain/availability";
import { assessCompliance, type ComplianceRecord } from "@/lib/domain/compliance";
import type { PairingCandidate } from "@/lib/domain/pairing";
import type { Expertise } from "@/lib/domain/roles";
import type { SlotCandidate } from "@/lib/domain/slots";
import { addDays, getIsoDateInZone } from "@/lib/domain/time/calendar-date";
import { clipIntervals, DAY_MS, type Interval, intersectIntervals, normaliseIntervals } from "@/lib/domain/time/interval";
import type { Policy } from "@/lib/server/settings/get-policy";

const LONDON = "Europe/London";
const toIsoDate = (date: Date) => date.toISOString().slice(0, 10);

export type SchedulingService = {
  id: string;
  durationMinutes: number;
  livedRequired: number;
  professionalRequired: number;
  childFacing: boolean;
  requiresSocialWorkRegistration: boolean;
};

export type SchedulingAssociate = {
  associateId: string;
  expertise: Expertise;
  feePerHalfDayPence: number;
  payPreference: string;
  receivesBenefits: boolean;
  earningsCapPence: number | null;
  capPeriod: "WEEK" | "MONTH" | null;
  /** Slot-search entries: one per role set this associate can fill, on disjoint time (compliance can differ by role). */
  entries: SlotCandidate[];
};

/**
 * Loads everyone who could deliver `service` during `range`, with their free time already reduced to
 * the days they are compliant (per role, in the delivery's UK date) and qualified. Five queries in all,
 * whatever the number of associates (no query per associate).
 */
export async function loadSchedulingCandidates(
  db: DbTx,
  { service, range, policy, excludeAssignmentIds = [] }: { service: SchedulingService; range: Interval; policy: Policy; excludeAssignmentIds?: string[] },
): Promise<SchedulingAssociate[]> {
  const buffer = policy["scheduling.bufferMinutes"];
  const widened = { start: range.start - DAY_MS - buffer * 60_000, end: range.end + DAY_MS + buffer * 60_000 };
  const associates = await db.associate.findMany({
    where: {
      active: true,
      qualifications: { some: { serviceId: service.id, status: "APPROVED" } },
      consents: { some: { purpose: "MATCHING", withdrawnAt: null } },
    },
    orderBy: { id: "asc" },
    select: {
      id: true,
      expertise: true,
      timezone: true,
      feePerHalfDayPence: true,
      payPreference: true,
      receivesBenefits: true,
      earningsCapPence: true,
      capPeriod: true,
    },
  });
  const ids = associates.map((a) => a.id);
  if (ids.length === 0) return [];
  const [rules, overrides, timeOff, busy, compliance] = await Promise.all([
    db.availabilityRule.findMany({ where: { associateId: { in: ids } }, select: { associateId: true, weekday: true, startMinute: true, endMinute: true } }),
    db.availabilityOverride.findMany({
      where: { associateId: { in: ids }, date: { gte: new Date(widened.start), lte: new Date(widened.end) } },
      select: { associateId: true, date: true, startMinute: true, endMinute: true },
    }),
    db.timeOff.findMany({
      where: { associateId: { in: ids }, startsAt: { lt: new Date(widened.end) }, endsAt: { gt: new Date(widened.start) } },
      select: { associateId: true, startsAt: true, endsAt: true },
    }),
    db.assignment.findMany({
      where: {
        associateId: { in: ids },
        status: { in: ["HELD", "OFFERED", "ACCEPTED"] },
        blockedFrom: { lt: new Date(widened.end) },
        blockedUntil: { gt: new Date(widened.start) },
        ...(excludeAssignmentIds.length ? { id: { notIn: excludeAssignmentIds } } : {}),
      },
      select: { associateId: true, blockedFrom: true, blockedUntil: true, status: true },
    }),
    db.complianceRecord.findMany({
      where: { associateId: { in: ids } },
      select: { associateId: true, kind: true, checkedOn: true, expiresOn: true, details: true, verifiedAt: true },
    }),
  ]);
  const group = <T extends { associateId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(row.associateId);
      if (list) list.push(row);
      else map.set(row.associateId, [row]);
    }
    return map;
  };
  const rulesBy = group(rules);
  const overridesBy = group(overrides);
  const timeOffBy = group(timeOff);
  const busyBy = group(busy);
  const complianceBy = group(compliance);

  const firstDay = getIsoDateInZone(range.start, LONDON);
  const lastDay = getIsoDateInZone(Math.max(range.start, range.end - 1), LONDON);

  return associates.map((associate) => {
    const free = expandAvailability({
      timezone: associate.timezone,
      rules: rulesBy.get(associate.id) ?? [],
      overrides: (overridesBy.get(associate.id) ?? []).map((o) => ({ date: toIsoDate(o.date), startMinute: o.startMinute, endMinute: o.endMinute })),
      timeOff: (timeOffBy.get(associate.id) ?? []).map((t) => ({ start: t.startsAt.getTime(), end: t.endsAt.getTime() })),
      assignments: (busyBy.get(associate.id) ?? []).map((b) => ({ blockedFrom: b.blockedFrom.getTime(), blockedUntil: b.blockedUntil.getTime(), status: b.status })),
      bufferMinutes: buffer,
      range,
    });
    const records: ComplianceRecord[] = (complianceBy.get(associate.id) ?? []).map((r) => ({
      kind: r.kind,
      checkedOn: toIsoDate(r.checkedOn),
      expiresOn: r.expiresOn ? toIsoDate(r.expiresOn) : null,
      details: r.details,
      isVerified: r.verifiedAt !== null,
    }));
    const entries = buildEntries({
      associateId: associate.id,
      expertise: associate.expertise,
      free,
      records,
      service,
      policy,
      firstDay,
      lastDay,
      range,
    });
    return {
      associateId: associate.id,
      expertise: associate.expertise,
      feePerHalfDayPence: associate.feePerHalfDayPence,
      payPreference: associate.payPreference,
      receivesBenefits: associate.receivesBenefits,
      earningsCapPence: associate.earningsCapPence,
      capPeriod: associate.capPeriod,
      entries,
    };
  });
}

/** Splits free time by the roles the associate is compliant for on each UK date. */
function buildEntries({
  associateId,
  expertise,
  free,
  records,
  service,
  policy,
  firstDay,
  lastDay,
  range,
}: {
  associateId: string;
  expertise: Expertise;
  free: Interval[];
  records: ComplianceRecord[];
  service: SchedulingService;
  policy: Policy;
  firstDay: string;
  lastDay: string;
  range: Interval;
}): SlotCandidate[] {
  if (free.length === 0) return [];
  const roles: AssociateRole[] = expertise === "BOTH" ? ["LIVED", "PROFESSIONAL"] : [expertise];
  // Days (as UTC instants of London midnights) grouped by which roles are allowed that day.
  const byExpertise = new Map<Expertise, Interval[]>();
  const compliancePolicy = { maxDbsUpdateCheckAgeDays: policy["dbs.maxUpdateCheckAgeDays"] };
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) {
    const allowed = roles.filter((role) => assessCompliance({ records, service, role, on: day, policy: compliancePolicy }).isAllowed);
    if (allowed.length === 0) continue;
    const effective: Expertise = allowed.length === 2 ? "BOTH" : allowed[0]!;
    const dayStart = londonMidnight(day);
    const dayEnd = londonMidnight(addDays(day, 1));
    const list = byExpertise.get(effective) ?? [];
    list.push({ start: dayStart, end: dayEnd });
    byExpertise.set(effective, list);
  }
  const entries: SlotCandidate[] = [];
  for (const [effective, days] of byExpertise) {
    const allowedTime = clipIntervals(intersectIntervals(free, normaliseIntervals(days)), { start: range.start, end: range.end });
    if (allowedTime.length) entries.push({ associateId, expertise: effective, free: allowedTime });
  }
  return entries;
}

const midnightCache = new Map<string, number>();
/** 00:00 in London on `day`, as a UTC instant (luxon handles the clock changes). */
function londonMidnight(day: string): number {
  let value = midnightCache.get(day);
  if (value === undefined) {
    value = DateTime.fromISO(day, { zone: LONDON }).startOf("day").toMillis();
    midnightCache.set(day, value);
  }
  return value;
}

/** What pair ranking needs about each candidate free at a given start. */
export type PairingFacts = Map<string, Omit<PairingCandidate, "associateId" | "expertise">>;
