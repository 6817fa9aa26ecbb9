import { z } from "zod";
import type { AssociateActor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/create-client";
import { isRetryableConflict } from "@/lib/db/errors";
import { assertTransition, isOfferExpired } from "@/lib/domain/booking";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { deliveryInviteAttachment } from "@/lib/integrations/calendar/invite-attachment";
import { renderConfirmedEmail } from "@/lib/integrations/email/templates/booking";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { getPolicy } from "@/lib/server/settings/get-policy";
import { checkAssociateCompliance } from "./compliance-check";
import { loadDeliveryState, lockDelivery, offerReplacements, syncStatuses } from "./delivery-lifecycle";
import { BOOKING_TRANSACTION_LIMITS } from "@/lib/server/booking/transaction-limits";

export const respondToOfferInput = z.object({
  unverifiedAssignmentId: z.string().trim().min(1).max(60),
  response: z.enum(["ACCEPT", "DECLINE"], { message: "Choose accept or decline." }),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
});

export type RespondResult = { deliveryStatus: string; replacementOffers: number };

/**
 * An associate accepts or declines an offer. Accepting re-checks compliance on the delivery date and
 * confirms the delivery when the pair is complete; declining offers the next-ranked candidate.
 * Only the associate's own offers are visible ("not found" otherwise).
 */
export async function respondToOffer({
  db,
  actor,
  input,
  now = new Date(),
}: {
  db: Pick<Db, "$transaction" | "assignment">;
  actor: Pick<AssociateActor, "associateId" | "userId">;
  input: unknown;
  now?: Date;
}): Promise<Result<RespondResult>> {
  const parsed = respondToOfferInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check your answer.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedAssignmentId, response, reason } = parsed.data;
  const found = await db.assignment.findFirst({
    where: { id: unverifiedAssignmentId, associateId: actor.associateId },
    select: { deliveryId: true },
  });
  if (!found) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that offer.");

  try {
    return await db.$transaction(async (tx) => {
      await lockDelivery(tx, found.deliveryId);
      const assignment = await tx.assignment.findFirstOrThrow({
        where: { id: unverifiedAssignmentId, associateId: actor.associateId },
        select: { id: true, status: true, role: true, expiresAt: true },
      });
      if (assignment.status !== "OFFERED") {
        return fail(AppErrorCode.INVALID_INPUT, "You've already answered this offer, or it was withdrawn.");
      }
      if (isOfferExpired(now.getTime(), assignment.expiresAt?.getTime())) {
        return fail(AppErrorCode.INVALID_INPUT, "This offer has expired, so it can't be accepted. We'll offer you other work.");
      }
      const policy = await getPolicy(tx, now);
      const state = await loadDeliveryState(tx, found.deliveryId);
      if (response === "ACCEPT") {
        const compliance = await checkAssociateCompliance(tx, {
          associateId: actor.associateId,
          role: assignment.role,
          service: state.engagement.service,
          startsAt: state.startsAt,
          policy,
        });
        if (!compliance.isAllowed) {
          return fail(AppErrorCode.ASSOCIATE_NOT_COMPLIANT, `You can't take this session yet: ${compliance.reasons.map((r) => r.message).join(" ")}`);
        }
      }
      const next = response === "ACCEPT" ? "ACCEPTED" : "DECLINED";
      assertTransition("ASSIGNMENT", "OFFERED", next);
      await tx.assignment.update({
        where: { id: assignment.id },
        data: { status: next, respondedAt: now, declineReason: response === "DECLINE" ? (reason ?? null) : null },
      });
      let replacementOffers = 0;
      if (response === "DECLINE") replacementOffers = (await offerReplacements(tx, { deliveryId: found.deliveryId, now, policy })).length;
      const { previous, next: deliveryStatus } = await syncStatuses(tx, found.deliveryId);
      if (deliveryStatus === "CONFIRMED" && previous !== "CONFIRMED") await sendConfirmation(tx, found.deliveryId);
      await tx.auditEvent.create({
        data: { actorId: actor.userId, action: `offer.${response.toLowerCase()}`, subject: "Assignment", subjectId: assignment.id, data: { deliveryStatus } },
      });
      return ok({ deliveryStatus, replacementOffers });
    }, BOOKING_TRANSACTION_LIMITS);
  } catch (error) {
    if (isRetryableConflict(error)) return fail(AppErrorCode.SLOT_TAKEN, "You already have a session at that time, so this one can't be accepted.");
    throw error;
  }
}

export async function sendConfirmation(tx: Parameters<Parameters<Db["$transaction"]>[0]>[0], deliveryId: string) {
  const delivery = await tx.delivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: {
      startsAt: true,
      engagement: { select: { reference: true, requestedBy: { select: { email: true } }, service: { select: { name: true } } } },
      assignments: { where: { status: "ACCEPTED" }, select: { associate: { select: { user: { select: { name: true } } } } } },
    },
  });
  await enqueueEmail(tx, {
    kind: "booking-confirmed",
    to: delivery.engagement.requestedBy.email,
    ...await renderConfirmedEmail({
      serviceName: delivery.engagement.service.name,
      startsAt: delivery.startsAt,
      reference: delivery.engagement.reference,
      facilitators: delivery.assignments.map((a) => a.associate.user.name ?? "your facilitator"),
    }),
    attachments: [await deliveryInviteAttachment(tx, deliveryId)],
  });
}
