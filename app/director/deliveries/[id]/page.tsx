import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OfferPairForm, SwapForm } from "@/components/director/pairing-forms";
import { PairMemberCard, RoleName } from "@/components/director/pairing-parts";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDate, formatDateTime, formatPence, formatTimeRange } from "@/lib/format";
import { assignmentStatusLabel, deliveryModeLabel, deliveryStatusLabel } from "@/lib/labels";
import { getPairingBoard } from "@/lib/server/director/pairing-board";

export const metadata: Metadata = { title: "Pairing board" };
export const dynamic = "force-dynamic";

const linkClass = "font-semibold text-brand-800 underline";
const ACTIVE = new Set(["HELD", "OFFERED", "ACCEPTED"]);

function changeNotice({ offered, moved }: { offered?: string; moved?: string }): string | null {
  const offers = Number(offered);
  const released = Number(moved);
  if (!Number.isInteger(offers) || offers < 1 || offers > 10) return null;
  const people = Number.isInteger(released) && released > 0 && released <= 10 ? `; ${released} ${released === 1 ? "person" : "people"} moved off and told kindly` : "";
  return `${offers} offer${offers === 1 ? "" : "s"} sent${people}.`;
}

export default async function PairingBoardPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ offered?: string; moved?: string }> }) {
  const { id } = await params;
  const notice = changeNotice(await searchParams);
  const actor = await requireDirector(`/director/deliveries/${id}`);
  const board = await getPairingBoard({ db, actor, unverifiedDeliveryId: id });
  if (!board) notFound();
  const { delivery } = board;
  const active = board.assignments.filter((a) => ACTIVE.has(a.status));
  const past = board.assignments.filter((a) => !ACTIVE.has(a.status));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link className={linkClass} href="/director/engagements">
          All engagements
        </Link>
      </p>
      <PageHeader
        title={`${delivery.serviceName} for ${delivery.organisationName}`}
        description={
          <>
            {formatDate(delivery.startsAt)}, {formatTimeRange(delivery.startsAt, delivery.endsAt)} · {deliveryModeLabel[delivery.mode as keyof typeof deliveryModeLabel]}
            {delivery.location ? ` at ${delivery.location}` : ""} · reference {delivery.reference}
          </>
        }
      >
        <Badge tone={delivery.status === "CONFIRMED" ? "good" : delivery.status === "NEEDS_PAIRING" ? "danger" : "warning"} className="text-sm">
          {deliveryStatusLabel[delivery.status]}
        </Badge>
      </PageHeader>

      {notice ? (
        <p role="status" className="mb-6 rounded-md bg-brand-50 p-3">
          {notice} They&apos;ll reply from their offers page; you&apos;ll see their answers here.
        </p>
      ) : null}

      {board.alerts.length > 0 ? (
        <Card aria-labelledby="board-alerts-heading" className="mb-6 border-amber-300 bg-amber-50">
          <CardTitle id="board-alerts-heading">Why this session needs you</CardTitle>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {board.alerts.map((alert) => (
              <li key={alert.id}>
                {alert.message} <span className="text-sm text-stone-700">(raised {formatDateTime(alert.createdAt)})</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm">This goes away once a full pair has been offered the session.</p>
        </Card>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card aria-labelledby="team-heading" className="lg:col-span-1">
          <CardTitle id="team-heading">Who&apos;s on this session</CardTitle>
          <p className="mt-1 text-sm text-stone-700">
            Needs {delivery.livedRequired} lived-experience and {delivery.professionalRequired} professional associate{delivery.professionalRequired === 1 ? "" : "s"}.
          </p>
          {active.length === 0 ? (
            <div className="mt-3">
              <EmptyState>Nobody is on this session yet. Offer it to one of the suggested pairs.</EmptyState>
            </div>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200">
              {active.map((a) => (
                <li key={a.id} className="py-2">
                  <p className="font-medium">{a.name}</p>
                  <p className="text-sm text-stone-700">
                    <RoleName role={a.role} /> · {formatPence(a.feePence)}
                  </p>
                  <p className="mt-1 text-sm">
                    <Badge tone={a.status === "ACCEPTED" ? "good" : a.isExpired ? "danger" : "warning"}>{a.isExpired ? "Offer expired" : assignmentStatusLabel[a.status]}</Badge>
                    {a.status === "OFFERED" && a.expiresAt && !a.isExpired ? <span className="ml-2 text-stone-700">reply by {formatDateTime(a.expiresAt)}</span> : null}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {past.length > 0 ? (
            <details className="mt-3 text-sm">
              <summary className="min-h-11 cursor-pointer content-center font-semibold text-brand-800 underline">Earlier offers ({past.length})</summary>
              <ul className="mt-2 space-y-1">
                {past.map((a) => (
                  <li key={a.id}>
                    {a.name}, <RoleName role={a.role} lower />: {assignmentStatusLabel[a.status]}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </Card>

        <section aria-labelledby="pairs-heading" className="lg:col-span-2">
          <h2 id="pairs-heading" className="text-lg font-semibold">
            Suggested pairs
          </h2>
          <p className="mt-1 text-sm text-stone-700">
            Best first: people who have worked with this client before, then fairness (whoever has had the least paid work this quarter, and nobody pushed over
            their own earnings limit), then travel. Everyone listed is free, qualified and cleared for this time.
          </p>
          {!board.canChange ? (
            <div className="mt-3">
              <EmptyState>{board.whyNot}</EmptyState>
            </div>
          ) : board.pairs.length === 0 ? (
            <div className="mt-3">
              <EmptyState>
                Nobody is free, qualified and cleared for this time. Ask associates about their availability, or talk to the client about another time.
              </EmptyState>
            </div>
          ) : (
            <ol className="mt-3 space-y-4">
              {board.pairs.map((pair, index) => {
                const isCurrentPair = pair.lived.isCurrent && pair.professional.isCurrent;
                return (
                  <li key={`${pair.lived.associateId}-${pair.professional.associateId}`} className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
                    <h3 className="font-semibold">
                      {index + 1}. {pair.lived.name} and {pair.professional.name}
                      {pair.continuity > 0 ? (
                        <Badge tone="info" className="ml-2">
                          {pair.continuity === 2 ? "Both know this client" : "One knows this client"}
                        </Badge>
                      ) : null}
                    </h3>
                    <div className="mt-3 grid gap-3 sm:grid-cols-2">
                      <PairMemberCard role="LIVED" member={pair.lived} />
                      <PairMemberCard role="PROFESSIONAL" member={pair.professional} />
                    </div>
                    <details className="mt-3 rounded-lg bg-stone-50 p-3 text-sm">
                      <summary className="min-h-11 cursor-pointer content-center font-semibold text-brand-800 underline">Effect on fairness</summary>
                      {pair.fairness.length === 0 ? (
                        <p className="mt-2">No change to anyone&apos;s lived-experience paid work this quarter.</p>
                      ) : (
                        <table className="mt-2 w-full text-left">
                          <caption className="sr-only">Paid work this quarter before and after this pair, once accepted</caption>
                          <thead>
                            <tr>
                              <th scope="col" className="py-1 pr-2">Associate</th>
                              <th scope="col" className="py-1 pr-2">Paid this quarter now</th>
                              <th scope="col" className="py-1 pr-2">After this session</th>
                              <th scope="col" className="py-1">Their own limit</th>
                            </tr>
                          </thead>
                          <tbody>
                            {pair.fairness.map((effect) => (
                              <tr key={effect.associateId} className="border-t border-stone-200">
                                <th scope="row" className="py-1 pr-2 font-medium">{effect.name}</th>
                                <td className="py-1 pr-2">{formatPence(effect.beforePence)}</td>
                                <td className="py-1 pr-2">{formatPence(effect.afterPence)}</td>
                                <td className="py-1">{effect.crossesLimit ? <strong className="text-red-800">Goes over it</strong> : "Within it"}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      )}
                    </details>
                    <div className="mt-3">
                      {isCurrentPair ? (
                        <p className="text-sm font-medium">This pair is on the session now.</p>
                      ) : (
                        <OfferPairForm
                          deliveryId={delivery.id}
                          lived={{ associateId: pair.lived.associateId, name: pair.lived.name }}
                          professional={{ associateId: pair.professional.associateId, name: pair.professional.name }}
                          replaces={pair.replaces.map((r) => ({ name: r.name, isAccepted: r.status === "ACCEPTED" }))}
                        />
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      </div>

      {board.canChange ? (
        <Card aria-labelledby="swap-heading" className="mt-6">
          <CardTitle id="swap-heading">Swap one facilitator</CardTitle>
          <p className="mt-1 mb-3 text-sm text-stone-700">Keep one person and offer the other place to someone else. The person moved off is emailed kindly.</p>
          <SwapForm
            deliveryId={delivery.id}
            current={active.filter((a) => a.status !== "HELD").map((a) => ({ role: a.role, name: a.name, isAccepted: a.status === "ACCEPTED" }))}
            options={board.options}
          />
        </Card>
      ) : null}
    </>
  );
}
