import type { BoardMember } from "@/lib/server/director/pairing-board";
import { formatPence } from "@/lib/format";

export function RoleName({ role, lower = false }: { role: "LIVED" | "PROFESSIONAL"; lower?: boolean }) {
  const text = role === "LIVED" ? "Lived-experience associate" : "Professional associate";
  return <>{lower ? text.toLowerCase() : text}</>;
}

/** One side of a suggested pair: why they're suggested, and anything to know first (never colour alone). */
export function PairMemberCard({ role, member }: { role: "LIVED" | "PROFESSIONAL"; member: BoardMember }) {
  return (
    <div className="rounded-lg border border-stone-200 p-3">
      <p className="text-sm text-stone-700">
        <RoleName role={role} />
      </p>
      <p className="font-medium">
        {member.name}
        {member.isCurrent ? <span className="ml-1 text-sm font-normal text-stone-700">(on this session now)</span> : null}
      </p>
      <p className="text-sm text-stone-700">Fee {formatPence(member.feePence)}</p>
      <ul className="mt-1 list-disc pl-5 text-sm">
        <li>Free, qualified and cleared for this time</li>
        {member.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {member.warnings.length > 0 ? (
        <ul className="mt-2 space-y-1 text-sm">
          {member.warnings.map((warning) => (
            <li key={warning} className="rounded-md bg-amber-50 px-2 py-1 text-amber-950">
              <strong>Check first:</strong> {warning}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
