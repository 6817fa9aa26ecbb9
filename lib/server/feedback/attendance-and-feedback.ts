import { z } from "zod";
import type { OrganisationContext } from "@/lib/auth/membership";
import { scopeDeliveries } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import { assertTransition } from "@/lib/domain/booking";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { renderFeedbackInviteEmail } from "@/lib/integrations/email/templates/booking";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { lockDelivery } from "@/lib/server/booking/delivery-lifecycle";

export const recordAttendanceInput = z.object({
  unverifiedDeliveryId: z.string().trim().min(1).max(60),
  presentAttendeeIds: z.array(z.string().trim().min(1).max(60)).max(500),
});

/**
 * After a confirmed session has started, the client records who came: the session becomes DELIVERED
 * (the engagement too once nothing else is outstanding), and everyone on the list is emailed their own
 * feedback link; those marked present can also download a certificate from it.
 */
export async function recordAttendance({ db, context, input, now = new Date(), appUrl }: { db: Db; context: OrganisationContext; input: unknown; now?: Date; appUrl: string }): Promise<Result<{ present: number }>> {
  const parsed = recordAttendanceInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "We couldn't read the register. Please try again.");
  const { unverifiedDeliveryId, presentAttendeeIds } = parsed.data;
  return db.$transaction(async (tx) => {
    const found = await tx.delivery.findFirst({ where: { id: unverifiedDeliveryId, ...scopeDeliveries(context.actor, context.organisation.id) }, select: { id: true } });
    if (!found) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that session.");
    await lockDelivery(tx, found.id);
    const delivery = await tx.delivery.findUniqueOrThrow({
      where: { id: found.id },
      select: { id: true, status: true, startsAt: true, engagement: { select: { id: true, status: true, service: { select: { name: true } }, attendees: { select: { id: true, name: true, email: true, accessToken: true } } } } },
    });
    if (delivery.status !== "CONFIRMED" && delivery.status !== "DELIVERED") return fail(AppErrorCode.INVALID_INPUT, "Attendance can only be recorded for a confirmed session.");
    if (delivery.startsAt > now) return fail(AppErrorCode.INVALID_INPUT, "Attendance can be recorded once the session has started.");
    const onList = new Set(delivery.engagement.attendees.map((a) => a.id));
    if (presentAttendeeIds.some((id) => !onList.has(id))) return fail(AppErrorCode.NOT_FOUND, "Someone on the register isn't on this booking's list.");
    const present = new Set(presentAttendeeIds);
    await tx.attendee.updateMany({ where: { engagementId: delivery.engagement.id, id: { in: [...present] } }, data: { attended: true } });
    await tx.attendee.updateMany({ where: { engagementId: delivery.engagement.id, id: { notIn: [...present] } }, data: { attended: false } });
    const isFirstRecording = delivery.status === "CONFIRMED";
    if (isFirstRecording) {
      assertTransition("DELIVERY", "CONFIRMED", "DELIVERED");
      await tx.delivery.update({ where: { id: delivery.id }, data: { status: "DELIVERED" } });
      await markEngagementDeliveredIfDone(tx, delivery.engagement.id, delivery.engagement.status);
      for (const attendee of delivery.engagement.attendees) {
        await enqueueEmail(tx, {
          kind: "feedback-invite",
          to: attendee.email,
          ...await renderFeedbackInviteEmail({ name: attendee.name, serviceName: delivery.engagement.service.name, link: `${appUrl}/feedback/${attendee.accessToken}`, attended: present.has(attendee.id) }),
        });
      }
    }
    await tx.auditEvent.create({
      data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "delivery.attendance", subject: "Delivery", subjectId: delivery.id, data: { present: present.size, listed: onList.size } },
    });
    return ok({ present: present.size });
  });
}

async function markEngagementDeliveredIfDone(tx: DbTx, engagementId: string, status: string) {
  const outstanding = await tx.delivery.count({ where: { engagementId, status: { notIn: ["DELIVERED", "CANCELLED"] } } });
  if (outstanding === 0 && status === "CONFIRMED") {
    assertTransition("ENGAGEMENT", "CONFIRMED", "DELIVERED");
    await tx.engagement.update({ where: { id: engagementId }, data: { status: "DELIVERED" } });
  }
}

/** What the no-account feedback page needs, found only by the attendee's secret token. */
export async function getAttendeeByToken(db: DbTx, { token }: { token: string }) {
  if (!/^[\w-]{20,64}$/.test(token)) return null;
  const attendee = await db.attendee.findUnique({
    where: { accessToken: token },
    select: {
      id: true,
      name: true,
      attended: true,
      engagement: {
        select: {
          service: { select: { name: true, durationMinutes: true } },
          organisation: { select: { name: true } },
          deliveries: {
            where: { status: "DELIVERED" },
            orderBy: { startsAt: "asc" },
            select: {
              id: true,
              startsAt: true,
              endsAt: true,
              assignments: { where: { status: "ACCEPTED" }, select: { role: true, associate: { select: { user: { select: { name: true } } } } } },
            },
          },
        },
      },
      feedback: { select: { deliveryId: true } },
    },
  });
  return attendee;
}

const score = (max: number, label: string) =>
  z.coerce.number({ message: `Choose a score for ${label}.` }).int(`Choose a score for ${label}.`).min(1, `Choose a score for ${label}.`).max(max, `Choose a score for ${label}.`);

export const feedbackInput = z.object({
  token: z.string().trim().min(20).max(64),
  overallScore: score(5, "the session overall"),
  relevanceScore: score(5, "how relevant it was to your work"),
  facilitationScore: score(5, "the facilitators"),
  confidenceBefore: score(10, "your confidence before"),
  confidenceAfter: score(10, "your confidence after"),
  comment: z.string().trim().max(2000, "Keep your comment under 2,000 characters.").optional().transform((value) => value || undefined),
});

/** One attendee's feedback on the latest delivered session of their booking (once each). */
export async function submitFeedback({ db, input }: { db: Db; input: unknown }): Promise<Result<null>> {
  const parsed = feedbackInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Please answer each question.", z.flattenError(parsed.error).fieldErrors);
  const { token, comment, ...scores } = parsed.data;
  const attendee = await getAttendeeByToken(db, { token });
  if (!attendee) return fail(AppErrorCode.NOT_FOUND, "This feedback link isn't valid. Please use the link from your email.");
  const delivery = attendee.engagement.deliveries.at(-1);
  if (!delivery) return fail(AppErrorCode.INVALID_INPUT, "Feedback opens once the session has taken place.");
  if (attendee.feedback.some((f) => f.deliveryId === delivery.id)) return fail(AppErrorCode.INVALID_INPUT, "You've already sent feedback for this session — thank you.");
  try {
    await db.feedback.create({ data: { deliveryId: delivery.id, attendeeId: attendee.id, ...scores, comment: comment ?? null } });
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "P2002") return fail(AppErrorCode.INVALID_INPUT, "You've already sent feedback for this session — thank you.");
    throw error;
  }
  return ok(null);
}
