import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FeedbackForm } from "@/components/feedback/feedback-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { formatDate } from "@/lib/format";
import { getAttendeeByToken } from "@/lib/server/feedback/attendance-and-feedback";

export const metadata: Metadata = { title: "Your feedback", robots: { index: false, follow: false }, referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/** An attendee's own page, reached only through the secret link in their email (no account). */
export default async function FeedbackPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const attendee = await getAttendeeByToken(db, { token });
  if (!attendee) notFound();
  const delivery = attendee.engagement.deliveries.at(-1);
  const hasSent = !!delivery && attendee.feedback.some((f) => f.deliveryId === delivery.id);
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title={`Hello ${attendee.name.split(" ")[0]}`}
        description={delivery ? `${attendee.engagement.service.name} on ${formatDate(delivery.startsAt)}, with ${attendee.engagement.organisation.name}.` : attendee.engagement.service.name}
      />
      <div className="space-y-6">
        {attendee.attended && delivery ? (
          <Card>
            <p>
              <a className="font-semibold text-brand-800 underline" href={`/feedback/${token}/certificate.pdf`}>
                Download your certificate of attendance (PDF)
              </a>
            </p>
          </Card>
        ) : null}
        <Card>
          {!delivery ? (
            <p>Feedback opens once the session has taken place.</p>
          ) : hasSent ? (
            <p>You&apos;ve already sent feedback for this session — thank you.</p>
          ) : (
            <FeedbackForm token={token} />
          )}
        </Card>
      </div>
    </div>
  );
}
