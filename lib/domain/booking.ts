import { DomainError } from "@/lib/domain/errors";
import { applyBasisPoints, assertBasisPoints } from "@/lib/domain/money";
import { canStaffTeam } from "@/lib/domain/roles";
import type { AssignmentRole, TeamRequirements } from "@/lib/domain/roles";
import { countDaysBetween, getIsoDateInZone } from "@/lib/domain/time/calendar-date";
import { assertInstant } from "@/lib/domain/time/interval";
import type { EpochMs } from "@/lib/domain/time/interval";

// ───────────────────────────── statuses and their life cycles ─────────────────────────────

export const EngagementStatus = {
  REQUESTED: "REQUESTED",
  QUOTED: "QUOTED",
  PENDING_PAYMENT: "PENDING_PAYMENT",
  AWAITING_FACILITATORS: "AWAITING_FACILITATORS",
  CONFIRMED: "CONFIRMED",
  DELIVERED: "DELIVERED",
  INVOICED: "INVOICED",
  PAID: "PAID",
  CANCELLED: "CANCELLED",
} as const;
export type EngagementStatus = (typeof EngagementStatus)[keyof typeof EngagementStatus];

export const DeliveryStatus = {
  HELD: "HELD",
  NEEDS_PAIRING: "NEEDS_PAIRING",
  AWAITING_ACCEPTANCE: "AWAITING_ACCEPTANCE",
  CONFIRMED: "CONFIRMED",
  DELIVERED: "DELIVERED",
  CANCELLED: "CANCELLED",
} as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

export const AssignmentStatus = {
  HELD: "HELD",
  OFFERED: "OFFERED",
  ACCEPTED: "ACCEPTED",
  DECLINED: "DECLINED",
  WITHDRAWN: "WITHDRAWN",
  EXPIRED: "EXPIRED",
  CANCELLED: "CANCELLED",
} as const;
export type AssignmentStatus = (typeof AssignmentStatus)[keyof typeof AssignmentStatus];

/**
 * Engagement: a request is quoted (or, for online training, goes straight to payment or pairing); it is
 * confirmed once its deliveries have their pairs, drops back to AWAITING_FACILITATORS if a pair is lost,
 * and after delivery is invoiced and paid (card bookings, already paid, may go DELIVERED → PAID).
 * Cancellation is possible until delivery; later corrections are credit notes, not status changes.
 */
export const engagementTransitions: Readonly<Record<EngagementStatus, readonly EngagementStatus[]>> = {
  REQUESTED: ["QUOTED", "PENDING_PAYMENT", "AWAITING_FACILITATORS", "CANCELLED"],
  QUOTED: ["PENDING_PAYMENT", "AWAITING_FACILITATORS", "CANCELLED"],
  PENDING_PAYMENT: ["AWAITING_FACILITATORS", "CONFIRMED", "CANCELLED"],
  AWAITING_FACILITATORS: ["CONFIRMED", "CANCELLED"],
  CONFIRMED: ["AWAITING_FACILITATORS", "DELIVERED", "CANCELLED"],
  DELIVERED: ["INVOICED", "PAID"],
  INVOICED: ["PAID"],
  PAID: [],
  CANCELLED: [],
};

/**
 * Delivery: every live status can move to any other pairing status, because `deriveDeliveryStatus`
 * recomputes it from the assignments; only CONFIRMED can be DELIVERED (never deliver without a pair).
 * HELD is the booking-in-progress state and cannot be re-entered.
 */
export const deliveryTransitions: Readonly<Record<DeliveryStatus, readonly DeliveryStatus[]>> = {
  HELD: ["NEEDS_PAIRING", "AWAITING_ACCEPTANCE", "CONFIRMED", "CANCELLED"],
  NEEDS_PAIRING: ["AWAITING_ACCEPTANCE", "CONFIRMED", "CANCELLED"],
  AWAITING_ACCEPTANCE: ["NEEDS_PAIRING", "CONFIRMED", "CANCELLED"],
  CONFIRMED: ["NEEDS_PAIRING", "AWAITING_ACCEPTANCE", "DELIVERED", "CANCELLED"],
  DELIVERED: [],
  CANCELLED: [],
};

/**
 * Assignment: a hold becomes a written offer (or lapses); an offer is accepted, declined, times out,
 * or is withdrawn by the director; an accepted assignment can be withdrawn by the associate.
 * CANCELLED is the director removing it or the delivery being cancelled. Ended states are final.
 */
export const assignmentTransitions: Readonly<Record<AssignmentStatus, readonly AssignmentStatus[]>> = {
  HELD: ["OFFERED", "EXPIRED", "CANCELLED"],
  OFFERED: ["ACCEPTED", "DECLINED", "EXPIRED", "WITHDRAWN", "CANCELLED"],
  ACCEPTED: ["WITHDRAWN", "CANCELLED"],
  DECLINED: [],
  WITHDRAWN: [],
  EXPIRED: [],
  CANCELLED: [],
};

/** The status type of each life cycle, keyed by its kind. */
export type StatusOf = {
  ENGAGEMENT: EngagementStatus;
  DELIVERY: DeliveryStatus;
  ASSIGNMENT: AssignmentStatus;
};
export type StatusKind = keyof StatusOf;

const transitionTables: { readonly [K in StatusKind]: Readonly<Record<StatusOf[K], readonly StatusOf[K][]>> } = {
  ENGAGEMENT: engagementTransitions,
  DELIVERY: deliveryTransitions,
  ASSIGNMENT: assignmentTransitions,
};

/** Tells whether the life cycle allows `from → to`. Staying in the same status is not a transition. */
export function canTransition<K extends StatusKind>(kind: K, from: StatusOf[K], to: StatusOf[K]): boolean {
  const table: Readonly<Record<string, readonly string[]>> = transitionTables[kind];
  return Object.hasOwn(table, from) ? (table[from]?.includes(to) ?? false) : false;
}

/** Throws ILLEGAL_TRANSITION unless the life cycle allows `from → to`. */
export function assertTransition<K extends StatusKind>(kind: K, from: StatusOf[K], to: StatusOf[K]): void {
  if (!canTransition(kind, from, to)) {
    throw new DomainError("ILLEGAL_TRANSITION", undefined, { kind, from, to });
  }
}

/** Active assignments block the associate's diary and count towards a pair: HELD, OFFERED, ACCEPTED. */
export function isActiveAssignment(status: AssignmentStatus): boolean {
  return status === "HELD" || status === "OFFERED" || status === "ACCEPTED";
}

// ───────────────────────────── the co-facilitation invariant ─────────────────────────────

export type DeliveryAssignment = {
  readonly associateId: string;
  readonly role: AssignmentRole;
  readonly status: AssignmentStatus;
  /**
   * Still qualified, compliant on the delivery date and available. Default true; pass false when, say,
   * a DBS check lapses, and the assignment stops counting towards the pair.
   */
  readonly isEligible?: boolean;
};

/**
 * Tells whether the assignments in `statuses` give distinct people for every required place. A person
 * with assignments in both roles counts once, able to fill either (they can never fill both).
 */
export function isTeamComplete({
  assignments,
  requirements,
  statuses = ["ACCEPTED"],
}: {
  assignments: readonly DeliveryAssignment[];
  requirements: TeamRequirements;
  statuses?: readonly AssignmentStatus[];
}): boolean {
  const rolesByPerson = new Map<string, { isLived: boolean; isProfessional: boolean }>();
  for (const assignment of assignments) {
    if (assignment.isEligible === false || !statuses.includes(assignment.status)) continue;
    const roles = rolesByPerson.get(assignment.associateId) ?? { isLived: false, isProfessional: false };
    if (assignment.role === "LIVED") roles.isLived = true;
    else roles.isProfessional = true;
    rolesByPerson.set(assignment.associateId, roles);
  }
  let livedOnly = 0;
  let professionalOnly = 0;
  let both = 0;
  for (const roles of rolesByPerson.values()) {
    if (roles.isLived && roles.isProfessional) both += 1;
    else if (roles.isLived) livedOnly += 1;
    else professionalOnly += 1;
  }
  return canStaffTeam({ livedOnly, professionalOnly, both }, requirements);
}

/**
 * A delivery's status recomputed from its assignments (call it after any assignment changes):
 * - DELIVERED and CANCELLED are final and returned unchanged;
 * - CONFIRMED only while accepted, eligible assignments cover every required place with distinct people;
 * - HELD stays HELD while the booking's holds are still in place;
 * - AWAITING_ACCEPTANCE while offers are out and, if all were accepted, the pair would be complete;
 * - otherwise NEEDS_PAIRING — including a confirmed delivery that has lost a member of its pair.
 * The result is always `current` or a transition `deliveryTransitions` allows from it.
 */
export function deriveDeliveryStatus({
  current,
  assignments,
  requirements,
}: {
  current: DeliveryStatus;
  assignments: readonly DeliveryAssignment[];
  requirements: TeamRequirements;
}): DeliveryStatus {
  if (current === "DELIVERED" || current === "CANCELLED") return current;
  if (isTeamComplete({ assignments, requirements })) return "CONFIRMED";
  const counting = (a: DeliveryAssignment) => a.isEligible !== false;
  if (current === "HELD" && assignments.some((a) => counting(a) && a.status === "HELD")) return "HELD";
  const hasOpenOffer = assignments.some((a) => counting(a) && a.status === "OFFERED");
  if (hasOpenOffer && isTeamComplete({ assignments, requirements, statuses: ["OFFERED", "ACCEPTED"] })) {
    return "AWAITING_ACCEPTANCE";
  }
  return "NEEDS_PAIRING";
}

/** Throws PAIRING_INCOMPLETE unless accepted, eligible assignments give the delivery its full pair. */
export function assertTeamComplete(input: {
  assignments: readonly DeliveryAssignment[];
  requirements: TeamRequirements;
}): void {
  if (!isTeamComplete(input)) throw new DomainError("PAIRING_INCOMPLETE");
}

/**
 * Throws SAME_PERSON_BOTH_ROLES if one associate holds active assignments in both roles of a delivery
 * (`assignments` are that delivery's, plus the one about to be added).
 */
export function assertDistinctPeople(assignments: readonly DeliveryAssignment[]): void {
  const roleByPerson = new Map<string, AssignmentRole>();
  for (const assignment of assignments) {
    if (!isActiveAssignment(assignment.status)) continue;
    const existing = roleByPerson.get(assignment.associateId);
    if (existing && existing !== assignment.role) {
      throw new DomainError("SAME_PERSON_BOTH_ROLES", undefined, { associateId: assignment.associateId });
    }
    roleByPerson.set(assignment.associateId, assignment.role);
  }
}

// ───────────────────────────── holds and offers ─────────────────────────────

/** A hold has lapsed from the instant it expires (`now >= holdExpiresAt`); no expiry means it never lapses. */
export function isHoldExpired(now: EpochMs, holdExpiresAt: EpochMs | null | undefined): boolean {
  return holdExpiresAt !== null && holdExpiresAt !== undefined && now >= holdExpiresAt;
}

/** An offer closes at the instant it expires (`now >= expiresAt`); no expiry means it stays open. */
export function isOfferExpired(now: EpochMs, expiresAt: EpochMs | null | undefined): boolean {
  return expiresAt !== null && expiresAt !== undefined && now >= expiresAt;
}

/** Throws HOLD_EXPIRED if the hold has lapsed. */
export function assertHoldActive(now: EpochMs, holdExpiresAt: EpochMs | null | undefined): void {
  if (isHoldExpired(now, holdExpiresAt)) throw new DomainError("HOLD_EXPIRED", undefined, { now, holdExpiresAt });
}

/** Throws OFFER_EXPIRED if the offer has closed. */
export function assertOfferOpen(now: EpochMs, expiresAt: EpochMs | null | undefined): void {
  if (isOfferExpired(now, expiresAt)) throw new DomainError("OFFER_EXPIRED", undefined, { now, expiresAt });
}

// ───────────────────────────── cancellation ─────────────────────────────

/**
 * One row of an engagement's cancellation terms: with at least `noticeDaysAtLeast` days' notice the
 * client pays `chargeBasisPoints` of the net price, and `associatePassThroughBasisPoints` of that
 * charge is passed on to the associates.
 */
export type CancellationTerm = {
  readonly noticeDaysAtLeast: number;
  readonly chargeBasisPoints: number;
  readonly associatePassThroughBasisPoints: number;
};

export type CancellationCharge = {
  readonly chargePence: number;
  readonly associatePassThroughPence: number;
  /** The term that applied, or null when none did (no charge). */
  readonly termApplied: CancellationTerm | null;
  readonly noticeDays: number;
};

/**
 * The charge for cancelling a delivery, computed from the agreed terms (never typed in).
 *
 * Notice is counted in calendar days in `timezone` (default Europe/London) from the date of cancelling
 * to the delivery date, so cancelling at any time on 1 March for a session on 15 March is 14 days'
 * notice; cancelling on the day or after the start is 0. The term applied is the one with the largest
 * `noticeDaysAtLeast` not above the notice given; if none qualifies there is no charge.
 * Charge = price × chargeBasisPoints / 10,000 and pass-through = charge × associatePassThroughBasisPoints
 * / 10,000, each rounded half up to the penny.
 */
export function computeCancellationCharge({
  terms,
  priceNetPence,
  startsAt,
  cancelledAt,
  timezone = "Europe/London",
}: {
  terms: readonly CancellationTerm[];
  priceNetPence: number;
  startsAt: EpochMs;
  cancelledAt: EpochMs;
  timezone?: string;
}): CancellationCharge {
  if (!Number.isSafeInteger(priceNetPence) || priceNetPence < 0) {
    throw new DomainError("INVALID_AMOUNT", "The price must be a whole number of pence, zero or more.", { priceNetPence });
  }
  assertInstant(startsAt, "start");
  assertInstant(cancelledAt, "cancellation time");
  const seen = new Set<number>();
  for (const term of terms) {
    if (!Number.isSafeInteger(term.noticeDaysAtLeast) || term.noticeDaysAtLeast < 0 || seen.has(term.noticeDaysAtLeast)) {
      throw new DomainError("INVALID_INPUT", "Each cancellation term needs its own whole number of days' notice.", {
        noticeDaysAtLeast: term.noticeDaysAtLeast,
      });
    }
    seen.add(term.noticeDaysAtLeast);
    assertBasisPoints(term.chargeBasisPoints, "cancellation charge");
    assertBasisPoints(term.associatePassThroughBasisPoints, "associate share");
  }

  const noticeDays = Math.max(
    0,
    countDaysBetween(getIsoDateInZone(cancelledAt, timezone), getIsoDateInZone(startsAt, timezone)),
  );
  let termApplied: CancellationTerm | null = null;
  for (const term of terms) {
    if (term.noticeDaysAtLeast <= noticeDays && (!termApplied || term.noticeDaysAtLeast > termApplied.noticeDaysAtLeast)) {
      termApplied = term;
    }
  }
  if (!termApplied) return { chargePence: 0, associatePassThroughPence: 0, termApplied: null, noticeDays };
  const chargePence = applyBasisPoints(priceNetPence, termApplied.chargeBasisPoints);
  const associatePassThroughPence = applyBasisPoints(chargePence, termApplied.associatePassThroughBasisPoints);
  return { chargePence, associatePassThroughPence, termApplied, noticeDays };
}
