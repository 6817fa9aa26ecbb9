import { getActor } from "@/lib/auth/actor";
import { findMembership } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getClientDeliveryInvite } from "@/lib/server/engagements/client-delivery-invite";

/** The booker's calendar invite for one session (their organisation only; anything else is 404). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; reference: string; delivery: string }> }) {
  const { slug, reference, delivery: deliveryId } = await params;
  const actor = await getActor();
  const context = actor ? findMembership(actor, slug) : null;
  if (!context) return new Response("Not found", { status: 404 });
  const invite = await getClientDeliveryInvite(db, { context, unverifiedReference: reference, unverifiedDeliveryId: deliveryId, appUrl: env.APP_URL });
  if (!invite) return new Response("Not found", { status: 404 });
  return new Response(invite.body, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="${invite.filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
