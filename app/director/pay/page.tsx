import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "luxon";
import { NewPayRunForm } from "@/components/director/pay-forms";
import { PayRunStatusBadge } from "@/components/director/pay-parts";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatIsoDate } from "@/lib/domain/time/calendar-date";
import { formatPence } from "@/lib/format";
import { listExpenseClaimsToDecide } from "@/lib/server/director/expense-decisions";
import { listPayRuns } from "@/lib/server/director/pay-runs";

export const metadata: Metadata = { title: "Associate pay" };
export const dynamic = "force-dynamic";

const linkClass = "font-semibold text-brand-800 underline";

export default async function DirectorPayPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const actor = await requireDirector("/director/pay");
  const { deleted } = await searchParams;
  const [runs, claims] = await Promise.all([listPayRuns(db, { actor }), listExpenseClaimsToDecide(db, { actor })]);
  const waiting = claims.filter((c) => c.status === "SUBMITTED").length;
  // Default to last calendar month (UK time): pay runs usually cover a month, paid a week after it ends.
  const lastMonth = DateTime.now().setZone("Europe/London").minus({ months: 1 });
  return (
    <>
      <PageHeader title="Associate pay" description="Pay associates for delivered work and approved expenses, by period. Fees and expenses are kept apart, and each person is paid the way they asked." />
      {deleted ? (
        <p role="status" className="mb-6 rounded-lg bg-brand-50 p-4">
          The draft pay run has been deleted. Its work is waiting again.
        </p>
      ) : null}
      <div className="space-y-6">
        <Card aria-labelledby="claims-heading">
          <CardTitle id="claims-heading">Expense claims</CardTitle>
          <p className="mt-2">
            {waiting === 0 ? "No expense claims are waiting for you." : `${waiting} expense claim${waiting === 1 ? " is" : "s are"} waiting for your decision.`}{" "}
            <Link className={linkClass} href="/director/expenses">
              Decide expense claims
            </Link>
          </p>
          <p className="mt-1 text-sm text-stone-700">Only approved claims are paid in a pay run.</p>
        </Card>

        <Card aria-labelledby="new-heading">
          <CardTitle id="new-heading">New pay run</CardTitle>
          <div className="mt-3">
            <NewPayRunForm defaultStart={lastMonth.startOf("month").toISODate()!} defaultEnd={lastMonth.endOf("month").toISODate()!} />
          </div>
        </Card>

        <Card aria-labelledby="runs-heading">
          <CardTitle id="runs-heading">Pay runs</CardTitle>
          {runs.length === 0 ? (
            <div className="mt-3">
              <EmptyState>No pay runs yet. Create one above for the period you want to pay.</EmptyState>
            </div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {runs.map((run) => (
                <li key={run.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div>
                    <p className="font-medium">
                      <Link className={linkClass} href={`/director/pay/${run.id}`}>
                        {formatIsoDate(run.periodStart)} to {formatIsoDate(run.periodEnd)}
                      </Link>
                    </p>
                    <p className="text-sm text-stone-700">
                      {run.lineCount} payment{run.lineCount === 1 ? "" : "s"} · {formatPence(run.totalPence)}
                    </p>
                  </div>
                  <PayRunStatusBadge status={run.status} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
