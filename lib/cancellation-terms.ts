import { z } from "zod";
import type { CancellationTerm } from "@/lib/domain/booking";

const termsSchema = z.array(
  z.object({
    noticeDaysAtLeast: z.number().int().min(0),
    chargeBasisPoints: z.number().int().min(0).max(10000),
    associatePassThroughBasisPoints: z.number().int().min(0).max(10000).default(0),
  }),
);

/** The cancellation terms stored on an engagement (JSON), read safely: unreadable terms mean none. */
export function readCancellationTerms(value: unknown): CancellationTerm[] {
  const parsed = termsSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** Cancellation terms in plain English, longest notice first: "14 to 27 days before: half the price (50%)". */
export function describeCancellationTerms(value: unknown): string[] {
  const read = readCancellationTerms(value);
  if (read.length === 0) return ["No cancellation charge."];
  const terms = [...read].sort((a, b) => b.noticeDaysAtLeast - a.noticeDaysAtLeast);
  return terms.map((term, index) => {
    const longer = terms[index - 1];
    const when =
      index === 0
        ? term.noticeDaysAtLeast === 0
          ? "Whenever you cancel"
          : `${term.noticeDaysAtLeast} days or more before`
        : term.noticeDaysAtLeast === 0
          ? `Less than ${longer!.noticeDaysAtLeast} days before`
          : `${term.noticeDaysAtLeast} to ${longer!.noticeDaysAtLeast - 1} days before`;
    const percent = term.chargeBasisPoints / 100;
    const charge = percent === 0 ? "no charge" : percent === 100 ? "the full price" : percent === 50 ? "half the price (50%)" : `${percent}% of the price`;
    return `${when}: ${charge}`;
  });
}

/** Shown before booking and stored on the engagement: the charge is computed from these, never typed. */
export const DEFAULT_CANCELLATION_TERMS = [
  { noticeDaysAtLeast: 28, chargeBasisPoints: 0, associatePassThroughBasisPoints: 0 },
  { noticeDaysAtLeast: 14, chargeBasisPoints: 5000, associatePassThroughBasisPoints: 5000 },
  { noticeDaysAtLeast: 0, chargeBasisPoints: 10000, associatePassThroughBasisPoints: 10000 },
];
