import { db } from "@/lib/db/client";
import { renderCertificatePdf } from "@/lib/integrations/pdf/certificate";
import { getAttendeeByToken } from "@/lib/server/feedback/attendance-and-feedback";

/** The attendee's certificate, only when they were marked present at a delivered session. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const attendee = await getAttendeeByToken(db, { token });
  const delivery = attendee?.engagement.deliveries.at(-1);
  if (!attendee || !attendee.attended || !delivery) return new Response("Not found", { status: 404 });
  const pdf = await renderCertificatePdf({
    attendeeName: attendee.name,
    serviceName: attendee.engagement.service.name,
    deliveredOn: delivery.startsAt,
    hours: Math.round(((delivery.endsAt.getTime() - delivery.startsAt.getTime()) / 3_600_000) * 10) / 10,
    organisationName: attendee.engagement.organisation.name,
    facilitators: delivery.assignments.map((a) => a.associate.user.name).filter((name): name is string => !!name),
  });
  return new Response(Buffer.from(pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": 'attachment; filename="certificate-of-attendance.pdf"', "cache-control": "private, no-store", "referrer-policy": "no-referrer" },
  });
}
