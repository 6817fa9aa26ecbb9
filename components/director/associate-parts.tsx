import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Expertise } from "@/lib/db/generated/prisma/enums";
import { formatIsoDate } from "@/lib/domain/time/calendar-date";
import { complianceKindLabel } from "@/lib/labels";
import type { ComplianceHeadline, Utilisation } from "@/lib/server/director/associates";

export const expertiseText: Record<Expertise, string> = {
  LIVED: "Lived experience",
  PROFESSIONAL: "Professional",
  BOTH: "Lived experience and professional",
};

const headline: Record<ComplianceHeadline["status"], { label: string; tone: BadgeTone }> = {
  LAPSED: { label: "Check lapsed", tone: "danger" },
  MISSING: { label: "Check missing", tone: "danger" },
  WAITING: { label: "Check to verify", tone: "warning" },
  EXPIRING: { label: "Expiring soon", tone: "warning" },
  CURRENT: { label: "All current", tone: "good" },
};

const list = (kinds: readonly string[]) => kinds.map((k) => complianceKindLabel[k as keyof typeof complianceKindLabel]).join(", ");

/** Compliance in words: the state, which checks, and the next expiry. */
export function ComplianceSummary({ compliance }: { compliance: ComplianceHeadline }) {
  const { status, lapsed, missing, waiting, nextExpiry } = compliance;
  return (
    <div className="space-y-1 text-sm">
      <Badge tone={headline[status].tone}>{headline[status].label}</Badge>
      {lapsed.length ? <p>Lapsed or not accepted: {list(lapsed)}</p> : null}
      {missing.length ? <p>Missing: {list(missing)}</p> : null}
      {waiting.length ? <p>To verify: {list(waiting)}</p> : null}
      <p className="text-stone-700">
        {nextExpiry ? `Next expiry: ${complianceKindLabel[nextExpiry.kind]} on ${formatIsoDate(nextExpiry.on)} (${nextExpiry.daysLeft === 0 ? "today" : `in ${nextExpiry.daysLeft} day${nextExpiry.daysLeft === 1 ? "" : "s"}`})` : "Nothing due to expire."}
      </p>
    </div>
  );
}

const hours = (minutes: number) => {
  const h = minutes / 60;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} hour${h === 1 ? "" : "s"}`;
};

/** Booked vs available hours with a bar; the numbers are always in the text (never the bar alone). */
export function UtilisationBar({ utilisation }: { utilisation: Utilisation }) {
  const { bookedMinutes, availableMinutes, percent } = utilisation;
  const width = Math.min(100, percent ?? 0);
  return (
    <div className="min-w-40 space-y-1 text-sm">
      <p>
        {hours(bookedMinutes)} booked of {availableMinutes > 0 ? `${hours(availableMinutes)} available` : "no hours available"}
        {percent !== null ? ` (${percent}%)` : ""}
      </p>
      <div className="h-2 w-full rounded-full bg-stone-200" aria-hidden="true">
        <div className={`h-2 rounded-full ${percent !== null && percent > 100 ? "bg-amber-600" : "bg-brand-700"}`} style={{ width: `${width}%` }} />
      </div>
    </div>
  );
}
