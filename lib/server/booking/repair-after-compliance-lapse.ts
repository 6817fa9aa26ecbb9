import type { Db } from "@/lib/db/create-client";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { checkAssociateCompliance } from "./compliance-check";
import { lockDelivery, offerReplacements, syncStatuses } from "./delivery-lifecycle";
import { BOOKING_TRANSACTION_LIMITS } from "@/lib/server/booking/transaction-limits";

/**
 * Re-checks compliance for every upcoming active assignment (run daily, and when a record changes).
 * An associate whose checks no longer cover the delivery date is taken off it (WITHDRAWN, reason
 * recorded): the delivery leaves CONFIRMED, the director is alerted and a replacement is offered.
 */
export async function repairAfterComplianceLapse({ db, now = new Date() }: { db: Db; now?: Date }) {
  const upcoming = await db.assignment.findMany({
    where: { status: { in: ["OFFERED", "ACCEPTED"] }, delivery: { startsAt: { gt: now }, status: { notIn: ["CANCELLED", "DELIVERED"] } } },
    select: {
      id: true,
      associateId: true,
      role: true,
      delivery: { select: { id: true, startsAt: true, engagement: { select: { service: { select: { name: true, childFacing: true, requiresSocialWorkRegistration: true } } } } } },
    },
  });
  const policy = await getPolicy(db, now);
  let removed = 0;
  for (const assignment of upcoming) {
    const assessment = await checkAssociateCompliance(db, {
      associateId: assignment.associateId,
      role: assignment.role,
      service: assignment.delivery.engagement.service,
      startsAt: assignment.delivery.startsAt,
      policy,
    });
    if (assessment.isAllowed) continue;
    await db.$transaction(async (tx) => {
      await lockDelivery(tx, assignment.delivery.id);
      const current = await tx.assignment.findUniqueOrThrow({ where: { id: assignment.id }, select: { status: true } });
      if (current.status !== "OFFERED" && current.status !== "ACCEPTED") return;
      const reason = assessment.reasons.map((r) => r.message).join(" ");
      await tx.assignment.update({ where: { id: assignment.id }, data: { status: "WITHDRAWN", respondedAt: now, declineReason: `Checks lapsed: ${reason}` } });
      await tx.alert.create({
        data: {
          kind: "COMPLIANCE_LAPSING",
          deliveryId: assignment.delivery.id,
          message: `Taken off ${assignment.delivery.engagement.service.name} on ${assignment.delivery.startsAt.toISOString().slice(0, 10)}: ${reason}`,
        },
      });
      await offerReplacements(tx, { deliveryId: assignment.delivery.id, now, policy });
      await syncStatuses(tx, assignment.delivery.id);
      removed++;
    }, BOOKING_TRANSACTION_LIMITS);
  }
  return { checked: upcoming.length, removed };
}
