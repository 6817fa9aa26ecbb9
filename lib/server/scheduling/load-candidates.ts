import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { DateTime } from "luxon";
import type { DbTx } from "@/lib/db/create-client";
import { Prisma } from "@/lib/db/generated/prisma/client";
import type { AssociateRole } from "@/lib/server/scheduling/types";
import { type BookedAssignment, type DateOverride, expandAvailability } from "@/lib/domain/availability";
import { assessCompliance, type ComplianceRecord } from "@/lib/domain/compliance";
import type { PairingCandidate } from "@/lib/domain/pairing";
import type { Expertise } from "@/lib/domain/roles";
import type { SlotCandidate } from "@/lib/domain/slots";
import { addDays, convertDayNumberToIsoDate, convertIsoDateToDayNumber, getIsoDateInZone } from "@/lib/domain/time/calendar-date";
import { DAY_MS, type Interval, intersectIntervals, normaliseIntervals } from "@/lib/domain/time/interval";
import type { Policy } from "@/lib/server/settings/get-policy";

const LONDON = "Europe/London";

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
 * the days they are compliant (per role, in the delivery's UK date) and qualified. One query, whatever
 * the number of associates (no query per associate).
 */
export async function loadSchedulingCandidates(
  db: DbTx,
  {
    service,
    range,
    policy,
    excludeAssignmentIds = [],
    session,
    pageSize = PAGE_SIZE,
  }: {
    service: SchedulingService;
    range: Interval;
    policy: Policy;
    excludeAssignmentIds?: string[];
    /** For a single start time: skip, in SQL, everyone already booked or off during this session (± buffer). */
    session?: Interval;
    /** Associates per query (see below); tests set it small to check that pages join up. */
    pageSize?: number;
  },
): Promise<SchedulingAssociate[]> {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new Error(`pageSize must be a whole number of at least 1, not ${pageSize}`);
  const buffer = policy["scheduling.bufferMinutes"];
  const widened = { start: range.start - DAY_MS - buffer * 60_000, end: range.end + DAY_MS + buffer * 60_000 };
  // One row per associate, with the related rows folded into JSON arrays and strings: Prisma's per-row
  // cost dominated when rules, overrides and assignments came back as ~10k separate rows.
  const fetchPage = (afterId: string | null) => db.$queryRaw<CandidateRow[]>`
    SELECT a."id", a."expertise"::text AS "expertise", a."timezone", a."feePerHalfDayPence", a."payPreference"::text AS "payPreference",
           a."receivesBenefits", a."earningsCapPence", a."capPeriod"::text AS "capPeriod",
           (SELECT coalesce(json_agg(json_build_array(r."weekday", r."startMinute", r."endMinute")), '[]'::json)
              FROM "AvailabilityRule" r WHERE r."associateId" = a."id") AS "rules",
           -- Overrides and busy time as strings of space-separated fields: PostgreSQL builds text several
           -- times faster than JSON (~1 µs a row instead of ~5), which mattered at 20 overrides and 40
           -- assignments × hundreds of associates.
           (SELECT string_agg(o."date"::text || ' ' || o."startMinute" || ' ' || o."endMinute", ' ')
              FROM "AvailabilityOverride" o
             WHERE o."associateId" = a."id" AND o."date" BETWEEN ${new Date(widened.start)}::date AND ${new Date(widened.end)}::date) AS "overrides",
           (SELECT coalesce(json_agg(json_build_array((extract(epoch FROM t."startsAt") * 1000)::bigint, (extract(epoch FROM t."endsAt") * 1000)::bigint)), '[]'::json)
              FROM "TimeOff" t
             WHERE t."associateId" = a."id" AND t."startsAt" < ${new Date(widened.end)} AND t."endsAt" > ${new Date(widened.start)}) AS "timeOff",
           (SELECT coalesce(json_agg(json_build_array(c."kind"::text, to_char(c."checkedOn", 'YYYY-MM-DD'), to_char(c."expiresOn", 'YYYY-MM-DD'), c."details", c."verifiedAt" IS NOT NULL)), '[]'::json)
              FROM "ComplianceRecord" c WHERE c."associateId" = a."id") AS "compliance",
           (SELECT string_agg((date_part('epoch', s."blockedFrom") * 1000)::bigint || ' ' || (date_part('epoch', s."blockedUntil") * 1000)::bigint, ' ')
              FROM "Assignment" s
             WHERE s."associateId" = a."id" AND s."status" IN ('HELD', 'OFFERED', 'ACCEPTED')
               AND s."blockedUntil" > ${new Date(widened.start)} AND s."blockedFrom" < ${new Date(widened.end)}
               ${excluding(excludeAssignmentIds)}) AS "busy"
      FROM "Associate" a
     WHERE a."active"
       AND EXISTS (SELECT 1 FROM "Qualification" q WHERE q."associateId" = a."id" AND q."serviceId" = ${service.id} AND q."status" = 'APPROVED')
       AND EXISTS (SELECT 1 FROM "Consent" k WHERE k."associateId" = a."id" AND k."purpose" = 'MATCHING' AND k."withdrawnAt" IS NULL)
       ${session ? sessionFilter(session, buffer, excludeAssignmentIds) : Prisma.empty}
       ${afterId === null ? Prisma.empty : Prisma.sql`AND a."id" > ${afterId}`}
     ORDER BY a."id"
     LIMIT ${pageSize}`;

  const firstDay = getIsoDateInZone(range.start, LONDON);
  const lastDay = getIsoDateInZone(Math.max(range.start, range.end - 1), LONDON);
  const toCandidate = (row: CandidateRow): SchedulingAssociate => {
    const free = expandAvailability({
      timezone: row.timezone,
      rules: row.rules.map(([weekday, startMinute, endMinute]) => ({ weekday, startMinute, endMinute })),
      overrides: row.overrides ? parseOverrides(row.overrides) : [],
      timeOff: row.timeOff.map(([start, end]) => ({ start: Number(start), end: Number(end) })),
      assignments: row.busy ? parseBusy(row.busy) : [],
      bufferMinutes: buffer,
      range,
    });
    const records: ComplianceRecord[] = row.compliance.map(([kind, checkedOn, expiresOn, details, isVerified]) => ({
      kind: kind as ComplianceRecord["kind"],
      checkedOn,
      expiresOn,
      details,
      isVerified,
    }));
    const entries = buildEntries({ associateId: row.id, expertise: row.expertise, free, records, service, policy, firstDay, lastDay, range });
    return {
      associateId: row.id,
      expertise: row.expertise,
      feePerHalfDayPence: row.feePerHalfDayPence,
      payPreference: row.payPreference,
      receivesBenefits: row.receivesBenefits,
      earningsCapPence: row.earningsCapPence,
      capPeriod: row.capPeriod,
      entries,
    };
  };

  // Pages in id order, each asked for before the one in hand is expanded, so PostgreSQL reads the next
  // page while Node works on this one instead of each waiting for the other (1000 associates: ~85 ms
  // rather than ~125). The expansion yields to the event loop every few rows so the next page's query
  // really goes out meanwhile (and other requests get a turn). Each associate's rows come from one
  // statement, but each page is its own statement, so (at READ COMMITTED, in a transaction or not) a later
  // page may see a booking made after an earlier one was read. That is the staleness any search has: the
  // hold's own transaction and the exclusion constraint settle it.
  const candidates: SchedulingAssociate[] = [];
  let page = await fetchPage(null);
  while (page.length > 0) {
    // A plain promise (Prisma's are lazy until awaited), handled now as well as awaited below so that a
    // failure while this page is expanded is not reported as unhandled.
    const next = page.length === pageSize ? Promise.resolve(fetchPage(page[page.length - 1]!.id)) : null;
    next?.catch(() => undefined);
    for (let i = 0; i < page.length; i += 1) {
      if (next && i % YIELD_EVERY === 0) await yieldToEventLoop();
      candidates.push(toCandidate(page[i]!));
    }
    page = next ? await next : [];
  }
  return candidates;
}

/** Associates per page of the candidate query, and rows expanded between yields (see above). */
const PAGE_SIZE = 250;
const YIELD_EVERY = 50;

/** Leaves out the assignments being replaced; nothing when there are none, so the busy-time index alone answers. */
function excluding(assignmentIds: string[]) {
  return assignmentIds.length > 0 ? Prisma.sql`AND NOT (s."id" = ANY(${assignmentIds}::text[]))` : Prisma.empty;
}

/** The same test expandAvailability applies (blocked range widened by the new buffer), done in SQL first. */
function sessionFilter(session: Interval, bufferMinutes: number, excludeAssignmentIds: string[]) {
  const from = new Date(session.start - bufferMinutes * 60_000);
  const until = new Date(session.end + bufferMinutes * 60_000);
  return Prisma.sql`
       AND NOT EXISTS (SELECT 1 FROM "Assignment" s WHERE s."associateId" = a."id" AND s."status" IN ('HELD', 'OFFERED', 'ACCEPTED')
                         AND s."blockedUntil" > ${from} AND s."blockedFrom" < ${until} ${excluding(excludeAssignmentIds)})
       AND NOT EXISTS (SELECT 1 FROM "TimeOff" t WHERE t."associateId" = a."id" AND t."startsAt" < ${new Date(session.end)} AND t."endsAt" > ${new Date(session.start)})`;
}

/** "from until from until …" in epoch milliseconds (only active assignments are selected). */
function parseBusy(text: string): BookedAssignment[] {
  const fields = text.split(" ");
  const busy: BookedAssignment[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) busy.push({ blockedFrom: Number(fields[i]), blockedUntil: Number(fields[i + 1]), status: "ACCEPTED" });
  return busy;
}

/** "date startMinute endMinute date …", as built by the query. */
function parseOverrides(text: string): DateOverride[] {
  const fields = text.split(" ");
  const overrides: DateOverride[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) overrides.push({ date: fields[i]!, startMinute: Number(fields[i + 1]), endMinute: Number(fields[i + 2]) });
  return overrides;
}

type CandidateRow = {
  id: string;
  expertise: Expertise;
  timezone: string;
  feePerHalfDayPence: number;
  payPreference: string;
  receivesBenefits: boolean;
  earningsCapPence: number | null;
  capPeriod: "WEEK" | "MONTH" | null;
  rules: [number, number, number][];
  overrides: string | null;
  timeOff: [number, number][];
  compliance: [string, string, string | null, unknown, boolean][];
  busy: string | null;
};

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
  const compliancePolicy = { maxDbsUpdateCheckAgeDays: policy["dbs.maxUpdateCheckAgeDays"] };
  // Compliance only changes on the days a record starts, expires or becomes too old, so it is assessed
  // once per such change point rather than once per day: a handful of checks per associate, not ~90.
  // Worked out in day numbers; only the few change points inside the range become dates again.
  const first = convertIsoDateToDayNumber(firstDay);
  const last = convertIsoDateToDayNumber(lastDay);
  const changePoints = new Set<number>([first]);
  for (const record of records) {
    const checked = convertIsoDateToDayNumber(record.checkedOn);
    const afterExpiry = record.expiresOn ? convertIsoDateToDayNumber(record.expiresOn) + 1 : null;
    const tooOld = checked + compliancePolicy.maxDbsUpdateCheckAgeDays + 1;
    if (checked > first && checked <= last) changePoints.add(checked);
    if (afterExpiry !== null && afterExpiry > first && afterExpiry <= last) changePoints.add(afterExpiry);
    if (tooOld > first && tooOld <= last) changePoints.add(tooOld);
  }
  const points = [...changePoints].sort((a, b) => a - b).map(convertDayNumberToIsoDate);
  const byExpertise = new Map<Expertise, Interval[]>();
  points.forEach((day, index) => {
    const allowed = roles.filter((role) => assessCompliance({ records, service, role, on: day, policy: compliancePolicy }).isAllowed);
    if (allowed.length === 0) return;
    const effective: Expertise = allowed.length === 2 ? "BOTH" : allowed[0]!;
    const until = index + 1 < points.length ? points[index + 1]! : addDays(lastDay, 1);
    const list = byExpertise.get(effective) ?? [];
    list.push({ start: londonMidnight(day), end: londonMidnight(until) });
    byExpertise.set(effective, list);
  });
  const entries: SlotCandidate[] = [];
  for (const [effective, days] of byExpertise) {
    // `free` lies within `range` already; the usual case, compliant throughout, keeps it as it is.
    const allowedDays = normaliseIntervals(days);
    const isWholeRange = allowedDays.length === 1 && allowedDays[0]!.start <= range.start && allowedDays[0]!.end >= range.end;
    const allowedTime = isWholeRange ? free : intersectIntervals(free, allowedDays);
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
