/**
 * Shared steps of the booking life cycle, always run inside the caller's transaction after the
 * delivery row is locked (`lockDelivery`), so operations on one delivery never interleave.
 */
import type { DbTx } from "@/lib/db/create-client";
import { isRetryableConflict } from "@/lib/db/errors";
import { assertTransition, deriveDeliveryStatus, type DeliveryStatus } from "@/lib/domain/booking";
import { rankPairs } from "@/lib/domain/pairing";
import { computeBlockedRange } from "@/lib/domain/availability";
import { MINUTE_MS } from "@/lib/domain/time/interval";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { renderOfferEmail } from "@/lib/integrations/email/templates/booking";
import { loadPairingCandidates } from "@/lib/server/scheduling/pairing-facts";
import { searchSlots } from "@/lib/server/scheduling/search-slots";
import type { Policy } from "@/lib/server/settings/get-policy";

export const ACTIVE_ASSIGNMENT = ["HELD", "OFFERED", "ACCEPTED"] as const;

/** Locks the delivery row for the rest of the transaction. */
export async function lockDelivery(tx: DbTx, deliveryId: string) {
  await tx.$queryRaw`SELECT "id" FROM "Delivery" WHERE "id" = ${deliveryId} FOR UPDATE`;
}

export async function loadDeliveryState(tx: DbTx, deliveryId: string) {
  return tx.delivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: {
      id: true,
      status: true,
      startsAt: true,
      endsAt: true,
      mode: true,
      location: true,
      holdExpiresAt: true,
      engagement: {
        select: {
          id: true,
          reference: true,
          status: true,
          organisationId: true,
          organisation: { select: { name: true } },
          service: {
            select: { id: true, name: true, durationMinutes: true, livedRequired: true, professionalRequired: true, childFacing: true, requiresSocialWorkRegistration: true },
          },
        },
      },
      assignments: { select: { id: true, associateId: true, role: true, status: true } },
    },
  });
}

export type DeliveryState = Awaited<ReturnType<typeof loadDeliveryState>>;

/**
 * Recomputes the delivery's status from its assignments (the co-facilitation invariant) and the
 * engagement's from its deliveries; writes both. Returns the delivery's previous and new status.
 */
export async function syncStatuses(tx: DbTx, deliveryId: string): Promise<{ previous: DeliveryStatus; next: DeliveryStatus }> {
  const state = await loadDeliveryState(tx, deliveryId);
  const previous = state.status;
  const next = deriveDeliveryStatus({ current: previous, assignments: state.assignments, requirements: state.engagement.service });
  if (next !== previous) {
    assertTransition("DELIVERY", previous, next);
    await tx.delivery.update({ where: { id: deliveryId }, data: { status: next, ...(previous === "HELD" ? { holdExpiresAt: null } : {}) } });
  }
  const engagement = state.engagement;
  if (engagement.status === "AWAITING_FACILITATORS" || engagement.status === "CONFIRMED") {
    const live = await tx.delivery.findMany({
      where: { engagementId: engagement.id, status: { notIn: ["CANCELLED"] } },
      select: { status: true },
    });
    const target = live.length > 0 && live.every((d) => d.status === "CONFIRMED" || d.status === "DELIVERED") ? "CONFIRMED" : "AWAITING_FACILITATORS";
    if (target !== engagement.status) {
      assertTransition("ENGAGEMENT", engagement.status, target);
      await tx.engagement.update({ where: { id: engagement.id }, data: { status: target } });
    }
  }
  return { previous, next };
}

/** Tries at finding a replacement before giving up on a race and alerting the director. */
const REPLACEMENT_ATTEMPTS = 3;

/**
 * Fills the delivery's empty roles with the next-ranked free, qualified, compliant candidates who have
 * not been on this delivery before, as written offers. Raises a director alert when nobody fits.
 *
 * The search and the insert are not atomic: another transaction can take the chosen person for an
 * overlapping time in between, and the exclusion constraint then refuses the offer (or the two inserts
 * deadlock). That must not undo the caller's own change (a decline, a withdrawal, a lapsed offer), so
 * each try runs under a savepoint: on such a conflict only the offers are rolled back and the search
 * runs again, now seeing the other booking; after the last try the director is alerted instead.
 */
export async function offerReplacements(tx: DbTx, { deliveryId, now, policy }: { deliveryId: string; now: Date; policy: Policy }): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    await tx.$executeRawUnsafe("SAVEPOINT offer_replacements");
    try {
      const offers = await tryOfferReplacements(tx, { deliveryId, now, policy });
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT offer_replacements");
      return offers;
    } catch (error) {
      if (!isRetryableConflict(error)) throw error;
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT offer_replacements");
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT offer_replacements");
      if (attempt >= REPLACEMENT_ATTEMPTS) {
        await alertPairingBroken(tx, deliveryId, await loadDeliveryState(tx, deliveryId));
        return [];
      }
    }
  }
}

async function alertPairingBroken(tx: DbTx, deliveryId: string, state: DeliveryState) {
  const hasAlert = await tx.alert.count({ where: { deliveryId, kind: "PAIRING_BROKEN", resolvedAt: null } });
  if (hasAlert) return;
  await tx.alert.create({
    data: {
      kind: "PAIRING_BROKEN",
      deliveryId,
      message: `No free, qualified pair for ${state.engagement.service.name} with ${state.engagement.organisation.name} on ${state.startsAt.toISOString().slice(0, 10)}: please re-pair.`,
    },
  });
}

async function tryOfferReplacements(tx: DbTx, { deliveryId, now, policy }: { deliveryId: string; now: Date; policy: Policy }): Promise<string[]> {
  const state = await loadDeliveryState(tx, deliveryId);
  const service = state.engagement.service;
  const active = state.assignments.filter((a) => (ACTIVE_ASSIGNMENT as readonly string[]).includes(a.status));
  const livedMissing = Math.max(0, service.livedRequired - active.filter((a) => a.role === "LIVED").length);
  const professionalMissing = Math.max(0, service.professionalRequired - active.filter((a) => a.role === "PROFESSIONAL").length);
  if (livedMissing + professionalMissing === 0) return [];

  const start = state.startsAt.getTime();
  const { search, associates } = await searchSlots(tx, {
    service,
    range: { start, end: start + MINUTE_MS },
    now: now.getTime(),
    policy: { ...policy, "booking.minimumNoticeHours": 0 },
    exactStart: true,
    excludeAssignmentIds: active.map((a) => a.id),
  });
  const everOnDelivery = new Set(state.assignments.map((a) => a.associateId));
  const activeIds = new Set(active.map((a) => a.associateId));
  const free = search.listAvailableAt(start);
  const freeIds = new Set([...free.lived, ...free.professional]);
  // Partners already on the delivery stay in the pool so the ranking pairs around them.
  const pool = associates.filter((a) => activeIds.has(a.associateId) || (freeIds.has(a.associateId) && !everOnDelivery.has(a.associateId)));
  const candidates = await loadPairingCandidates(tx, { associates: pool, startsAt: start, durationMinutes: service.durationMinutes });
  const lived = new Set(free.lived);
  const professional = new Set(free.professional);
  const pairs = rankPairs({
    candidates: candidates.filter((c) => activeIds.has(c.associateId) || lived.has(c.associateId) || professional.has(c.associateId)),
    previousAssociateIds: await previousAssociates(tx, state.engagement.id, deliveryId),
    sessionMinutes: service.durationMinutes,
    limit: 50,
  });
  const activeLived = active.find((a) => a.role === "LIVED")?.associateId;
  const activeProfessional = active.find((a) => a.role === "PROFESSIONAL")?.associateId;
  const chosen = pairs.find(
    (pair) =>
      (livedMissing ? !activeIds.has(pair.lived.associateId) && lived.has(pair.lived.associateId) : pair.lived.associateId === activeLived) &&
      (professionalMissing
        ? !activeIds.has(pair.professional.associateId) && professional.has(pair.professional.associateId)
        : pair.professional.associateId === activeProfessional),
  );
  if (!chosen) {
    await alertPairingBroken(tx, deliveryId, state);
    return [];
  }
  const offers = [];
  const blocked = computeBlockedRange({ startsAt: start, endsAt: state.endsAt.getTime(), bufferMinutes: policy["scheduling.bufferMinutes"] });
  const expiresAt = new Date(Math.min(now.getTime() + policy["offer.hours"] * 3_600_000, start));
  for (const [role, member] of [
    ["LIVED", livedMissing ? chosen.lived : null],
    ["PROFESSIONAL", professionalMissing ? chosen.professional : null],
  ] as const) {
    if (!member) continue;
    const fee = candidates.find((c) => c.associateId === member.associateId)!.feePence;
    offers.push(await createOffer(tx, { state, associateId: member.associateId, role, feePence: fee, blocked, bufferMinutes: policy["scheduling.bufferMinutes"], expiresAt, now }));
  }
  return offers;
}

/**
 * One written offer: an OFFERED assignment blocking the associate's diary (with buffers, so the
 * exclusion constraint refuses a clash) and the offer email, in the caller's transaction. The one way
 * offers are made, automatically (`offerReplacements`) or by the director from the pairing board.
 */
export async function createOffer(
  tx: DbTx,
  {
    state,
    associateId,
    role,
    feePence,
    blocked,
    bufferMinutes,
    expiresAt,
    now,
  }: {
    state: DeliveryState;
    associateId: string;
    role: "LIVED" | "PROFESSIONAL";
    feePence: number;
    blocked: { start: number; end: number };
    bufferMinutes: number;
    expiresAt: Date;
    now: Date;
  },
): Promise<string> {
  const offer = await tx.assignment.create({
    data: {
      deliveryId: state.id,
      associateId,
      role,
      status: "OFFERED",
      feePence,
      bufferMinutes,
      blockedFrom: new Date(blocked.start),
      blockedUntil: new Date(blocked.end),
      offeredAt: now,
      expiresAt,
    },
    select: { id: true, associate: { select: { user: { select: { email: true, name: true } } } } },
  });
  await enqueueEmail(tx, {
    kind: "offer",
    to: offer.associate.user.email,
    ...await renderOfferEmail({ name: offer.associate.user.name, serviceName: state.engagement.service.name, organisationName: state.engagement.organisation.name, startsAt: state.startsAt, feePence, expiresAt }),
  });
  return offer.id;
}

/** Associates who accepted the client's other deliveries of this engagement (for continuity). */
export async function previousAssociates(tx: DbTx, engagementId: string, exceptDeliveryId: string) {
  const rows = await tx.assignment.findMany({
    where: { status: "ACCEPTED", delivery: { engagementId, id: { not: exceptDeliveryId } } },
    select: { associateId: true },
    distinct: ["associateId"],
  });
  return rows.map((r) => r.associateId);
}
