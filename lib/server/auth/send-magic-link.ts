import "server-only";
import { db } from "@/lib/db/client";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { renderMagicLinkEmail } from "@/lib/integrations/email/templates/magic-link";

/** Writes the sign-in email to the outbox (sent by the worker, or read on the dev mailbox page). */
export async function sendMagicLink(options: { email: string; url: string; minutes: number }) {
  const message = await renderMagicLinkEmail(options);
  await enqueueEmail(db, { kind: "magic-link", to: options.email, ...message });
}
