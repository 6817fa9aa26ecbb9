import { getActor } from "@/lib/auth/actor";
import { findMembership } from "@/lib/auth/guards";
import { scopeDeliveries } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { renderDeliveryEvent } from "@/lib/integrations/calendar/delivery-event";

/** The booker's calendar invite for one session (their organisation only; anything else is 404). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; reference: string; delivery: string }> }) {
  const { slug, reference, delivery: deliveryId } = await params;
  const actor = await getActor();
  const context = actor ? findMembership(actor, slug) : null;
  if (!context) return new Response("Not found", { status: 404 });
  const delivery = await db.delivery.findFirst({
    where: { id: deliveryId, AND: [{ engagement: { reference } }, scopeDeliveries(context.actor, context.organisation.id)] },
    select: { id: true, startsAt: true, endsAt: true, status: true, mode: true, location: true, videoLink: true, createdAt: true, updatedAt: true, engagement: { select: { reference: true, service: { select: { name: true } } } } },
  });
  if (!delivery) return new Response("Not found", { status: 404 });
  const body = renderDeliveryEvent(
    { ...delivery, serviceName: delivery.engagement.service.name, reference: delivery.engagement.reference },
    { appUrl: `${env.APP_URL}/org/${slug}/engagements/${reference}` },
  );
  return new Response(body, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="${delivery.engagement.reference}.ics"`,
      "cache-control": "private, no-store",
    },
  });
}
