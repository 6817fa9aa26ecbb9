import type { DbTx } from "@/lib/db/create-client";
import { env } from "@/lib/env";
import type { EmailAttachment } from "@/lib/integrations/email/enqueue-email";
import { renderDeliveryEvent } from "./delivery-event";

/**
 * The calendar invite for a delivery as an email attachment, read fresh inside the caller's transaction
 * so it carries the latest time and status (a cancelled delivery produces the cancelling invite).
 */
export async function deliveryInviteAttachment(tx: DbTx, deliveryId: string): Promise<EmailAttachment> {
  const delivery = await tx.delivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: { id: true, startsAt: true, endsAt: true, status: true, mode: true, location: true, videoLink: true, createdAt: true, updatedAt: true, engagement: { select: { reference: true, organisation: { select: { slug: true } }, service: { select: { name: true } } } } },
  });
  const content = renderDeliveryEvent(
    { ...delivery, serviceName: delivery.engagement.service.name, reference: delivery.engagement.reference },
    { appUrl: `${env.APP_URL}/org/${delivery.engagement.organisation.slug}/engagements/${delivery.engagement.reference}` },
  );
  return { filename: `${delivery.engagement.reference}.ics`, contentType: `text/calendar; charset=utf-8; method=${delivery.status === "CANCELLED" ? "CANCEL" : "PUBLISH"}`, content };
}
