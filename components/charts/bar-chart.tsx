export type BarChartRow = {
  key: string;
  label: string;
  value: number;
  /** The value as people read it ("£720.00", "4.2 out of 5"). */
  display: string;
  /** Extra words for this row, e.g. a small-number caution. Shown as text, never as colour alone. */
  note?: string;
};

/**
 * An accessible horizontal bar chart, drawn as SVG with no chart library: a title and a one-sentence
 * summary (what a sighted reader takes from the chart), each bar labelled with its name and value in
 * text, and the same figures as a table for anyone who prefers numbers. The bars only repeat the text
 * beside them, so they are hidden from assistive technology; a row with a note (a caution) has a dashed,
 * paler bar as well as the words.
 */
export function BarChart({
  id,
  title,
  summary,
  rows,
  labelHeading,
  valueHeading,
  maxValue,
  emptyText = "Nothing to show for this period.",
}: {
  id: string;
  title: string;
  summary: string;
  rows: BarChartRow[];
  labelHeading: string;
  valueHeading: string;
  /** The value of a full-width bar (defaults to the largest value): e.g. 5 for scores out of 5. */
  maxValue?: number;
  emptyText?: string;
}) {
  const top = maxValue ?? Math.max(0, ...rows.map((r) => r.value));
  return (
    <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} className="space-y-3" data-testid={`chart-${id}`}>
      <figcaption>
        <h3 id={`${id}-title`} className="font-semibold text-stone-900">
          {title}
        </h3>
        <p id={`${id}-summary`} className="text-sm text-stone-700">
          {summary}
        </p>
      </figcaption>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-stone-50 p-4 text-sm text-stone-700">{emptyText}</p>
      ) : (
        <>
          <ul className="space-y-2">
            {rows.map((row) => {
              const width = top > 0 ? Math.max(0, Math.min(100, (row.value / top) * 100)) : 0;
              return (
                <li key={row.key} className="grid grid-cols-[minmax(5rem,11rem)_1fr] items-center gap-x-3 gap-y-1 text-sm sm:grid-cols-[minmax(6rem,12rem)_1fr_minmax(5rem,auto)]">
                  <span className="truncate font-medium text-stone-900" title={row.label}>
                    {row.label}
                  </span>
                  <svg className="h-5 w-full" aria-hidden="true" focusable="false">
                    <rect x="0" y="0" width="100%" height="100%" rx="3" className="fill-stone-100" />
                    {width > 0 ? <rect x="0" y="0" width={`${width}%`} height="100%" rx="3" className={row.note ? "fill-brand-100 stroke-brand-800" : "fill-brand-700"} strokeDasharray={row.note ? "4 3" : undefined} /> : null}
                  </svg>
                  <span className="col-span-2 text-stone-800 sm:col-span-1">
                    {row.display}
                    {row.note ? <span className="text-stone-700"> · {row.note}</span> : null}
                  </span>
                </li>
              );
            })}
          </ul>
          <details className="rounded-lg border border-stone-200">
            <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-semibold text-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700">
              Show these figures as a table<span className="sr-only">: {title}</span>
            </summary>
            <div className="overflow-x-auto px-3 pb-3">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{title}</caption>
                <thead>
                  <tr className="border-b border-stone-200">
                    <th scope="col" className="py-2 pr-3 font-semibold">
                      {labelHeading}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-semibold">
                      {valueHeading}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.key} className="border-b border-stone-100">
                      <th scope="row" className="py-2 pr-3 font-medium">
                        {row.label}
                      </th>
                      <td className="py-2 pr-3">
                        {row.display}
                        {row.note ? ` (${row.note})` : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
