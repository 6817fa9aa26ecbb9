import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublicProfileCard } from "@/components/associates/public-profile-card";
import { ConsentForm, ExpertiseForm, PublicProfileForm, ServiceActions, StoryForm } from "@/components/associate/profile-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatDate, formatDateTime } from "@/lib/format";
import { BIO_MAX, getAssociateProfile, PUBLIC_NOTE_MAX, STORY_MAX } from "@/lib/server/associates/profile";

export const metadata: Metadata = { title: "Your profile" };
export const dynamic = "force-dynamic";

const CONSENT_TEXT = {
  MATCHING: {
    title: "We can offer you work",
    short: "offer me work",
    explain: "We use your services, availability and checks to offer you sessions. Without this, we won't offer you any new work.",
  },
  PUBLISHED_BIO: {
    title: "Clients can see your profile",
    short: "show my profile to clients",
    explain: "Your name, professional bio and public note appear on the pages of the services you deliver. Without this, clients don't see you there at all.",
  },
  MARKETING: {
    title: "We can tell people about your work",
    short: "tell people about my work",
    explain: "We may mention your work with us in newsletters, on social media and in reports. We never use your private story.",
  },
} as const;

const SERVICE_STATUS = {
  APPROVED: { label: "Approved", tone: "good" },
  PENDING: { label: "Waiting for the director", tone: "warning" },
  NOT_OFFERED: { label: "Not offered", tone: "neutral" },
} as const;

export default async function AssociateProfilePage() {
  const actor = await requireAssociate("/associate/profile");
  const profile = await getAssociateProfile({ db, actor });
  if (!profile) notFound();
  const { publication } = profile;
  return (
    <>
      <PageHeader title="Your profile" description="What clients see, the services you deliver and what you've agreed to. You can change any of it at any time." />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <Card aria-labelledby="preview-heading">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <CardTitle id="preview-heading">How clients see you</CardTitle>
              <Badge tone={publication.isPublished ? "good" : "neutral"}>{publication.isPublished ? "Published" : "Not published"}</Badge>
            </div>
            <p className="mt-1 text-sm text-stone-700">
              {publication.isPublished
                ? "This is exactly what clients see on the pages of the services you're approved for."
                : !publication.hasPublishedBioConsent
                  ? "Clients can't see this, because you haven't agreed to show your profile. This is what they would see if you did."
                  : !publication.hasApprovedService
                    ? "Clients see you on the pages of services you're approved for, and you're not approved for any yet. This is what they would see."
                    : "Your account is paused, so clients can't see this. Please talk to the director."}
            </p>
            <div className="mt-3">
              <PublicProfileCard profile={profile} />
            </div>
          </Card>
          <Card aria-labelledby="public-heading">
            <CardTitle id="public-heading">Your public profile</CardTitle>
            <p className="mb-4 mt-1 text-sm text-stone-700">Shown to clients only while you agree to it (see &ldquo;What you&apos;ve agreed to&rdquo;).</p>
            <PublicProfileForm bio={profile.bio} note={profile.publicLivedExperienceNote} bioMax={BIO_MAX} noteMax={PUBLIC_NOTE_MAX} />
          </Card>
          <Card aria-labelledby="expertise-heading">
            <CardTitle id="expertise-heading" className="mb-4">
              Your expertise
            </CardTitle>
            <ExpertiseForm expertise={profile.expertise} />
          </Card>
        </div>
        <div className="space-y-6">
          <Card aria-labelledby="consents-heading">
            <CardTitle id="consents-heading">What you&apos;ve agreed to</CardTitle>
            <p className="mt-1 text-sm text-stone-700">Each one is your choice, and you can change your mind at any time.</p>
            <ul className="mt-4 space-y-4">
              {profile.consents.map((consent) => {
                const text = CONSENT_TEXT[consent.purpose];
                return (
                  <li key={consent.purpose} className="rounded-lg border border-stone-200 p-4">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <h3 id={`consent-${consent.purpose}`} className="font-semibold">
                        {text.title}
                      </h3>
                      <Badge tone={consent.isGiven ? "good" : "neutral"}>{consent.isGiven ? "Agreed" : "Not agreed"}</Badge>
                    </div>
                    <p className="mt-1 text-sm text-stone-800">{text.explain}</p>
                    <p className="mt-1 text-sm text-stone-700">
                      {consent.isGiven && consent.givenAt
                        ? `You agreed on ${formatDate(consent.givenAt)}.`
                        : consent.history[0]?.withdrawnAt
                          ? `You withdrew this on ${formatDate(consent.history[0].withdrawnAt)}.`
                          : "You haven't agreed to this."}
                    </p>
                    <div className="mt-3">
                      <ConsentForm purpose={consent.purpose} isGiven={consent.isGiven} label={text.short} />
                    </div>
                    {consent.history.length > 0 ? (
                      <details className="mt-2 text-sm">
                        <summary className="inline-flex min-h-11 cursor-pointer items-center text-stone-800 underline">History</summary>
                        <ul className="mt-1 space-y-1 text-stone-700">
                          {consent.history.map((entry) => (
                            <li key={entry.id}>
                              Agreed {formatDateTime(entry.grantedAt)}
                              {entry.withdrawnAt ? ` · withdrawn ${formatDateTime(entry.withdrawnAt)}` : " · still in place"}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </Card>
          <Card aria-labelledby="story-heading" className="border-stone-300 bg-stone-50">
            <CardTitle id="story-heading">Your private story</CardTitle>
            <p className="mb-4 mt-1 text-sm font-medium text-stone-800">
              Never shown to clients; only the director can read it. It is kept apart from your profile.
              {profile.story ? ` Last changed ${formatDateTime(profile.story.updatedAt)}.` : ""}
            </p>
            <StoryForm story={profile.story?.story ?? null} storyMax={STORY_MAX} />
          </Card>
        </div>
        <Card aria-labelledby="services-heading" className="lg:col-span-2">
          <CardTitle id="services-heading">Services you deliver</CardTitle>
          <p className="mt-1 text-sm text-stone-700">Ask to deliver a service and the director will look at your request. You&apos;re only offered work for services you&apos;re approved for.</p>
          {profile.services.length === 0 ? (
            <div className="mt-3">
              <EmptyState>There are no services to choose from right now.</EmptyState>
            </div>
          ) : (
            <ul className="mt-4 divide-y divide-stone-200">
              {profile.services.map((service) => {
                const status = SERVICE_STATUS[service.status];
                return (
                  <li key={service.id} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-start sm:justify-between">
                    <div>
                      <p className="flex flex-wrap items-center gap-2 font-medium">
                        {service.name} <Badge tone={status.tone}>{status.label}</Badge>
                      </p>
                      <p className="text-sm text-stone-700">{service.summary}</p>
                      {service.childFacing ? <p className="text-sm text-stone-700">Works directly with children, so it needs an enhanced DBS check.</p> : null}
                    </div>
                    <div className="shrink-0">
                      <ServiceActions serviceId={service.id} name={service.name} status={service.status} />
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="your-data-heading" className="lg:col-span-2">
          <CardTitle id="your-data-heading">Your data</CardTitle>
          <p className="mt-1 text-sm text-stone-700">
            A copy of everything we hold about you (your profile, story, consents, checks, availability, sessions, expenses, payments and emails we sent you) as one file you can keep or
            open in any text editor. To have your data erased, ask the director.
          </p>
          <p className="mt-3">
            <a href="/associate/profile/my-data.json" download className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
              Download my data
            </a>
            <span className="text-sm text-stone-700"> (JSON file)</span>
          </p>
        </Card>
      </div>
    </>
  );
}
