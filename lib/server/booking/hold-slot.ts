import { randomInt } from "node:crypto";
import { z } from "zod";
import type { OrganisationContext } from "@/lib/auth/membership";
import type { Db } from "@/lib/db/create-client";
import { isRetryableConflict } from "@/lib/db/errors";
import { computeBlockedRange } from "@/lib/domain/availability";
import { rankPairs } from "@/lib/domain/pairing";
import { DAY_MS, MINUTE_MS } from "@/lib/domain/time/interval";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { loadPairingCandidates } from "@/lib/server/scheduling/pairing-facts";
import { searchSlots } from "@/lib/server/scheduling/search-slots";
import { getPolicy } from "@/lib/server/settings/get-policy";

export const holdSlotInput = z.object({
  serviceSlug: z.string().trim().min(1, "Choose a service.").max(100),
  startsAt: z.coerce.date({ message: "Choose a start time." }),
  mode: z.enum(["IN_PERSON", "ONLINE"], { message: "Choose online or in person." }),
  location: z.string().trim().max(300, "Keep the address under 300 characters.").optional(),
});

export type HoldSlotResult = { engagementId: string; reference: string; deliveryId: string; holdExpiresAt: Date };
export type SlotTakenResult = { ok: false; code: typeof AppErrorCode.SLOT_TAKEN; message: string; nearest: { start: Date; end: Date }[] };

const MAX_ATTEMPTS = 4;
/** Under a burst of bookings a request may wait for a connection; give it time rather than fail. */
const TRANSACTION_LIMITS = { maxWait: 15_000, timeout: 20_000 };
const REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A short human reference (no gapless requirement, so no shared counter to contend on). */
export function newEngagementReference(now: Date) {
  let code = "";
  for (let i = 0; i < 6; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `GT-${now.getUTCFullYear()}-${code}`;
}

/**
 * Holds a training slot while the client completes the booking: an engagement (PENDING_PAYMENT), a
 * HELD delivery that lapses after the hold time, and HELD assignments for the best-ranked pair.
 * Races are settled by the database (exclusion constraint): a losing attempt retries with the next
 * free pair, and when nobody is left answers SLOT_TAKEN with the nearest free times.
 */
export async function holdSlot({
  db,
  context,
  input,
  now = new Date(),
}: {
  db: Db;
  context: OrganisationContext;
  input: unknown;
  now?: Date;
}): Promise<Result<HoldSlotResult> | SlotTakenResult> {
  const parsed = holdSlotInput.safeParse(input);
  if (!parsed.success) {
    return fail(AppErrorCode.INVALID_INPUT, "Check the booking details.", z.flattenError(parsed.error).fieldErrors);
  }
  const { serviceSlug, startsAt, mode, location } = parsed.data;
  const service = await db.service.findFirst({
    where: { slug: serviceSlug, active: true, bookableOnline: true },
    select: {
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
    },
  });
  if (!service) return fail(AppErrorCode.NOT_FOUND, "That service can't be booked online.");
  if (!service.deliveryModes.includes(mode)) {
    return fail(AppErrorCode.INVALID_INPUT, "That format isn't offered for this service.", { mode: ["Choose a format this service offers."] });
  }
  if (mode === "IN_PERSON" && !location) {
    return fail(AppErrorCode.INVALID_INPUT, "Tell us where the session will be.", { location: ["Enter the address for an in-person session."] });
  }
  const start = startsAt.getTime();
  const end = start + service.durationMinutes * MINUTE_MS;

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      // Choose the pair outside the transaction (no connection held while computing); the short write
      // transaction below is settled by the exclusion constraint if someone else took them meanwhile.
      const policy = await getPolicy(db, now);
      const { search, associates } = await searchSlots(db, {
        service,
        range: { start, end: start + MINUTE_MS },
        now: now.getTime(),
        policy,
        exactStart: true,
      });
      if (!search.slots.some((slot) => slot.start === start)) break;
      const free = search.listAvailableAt(start);
      const freeIds = new Set([...free.lived, ...free.professional]);
      const pool = associates.filter((a) => freeIds.has(a.associateId));
      const candidates = await loadPairingCandidates(db, { associates: pool, startsAt: start, durationMinutes: service.durationMinutes });
      const livedSet = new Set(free.lived);
      const professionalSet = new Set(free.professional);
      // A retry searches again, so the pair that won the race is no longer free then.
      const pair = rankPairs({ candidates, sessionMinutes: service.durationMinutes, limit: 5 }).find(
        (p) => livedSet.has(p.lived.associateId) && professionalSet.has(p.professional.associateId),
      );
      if (!pair) break;

      const held = await db.$transaction(async (tx) => {
        const holdExpiresAt = new Date(now.getTime() + policy["hold.minutes"] * MINUTE_MS);
        const engagement = await tx.engagement.create({
          data: {
            reference: newEngagementReference(now),
            organisationId: context.organisation.id,
            serviceId: service.id,
            requestedById: context.actor.userId,
            status: "PENDING_PAYMENT",
            unitPricePenceSnapshot: service.pricePence,
            vatRateBasisPointsSnapshot: service.vatRateBasisPoints,
            cancellationTerms: DEFAULT_CANCELLATION_TERMS,
          },
          select: { id: true, reference: true },
        });
        const delivery = await tx.delivery.create({
          data: { engagementId: engagement.id, startsAt: new Date(start), endsAt: new Date(end), mode, location: location ?? null, status: "HELD", holdExpiresAt },
          select: { id: true },
        });
        const bufferMinutes = policy["scheduling.bufferMinutes"];
        const blocked = computeBlockedRange({ startsAt: start, endsAt: end, bufferMinutes });
        const feeOf = (id: string) => candidates.find((c) => c.associateId === id)!.feePence;
        await tx.assignment.createMany({
          data: [
            { role: "LIVED" as const, associateId: pair.lived.associateId },
            { role: "PROFESSIONAL" as const, associateId: pair.professional.associateId },
          ].map((member) => ({
            deliveryId: delivery.id,
            associateId: member.associateId,
            role: member.role,
            status: "HELD" as const,
            feePence: feeOf(member.associateId),
            bufferMinutes,
            blockedFrom: new Date(blocked.start),
            blockedUntil: new Date(blocked.end),
          })),
        });
        await tx.auditEvent.create({
          data: {
            actorId: context.actor.userId,
            organisationId: context.organisation.id,
            action: "booking.hold",
            subject: "Engagement",
            subjectId: engagement.id,
            data: { deliveryId: delivery.id, startsAt: new Date(start).toISOString() },
          },
        });
        return { engagementId: engagement.id, reference: engagement.reference, deliveryId: delivery.id, holdExpiresAt };
      }, TRANSACTION_LIMITS);
      return ok(held);
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isRetryableConflict(error)) continue;
      if (isRetryableConflict(error)) break;
      if (isBusy(error)) return fail(AppErrorCode.UNEXPECTED, "We're very busy right now. Please try again in a moment — nothing has been booked.");
      throw error;
    }
  }
  return slotTaken({ db, service, start, now });
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
}: {
  db: Db;
  service: Parameters<typeof searchSlots>[1]["service"];
  start: number;
  now: Date;
}): Promise<SlotTakenResult> {
  const policy = await getPolicy(db, now);
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

/** Shown before booking and stored on the engagement: the charge is computed from these, never typed. */
export const DEFAULT_CANCELLATION_TERMS = [
  { noticeDaysAtLeast: 28, chargeBasisPoints: 0, associatePassThroughBasisPoints: 0 },
  { noticeDaysAtLeast: 14, chargeBasisPoints: 5000, associatePassThroughBasisPoints: 5000 },
  { noticeDaysAtLeast: 0, chargeBasisPoints: 10000, associatePassThroughBasisPoints: 10000 },
];
