import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { homePathFor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Welcome" };

export default async function WelcomePage() {
  const actor = await requireActor("/welcome");
  const home = homePathFor(actor);
  if (home !== "/welcome") redirect(home);
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Welcome to The Vision" />
      <Card className="space-y-3">
        <p>You&apos;re signed in as {actor.email}, but you aren&apos;t part of an organisation yet.</p>
        <p>If a colleague has already set up your organisation, ask them to invite you. Otherwise you can book training and set up your organisation on the way.</p>
        <p className="flex flex-wrap gap-4">
          <Link className="font-semibold text-brand-800 underline" href="/org/new">
            Set up your organisation
          </Link>
          <Link className="font-semibold text-brand-800 underline" href="/services">
            Browse our services
          </Link>
        </p>
      </Card>
    </div>
  );
}
