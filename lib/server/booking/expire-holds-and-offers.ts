import type { Db, DbTx } from "@/lib/db/create-client";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { lockDelivery, offerReplacements, syncStatuses } from "./delivery-lifecycle";
import { BOOKING_TRANSACTION_LIMITS } from "@/lib/server/booking/transaction-limits";

/**
 * The background sweep for invariant 3 (holds expire): lapsed holds free their associates and the
 * unfinished booking is cancelled; timed-out offers expire and the next-ranked candidate is offered.
 * Each delivery is handled in its own short transaction under the delivery lock, so the sweep can run
 * on any number of workers at once.
 */
export async function expireHoldsAndOffers({ db, now = new Date() }: { db: Db; now?: Date }) {
  const lapsedHolds = await db.delivery.findMany({ where: { status: "HELD", holdExpiresAt: { lte: now } }, select: { id: true } });
  const lapsedOffers = await db.assignment.findMany({
    where: { status: "OFFERED", expiresAt: { lte: now } },
    select: { deliveryId: true },
    distinct: ["deliveryId"],
  });
  let holdsExpired = 0;
  let offersExpired = 0;
  for (const { id } of lapsedHolds) {
    const released = await db.$transaction(async (tx) => {
      await lockDelivery(tx, id);
      return releaseHold(tx, { deliveryId: id, now, reason: "The hold ran out before the booking was completed." });
    }, BOOKING_TRANSACTION_LIMITS);
    if (released) holdsExpired++;
  }
  for (const { deliveryId } of lapsedOffers) {
    await db.$transaction(async (tx) => {
      await lockDelivery(tx, deliveryId);
      const expired = await tx.assignment.updateMany({ where: { deliveryId, status: "OFFERED", expiresAt: { lte: now } }, data: { status: "EXPIRED" } });
      if (expired.count === 0) return;
      offersExpired += expired.count;
      const policy = await getPolicy(tx, now);
      await offerReplacements(tx, { deliveryId, now, policy });
      await syncStatuses(tx, deliveryId);
    }, BOOKING_TRANSACTION_LIMITS);
  }
  return { holdsExpired, offersExpired };
}

/**
 * Releases one lapsed hold (delivery locked by the caller): its associates are freed and the unfinished
 * booking is cancelled. Returns false when there was nothing to release (already sent or released, or
 * not yet due).
 */
export async function releaseHold(tx: DbTx, { deliveryId, now, reason }: { deliveryId: string; now: Date; reason: string }) {
  const delivery = await tx.delivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { status: true, holdExpiresAt: true, engagementId: true } });
  if (delivery.status !== "HELD" || !delivery.holdExpiresAt || delivery.holdExpiresAt > now) return false;
  await tx.assignment.updateMany({ where: { deliveryId, status: "HELD" }, data: { status: "EXPIRED" } });
  await tx.delivery.update({ where: { id: deliveryId }, data: { status: "CANCELLED", holdExpiresAt: null } });
  await tx.engagement.updateMany({
    where: { id: delivery.engagementId, status: "PENDING_PAYMENT" },
    data: { status: "CANCELLED", cancelledAt: now, cancellationReason: reason },
  });
  return true;
}
