import type { Metadata } from "next";
import Link from "next/link";
import { ComplianceSummary, expertiseText, UtilisationBar } from "@/components/director/associate-parts";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatIsoDate } from "@/lib/domain/time/calendar-date";
import { payPreferenceLabel } from "@/lib/labels";
import { listAssociatesForDirector } from "@/lib/server/director/associates";

export const metadata: Metadata = { title: "Associates" };
export const dynamic = "force-dynamic";

const linkClass = "font-semibold text-brand-800 underline";

export default async function DirectorAssociatesPage() {
  const actor = await requireDirector("/director/associates");
  const data = (await listAssociatesForDirector(db, { actor }))!;
  const pending = data.associates.reduce((sum, a) => sum + a.pendingServices.length, 0);
  return (
    <>
      <PageHeader
        title="Associates"
        description={`Who can deliver what, whether their checks are current, and how booked they are from ${formatIsoDate(data.window.firstDay)} to ${formatIsoDate(data.window.lastDay)}.`}
      />
      {pending > 0 ? (
        <p className="mb-6 rounded-lg bg-amber-50 p-4">
          {pending} service{pending === 1 ? " is" : "s are"} waiting for you to approve an associate to deliver {pending === 1 ? "it" : "them"}.{" "}
          <Link className={linkClass} href="/director/checks">
            Approve on the Checks page
          </Link>
        </p>
      ) : null}
      {data.associates.length === 0 ? (
        <EmptyState>No associates yet.</EmptyState>
      ) : (
        <Card className="p-0">
          <div className="overflow-x-auto">
            <table className="w-full min-w-[56rem] text-left text-sm">
              <caption className="sr-only">Associates, with their services, checks, bookings over the next four weeks and how they are paid</caption>
              <thead className="bg-stone-50">
                <tr className="border-b border-stone-300">
                  <th scope="col" className="p-3">
                    Associate
                  </th>
                  <th scope="col" className="p-3">
                    Services
                  </th>
                  <th scope="col" className="p-3">
                    Checks
                  </th>
                  <th scope="col" className="p-3">
                    Next 4 weeks
                  </th>
                  <th scope="col" className="p-3">
                    Pay
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.associates.map((a) => (
                  <tr key={a.id} className="border-b border-stone-100 align-top" data-testid="associate-row">
                    <th scope="row" className="p-3 font-normal">
                      <Link className={linkClass} href={`/director/associates/${a.id}`}>
                        {a.name}
                      </Link>
                      <span className="block text-stone-700">{expertiseText[a.expertise]}</span>
                      {a.isActive ? null : <Badge>Not active</Badge>}
                    </th>
                    <td className="p-3">
                      <p>{a.approvedServices.length ? a.approvedServices.join(", ") : "None approved yet"}</p>
                      {a.pendingServices.length ? (
                        <p className="mt-1">
                          <Badge tone="warning">To approve</Badge> {a.pendingServices.join(", ")}
                        </p>
                      ) : null}
                    </td>
                    <td className="p-3">
                      <ComplianceSummary compliance={a.compliance} />
                    </td>
                    <td className="p-3">
                      <UtilisationBar utilisation={a.utilisation} />
                    </td>
                    <td className="p-3">
                      <p>
                        {payPreferenceLabel[a.payPreference]}
                        {a.payPreference === "CHARITY" && a.charityName ? ` (${a.charityName})` : ""}
                      </p>
                      {a.receivesBenefits ? (
                        <p className="mt-1">
                          <Badge tone="info">On benefits</Badge>
                        </p>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      <p className="mt-4 text-sm text-stone-700">
        “On benefits” is the associate&apos;s own declaration, with no detail; it is shown only to you so offers can warn before an earnings threshold. Opening this page is recorded in the
        audit log.
      </p>
    </>
  );
}
