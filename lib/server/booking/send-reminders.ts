import type { Db } from "@/lib/db/create-client";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { renderReminderEmail } from "@/lib/integrations/email/templates/booking";
import { BOOKING_TRANSACTION_LIMITS } from "@/lib/server/booking/transaction-limits";

const REMINDER_HOURS = 48;

/**
 * The 48-hour reminder with joining details, once per confirmed delivery: to the booker, every
 * attendee and both facilitators. Each delivery is claimed with a conditional update in its own
 * transaction, so two workers never send the same reminder twice.
 */
export async function sendDueReminders({ db, now = new Date(), appUrl }: { db: Db; now?: Date; appUrl: string }) {
  const due = await db.delivery.findMany({
    where: { status: "CONFIRMED", reminderSentAt: null, startsAt: { gt: now, lte: new Date(now.getTime() + REMINDER_HOURS * 3_600_000) } },
    select: { id: true },
  });
  let sent = 0;
  for (const { id } of due) {
    sent += await db.$transaction(async (tx) => {
      const claimed = await tx.delivery.updateMany({ where: { id, reminderSentAt: null, status: "CONFIRMED" }, data: { reminderSentAt: now } });
      if (claimed.count === 0) return 0;
      const delivery = await tx.delivery.findUniqueOrThrow({
        where: { id },
        select: {
          startsAt: true,
          endsAt: true,
          mode: true,
          location: true,
          videoLink: true,
          joiningInstructions: true,
          engagement: {
            select: {
              reference: true,
              organisation: { select: { slug: true, name: true } },
              service: { select: { name: true } },
              requestedBy: { select: { email: true, name: true } },
              attendees: { select: { email: true, name: true } },
            },
          },
          assignments: { where: { status: "ACCEPTED" }, select: { associate: { select: { user: { select: { email: true, name: true } } } } } },
        },
      });
      const { engagement } = delivery;
      const facilitators = delivery.assignments.map((a) => a.associate.user);
      const recipients = new Map<string, { name: string | null; role: "booker" | "attendee" | "facilitator" }>();
      recipients.set(engagement.requestedBy.email, { name: engagement.requestedBy.name, role: "booker" });
      for (const attendee of engagement.attendees) if (!recipients.has(attendee.email)) recipients.set(attendee.email, { name: attendee.name, role: "attendee" });
      for (const facilitator of facilitators) recipients.set(facilitator.email, { name: facilitator.name, role: "facilitator" });
      for (const [to, recipient] of recipients) {
        await enqueueEmail(tx, {
          kind: "reminder",
          to,
          ...(await renderReminderEmail({
            name: recipient.name,
            serviceName: engagement.service.name,
            organisationName: engagement.organisation.name,
            startsAt: delivery.startsAt,
            endsAt: delivery.endsAt,
            where: delivery.mode === "ONLINE" ? (delivery.videoLink ?? "Online — the link will follow from your facilitators") : (delivery.location ?? "In person"),
            joiningInstructions: delivery.joiningInstructions,
            facilitators: facilitators.map((f) => f.name).filter((n): n is string => !!n),
            link: recipient.role === "booker" ? `${appUrl}/org/${engagement.organisation.slug}/engagements/${engagement.reference}` : null,
          })),
        });
      }
      return recipients.size;
    }, BOOKING_TRANSACTION_LIMITS);
  }
  return { remindersSent: sent };
}
