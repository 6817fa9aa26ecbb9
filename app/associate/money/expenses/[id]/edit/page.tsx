import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExpenseClaimForm } from "@/components/associate/expense-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { getQueriedClaim, listClaimableDeliveries } from "@/lib/server/associates/expenses";
import { getPolicy } from "@/lib/server/settings/get-policy";

export const metadata: Metadata = { title: "Change your expense claim" };
export const dynamic = "force-dynamic";

/** A claim the director asked about, for its owner only (anyone else, or any other state: not found). */
export default async function EditExpensePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireAssociate(`/associate/money/expenses/${id}/edit`);
  const claim = await getQueriedClaim(db, { actor, unverifiedClaimId: id });
  if (!claim) notFound();
  const [claimable, policy] = await Promise.all([listClaimableDeliveries(db, { actor }), getPolicy(db, claim.delivery.startsAt)]);
  const own = { id: claim.delivery.id, startsAt: claim.delivery.startsAt, serviceName: claim.delivery.engagement.service.name, organisationName: claim.delivery.engagement.organisation.name };
  const sessions = [own, ...claimable.filter((s) => s.id !== own.id)];
  return (
    <>
      <PageHeader title="Change your expense claim" description="We had a question about this claim. Change what's needed and send it back — we'll look at it again." />
      <Card className="max-w-2xl space-y-4">
        {claim.decisionNote ? (
          <p className="rounded-md bg-stone-100 p-3">
            <span className="font-medium">Our question:</span> {claim.decisionNote}
          </p>
        ) : null}
        <ExpenseClaimForm
          sessions={sessions.map((s) => ({ id: s.id, label: `${formatDateTime(s.startsAt)} — ${s.serviceName} for ${s.organisationName}` }))}
          ratePencePerMile={policy["hmrc.mileagePencePerMile"]}
          claim={{
            id: claim.id,
            deliveryId: claim.deliveryId,
            category: claim.category,
            description: claim.description,
            miles: claim.miles,
            claimedPounds: (claim.claimedPence / 100).toFixed(2),
            decisionNote: claim.decisionNote,
            receiptName: claim.receipt?.filename ?? null,
          }}
        />
      </Card>
      <p className="mt-4">
        <Link href="/associate/money#expenses" className="inline-flex min-h-11 items-center font-medium text-brand-800 underline">
          Back to Money
        </Link>
      </p>
    </>
  );
}
