import type { OrganisationContext } from "@/lib/auth/membership";
import { scopeDeliveries } from "@/lib/auth/scope";
import type { DbTx } from "@/lib/db/create-client";
import { renderDeliveryEvent } from "@/lib/integrations/calendar/delivery-event";

/** The booker's calendar invite for one session of their organisation's booking; anything else is null (404). */
export async function getClientDeliveryInvite(
  db: DbTx,
  { context, unverifiedReference, unverifiedDeliveryId, appUrl }: { context: OrganisationContext; unverifiedReference: string; unverifiedDeliveryId: string; appUrl: string },
) {
  const delivery = await db.delivery.findFirst({
    where: { id: unverifiedDeliveryId, AND: [{ engagement: { reference: unverifiedReference } }, scopeDeliveries(context.actor, context.organisation.id)] },
    select: { id: true, startsAt: true, endsAt: true, status: true, mode: true, location: true, videoLink: true, createdAt: true, updatedAt: true, engagement: { select: { reference: true, service: { select: { name: true } } } } },
  });
  if (!delivery) return null;
  const body = renderDeliveryEvent(
    { ...delivery, serviceName: delivery.engagement.service.name, reference: delivery.engagement.reference },
    { appUrl: `${appUrl}/org/${context.organisation.slug}/engagements/${delivery.engagement.reference}` },
  );
  return { body, filename: `${delivery.engagement.reference}.ics` };
}
