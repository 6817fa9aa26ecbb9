import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BillingForm, InviteForm, RemoveMemberButton } from "@/components/organisations/settings-forms";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { getOrganisationSettings } from "@/lib/server/organisations/organisation-settings";

export const metadata: Metadata = { title: "Organisation settings" };
export const dynamic = "force-dynamic";

/** For the organisation's admins only (anyone else: not found). */
export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const context = await requireMembership(slug, ["ORG_ADMIN"], `/org/${slug}/settings`);
  const settings = await getOrganisationSettings(db, { context });
  if (!settings) notFound();
  return (
    <>
      <PageHeader title="Organisation settings" description={settings.name} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle className="mb-4">Billing details</CardTitle>
          <BillingForm orgSlug={slug} billing={settings} />
        </Card>
        <div className="space-y-6">
          <Card>
            <CardTitle className="mb-2">Colleagues</CardTitle>
            <ul className="divide-y divide-stone-200">
              {settings.memberships.map((membership) => (
                <li key={membership.id} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between">
                  <div>
                    <p className="font-medium">
                      {membership.user.name ?? membership.user.email}
                      {membership.user.id === context.actor.userId ? " (you)" : ""}
                    </p>
                    <p className="text-sm text-stone-700">
                      {membership.user.email} · {membership.role === "ORG_ADMIN" ? "Admin" : "Booker"}
                    </p>
                  </div>
                  {membership.user.id !== context.actor.userId ? <RemoveMemberButton orgSlug={slug} membershipId={membership.id} name={membership.user.name ?? membership.user.email} /> : null}
                </li>
              ))}
            </ul>
          </Card>
          <Card>
            <CardTitle className="mb-4">Invite a colleague</CardTitle>
            <InviteForm orgSlug={slug} />
          </Card>
        </div>
      </div>
    </>
  );
}
