import type { ScoreGroup } from "@/lib/server/director/reports-evaluation";

export const formatScore = (value: number | null, outOf: number) => (value === null ? "—" : `${value.toFixed(1)} out of ${outOf}`);
export const formatChange = (value: number | null) => (value === null ? "—" : `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toFixed(1)}`);

/** Feedback averages for one grouping (service, pair or client), with a caution on small numbers in words. */
export function ReportScoreTable({ id, caption, groupHeading, groups }: { id: string; caption: string; groupHeading: string; groups: ScoreGroup[] }) {
  if (groups.length === 0) return <p className="rounded-lg border border-dashed border-stone-300 bg-stone-50 p-4 text-sm text-stone-700">No feedback in this period.</p>;
  return (
    <div className="overflow-x-auto" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="w-full min-w-[40rem] text-left text-sm" data-testid={`table-${id}`}>
        <caption id={`${id}-caption`} className="sr-only">
          {caption}
        </caption>
        <thead>
          <tr className="border-b border-stone-200">
            <th scope="col" className="py-2 pr-3 font-semibold">
              {groupHeading}
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Responses
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Overall
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Relevance
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Facilitation
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Confidence change
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.key} className="border-b border-stone-100 align-top">
              <th scope="row" className="py-2 pr-3 font-medium">
                {group.label}
                {group.isSmallNumber ? <span className="block text-xs font-normal text-amber-900">Fewer than 5 responses: treat with caution</span> : null}
              </th>
              <td className="py-2 pr-3">{group.responses}</td>
              <td className="py-2 pr-3">{formatScore(group.overall, 5)}</td>
              <td className="py-2 pr-3">{formatScore(group.relevance, 5)}</td>
              <td className="py-2 pr-3">{formatScore(group.facilitation, 5)}</td>
              <td className="py-2 pr-3">{formatChange(group.confidenceChange)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
