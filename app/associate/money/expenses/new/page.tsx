import type { Metadata } from "next";
import Link from "next/link";
import { ExpenseClaimForm } from "@/components/associate/expense-form";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { listClaimableDeliveries } from "@/lib/server/associates/expenses";
import { getPolicy } from "@/lib/server/settings/get-policy";

export const metadata: Metadata = { title: "Claim an expense" };
export const dynamic = "force-dynamic";

export default async function NewExpensePage() {
  const actor = await requireAssociate("/associate/money/expenses/new");
  const [sessions, policy] = await Promise.all([listClaimableDeliveries(db, { actor }), getPolicy(db)]);
  return (
    <>
      <PageHeader title="Claim an expense" description="Money you spent to do a session — travel, food, a room. We pay it back on top of your fee: it isn't earnings." />
      <Card className="max-w-2xl">
        {sessions.length === 0 ? (
          <EmptyState>
            You don&apos;t have any sessions from the last 90 days to claim for. If you think that&apos;s wrong, please get in touch.{" "}
            <Link href="/associate/money" className="font-medium underline">
              Back to Money
            </Link>
          </EmptyState>
        ) : (
          <ExpenseClaimForm
            sessions={sessions.map((s) => ({ id: s.id, label: `${formatDateTime(s.startsAt)} — ${s.serviceName} for ${s.organisationName}` }))}
            ratePencePerMile={policy["hmrc.mileagePencePerMile"]}
          />
        )}
      </Card>
      <p className="mt-4">
        <Link href="/associate/money" className="inline-flex min-h-11 items-center font-medium text-brand-800 underline">
          Back to Money
        </Link>
      </p>
    </>
  );
}
