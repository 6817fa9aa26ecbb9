import Link from "next/link";
import type { ReportPeriod } from "@/lib/server/director/reports-period";

const PERIODS: { value: ReportPeriod; label: string }[] = [
  { value: "month", label: "This month" },
  { value: "quarter", label: "This quarter" },
  { value: "year", label: "This year" },
];

const linkClass = "inline-flex min-h-11 items-center rounded-lg border px-4 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700";
const current = "border-brand-700 bg-brand-700 text-white";
const other = "border-stone-300 bg-white text-stone-900 hover:bg-stone-100";

/** Switches between the impact and evaluation reports, keeping the chosen period. */
export function ReportNav({ active, period }: { active: "impact" | "evaluation"; period: ReportPeriod }) {
  const items = [
    { key: "impact", href: `/director/reports?period=${period}`, label: "Impact" },
    { key: "evaluation", href: `/director/reports/evaluation?period=${period}`, label: "Evaluation" },
  ] as const;
  return (
    <nav aria-label="Reports" className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {items.map((item) => (
          <li key={item.key}>
            <Link href={item.href} aria-current={item.key === active ? "page" : undefined} className={`${linkClass} ${item.key === active ? current : other}`}>
              {item.label}
              {item.key === active ? <span className="sr-only"> (this page)</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** This month / quarter / year, as links (a GET switch that works without JavaScript). The chosen one is marked in words too. */
export function ReportPeriodSwitch({ basePath, period, rangeLabel }: { basePath: string; period: ReportPeriod; rangeLabel: string }) {
  return (
    <div className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
      <nav aria-label="Period">
        <ul className="flex flex-wrap gap-2">
          {PERIODS.map((p) => (
            <li key={p.value}>
              <Link href={`${basePath}?period=${p.value}`} aria-current={p.value === period ? "true" : undefined} className={`${linkClass} ${p.value === period ? current : other}`}>
                {p.label}
                {p.value === period ? <span className="sr-only"> (showing)</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="text-sm text-stone-700" data-testid="report-range">
        Showing <strong className="text-stone-900">{rangeLabel}</strong> (UK time)
      </p>
    </div>
  );
}

/** A headline figure. */
export function ReportStat({ label, value, detail, testId }: { label: string; value: string; detail?: React.ReactNode; testId?: string }) {
  return (
    <div className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
      <p className="text-sm text-stone-700">{label}</p>
      <p className="mt-1 text-2xl font-bold text-stone-900" data-testid={testId}>
        {value}
      </p>
      {detail ? <p className="mt-1 text-sm text-stone-700">{detail}</p> : null}
    </div>
  );
}

/** Minutes as hours to one decimal place ("11.5 hours"), the way people talk about paid time. */
export function formatHours(minutes: number): string {
  const hours = Math.round((minutes / 60) * 10) / 10;
  return `${hours.toLocaleString("en-GB", { maximumFractionDigits: 1 })} hour${hours === 1 ? "" : "s"}`;
}
