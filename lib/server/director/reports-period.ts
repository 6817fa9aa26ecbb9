import { DateTime } from "luxon";
import { z } from "zod";

/**
 * The reporting periods of the director's reports: the calendar month, quarter (Jan–Mar, Apr–Jun,
 * Jul–Sep, Oct–Dec) or year that contains `now`, in UK time. A period is the half-open range
 * [start, end) in UTC, so a session at 23:30 on 31 March (UK) belongs to March, whatever the clocks do.
 */
export const REPORT_PERIODS = ["month", "quarter", "year"] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export const reportPeriodInput = z.object({
  period: z.enum(REPORT_PERIODS, { message: "Choose this month, this quarter or this year." }).default("quarter"),
});

export type PeriodRange = { period: ReportPeriod; start: Date; end: Date; label: string };

const LONDON = "Europe/London";

export function getPeriodRange(period: ReportPeriod, now: Date): PeriodRange {
  const local = DateTime.fromJSDate(now, { zone: LONDON });
  const start = local.startOf(period);
  const end = start.plus(period === "month" ? { months: 1 } : period === "quarter" ? { months: 3 } : { years: 1 });
  const label =
    period === "month"
      ? start.toFormat("LLLL yyyy")
      : period === "quarter"
        ? `${start.toFormat("LLLL")} to ${end.minus({ days: 1 }).toFormat("LLLL yyyy")}`
        : start.toFormat("yyyy");
  return { period, start: start.toJSDate(), end: end.toJSDate(), label };
}
