"use client";

import { useActionState } from "react";
import { describedBy, Field } from "@/components/booking/field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { FormNotice } from "@/components/ui/form-alert";
import { eraseAssociateAction, eraseAttendeeAction, type EraseState, findPersonAction, type LookupState } from "@/app/director/privacy/actions";
import type { HeldCategory, PersonHoldings } from "@/lib/server/privacy/find-person";

/**
 * The director's privacy requests: find a person by email address, see what we hold (counts), download
 * everything as JSON (subject access), or erase their personal data after typing their email to confirm.
 */

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2";
const summaryClass = "inline-flex min-h-11 cursor-pointer items-center rounded-lg px-3 font-semibold text-red-800 underline focus-visible:outline-2 focus-visible:outline-offset-2";
const ROLE = { DIRECTOR: "Director", ASSOCIATE: "Associate", CLIENT: "Client booker" } as const;

export function PrivacyConsole() {
  const [state, action, isPending] = useActionState<LookupState, FormData>(findPersonAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const emailError = errors.email?.[0];
  const typed = state && !state.ok ? (state.values?.email ?? "") : state?.ok ? state.data.email : "";
  return (
    <div className="space-y-6">
      <Card aria-labelledby="find-heading">
        <CardTitle id="find-heading">Find a person</CardTitle>
        <form action={action} className="mt-3 space-y-4" noValidate>
          {state && !state.ok ? <FormNotice state={state} /> : null}
          <Field id="privacy-email" label="Email address" hint="The address they gave us: an associate's sign-in address, or an attendee's address on a booking." error={emailError}>
            <input id="privacy-email" name="email" type="email" autoComplete="off" required defaultValue={typed} className={inputClass} {...describedBy("privacy-email", { hint: true, error: emailError })} />
          </Field>
          <Button type="submit" disabled={isPending}>
            {isPending ? "Searching…" : "Search"}
          </Button>
        </form>
      </Card>
      {state?.ok ? <Holdings key={`${state.data.email}-${state.data.account?.userId ?? ""}-${state.data.attendee?.attendeeIds.join(",") ?? ""}`} holdings={state.data} /> : null}
    </div>
  );
}

function Holdings({ holdings }: { holdings: PersonHoldings }) {
  const { email, account, attendee } = holdings;
  if (!account && !attendee) {
    return (
      <section aria-labelledby="results-heading">
        <h2 id="results-heading" className="sr-only">
          Results
        </h2>
        <EmptyState>We don&apos;t hold anything under {email}. Check the spelling, or ask them which address they used with us.</EmptyState>
      </section>
    );
  }
  return (
    <section aria-labelledby="results-heading" className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="results-heading" className="text-xl font-semibold">
          What we hold under {email}
        </h2>
        <form method="post" action="/director/privacy/export" className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="email" value={email} />
          <label className="inline-flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="includeReceipts" value="1" className="size-5" /> Include receipt files
          </label>
          <Button type="submit" variant="secondary">
            Download export (JSON)
          </Button>
        </form>
      </div>
      <p className="text-sm text-stone-700">The export has everything below in one file (a subject access request, UK GDPR Article 15). Each download is recorded in the audit log.</p>
      {account ? (
        <Card aria-labelledby="account-heading">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <CardTitle id="account-heading">
              {account.name ?? "No name given"} · {ROLE[account.role]}
            </CardTitle>
            {account.erasedAt ? <Badge tone="neutral">Erased</Badge> : null}
          </div>
          <Categories categories={account.categories} label="Records held for this account" />
          {account.erasedAt ? (
            <p className="mt-3 text-sm text-stone-700">Their personal data has already been erased. What is left is kept for the finance records.</p>
          ) : account.associateId ? (
            <EraseAssociate userId={account.userId} email={email} upcomingSessions={account.upcomingSessions} />
          ) : (
            <p className="mt-3 text-sm text-stone-700">Erasure here covers associates and attendees. For a client&apos;s booker or a director, talk to the organisation first: their bookings and invoices belong to the organisation too.</p>
          )}
        </Card>
      ) : null}
      {attendee ? (
        <Card aria-labelledby="attendee-heading">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <CardTitle id="attendee-heading">Attendee: {attendee.names.join(", ")}</CardTitle>
            {attendee.erasedCount === attendee.attendeeIds.length ? <Badge tone="neutral">Erased</Badge> : null}
          </div>
          <Categories categories={attendee.categories} label="Attendee records held" />
          {attendee.erasedCount < attendee.attendeeIds.length ? <EraseAttendee attendeeIds={attendee.attendeeIds} email={email} /> : null}
        </Card>
      ) : null}
    </section>
  );
}

function Categories({ categories, label }: { categories: HeldCategory[]; label: string }) {
  return (
    <table className="mt-3 w-full text-left text-sm">
      <caption className="sr-only">{label}</caption>
      <thead>
        <tr className="border-b border-stone-200">
          <th scope="col" className="py-2 font-semibold">
            What
          </th>
          <th scope="col" className="py-2 text-right font-semibold">
            How many
          </th>
        </tr>
      </thead>
      <tbody>
        {categories.map((category) => (
          <tr key={category.key} className="border-b border-stone-100">
            <td className="py-1.5">{category.label}</td>
            <td className="py-1.5 text-right tabular-nums">{category.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ConfirmField({ id, email, error, value }: { id: string; email: string; error?: string; value?: string }) {
  return (
    <Field id={id} label={`Type ${email} to confirm`} error={error}>
      <input id={id} name="confirmEmail" type="email" autoComplete="off" required defaultValue={value ?? ""} className={inputClass} {...describedBy(id, { error })} />
    </Field>
  );
}

function EraseAssociate({ userId, email, upcomingSessions }: { userId: string; email: string; upcomingSessions: number }) {
  const [state, action, isPending] = useActionState<EraseState, FormData>(eraseAssociateAction, null);
  const error = state && !state.ok ? state.fieldErrors?.confirmEmail?.[0] : undefined;
  if (state?.ok) return <div className="mt-4"><FormNotice state={state} /></div>;
  return (
    <details className="mt-4 rounded-lg border border-red-200 p-2" open={!!state}>
      <summary className={summaryClass}>Erase…</summary>
      <form action={action} className="mt-2 space-y-3 px-3 pb-2 text-sm" noValidate>
        <FormNotice state={state} />
        <input type="hidden" name="userId" value={userId} />
        {upcomingSessions > 0 ? (
          <p className="rounded-md bg-amber-50 p-3 text-amber-950">
            They have {upcomingSessions} upcoming session{upcomingSessions === 1 ? "" : "s"} offered or accepted. Withdraw them first on the pairing board; erasure will be refused until then.
          </p>
        ) : null}
        <p className="font-semibold">What goes</p>
        <ul className="list-disc space-y-1 pl-5">
          <li>Their name, email address, phone, bio, public note and home postcode.</li>
          <li>Their private lived-experience story, consents, availability and compliance check numbers.</li>
          <li>Their sign-in: they can no longer sign in. Emails waiting to be sent to them are cancelled.</li>
          <li>Mentions of their name or email in notes, alerts and messages become “[erased]”.</li>
        </ul>
        <p className="font-semibold">What stays, and why</p>
        <p>
          Payments, expense claims (amounts, dates, receipts) and invoices stay, under “Erased associate”. HMRC requires business records to be kept for 6 years, and the law allows keeping what a legal
          duty needs. This can&apos;t be undone.
        </p>
        <ConfirmField id={`confirm-${userId}`} email={email} error={error} value={state && !state.ok ? state.values?.confirmEmail : undefined} />
        <Button type="submit" disabled={isPending}>
          {isPending ? "Erasing…" : "Erase their personal data"}
        </Button>
      </form>
    </details>
  );
}

function EraseAttendee({ attendeeIds, email }: { attendeeIds: string[]; email: string }) {
  const [state, action, isPending] = useActionState<EraseState, FormData>(eraseAttendeeAction, null);
  const error = state && !state.ok ? state.fieldErrors?.confirmEmail?.[0] : undefined;
  const id = `confirm-attendee-${attendeeIds[0]}`;
  if (state?.ok) return <div className="mt-4"><FormNotice state={state} /></div>;
  return (
    <details className="mt-4 rounded-lg border border-red-200 p-2" open={!!state}>
      <summary className={summaryClass}>Erase…</summary>
      <form action={action} className="mt-2 space-y-3 px-3 pb-2 text-sm" noValidate>
        <FormNotice state={state} />
        {attendeeIds.map((attendeeId) => (
          <input key={attendeeId} type="hidden" name="attendeeId" value={attendeeId} />
        ))}
        <p className="font-semibold">What goes</p>
        <ul className="list-disc space-y-1 pl-5">
          <li>Their name, email address and job title on every booking, and the comments they wrote in feedback.</li>
          <li>Their feedback and certificate link stops working. Emails waiting to be sent to them are cancelled.</li>
        </ul>
        <p className="font-semibold">What stays, and why</p>
        <p>Whether they attended and their feedback scores stay, without their name, so attendance counts and evaluation figures stay right. This can&apos;t be undone.</p>
        <ConfirmField id={id} email={email} error={error} value={state && !state.ok ? state.values?.confirmEmail : undefined} />
        <Button type="submit" disabled={isPending}>
          {isPending ? "Erasing…" : "Erase their personal data"}
        </Button>
      </form>
    </details>
  );
}
