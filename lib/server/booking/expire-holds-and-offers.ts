import type { Db } from "@/lib/db/create-client";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { lockDelivery, offerReplacements, syncStatuses } from "./delivery-lifecycle";

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
    await db.$transaction(async (tx) => {
      await lockDelivery(tx, id);
      const delivery = await tx.delivery.findUniqueOrThrow({ where: { id }, select: { status: true, holdExpiresAt: true, engagementId: true } });
      if (delivery.status !== "HELD" || !delivery.holdExpiresAt || delivery.holdExpiresAt > now) return;
      await tx.assignment.updateMany({ where: { deliveryId: id, status: "HELD" }, data: { status: "EXPIRED" } });
      await tx.delivery.update({ where: { id }, data: { status: "CANCELLED", holdExpiresAt: null } });
      await tx.engagement.updateMany({
        where: { id: delivery.engagementId, status: "PENDING_PAYMENT" },
        data: { status: "CANCELLED", cancelledAt: now, cancellationReason: "The hold ran out before the booking was completed." },
      });
      holdsExpired++;
    });
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
    });
  }
  return { holdsExpired, offersExpired };
}
