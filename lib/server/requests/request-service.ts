import { z } from "zod";
import type { OrganisationContext } from "@/lib/auth/membership";
import type { Db } from "@/lib/db/create-client";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { renderServiceRequestEmail } from "@/lib/integrations/email/templates/booking";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { DEFAULT_CANCELLATION_TERMS } from "@/lib/cancellation-terms";
import { newEngagementReference } from "@/lib/server/booking/hold-slot";

export const requestServiceInput = z.object({
  unverifiedServiceSlug: z.string().trim().min(1).max(100),
  needs: z
    .string({ message: "Tell us what you need." })
    .trim()
    .min(20, "Tell us a little more about what you need (at least 20 characters).")
    .max(4000, "Keep this under 4,000 characters — we'll talk through the detail with you."),
  preferredDates: z.string().trim().max(500, "Keep the preferred dates under 500 characters.").optional().transform((value) => value || undefined),
  sessionsRequested: z.coerce
    .number({ message: "Enter how many sessions you'd like." })
    .int("Enter a whole number of sessions.")
    .min(1, "Ask for at least one session.")
    .max(50, "For more than 50 sessions, tell us in the description and ask for 50 here."),
});

/**
 * A request for a service that isn't booked online (consultancy, mock inspection, supervision …):
 * a REQUESTED engagement the director turns into a quote. The director is emailed.
 */
export async function requestService({
  db,
  context,
  input,
  now = new Date(),
}: {
  db: Db;
  context: OrganisationContext;
  input: unknown;
  now?: Date;
}): Promise<Result<{ reference: string }>> {
  const parsed = requestServiceInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the request details.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedServiceSlug, needs, preferredDates, sessionsRequested } = parsed.data;
  const service = await db.service.findFirst({
    where: { slug: unverifiedServiceSlug, active: true },
    select: { id: true, name: true, pricePence: true, vatRateBasisPoints: true },
  });
  if (!service) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that service.");
  return db.$transaction(async (tx) => {
    const engagement = await tx.engagement.create({
      data: {
        reference: newEngagementReference(now),
        organisationId: context.organisation.id,
        serviceId: service.id,
        requestedById: context.actor.userId,
        status: "REQUESTED",
        unitPricePenceSnapshot: service.pricePence,
        vatRateBasisPointsSnapshot: service.vatRateBasisPoints,
        sessionsRequested,
        needs,
        preferredDates: preferredDates ?? null,
        // The standard terms, shown in the quote before the client accepts; charges are computed from them.
        cancellationTerms: DEFAULT_CANCELLATION_TERMS,
      },
      select: { id: true, reference: true },
    });
    const directors = await tx.user.findMany({ where: { platformRole: "DIRECTOR" }, select: { email: true } });
    for (const director of directors) {
      await enqueueEmail(tx, {
        kind: "service-request",
        to: director.email,
        ...await renderServiceRequestEmail({ serviceName: service.name, organisationName: context.organisation.name, reference: engagement.reference, sessionsRequested }),
      });
    }
    await tx.auditEvent.create({
      data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "engagement.request", subject: "Engagement", subjectId: engagement.id, data: { sessionsRequested } },
    });
    return ok({ reference: engagement.reference });
  });
}
