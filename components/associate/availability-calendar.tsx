import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { formatDayWindow, WEEKDAY_NAMES } from "@/lib/domain/availability-rules";
import type { FreeTimePreview, PreviewDay, PreviewSession } from "@/lib/server/associates/availability-preview";

const SHORT_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const LONG_DATE = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

const SESSION_STATUS: Record<PreviewSession["status"], { label: string; tone: BadgeTone }> = {
  ACCEPTED: { label: "Booked", tone: "good" },
  OFFERED: { label: "Offered to you", tone: "info" },
  HELD: { label: "Held for a client", tone: "warning" },
};

function DayDetails({ day }: { day: PreviewDay }) {
  return (
    <div className="space-y-1">
      {day.hasTimeOff ? <Badge tone="neutral">Time off</Badge> : null}
      {day.change === "UNAVAILABLE" ? <Badge tone="neutral">Not available (date change)</Badge> : null}
      {day.change === "HOURS" ? <Badge tone="neutral">Changed hours</Badge> : null}
      {day.free.length > 0 ? (
        <ul aria-label="Free" className="space-y-0.5">
          {day.free.map((window) => (
            <li key={window.startMinute} className="tabular-nums">
              <span className="sr-only">Free </span>
              {formatDayWindow(window)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-stone-600">Not free</p>
      )}
      {day.sessions.length > 0 ? (
        <ul className="space-y-1">
          {day.sessions.map((session) => (
            <li key={session.assignmentId} className="rounded border border-stone-300 bg-stone-50 p-1">
              <Badge tone={SESSION_STATUS[session.status].tone}>{SESSION_STATUS[session.status].label}</Badge>
              <span className="block tabular-nums">{formatDayWindow(session.window)}</span>
              <span className="block">{session.serviceName}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The associate's free time for the next four weeks, in their zone: a week-by-week table on wider
 * screens and a list of days on phones. Free times and sessions are text, never colour alone.
 */
export function FreeTimeCalendar({ preview }: { preview: FreeTimePreview }) {
  if (!preview.hasWeeklyHours && !preview.hasFreeTime) {
    return (
      <EmptyState>
        You haven&apos;t set any weekly hours yet, so we can&apos;t offer you work. Add the hours you can usually work under &ldquo;Weekly hours&rdquo; above, and your free
        time will show here.
      </EmptyState>
    );
  }
  const caption = `Your free time from ${LONG_DATE.format(noon(preview.firstDay))} to ${LONG_DATE.format(noon(preview.lastDay))}, in ${preview.timezone} time`;
  const days = preview.weeks.flat().filter((day) => day.isInRange);
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-700">
        This is when we could offer you work: your weekly hours and date changes, minus time off and your sessions. We keep {preview.bufferMinutes} minutes clear
        around each session for travel and a break. Times are in {preview.timezone}.
      </p>
      {!preview.hasFreeTime ? <EmptyState>You have no free time in the next four weeks.</EmptyState> : null}

      <table className="hidden w-full table-fixed border-collapse text-xs md:table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {WEEKDAY_NAMES.map((name) => (
              <th key={name} scope="col" className="border border-stone-300 bg-stone-50 p-1 text-left font-semibold">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.weeks.map((week) => (
            <tr key={week[0]!.date}>
              {week.map((day) => (
                <td key={day.date} className={`h-24 border border-stone-300 p-1 align-top ${day.isInRange ? "bg-white" : "bg-stone-100 text-stone-600"}`}>
                  <p className="mb-1 font-semibold">
                    {SHORT_DATE.format(noon(day.date))}
                    {day.isToday ? <span className="ml-1 font-normal">(today)</span> : null}
                  </p>
                  {day.isInRange ? <DayDetails day={day} /> : <span className="sr-only">Outside these four weeks</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <ol aria-label={caption} className="divide-y divide-stone-200 rounded-lg border border-stone-200 md:hidden">
        {days.map((day) => (
          <li key={day.date} className="grid grid-cols-[7.5rem_1fr] gap-2 p-3 text-sm">
            <p className="font-semibold">
              {LONG_DATE.format(noon(day.date))}
              {day.isToday ? <span className="block font-normal">Today</span> : null}
            </p>
            <DayDetails day={day} />
          </li>
        ))}
      </ol>
    </div>
  );
}
