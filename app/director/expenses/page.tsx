import type { Metadata } from "next";
import Link from "next/link";
import { ExpenseDecisionForm } from "@/components/director/expense-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDate, formatPence } from "@/lib/format";
import { expenseCategoryLabel } from "@/lib/labels";
import { type ClaimToDecide, listExpenseClaimsToDecide } from "@/lib/server/director/expense-decisions";

export const metadata: Metadata = { title: "Expense claims" };
export const dynamic = "force-dynamic";

const linkClass = "font-semibold text-brand-800 underline";

function ClaimCard({ claim }: { claim: ClaimToDecide }) {
  const who = claim.associate.user.name ?? claim.associate.user.email;
  const label = `${who}, ${expenseCategoryLabel[claim.category].toLowerCase()}, ${formatPence(claim.amountPence)}`;
  const isCapped = claim.amountPence < claim.claimedPence;
  return (
    <li className="py-4" data-testid="expense-claim">
      <div className="flex flex-col gap-1 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h3 className="font-semibold">
            {who}: {expenseCategoryLabel[claim.category]}
            {claim.miles !== null ? `, ${claim.miles} miles` : ""}
          </h3>
          <p className="text-sm">{claim.description}</p>
          <p className="text-sm text-stone-700">
            {claim.delivery.engagement.service.name} for {claim.delivery.engagement.organisation.name} on {formatDate(claim.delivery.startsAt)} ({claim.delivery.engagement.reference})
          </p>
        </div>
        <div className="sm:text-right">
          <p className="text-lg font-semibold tabular-nums">{formatPence(claim.amountPence)} payable</p>
          {isCapped ? <p className="text-sm text-stone-700">Claimed {formatPence(claim.claimedPence)}: mileage is paid at the HMRC approved rate</p> : <p className="text-sm text-stone-700">As claimed</p>}
        </div>
      </div>
      <p className="mt-2 text-sm">
        {claim.receipt ? (
          <a className={linkClass} href={`/associate/money/expenses/${claim.id}/receipt`}>
            Open the receipt ({claim.receipt.filename})
          </a>
        ) : (
          "No receipt attached."
        )}
      </p>
      {claim.status === "QUERIED" ? (
        <div className="mt-2 rounded-md bg-amber-50 p-3 text-sm">
          <Badge tone="warning">Waiting for {who}</Badge> <span className="ml-1">You asked: “{claim.decisionNote}”</span>
        </div>
      ) : null}
      <div className="mt-3">
        <ExpenseDecisionForm claimId={claim.id} isQueried={claim.status === "QUERIED"} label={label} />
      </div>
    </li>
  );
}

export default async function DirectorExpensesPage() {
  const actor = await requireDirector("/director/expenses");
  const claims = await listExpenseClaimsToDecide(db, { actor });
  const waiting = claims.filter((c) => c.status === "SUBMITTED");
  const queried = claims.filter((c) => c.status === "QUERIED");
  return (
    <>
      <p className="mb-2">
        <Link className={linkClass} href="/director/pay">
          Associate pay
        </Link>
      </p>
      <PageHeader title="Expense claims" description="Approve claims to have them paid in the next pay run, ask a question, or say no with a reason. Expenses are paid back separately from fees." />
      <div className="space-y-6">
        <Card aria-labelledby="waiting-heading">
          <CardTitle id="waiting-heading">Waiting for your decision ({waiting.length})</CardTitle>
          {waiting.length === 0 ? (
            <div className="mt-3">
              <EmptyState>Nothing is waiting for you. New claims appear here when associates send them.</EmptyState>
            </div>
          ) : (
            <ul className="divide-y divide-stone-200">
              {waiting.map((claim) => (
                <ClaimCard key={claim.id} claim={claim} />
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="queried-heading">
          <CardTitle id="queried-heading">You asked a question ({queried.length})</CardTitle>
          <p className="mt-1 text-sm text-stone-700">These wait for the associate to change the claim and send it again. You can still decide now if you need to.</p>
          {queried.length === 0 ? (
            <div className="mt-3">
              <EmptyState>No claims are waiting for an answer.</EmptyState>
            </div>
          ) : (
            <ul className="divide-y divide-stone-200">
              {queried.map((claim) => (
                <ClaimCard key={claim.id} claim={claim} />
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
