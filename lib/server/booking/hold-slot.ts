import { randomInt, randomUUID } from "node:crypto";
import { z } from "zod";
import type { OrganisationContext } from "@/lib/auth/membership";
import type { Db } from "@/lib/db/create-client";
import { isRetryableConflict } from "@/lib/db/errors";
import { computeBlockedRange } from "@/lib/domain/availability";
import { rankPairs, type RankedPair } from "@/lib/domain/pairing";
import type { Expertise } from "@/lib/domain/roles";
import { DAY_MS, type Interval, MINUTE_MS } from "@/lib/domain/time/interval";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import type { SchedulingAssociate } from "@/lib/server/scheduling/load-candidates";
import { loadPaidWork, pairingCandidatesAt, pairingSpan } from "@/lib/server/scheduling/pairing-facts";
import { searchSlots } from "@/lib/server/scheduling/search-slots";
import { getPolicy, type Policy } from "@/lib/server/settings/get-policy";
import { DEFAULT_CANCELLATION_TERMS } from "@/lib/cancellation-terms";
import { BOOKING_TRANSACTION_LIMITS } from "@/lib/server/booking/transaction-limits";

export { DEFAULT_CANCELLATION_TERMS };

export const holdSlotInput = z.object({
  serviceSlug: z.string().trim().min(1, "Choose a service.").max(100),
  startsAt: z.coerce
    .date({ message: "Choose a start time." })
    .refine((date) => date.getTime() > Date.UTC(2000, 0, 1) && date.getTime() < Date.now() + 2 * 365 * DAY_MS, "Choose a time within the next two years."),
  mode: z.enum(["IN_PERSON", "ONLINE"], { message: "Choose online or in person." }),
  location: z.string().trim().max(300, "Keep the address under 300 characters.").optional(),
});

export type HoldSlotResult = { engagementId: string; reference: string; deliveryId: string; holdExpiresAt: Date };
export type SlotTakenResult = { ok: false; code: typeof AppErrorCode.SLOT_TAKEN; message: string; nearest: { start: Date; end: Date }[] };
type HoldOutcome = Result<HoldSlotResult> | SlotTakenResult;

const MAX_ATTEMPTS = 4;
/** Requests for one service are handled together, at most this many at a time. */
const MAX_BATCH = 200;
/** Starts further apart than this are searched separately (one load per group). */
const MAX_SEARCH_SPAN_MS = 100 * DAY_MS;
/** Under a burst of bookings a request may wait for a connection; give it time rather than fail. */
const REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A short human reference (no gapless requirement, so no shared counter to contend on). */
export function newEngagementReference(now: Date) {
  let code = "";
  for (let i = 0; i < 6; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `GT-${now.getUTCFullYear()}-${code}`;
}

type HoldRequest = z.output<typeof holdSlotInput> & { context: OrganisationContext; now: Date };
type Pending = { request: HoldRequest; resolve: (outcome: HoldOutcome) => void; reject: (error: unknown) => void };

/**
 * Holds a training slot while the client completes the booking: an engagement (PENDING_PAYMENT), a
 * HELD delivery that lapses after the hold time, and HELD assignments for the best-ranked pair.
 *
 * Requests for the same service that arrive while one is being worked on are handled together (see
 * docs/decisions/0004): one search and one write for the whole group, people handed out in arrival
 * order so the group never double-books itself. The database still settles races with other
 * processes (exclusion constraint): on a conflict each request is retried on its own with a fresh
 * search, and when nobody is left the answer is SLOT_TAKEN with the nearest free times.
 */
export function holdSlot({
  db,
  context,
  input,
  now = new Date(),
}: {
  db: Db;
  context: OrganisationContext;
  input: unknown;
  now?: Date;
}): Promise<HoldOutcome> {
  const parsed = holdSlotInput.safeParse(input);
  if (!parsed.success) {
    return Promise.resolve(fail(AppErrorCode.INVALID_INPUT, "Check the booking details.", z.flattenError(parsed.error).fieldErrors));
  }
  const { mode, location } = parsed.data;
  if (mode === "IN_PERSON" && !location) {
    return Promise.resolve(
      fail(AppErrorCode.INVALID_INPUT, "Tell us where the session will be.", { location: ["Enter the address for an in-person session."] }),
    );
  }
  return new Promise((resolve, reject) => enqueue(db, { request: { ...parsed.data, context, now }, resolve, reject }));
}

// ---------------------------------------------------------------------------------------------------
// Grouping: one queue per database client and service; while a group is worked on, the next gathers.

type Queue = { pending: Pending[]; isRunning: boolean };
const queues = new WeakMap<Db, Map<string, Queue>>();

function enqueue(db: Db, item: Pending) {
  let byService = queues.get(db);
  if (!byService) queues.set(db, (byService = new Map()));
  const key = item.request.serviceSlug;
  let queue = byService.get(key);
  if (!queue) byService.set(key, (queue = { pending: [], isRunning: false }));
  queue.pending.push(item);
  if (!queue.isRunning) {
    queue.isRunning = true;
    // Let every request made in this same tick join the first group.
    setImmediate(() => void drain(db, key, queue, byService));
  }
}

async function drain(db: Db, key: string, queue: Queue, byService: Map<string, Queue>) {
  while (queue.pending.length > 0) {
    const group = queue.pending.splice(0, MAX_BATCH);
    try {
      await holdGroup(db, group);
    } catch (error) {
      // Something unexpected: never let one request's failure answer for the others — try each alone.
      if (group.length === 1) group[0]!.reject(error);
      else for (const item of group) await holdGroup(db, [item]).catch((failure: unknown) => item.reject(failure));
    }
  }
  queue.isRunning = false;
  byService.delete(key);
}

// ---------------------------------------------------------------------------------------------------

const SERVICE_SELECT = {
  id: true,
  name: true,
  durationMinutes: true,
  livedRequired: true,
  professionalRequired: true,
  childFacing: true,
  requiresSocialWorkRegistration: true,
  deliveryModes: true,
  pricePence: true,
  vatRateBasisPoints: true,
} as const;
type HoldService = { id: string; durationMinutes: number; livedRequired: number; professionalRequired: number; childFacing: boolean; requiresSocialWorkRegistration: boolean; pricePence: number; vatRateBasisPoints: number; deliveryModes: string[] };

type Plan = { item: Pending; start: number; end: number; pair: RankedPair; feePence: Map<string, number>; blocked: Interval };

async function holdGroup(db: Db, group: Pending[], attempt = 1): Promise<void> {
  const first = group[0]!.request;
  const service: HoldService | null = await db.service.findFirst({
    where: { slug: first.serviceSlug, active: true, bookableOnline: true },
    select: SERVICE_SELECT,
  });
  if (!service) {
    for (const item of group) item.resolve(fail(AppErrorCode.NOT_FOUND, "That service can't be booked online."));
    return;
  }
  const valid: Pending[] = [];
  for (const item of group) {
    if (service.deliveryModes.includes(item.request.mode)) valid.push(item);
    else item.resolve(fail(AppErrorCode.INVALID_INPUT, "That format isn't offered for this service.", { mode: ["Choose a format this service offers."] }));
  }
  if (valid.length === 0) return;

  const policy = await getPolicy(db, first.now);
  const { plans, losers } = await planHolds(db, { service, policy, items: valid });
  try {
    if (plans.length > 0) await writeHolds(db, { service, policy, plans });
  } catch (error) {
    if (isBusy(error)) {
      for (const item of valid) item.resolve(fail(AppErrorCode.UNEXPECTED, "We're very busy right now. Please try again in a moment — nothing has been booked."));
      return;
    }
    if (!isRetryableConflict(error)) throw error;
    // Someone outside this group took one of the people: nothing of the group was written. Each
    // request tries again on its own, with a fresh search.
    if (valid.length > 1) {
      for (const item of valid) await holdGroup(db, [item], 1).catch((failure: unknown) => item.reject(failure));
    } else if (attempt < MAX_ATTEMPTS) {
      await holdGroup(db, valid, attempt + 1);
    } else {
      valid[0]!.resolve(await slotTaken({ db, service, start: valid[0]!.request.startsAt.getTime(), now: valid[0]!.request.now, policy }));
    }
    return;
  }
  for (const plan of plans) plan.item.resolve(ok(plan.result!));
  // Answer the losers after the winners are written, so their nearest free times already exclude them.
  const nearestByStart = new Map<number, Promise<SlotTakenResult>>();
  for (const item of losers) {
    const start = item.request.startsAt.getTime();
    if (!nearestByStart.has(start)) nearestByStart.set(start, slotTaken({ db, service, start, now: item.request.now, policy }));
    item.resolve(await nearestByStart.get(start)!);
  }
}

/**
 * Chooses a pair for each request, in arrival order: one candidate search per group of nearby starts
 * and one fairness load, then pure ranking. A person given to an earlier request is not free for a
 * later one whose blocked time overlaps.
 */
async function planHolds(db: Db, { service, policy, items }: { service: HoldService; policy: Policy; items: Pending[] }) {
  const durationMs = service.durationMinutes * MINUTE_MS;
  const starts = [...new Set(items.map((item) => item.request.startsAt.getTime()))].sort((a, b) => a - b);
  const earliestNow = Math.min(...items.map((item) => item.request.now.getTime()));
  const spans: number[][] = [];
  for (const start of starts) {
    const current = spans.at(-1);
    if (current && start - current[0]! <= MAX_SEARCH_SPAN_MS) current.push(start);
    else spans.push([start]);
  }
  const searches = [];
  for (const span of spans) {
    const isSingle = span.length === 1;
    const found = await searchSlots(db, {
        service,
        range: { start: span[0]!, end: span.at(-1)! + MINUTE_MS },
        now: earliestNow,
        policy,
        exactStart: isSingle,
      });
    searches.push({ span, search: found.search, associates: found.associates, byId: new Map(found.associates.map((a) => [a.associateId, a])) });
  }
  const everyone = new Map<string, SchedulingAssociate>();
  for (const { associates } of searches) for (const associate of associates) everyone.set(associate.associateId, associate);
  const paidWork = await loadPaidWork(db, { associateIds: [...everyone.keys()], span: pairingSpan(starts) });

  const bufferMinutes = policy["scheduling.bufferMinutes"];
  const given = new Map<string, Interval[]>();
  const isGivenDuring = (associateId: string, blocked: Interval) =>
    (given.get(associateId) ?? []).some((other) => other.start < blocked.end && blocked.start < other.end);
  const plans: (Plan & { result?: HoldSlotResult })[] = [];
  const losers: Pending[] = [];
  for (const item of items) {
    const start = item.request.startsAt.getTime();
    const end = start + durationMs;
    const blocked = computeBlockedRange({ startsAt: start, endsAt: end, bufferMinutes });
    const search = searches.find(({ span }) => span.includes(start))!;
    const isNoticeEnough = start >= item.request.now.getTime() + policy["booking.minimumNoticeHours"] * 3_600_000;
    const free = isNoticeEnough ? search.search.listAvailableAt(start) : { lived: [], professional: [] };
    const lived = new Set(free.lived.filter((id) => !isGivenDuring(id, blocked)));
    const professional = new Set(free.professional.filter((id) => !isGivenDuring(id, blocked)));
    // Rank with the roles each person can take at this time (compliance can differ by role).
    const pool = [...new Set([...lived, ...professional])].map((id) => {
      const associate = search.byId.get(id)!;
      const expertise: Expertise = lived.has(id) && professional.has(id) ? "BOTH" : lived.has(id) ? "LIVED" : "PROFESSIONAL";
      return { ...associate, expertise };
    });
    const candidates = pairingCandidatesAt({ associates: pool, paidWork, startsAt: start, durationMinutes: service.durationMinutes });
    const pair = rankPairs({ candidates, sessionMinutes: service.durationMinutes, limit: 1 })[0];
    if (!pair) {
      losers.push(item);
      continue;
    }
    for (const id of [pair.lived.associateId, pair.professional.associateId]) given.set(id, [...(given.get(id) ?? []), blocked]);
    plans.push({ item, start, end, pair, blocked, feePence: new Map(candidates.map((c) => [c.associateId, c.feePence])) });
  }
  return { plans, losers };
}

/** One transaction for the whole group: engagements, deliveries, assignments and audit events. */
async function writeHolds(db: Db, { service, policy, plans }: { service: HoldService; policy: Policy; plans: (Plan & { result?: HoldSlotResult })[] }) {
  const bufferMinutes = policy["scheduling.bufferMinutes"];
  const rows = plans.map((plan) => {
    const { request } = plan.item;
    const holdExpiresAt = new Date(request.now.getTime() + policy["hold.minutes"] * MINUTE_MS);
    return { plan, request, engagementId: randomUUID(), deliveryId: randomUUID(), reference: newEngagementReference(request.now), holdExpiresAt };
  });
  await db.$transaction(async (tx) => {
    await tx.engagement.createMany({
      data: rows.map(({ request, engagementId, reference }) => ({
        id: engagementId,
        reference,
        organisationId: request.context.organisation.id,
        serviceId: service.id,
        requestedById: request.context.actor.userId,
        status: "PENDING_PAYMENT" as const,
        unitPricePenceSnapshot: service.pricePence,
        vatRateBasisPointsSnapshot: service.vatRateBasisPoints,
        cancellationTerms: DEFAULT_CANCELLATION_TERMS,
      })),
    });
    await tx.delivery.createMany({
      data: rows.map(({ plan, request, engagementId, deliveryId, holdExpiresAt }) => ({
        id: deliveryId,
        engagementId,
        startsAt: new Date(plan.start),
        endsAt: new Date(plan.end),
        mode: request.mode,
        location: request.location ?? null,
        status: "HELD" as const,
        holdExpiresAt,
      })),
    });
    await tx.assignment.createMany({
      data: rows.flatMap(({ plan, deliveryId }) =>
        [
          { role: "LIVED" as const, associateId: plan.pair.lived.associateId },
          { role: "PROFESSIONAL" as const, associateId: plan.pair.professional.associateId },
        ].map((member) => ({
          deliveryId,
          associateId: member.associateId,
          role: member.role,
          status: "HELD" as const,
          feePence: plan.feePence.get(member.associateId) ?? 0,
          bufferMinutes,
          blockedFrom: new Date(plan.blocked.start),
          blockedUntil: new Date(plan.blocked.end),
        })),
      ),
    });
    await tx.auditEvent.createMany({
      data: rows.map(({ plan, request, engagementId, deliveryId }) => ({
        actorId: request.context.actor.userId,
        organisationId: request.context.organisation.id,
        action: "booking.hold",
        subject: "Engagement",
        subjectId: engagementId,
        data: { deliveryId, startsAt: new Date(plan.start).toISOString() },
      })),
    });
  }, BOOKING_TRANSACTION_LIMITS);
  for (const { plan, engagementId, reference, deliveryId, holdExpiresAt } of rows) {
    plan.result = { engagementId, reference, deliveryId, holdExpiresAt };
  }
}

/** Prisma's "could not start a transaction in time" (pool exhausted). */
function isBusy(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2028";
}

async function slotTaken({
  db,
  service,
  start,
  now,
  policy,
}: {
  db: Db;
  service: HoldService;
  start: number;
  now: Date;
  policy: Policy;
}): Promise<SlotTakenResult> {
  // The day either side first (cheap, and usually enough); the whole week only if that is empty.
  let { search } = await searchSlots(db, { service, range: { start: start - DAY_MS, end: start + 2 * DAY_MS }, now: now.getTime(), policy });
  if (search.slots.length === 0) {
    ({ search } = await searchSlots(db, { service, range: { start: start - 3 * DAY_MS, end: start + 4 * DAY_MS }, now: now.getTime(), policy }));
  }
  const nearest = [...search.slots]
    .sort((a, b) => Math.abs(a.start - start) - Math.abs(b.start - start))
    .slice(0, 5)
    .sort((a, b) => a.start - b.start)
    .map((slot) => ({ start: new Date(slot.start), end: new Date(slot.end) }));
  return {
    ok: false,
    code: AppErrorCode.SLOT_TAKEN,
    message: nearest.length ? "That time was just taken — here are the nearest free times." : "That time was just taken, and there are no other free times that week.",
    nearest,
  };
}
