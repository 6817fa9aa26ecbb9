import { DomainError } from "@/lib/domain/errors";
import { formatPounds } from "@/lib/domain/money";
import { crossesEarningsCap } from "@/lib/domain/offer-warnings";
import { canFillRole } from "@/lib/domain/roles";
import type { Expertise } from "@/lib/domain/roles";

/** An associate free, qualified and compliant for the slot, with what ranking needs to know about them. */
export type PairingCandidate = {
  readonly associateId: string;
  readonly expertise: Expertise;
  /** Lived-experience paid work so far this quarter (fees, not expenses). */
  readonly paidThisQuarterPence: number;
  /** The fee this delivery would pay them (0 for expenses-only or declined pay). */
  readonly feePence: number;
  /** Their own earnings limit, if they set one (e.g. on benefits): never a benefits calculation. */
  readonly earningsCap?: {
    readonly capPence: number;
    readonly period: "WEEK" | "MONTH";
    /** Fees already earned in the cap period this delivery falls in. */
    readonly earnedThisPeriodPence: number;
  } | null;
  /** Self-declared "on benefits": turns on the weekly hours warning. */
  readonly isOnBenefits?: boolean;
  /** Minutes of work already booked in the week of this delivery. */
  readonly minutesBookedThisWeek?: number;
  /** Travel distance to the venue in miles, if known (compared to a tenth of a mile). */
  readonly distanceMiles?: number | null;
};

export type PairingPolicy = {
  /** Warn an associate on benefits when a week's work would go over this. ~16 hours; a setting. */
  readonly weeklyHoursWarningMinutes: number;
};

export const DEFAULT_PAIRING_POLICY: PairingPolicy = { weeklyHoursWarningMinutes: 16 * 60 };

export type RankedMember = {
  readonly associateId: string;
  /** Why they are suggested, in plain English. */
  readonly reasons: string[];
  /** What the director should know first (limits), in plain English. */
  readonly warnings: string[];
};

export type RankedPair = {
  readonly lived: RankedMember;
  readonly professional: RankedMember;
  /** How many of the pair have worked with this client on this engagement before: 2, 1 or 0. */
  readonly continuity: 0 | 1 | 2;
  readonly hasWarnings: boolean;
};

type Member = {
  readonly candidate: PairingCandidate;
  readonly id: string;
  readonly isReturning: number;
  readonly crossesLimit: number;
  readonly isDistanceUnknown: number;
  readonly tenthsOfMile: number;
  readonly warnings: string[];
};

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order of professionals that is consistent with the pair order for any fixed lived member. */
function compareProfessionals(a: Member, b: Member): number {
  return (
    b.isReturning - a.isReturning ||
    a.crossesLimit - b.crossesLimit ||
    a.isDistanceUnknown - b.isDistanceUnknown ||
    a.tenthsOfMile - b.tenthsOfMile ||
    compareIds(a.id, b.id)
  );
}

/** The pair order: continuity, then fairness (limits, then lived pay this quarter), then travel, then ids. */
function comparePairs(l1: Member, p1: Member, l2: Member, p2: Member): number {
  return (
    l2.isReturning + p2.isReturning - (l1.isReturning + p1.isReturning) ||
    l1.crossesLimit + p1.crossesLimit - (l2.crossesLimit + p2.crossesLimit) ||
    l1.candidate.paidThisQuarterPence - l2.candidate.paidThisQuarterPence ||
    l1.isDistanceUnknown + p1.isDistanceUnknown - (l2.isDistanceUnknown + p2.isDistanceUnknown) ||
    l1.tenthsOfMile + p1.tenthsOfMile - (l2.tenthsOfMile + p2.tenthsOfMile) ||
    compareIds(l1.id, l2.id) ||
    compareIds(p1.id, p2.id)
  );
}

function assertPence(value: number, label: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DomainError("INVALID_AMOUNT", `${label} must be a whole number of pence, zero or more.`, { [label]: value });
  }
}

/**
 * Suggested lived-experience + professional pairs for one slot, best first, deterministic:
 * 1. continuity — both worked with this client on this engagement before, then one, then neither;
 * 2. fairness — pairs where fewer people would go over their own earnings limit first, then the
 *    lived-experience associate with the least paid work this quarter;
 * 3. travel — fewer unknown distances, then the shorter combined distance;
 * 4. associate ids, as a stable tie-break.
 * Never the same person in both roles; BOTH associates are considered for either role.
 *
 * Instead of sorting every pair (O(n²)), each lived candidate's best partners come from one shared
 * ordering of professionals (which agrees with the pair order once the lived member is fixed), and the
 * top `limit` pairs are merged from those streams with a heap: O(n log n + limit · log n).
 */
export function rankPairs({
  candidates,
  previousAssociateIds = [],
  sessionMinutes = 0,
  limit = 10,
  policy = DEFAULT_PAIRING_POLICY,
}: {
  candidates: readonly PairingCandidate[];
  /** Associates on the client's earlier deliveries of this engagement. */
  previousAssociateIds?: readonly string[];
  /** Length of this delivery, for the weekly hours warning. */
  sessionMinutes?: number;
  limit?: number;
  policy?: PairingPolicy;
}): RankedPair[] {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new DomainError("INVALID_INPUT", "The number of suggestions must be a whole number.", { limit });
  }
  const returning = new Set(previousAssociateIds);
  const seen = new Set<string>();
  const lived: Member[] = [];
  const professionals: Member[] = [];
  let leastLivedPaid = Infinity;

  for (const candidate of candidates) {
    if (seen.has(candidate.associateId)) {
      throw new DomainError("INVALID_INPUT", "Each associate may be listed only once.", { associateId: candidate.associateId });
    }
    seen.add(candidate.associateId);
    assertPence(candidate.paidThisQuarterPence, "paidThisQuarterPence");
    assertPence(candidate.feePence, "feePence");

    const warnings: string[] = [];
    const cap = candidate.earningsCap;
    if (cap) {
      assertPence(cap.capPence, "capPence");
      assertPence(cap.earnedThisPeriodPence, "earnedThisPeriodPence");
    }
    const crossesCap = crossesEarningsCap(cap, candidate.feePence);
    if (cap && crossesCap) {
      const period = cap.period === "WEEK" ? "weekly" : "monthly";
      warnings.push(`Would go over their own ${formatPounds(cap.capPence, { hideZeroPence: true })} ${period} limit`);
    }
    const bookedMinutes = (candidate.minutesBookedThisWeek ?? 0) + sessionMinutes;
    if (candidate.isOnBenefits && bookedMinutes > policy.weeklyHoursWarningMinutes) {
      warnings.push(`Would work more than ${policy.weeklyHoursWarningMinutes / 60} hours this week`);
    }
    const distance = candidate.distanceMiles;
    const isDistanceKnown = typeof distance === "number" && Number.isFinite(distance) && distance >= 0;
    const member: Member = {
      candidate,
      id: candidate.associateId,
      isReturning: returning.has(candidate.associateId) ? 1 : 0,
      crossesLimit: crossesCap ? 1 : 0,
      isDistanceUnknown: isDistanceKnown ? 0 : 1,
      tenthsOfMile: isDistanceKnown ? Math.round(distance * 10) : 0,
      warnings,
    };
    if (canFillRole(candidate.expertise, "LIVED")) {
      lived.push(member);
      leastLivedPaid = Math.min(leastLivedPaid, candidate.paidThisQuarterPence);
    }
    if (canFillRole(candidate.expertise, "PROFESSIONAL")) professionals.push(member);
  }
  professionals.sort(compareProfessionals);

  // One stream per lived member over the shared professional order, skipping themselves.
  type Head = { lived: Member; index: number };
  const nextIndex = (livedMember: Member, from: number): number => {
    let index = from;
    while (index < professionals.length && professionals[index]!.id === livedMember.id) index += 1;
    return index;
  };
  const isBefore = (a: Head, b: Head) =>
    comparePairs(a.lived, professionals[a.index]!, b.lived, professionals[b.index]!) < 0;

  const heap: Head[] = [];
  const push = (head: Head) => {
    heap.push(head);
    let child = heap.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!isBefore(heap[child]!, heap[parent]!)) break;
      [heap[child], heap[parent]] = [heap[parent]!, heap[child]!];
      child = parent;
    }
  };
  const pop = (): Head | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let parent = 0;
      for (;;) {
        const left = parent * 2 + 1;
        const right = left + 1;
        let best = parent;
        if (left < heap.length && isBefore(heap[left]!, heap[best]!)) best = left;
        if (right < heap.length && isBefore(heap[right]!, heap[best]!)) best = right;
        if (best === parent) break;
        [heap[best], heap[parent]] = [heap[parent]!, heap[best]!];
        parent = best;
      }
    }
    return top;
  };

  for (const livedMember of lived) {
    const index = nextIndex(livedMember, 0);
    if (index < professionals.length) push({ lived: livedMember, index });
  }

  const describe = (member: Member, isLivedRole: boolean): RankedMember => {
    const reasons: string[] = [];
    if (member.isReturning) reasons.push("Worked with this client before");
    if (isLivedRole) {
      const paid = member.candidate.paidThisQuarterPence;
      const least = paid === leastLivedPaid ? " — least so far" : "";
      reasons.push(`${formatPounds(paid, { hideZeroPence: true })} paid this quarter${least}`);
    }
    if (!member.isDistanceUnknown) reasons.push(`${member.tenthsOfMile / 10} miles away`);
    return { associateId: member.id, reasons, warnings: [...member.warnings] };
  };

  const ranked: RankedPair[] = [];
  while (ranked.length < limit) {
    const head = pop();
    if (!head) break;
    const professional = professionals[head.index]!;
    const continuity = (head.lived.isReturning + professional.isReturning) as 0 | 1 | 2;
    const livedMember = describe(head.lived, true);
    const professionalMember = describe(professional, false);
    ranked.push({
      lived: livedMember,
      professional: professionalMember,
      continuity,
      hasWarnings: livedMember.warnings.length + professionalMember.warnings.length > 0,
    });
    const index = nextIndex(head.lived, head.index + 1);
    if (index < professionals.length) push({ lived: head.lived, index });
  }
  return ranked;
}
