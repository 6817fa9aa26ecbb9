import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ComplianceEntryForm, type EntryKind, WithdrawEntryButton } from "@/components/associate/compliance-forms";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatIsoDate } from "@/lib/domain/time/calendar-date";
import { complianceKindLabel } from "@/lib/labels";
import { getComplianceOverview } from "@/lib/server/associates/compliance";
import { describeDetails, type Entry, kindInSentence, type KindStatus, type KindSummary } from "@/lib/server/associates/compliance-status";

export const metadata: Metadata = { title: "Your checks" };
export const dynamic = "force-dynamic";

const WHY: Record<KindSummary["kind"], string> = {
  DBS_ENHANCED: "Work directly with children needs an enhanced DBS check for the children's workforce, with the children's barred list checked.",
  DBS_UPDATE_SERVICE: "The DBS Update Service keeps your check current. For work with children, the latest status check must be from the last 12 months.",
  SAFEGUARDING_TRAINING: "Everyone needs safeguarding training that isn't past its refresh date.",
  PROFESSIONAL_REGISTRATION: "Roles that use the title “social worker” need active Social Work England registration. Other registrations (like HCPC) are recorded too.",
  INSURANCE: "Everyone needs insurance that covers the date of each session.",
  RIGHT_TO_WORK: "We record that we've seen your right to work in the UK.",
};

function kindBadge(summary: KindSummary): { tone: BadgeTone; label: string } {
  const days = summary.current?.daysLeft;
  const labels: Record<KindStatus, { tone: BadgeTone; label: string }> = {
    VERIFIED: { tone: "good", label: "Verified" },
    EXPIRING: { tone: "warning", label: days === 0 ? "Expires today" : `Expires in ${days} day${days === 1 ? "" : "s"}` },
    WAITING: { tone: "info", label: "Waiting for the director" },
    NOT_ACCEPTED: { tone: "danger", label: "Not accepted" },
    LAPSED: { tone: "danger", label: "Lapsed" },
    MISSING: { tone: "neutral", label: "Missing" },
  };
  return labels[summary.status];
}

function entryBadge(entry: Entry): { tone: BadgeTone; label: string } {
  switch (entry.status) {
    case "VERIFIED":
      return { tone: "good", label: "Verified" };
    case "EXPIRING":
      return { tone: "warning", label: entry.daysLeft === 0 ? "Verified · expires today" : `Verified · expires in ${entry.daysLeft} day${entry.daysLeft === 1 ? "" : "s"}` };
    case "WAITING":
      return { tone: "info", label: "Waiting for the director" };
    case "NOT_ACCEPTED":
      return { tone: "danger", label: "Not accepted" };
    case "LAPSED":
      return { tone: "danger", label: "Lapsed" };
  }
}

function statusSentence(summary: KindSummary): string {
  const { current } = summary;
  if (current) {
    const checked = `Checked on ${formatIsoDate(current.checkedOn)}`;
    if (current.validUntil === null) return `${checked}. It doesn't expire.`;
    return summary.kind === "DBS_UPDATE_SERVICE"
      ? `${checked}. It counts until ${formatIsoDate(current.validUntil)}.`
      : `${checked}. Valid until ${formatIsoDate(current.validUntil)}.`;
  }
  switch (summary.status) {
    case "WAITING":
      return "The director will check your new details. Until then they don't count.";
    case "NOT_ACCEPTED":
      return "The director couldn't accept the details you sent. Their note is below; please send them again.";
    case "LAPSED":
      return "This has run out. Please add your renewed details.";
    default:
      return "Nothing on file yet.";
  }
}

const ENTRY_KINDS: readonly string[] = ["DBS_ENHANCED", "DBS_UPDATE_SERVICE", "PROFESSIONAL_REGISTRATION", "INSURANCE", "SAFEGUARDING_TRAINING"];

export default async function AssociateChecksPage() {
  const actor = await requireAssociate("/associate/checks");
  const overview = await getComplianceOverview({ db, actor });
  if (!overview) notFound();
  return (
    <>
      <PageHeader
        title="Your checks"
        description="Your DBS, training, registration and insurance. New details are checked by the director before they count. No certificate images — we only record the details."
      />
      <Card aria-labelledby="blocked-heading" className="mb-6">
        <CardTitle id="blocked-heading">What this means for your work</CardTitle>
        {!overview.hasMatchingConsent ? (
          <p className="mt-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950">
            You&apos;ve withdrawn your agreement for us to offer you work, so you won&apos;t be offered any sessions whatever your checks say. You can change this on your{" "}
            <Link href="/associate/profile" className="font-semibold underline">
              profile
            </Link>
            .
          </p>
        ) : null}
        {overview.approvedServiceCount === 0 ? (
          <div className="mt-3">
            <EmptyState>You&apos;re not approved for any services yet, so there&apos;s nothing to check against. You can ask to deliver services on your profile.</EmptyState>
          </div>
        ) : (
          <div className="mt-3 grid gap-4 md:grid-cols-2">
            {overview.reports.map((report) => (
              <section key={report.on} aria-labelledby={`blocked-${report.on}`} className="rounded-lg border border-stone-200 p-4">
                <h3 id={`blocked-${report.on}`} className="font-semibold">
                  {report.isToday ? `Today (${formatIsoDate(report.on)})` : `In 30 days (${formatIsoDate(report.on)})`}
                </h3>
                {report.blocks.length === 0 ? (
                  <p className="mt-2 text-sm text-stone-800">
                    <Badge tone="good">Nothing blocked</Badge> Your checks cover all the services you&apos;re approved for{report.isToday ? "" : " on that date"}.
                  </p>
                ) : (
                  <ul className="mt-2 space-y-3 text-sm">
                    {report.blocks.map((block) => (
                      <li key={block.code} className="rounded-md bg-red-50 p-3 text-red-950">
                        <p>
                          <span className="font-semibold">Can&apos;t be offered — {block.affects}:</span> {block.reason}
                        </p>
                        <a href={`#check-${block.fixKind}`} className="mt-1 inline-flex min-h-11 items-center font-semibold underline">
                          Update your {kindInSentence(block.fixKind)}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </div>
        )}
        <p className="mt-3 text-sm text-stone-700">Details waiting for the director don&apos;t count yet.</p>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        {overview.kinds.map((summary) => {
          const label = complianceKindLabel[summary.kind];
          const badge = kindBadge(summary);
          const canEnter = ENTRY_KINDS.includes(summary.kind);
          return (
            <Card key={summary.kind} id={`check-${summary.kind}`} aria-labelledby={`check-${summary.kind}-heading`} className="scroll-mt-6">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <CardTitle id={`check-${summary.kind}-heading`}>{label}</CardTitle>
                <Badge tone={badge.tone}>{badge.label}</Badge>
              </div>
              <p className="mt-1 text-sm text-stone-700">{WHY[summary.kind]}</p>
              <p className="mt-2 text-sm font-medium">{statusSentence(summary)}</p>
              {summary.caveat ? <p className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-950">{summary.caveat}</p> : null}
              {summary.entries.length > 0 ? (
                <ul className="mt-3 space-y-3" aria-label={`${label}: what you've sent`}>
                  {summary.entries.slice(0, 4).map((entry) => {
                    const entryStatus = entryBadge(entry);
                    return (
                      <li key={entry.id} className="rounded-lg border border-stone-200 p-3 text-sm">
                        <Badge tone={entryStatus.tone}>{entryStatus.label}</Badge>
                        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                          {describeDetails(entry).map(([term, value]) => (
                            <div key={term} className="contents">
                              <dt className="text-stone-600">{term}</dt>
                              <dd className="break-words font-medium">{value}</dd>
                            </div>
                          ))}
                        </dl>
                        {entry.status === "NOT_ACCEPTED" && entry.reviewNote ? (
                          <p className="mt-2 rounded-md bg-red-50 p-2 text-red-950">
                            <span className="font-semibold">The director&apos;s note:</span> {entry.reviewNote}
                          </p>
                        ) : null}
                        {entry.status === "WAITING" ? <WithdrawEntryButton recordId={entry.id} what={kindInSentence(summary.kind)} /> : null}
                      </li>
                    );
                  })}
                </ul>
              ) : null}
              {canEnter ? (
                <details className="mt-4">
                  <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand-800 underline">
                    {summary.entries.length === 0 ? `Add your ${kindInSentence(summary.kind)}` : `Add new ${kindInSentence(summary.kind)} details`}
                  </summary>
                  <div className="mt-3">
                    <ComplianceEntryForm kind={summary.kind as EntryKind} what={kindInSentence(summary.kind)} />
                  </div>
                </details>
              ) : (
                <p className="mt-3 text-sm text-stone-700">The director checks this with you in person (for example, your passport or a share code), so there&apos;s nothing to add here.</p>
              )}
            </Card>
          );
        })}
      </div>
    </>
  );
}
