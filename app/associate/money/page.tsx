import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BenefitsForm, DeleteClaimButton, MoneyWarning, PayPreferenceForm } from "@/components/associate/money-forms";
import { Field } from "@/components/booking/field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAssociate } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatHours, mileageCapMessage } from "@/lib/domain/earnings";
import { formatDate, formatPence } from "@/lib/format";
import { expenseCategoryLabel, expenseStatusLabel, expenseStatusTone } from "@/lib/labels";
import { getMoneyOverview, type MoneyOverview } from "@/lib/server/associates/money";
import { parseLetterPeriod } from "@/lib/server/associates/statements";

export const metadata: Metadata = { title: "Money" };
export const dynamic = "force-dynamic";

const inputClass = "block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function AssociateMoneyPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireAssociate("/associate/money");
  const money = await getMoneyOverview({ db, actor });
  if (!money) notFound();
  const params = await searchParams;
  const claimed = money.claims.find((claim) => claim.id === one(params.claimed));
  const { profile } = money;
  return (
    <>
      <PageHeader title="Money" description="How you're paid, what you've earned, and your expenses. Expenses pay you back for what you spent — they aren't earnings.">
        <Button asChild>
          <Link href="/associate/money/expenses/new">Claim an expense</Link>
        </Button>
      </PageHeader>
      <div className="space-y-6">
        {claimed ? (
          <p role="status" className="rounded-lg bg-brand-50 p-4">
            Thanks — we&apos;ve got your claim for {formatPence(claimed.amountPence)}. We&apos;ll let you know when it&apos;s approved.
            {capMessageFor(claimed) ? <span className="mt-1 block font-medium">{capMessageFor(claimed)}</span> : null}
          </p>
        ) : null}
        {one(params.deleted) ? (
          <p role="status" className="rounded-lg bg-brand-50 p-4">
            Your claim has been deleted.
          </p>
        ) : null}

        {money.warnings.length || money.voucherWarning ? (
          <section aria-labelledby="warnings-heading" className="space-y-2">
            <h2 id="warnings-heading" className="text-lg font-semibold">
              Worth knowing before you take more work
            </h2>
            {money.warnings.map((warning) => (
              <MoneyWarning key={warning.message}>{warning.message}</MoneyWarning>
            ))}
            {money.voucherWarning ? <MoneyWarning>{money.voucherWarning}</MoneyWarning> : null}
            <p className="text-sm text-stone-700">
              We never work out your benefits. If you&apos;re not sure, a free independent adviser can help — see &ldquo;Benefits&rdquo; below.
            </p>
          </section>
        ) : null}

        <EarningsCard money={money} />
        <ExpensesCard money={money} />

        <div className="grid gap-6 lg:grid-cols-2">
          <Card aria-labelledby="pay-heading">
            <CardTitle id="pay-heading">How you&apos;re paid</CardTitle>
            <p className="mb-4 mt-1 text-sm text-stone-700">You can change this whenever you like. It applies to work from now on.</p>
            <PayPreferenceForm current={profile} receivesBenefits={profile.receivesBenefits} />
          </Card>
          <Card aria-labelledby="benefits-heading">
            <CardTitle id="benefits-heading">Benefits (optional)</CardTitle>
            <p className="mb-4 mt-1 text-sm text-stone-700">
              Only you and the director can see this. Tell us only what you&apos;re comfortable with — we use it to warn you, never to work out your benefits.
            </p>
            <BenefitsForm
              current={{
                receivesBenefits: profile.receivesBenefits,
                thresholdPounds: profile.earningsCapPence === null ? "" : (profile.earningsCapPence / 100).toFixed(2),
                capPeriod: profile.capPeriod,
              }}
            />
            <div className="mt-6 space-y-2 border-t border-stone-200 pt-4 text-sm">
              <h3 className="font-semibold">Free, independent benefits advice</h3>
              <p>
                {profile.benefitsAdviceOfferedOn
                  ? `We offered to put you in touch with an independent benefits adviser on ${formatDate(profile.benefitsAdviceOfferedOn)}. The offer still stands — just ask.`
                  : "We haven't offered you independent benefits advice yet. Ask the director at any time and we'll put you in touch."}
              </p>
              <p>
                You can also get free, confidential advice from{" "}
                <a className="font-medium text-brand-800 underline" href="https://www.citizensadvice.org.uk/benefits/">
                  Citizens Advice
                </a>{" "}
                or{" "}
                <a className="font-medium text-brand-800 underline" href="https://www.turn2us.org.uk/">
                  Turn2us
                </a>
                , or your local council&apos;s welfare rights service. They can tell you how work and vouchers affect your benefits.
              </p>
            </div>
          </Card>
        </div>

        <StatementsCard money={money} params={params} />
      </div>
    </>
  );
}

type Claim = MoneyOverview["claims"][number];

/** For a capped mileage claim, the sentence that explains the cap (the rate is what was applied). */
function capMessageFor(claim: Claim): string | null {
  if (claim.category !== "MILEAGE" || !claim.miles || claim.claimedPence <= claim.amountPence) return null;
  return mileageCapMessage({ ratePencePerMile: Math.round(claim.amountPence / claim.miles), amountPence: claim.amountPence });
}

function describeHours(workedMinutes: number, bookedMinutes: number): string {
  const parts = [workedMinutes ? `${formatHours(workedMinutes)} worked` : null, bookedMinutes ? `${formatHours(bookedMinutes)} booked` : null].filter(Boolean);
  return parts.length ? parts.join(", ") : "None yet";
}

function EarningsCard({ money }: { money: MoneyOverview }) {
  const { threshold } = money;
  return (
    <Card aria-labelledby="earnings-heading">
      <CardTitle id="earnings-heading">Your earnings</CardTitle>
      <p className="mt-1 text-sm text-stone-700">Fees for sessions you&apos;ve delivered, and for sessions you&apos;ve accepted that haven&apos;t happened yet. Expenses are shown apart: they pay you back, so they aren&apos;t earnings.</p>
      <div className="mt-4 grid gap-4 md:grid-cols-3">
        {money.periods.map(({ kind, label, summary }) => (
          <section key={kind} aria-labelledby={`period-${kind}`} className="rounded-lg border border-stone-200 p-4">
            <h3 id={`period-${kind}`} className="font-semibold first-letter:uppercase">
              {label}
            </h3>
            <dl className="mt-2 space-y-1 text-sm">
              <div className="flex justify-between gap-2">
                <dt>Fees earned (delivered)</dt>
                <dd className="font-semibold">{formatPence(summary.earnedPence)}</dd>
              </div>
              <div className="flex justify-between gap-2">
                <dt>Fees booked (not yet delivered)</dt>
                <dd className="font-semibold">{formatPence(summary.bookedPence)}</dd>
              </div>
              <div className="flex justify-between gap-2">
                <dt>Hours</dt>
                <dd>{describeHours(summary.workedMinutes, summary.bookedMinutes)}</dd>
              </div>
              <div className="flex justify-between gap-2 border-t border-stone-200 pt-1 text-stone-700">
                <dt>Expenses (paying you back, not earnings)</dt>
                <dd>{formatPence(summary.expensesPence)}</dd>
              </div>
            </dl>
          </section>
        ))}
      </div>
      {threshold ? (
        <div className="mt-5 space-y-2">
          <h3 id="threshold-heading" className="font-semibold">
            Your {threshold.capPeriod === "WEEK" ? "weekly" : "monthly"} threshold
          </h3>
          <progress aria-labelledby="threshold-heading" aria-describedby="threshold-text" max={100} value={threshold.percent} className="h-3 w-full overflow-hidden rounded-full accent-brand-700" />
          <p id="threshold-text" className="text-sm">
            {formatPence(threshold.totalPence)} earned and booked {threshold.label}, of your {formatPence(threshold.capPence)} threshold ({threshold.percent}%).{" "}
            {threshold.isOver
              ? `That's ${formatPence(threshold.totalPence - threshold.capPence)} over.`
              : `${formatPence(threshold.capPence - threshold.totalPence)} to go before you reach it.`}
          </p>
        </div>
      ) : null}
    </Card>
  );
}

function ExpensesCard({ money }: { money: MoneyOverview }) {
  return (
    <Card aria-labelledby="expenses-heading" id="expenses">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle id="expenses-heading">Expense claims</CardTitle>
        <Link href="/associate/money/expenses/new" className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
          Claim an expense
        </Link>
      </div>
      <p className="mt-1 text-sm text-stone-700">
        Mileage is paid at HMRC&apos;s approved rate of {money.policy.mileagePencePerMile}p a mile. You can delete a claim while it&apos;s waiting for a decision, and change one we&apos;ve asked you about.
      </p>
      {money.claims.length === 0 ? (
        <div className="mt-3">
          <EmptyState>No claims yet. If you spent money to do a session — travel, food, a room — you can claim it back for up to 90 days afterwards.</EmptyState>
        </div>
      ) : (
        <ul className="mt-3 divide-y divide-stone-200">
          {money.claims.map((claim) => {
            const session = `${claim.delivery.engagement.service.name} on ${formatDate(claim.delivery.startsAt)}`;
            const capMessage = capMessageFor(claim);
            return (
              <li key={claim.id} className="space-y-1 py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="font-medium">
                    {expenseCategoryLabel[claim.category]}: {claim.description}
                  </p>
                  <Badge tone={expenseStatusTone[claim.status]}>{expenseStatusLabel[claim.status]}</Badge>
                </div>
                <p className="text-sm text-stone-700">
                  For {session} ({claim.delivery.engagement.organisation.name}) · claimed {formatDate(claim.createdAt)}
                </p>
                <p className="text-sm">
                  {claim.miles ? `${claim.miles} miles · ` : ""}
                  {claim.claimedPence !== claim.amountPence ? `Claimed ${formatPence(claim.claimedPence)} · ` : ""}
                  <strong>We pay {formatPence(claim.amountPence)}</strong>
                </p>
                {capMessage ? <p className="text-sm text-stone-800">{capMessage}</p> : null}
                {claim.decisionNote ? (
                  <p className="rounded-md bg-stone-100 p-2 text-sm">
                    <span className="font-medium">Note from the director:</span> {claim.decisionNote}
                  </p>
                ) : null}
                <div className="flex flex-wrap items-center gap-x-4">
                  {claim.receipt ? (
                    <a href={`/associate/money/expenses/${claim.id}/receipt`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-800 underline">
                      Download receipt<span className="sr-only"> for {claim.description}</span> ({claim.receipt.filename})
                    </a>
                  ) : null}
                  {claim.status === "QUERIED" ? (
                    <Link href={`/associate/money/expenses/${claim.id}/edit`} className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 underline">
                      Change and send back<span className="sr-only">: {claim.description}</span>
                    </Link>
                  ) : null}
                  {claim.status === "SUBMITTED" ? <DeleteClaimButton claimId={claim.id} label={`${claim.description} (${formatPence(claim.amountPence)})`} /> : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

function StatementsCard({ money, params }: { money: MoneyOverview; params: Awaited<SearchParams> }) {
  const letterInput = { month: one(params.month), from: one(params.from), to: one(params.to) };
  const letterCheck = one(params.letter) === "check" ? parseLetterPeriod(letterInput) : null;
  const errors = letterCheck && !letterCheck.ok ? (letterCheck.fieldErrors ?? {}) : {};
  const firstError = errors.from?.[0] ?? errors.to?.[0] ?? errors.month?.[0];
  return (
    <Card aria-labelledby="statements-heading" id="statements">
      <CardTitle id="statements-heading">Statements and letters</CardTitle>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <form method="get" action="/associate/money/statement.pdf" className="space-y-3">
          <h3 className="font-semibold">Monthly statement</h3>
          <p className="text-sm text-stone-700">Your sessions, fees, expenses and payments for one month, as a PDF.</p>
          <Field id="statement-month" label="Month">
            <select id="statement-month" name="month" className={inputClass} defaultValue={money.statementMonths[0]?.key}>
              {money.statementMonths.map((month) => (
                <option key={month.key} value={month.key}>
                  {month.label}
                </option>
              ))}
            </select>
          </Field>
          <Button type="submit" variant="secondary">
            Download statement (PDF)
          </Button>
        </form>
        <form method="get" action="/associate/money/jobcentre-letter.pdf" className="space-y-3" noValidate>
          <h3 className="font-semibold">Letter for the Jobcentre</h3>
          <p className="text-sm text-stone-700">
            A letter from us, signed by the director, saying what work you did, when, for how many hours and what you were paid. It says that expenses aren&apos;t earnings. It doesn&apos;t
            work out any benefits.
          </p>
          {firstError ? (
            <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
              Check the dates for your letter.
            </p>
          ) : null}
          <Field id="letter-month" label="Which month?" hint="Or choose “Other dates” and give the first and last day (up to 12 months).">
            <select id="letter-month" name="month" className={inputClass} defaultValue={letterCheck ? (letterInput.month ?? "") : money.statementMonths[1]?.key} aria-describedby="letter-month-hint">
              {money.statementMonths.map((month) => (
                <option key={month.key} value={month.key}>
                  {month.label}
                </option>
              ))}
              <option value="">Other dates</option>
            </select>
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="letter-from" label="First day (for other dates)" error={errors.from?.[0]}>
              <input id="letter-from" name="from" type="date" defaultValue={letterInput.from} className={inputClass} aria-describedby={errors.from ? "letter-from-error" : undefined} aria-invalid={errors.from ? true : undefined} />
            </Field>
            <Field id="letter-to" label="Last day (for other dates)" error={errors.to?.[0]}>
              <input id="letter-to" name="to" type="date" defaultValue={letterInput.to} className={inputClass} aria-describedby={errors.to ? "letter-to-error" : undefined} aria-invalid={errors.to ? true : undefined} />
            </Field>
          </div>
          <Button type="submit" variant="secondary">
            Download letter (PDF)
          </Button>
        </form>
      </div>
    </Card>
  );
}
