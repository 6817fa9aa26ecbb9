import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/guards";
import { getService } from "@/lib/server/catalogue/list-services";

export const metadata: Metadata = { title: "Choose who is booking" };
export const dynamic = "force-dynamic";

/** The way in from the public catalogue: sign in, then book for your organisation (or choose which one). */
export default async function BookServicePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const service = await getService({ unverifiedSlug: slug });
  if (!service) notFound();
  const actor = await requireActor(`/services/${slug}/book`);
  const path = (orgSlug: string) => (service.bookableOnline ? `/org/${orgSlug}/book/${slug}` : `/org/${orgSlug}/request/${slug}`);
  if (actor.memberships.length === 1) redirect(path(actor.memberships[0]!.slug));
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={service.bookableOnline ? `Book ${service.name}` : `Ask for ${service.name}`} />
      <Card className="space-y-3">
        {actor.memberships.length > 1 ? (
          <>
            <p>Which organisation is this for?</p>
            <ul className="space-y-2">
              {actor.memberships.map((membership) => (
                <li key={membership.slug}>
                  <Link className="font-semibold text-brand-800 underline" href={path(membership.slug)}>
                    {membership.name}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : actor.role === "CLIENT" ? (
          <>
            <p>You&apos;re signed in as {actor.email}, but you aren&apos;t part of an organisation yet.</p>
            <p>
              <Link className="font-semibold text-brand-800 underline" href={`/org/new?next=${encodeURIComponent(`/services/${slug}/book`)}`}>
                Set up your organisation
              </Link>{" "}
              (a minute: name and billing details), or ask a colleague who already uses Golden Thread to invite you.
            </p>
          </>
        ) : (
          <p>Bookings are made by client organisations. You&apos;re signed in as {actor.role === "DIRECTOR" ? "the director" : "an associate"}.</p>
        )}
      </Card>
    </div>
  );
}
