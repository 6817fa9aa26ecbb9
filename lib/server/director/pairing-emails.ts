import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { composeEmail } from "@/lib/integrations/email/templates/layout";

/**
 * To an associate the director has moved off a delivery (an offer withdrawn, or an accepted session
 * given to someone else). Kind and plain: it is not about their work, and nothing is owed back.
 */
export function renderReleasedEmail(o: { name: string | null; serviceName: string; organisationName: string; startsAt: Date; wasAccepted: boolean }) {
  return composeEmail(`Change to ${o.serviceName} on ${formatDateTime(o.startsAt)}`, [
    `Hello ${o.name ?? "there"},`,
    o.wasAccepted
      ? `We've had to change the facilitators for ${o.serviceName} with ${o.organisationName} on ${formatDateTime(o.startsAt)}, so you're no longer needed for that session.`
      : `We've withdrawn our offer of ${o.serviceName} with ${o.organisationName} on ${formatDateTime(o.startsAt)}, so there's no need to reply to it.`,
    "This isn't about your work, and that time is free in your diary again. Thank you for being ready to help — we'll keep offering you sessions.",
    "If you'd like to talk about it, just reply to this email.",
    { button: { href: `${env.APP_URL}/associate/sessions`, label: "See your sessions" } },
  ]);
}
