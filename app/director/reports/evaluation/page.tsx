import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BarChart } from "@/components/charts/bar-chart";
import { ReportNav, ReportPeriodSwitch, ReportStat } from "@/components/director/report-nav";
import { formatChange, formatScore, ReportScoreTable } from "@/components/director/report-score-table";
import { Card, CardTitle } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { getEvaluationReport, SMALL_NUMBER } from "@/lib/server/director/reports-evaluation";

export const metadata: Metadata = { title: "Evaluation report" };
export const dynamic = "force-dynamic";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export default async function EvaluationReportPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const actor = await requireDirector("/director/reports/evaluation");
  const { period } = await searchParams;
  let result = await getEvaluationReport({ db, actor, input: { period } });
  const refusal = result.ok ? null : result.message;
  if (!result.ok) result = await getEvaluationReport({ db, actor, input: {} });
  if (!result.ok) notFound();
  const report = result.data;
  const { totals } = report;
  const improved = report.confidenceChangeDistribution.filter((d) => d.change > 0).reduce((sum, d) => sum + d.responses, 0);
  const topService = report.byService[0];

  return (
    <>
      <PageHeader title="Evaluation" description="What attendees said about sessions delivered in the period: how they rated them, and how their confidence changed. No attendee is named here." />
      <ReportNav active="evaluation" period={report.range.period} />
      <ReportPeriodSwitch basePath="/director/reports/evaluation" period={report.range.period} rangeLabel={report.range.label} />
      {refusal ? (
        <div className="mb-6">
          <FormAlert message={`${refusal} Showing this quarter instead.`} />
        </div>
      ) : null}
      {totals.isSmallNumber ? (
        <p role="note" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="small-number-caution">
          <strong>Small numbers: </strong>
          {totals.responses === 0 ? "there is no feedback for this period yet." : `only ${plural(totals.responses, "response")} in this period. With fewer than ${SMALL_NUMBER}, one answer can change an average a lot, so treat these figures with caution.`}
        </p>
      ) : null}

      <section aria-labelledby="evaluation-headline" className="mb-8">
        <h2 id="evaluation-headline" className="sr-only">
          Headline figures
        </h2>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <ReportStat label="Responses" value={String(totals.responses)} testId="evaluation-responses" detail={`from ${plural(totals.sessionsWithFeedback, "session")}`} />
          <ReportStat label="Overall rating (average)" value={formatScore(totals.overall, 5)} testId="evaluation-overall" detail={`Relevance ${formatScore(totals.relevance, 5)} · Facilitation ${formatScore(totals.facilitation, 5)}`} />
          <ReportStat
            label="Confidence change (average)"
            value={formatChange(totals.confidenceChange)}
            testId="evaluation-confidence"
            detail={totals.confidenceBefore === null ? "On a scale of 1 to 10." : `From ${totals.confidenceBefore.toFixed(1)} before to ${totals.confidenceAfter!.toFixed(1)} after, on a scale of 1 to 10.`}
          />
          <ReportStat label="Three-month follow-up comments" value={String(totals.followUpComments)} testId="evaluation-follow-ups" detail="Attendees who told us, three months on, what they now do differently." />
        </div>
      </section>

      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="overall-distribution-heading">
          <CardTitle id="overall-distribution-heading">Ratings</CardTitle>
          <div className="mt-3">
            <BarChart
              id="overall-distribution"
              title="How attendees rated the session overall"
              summary={totals.responses === 0 ? "No ratings yet." : `${report.overallDistribution.filter((d) => d.score >= 4).reduce((s, d) => s + d.responses, 0)} of ${totals.responses} rated it 4 or 5 out of 5.`}
              labelHeading="Rating"
              valueHeading="Responses"
              rows={
                totals.responses === 0
                  ? []
                  : [...report.overallDistribution].reverse().map((d) => ({ key: String(d.score), label: `${d.score} out of 5`, value: d.responses, display: plural(d.responses, "response") }))
              }
            />
          </div>
        </Card>
        <Card aria-labelledby="confidence-distribution-heading">
          <CardTitle id="confidence-distribution-heading">Confidence before and after</CardTitle>
          <div className="mt-3">
            <BarChart
              id="confidence-distribution"
              title="How much attendees' confidence changed (after minus before, out of 10)"
              summary={totals.responses === 0 ? "No answers yet." : `${improved} of ${totals.responses} felt more confident afterwards.`}
              labelHeading="Change"
              valueHeading="Responses"
              rows={
                totals.responses === 0
                  ? []
                  : [...report.confidenceChangeDistribution].reverse().map((d) => ({
                      key: String(d.change),
                      label: d.change === 0 ? "No change" : `${d.change > 0 ? "Up" : "Down"} ${Math.abs(d.change)}`,
                      value: d.responses,
                      display: plural(d.responses, "response"),
                    }))
              }
            />
          </div>
        </Card>
      </div>

      <Card aria-labelledby="by-service-heading" className="mb-6">
        <CardTitle id="by-service-heading">By service</CardTitle>
        <div className="mt-3 space-y-4">
          <BarChart
            id="overall-by-service"
            title="Average overall rating by service (out of 5)"
            summary={topService ? `${topService.label} had the most responses (${topService.responses}), with an average of ${formatScore(topService.overall, 5)}.` : "No feedback in this period."}
            labelHeading="Service"
            valueHeading="Average overall rating"
            maxValue={5}
            rows={report.byService.map((g) => ({ key: g.key, label: g.label, value: g.overall, display: `${formatScore(g.overall, 5)} (${plural(g.responses, "response")})`, note: g.isSmallNumber ? "fewer than 5 responses" : undefined }))}
          />
          <ReportScoreTable id="by-service" caption="Feedback by service" groupHeading="Service" groups={report.byService} />
        </div>
      </Card>
      <Card aria-labelledby="by-pair-heading" className="mb-6">
        <CardTitle id="by-pair-heading">By facilitator pair</CardTitle>
        <p className="mt-1 text-sm text-stone-700">The associates who led the session together (lived-experience associate first).</p>
        <div className="mt-3">
          <ReportScoreTable id="by-pair" caption="Feedback by facilitator pair" groupHeading="Pair" groups={report.byPair} />
        </div>
      </Card>
      <Card aria-labelledby="by-client-heading" className="mb-6">
        <CardTitle id="by-client-heading">By client</CardTitle>
        <div className="mt-3">
          <ReportScoreTable id="by-client" caption="Feedback by client" groupHeading="Client" groups={report.byClient} />
        </div>
      </Card>

      <Card aria-labelledby="evaluation-definitions-heading">
        <CardTitle id="evaluation-definitions-heading">What these figures count</CardTitle>
        <dl className="mt-3 space-y-3 text-sm">
          <div>
            <dt className="font-semibold">Which feedback</dt>
            <dd className="text-stone-800">Feedback on sessions that started in the period (UK time), whenever it was given.</dd>
          </div>
          <div>
            <dt className="font-semibold">Ratings (reaction)</dt>
            <dd className="text-stone-800">Overall, relevance to their work, and facilitation, each from 1 (poor) to 5 (excellent). Averages are simple means of the responses.</dd>
          </div>
          <div>
            <dt className="font-semibold">Confidence change (learning)</dt>
            <dd className="text-stone-800">Each attendee rates their confidence from 1 to 10 before and after the session; the change is after minus before.</dd>
          </div>
          <div>
            <dt className="font-semibold">Three-month follow-up (behaviour)</dt>
            <dd className="text-stone-800">Comments from attendees who answered the optional follow-up three months later.</dd>
          </div>
          <div>
            <dt className="font-semibold">Small numbers</dt>
            <dd className="text-stone-800">Any figure from fewer than {SMALL_NUMBER} responses is marked, because one answer can move it a lot.</dd>
          </div>
        </dl>
      </Card>
    </>
  );
}
