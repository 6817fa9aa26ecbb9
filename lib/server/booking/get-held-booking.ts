import type { OrganisationContext } from "@/lib/auth/membership";
import type { DbTx } from "@/lib/db/create-client";

/** A booking the organisation is completing (or has just sent), for the checkout page. Scoped to the organisation. */
export async function getHeldBooking(db: DbTx, { context, unverifiedReference }: { context: OrganisationContext; unverifiedReference: string }) {
  return db.engagement.findFirst({
    where: { reference: unverifiedReference, organisationId: context.organisation.id },
    select: {
      id: true,
      reference: true,
      status: true,
      unitPricePenceSnapshot: true,
      vatRateBasisPointsSnapshot: true,
      cancellationTerms: true,
      purchaseOrderNumber: true,
      attendeeCount: true,
      organisation: { select: { poRequired: true, paymentTermsDays: true, name: true } },
      service: { select: { slug: true, name: true, capacity: true, durationMinutes: true } },
      deliveries: { select: { id: true, status: true, startsAt: true, endsAt: true, mode: true, location: true, holdExpiresAt: true }, take: 1 },
    },
  });
}
