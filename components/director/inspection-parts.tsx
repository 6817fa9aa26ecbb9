import { Badge } from "@/components/ui/badge";
import { GRADE_LABELS, type Grade } from "@/lib/domain/inspection";

export function InspectionStatusBadge({ status }: { status: "DRAFT" | "FINAL" }) {
  return status === "FINAL" ? <Badge tone="good">Final</Badge> : <Badge tone="warning">Draft</Badge>;
}

const gradeTones = { OUTSTANDING: "good", GOOD: "good", REQUIRES_IMPROVEMENT: "warning", INADEQUATE: "danger" } as const;

/** A judgement as words (never colour alone). */
export function GradeBadge({ grade }: { grade: Grade | null }) {
  return grade ? <Badge tone={gradeTones[grade]}>{GRADE_LABELS[grade]}</Badge> : <Badge>Not judged yet</Badge>;
}

/** The mark every report carries, on screen as on paper. */
export function MockMark() {
  return (
    <p className="rounded-lg border-2 border-red-800 bg-red-50 p-3 font-semibold text-red-900">
      Mock inspection — not an Ofsted judgement. This is a practice report by The Vision to help the setting prepare.
    </p>
  );
}
