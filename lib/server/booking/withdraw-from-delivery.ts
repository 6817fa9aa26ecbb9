import { z } from "zod";
import type { AssociateActor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/create-client";
import { assertTransition } from "@/lib/domain/booking";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { lockDelivery, offerReplacements, syncStatuses } from "./delivery-lifecycle";
import { BOOKING_TRANSACTION_LIMITS } from "@/lib/server/booking/transaction-limits";

export const withdrawInput = z.object({
  unverifiedAssignmentId: z.string().trim().min(1).max(60),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
});

/**
 * An associate withdraws from an accepted delivery. In the same transaction the delivery leaves
 * CONFIRMED (the database refuses otherwise), the director is alerted, and a replacement is offered.
 */
export async function withdrawFromDelivery({
  db,
  actor,
  input,
  now = new Date(),
}: {
  db: Pick<Db, "$transaction" | "assignment">;
  actor: Pick<AssociateActor, "associateId" | "userId">;
  input: unknown;
  now?: Date;
}): Promise<Result<{ deliveryStatus: string; replacementOffers: number }>> {
  const parsed = withdrawInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the details.", z.flattenError(parsed.error).fieldErrors);
  const found = await db.assignment.findFirst({
    where: { id: parsed.data.unverifiedAssignmentId, associateId: actor.associateId },
    select: { deliveryId: true },
  });
  if (!found) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that session.");
  return db.$transaction(async (tx) => {
    await lockDelivery(tx, found.deliveryId);
    const assignment = await tx.assignment.findFirstOrThrow({
      where: { id: parsed.data.unverifiedAssignmentId, associateId: actor.associateId },
      select: { id: true, status: true, delivery: { select: { startsAt: true, status: true, engagement: { select: { organisation: { select: { name: true } }, service: { select: { name: true } } } } } } },
    });
    if (assignment.status !== "ACCEPTED" || assignment.delivery.status === "DELIVERED" || assignment.delivery.status === "CANCELLED") {
      return fail(AppErrorCode.INVALID_INPUT, "You can only withdraw from a session you've accepted that hasn't happened yet.");
    }
    assertTransition("ASSIGNMENT", "ACCEPTED", "WITHDRAWN");
    await tx.assignment.update({ where: { id: assignment.id }, data: { status: "WITHDRAWN", respondedAt: now, declineReason: parsed.data.reason ?? null } });
    await tx.alert.create({
      data: {
        kind: "PAIRING_BROKEN",
        deliveryId: found.deliveryId,
        message: `An associate withdrew from ${assignment.delivery.engagement.service.name} with ${assignment.delivery.engagement.organisation.name} on ${assignment.delivery.startsAt.toISOString().slice(0, 10)}.`,
      },
    });
    const policy = await getPolicy(tx, now);
    const replacementOffers = (await offerReplacements(tx, { deliveryId: found.deliveryId, now, policy })).length;
    const { next } = await syncStatuses(tx, found.deliveryId);
    await tx.auditEvent.create({
      data: { actorId: actor.userId, action: "assignment.withdraw", subject: "Assignment", subjectId: assignment.id, data: { deliveryStatus: next } },
    });
    return ok({ deliveryStatus: next, replacementOffers });
  }, BOOKING_TRANSACTION_LIMITS);
}
