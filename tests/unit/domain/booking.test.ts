import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AssignmentStatus,
  DeliveryStatus,
  assertDistinctPeople,
  assertHoldActive,
  assertOfferOpen,
  assertTeamComplete,
  assertTransition,
  canTransition,
  computeCancellationCharge,
  deriveDeliveryStatus,
  isActiveAssignment,
  isHoldExpired,
  isOfferExpired,
} from "@/lib/domain/booking";
import type { DeliveryAssignment, StatusKind, StatusOf } from "@/lib/domain/booking";
import { isDomainError } from "@/lib/domain/errors";
import type { AssignmentRole } from "@/lib/domain/roles";

const at = (iso: string) => Date.parse(iso);

describe("life cycles", () => {
  it.each<{ rule: string; kind: StatusKind; from: StatusOf[StatusKind]; to: StatusOf[StatusKind]; expected: boolean }>([
    { rule: "a request can be quoted", kind: "ENGAGEMENT", from: "REQUESTED", to: "QUOTED", expected: true },
    { rule: "online training goes straight to payment", kind: "ENGAGEMENT", from: "REQUESTED", to: "PENDING_PAYMENT", expected: true },
    { rule: "a confirmed engagement that loses a pair awaits facilitators again", kind: "ENGAGEMENT", from: "CONFIRMED", to: "AWAITING_FACILITATORS", expected: true },
    { rule: "an engagement cannot be delivered before it is confirmed", kind: "ENGAGEMENT", from: "AWAITING_FACILITATORS", to: "DELIVERED", expected: false },
    { rule: "a delivered engagement cannot be cancelled (credit note instead)", kind: "ENGAGEMENT", from: "DELIVERED", to: "CANCELLED", expected: false },
    { rule: "paid is final", kind: "ENGAGEMENT", from: "PAID", to: "INVOICED", expected: false },
    { rule: "cancelled is final", kind: "ENGAGEMENT", from: "CANCELLED", to: "REQUESTED", expected: false },
    { rule: "a delivery is never delivered without a confirmed pair", kind: "DELIVERY", from: "NEEDS_PAIRING", to: "DELIVERED", expected: false },
    { rule: "a confirmed delivery can be delivered", kind: "DELIVERY", from: "CONFIRMED", to: "DELIVERED", expected: true },
    { rule: "a confirmed delivery that loses its pair needs pairing", kind: "DELIVERY", from: "CONFIRMED", to: "NEEDS_PAIRING", expected: true },
    { rule: "a delivery cannot go back to HELD", kind: "DELIVERY", from: "NEEDS_PAIRING", to: "HELD", expected: false },
    { rule: "a hold must become a written offer before it is accepted", kind: "ASSIGNMENT", from: "HELD", to: "ACCEPTED", expected: false },
    { rule: "an offer can be accepted", kind: "ASSIGNMENT", from: "OFFERED", to: "ACCEPTED", expected: true },
    { rule: "an offer can time out", kind: "ASSIGNMENT", from: "OFFERED", to: "EXPIRED", expected: true },
    { rule: "an accepted assignment is withdrawn, not declined", kind: "ASSIGNMENT", from: "ACCEPTED", to: "DECLINED", expected: false },
    { rule: "a declined offer cannot be accepted later", kind: "ASSIGNMENT", from: "DECLINED", to: "ACCEPTED", expected: false },
    { rule: "staying in the same status is not a transition", kind: "ASSIGNMENT", from: "OFFERED", to: "OFFERED", expected: false },
  ])("$kind $from → $to: $rule", ({ kind, from, to, expected }) => {
    expect(canTransition(kind, from as never, to as never)).toBe(expected);
  });

  it("assertTransition throws ILLEGAL_TRANSITION naming the change", () => {
    let caught: unknown;
    try {
      assertTransition("DELIVERY", "NEEDS_PAIRING", "DELIVERED");
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught, "ILLEGAL_TRANSITION")).toBe(true);
    expect((caught as { details: unknown }).details).toEqual({ kind: "DELIVERY", from: "NEEDS_PAIRING", to: "DELIVERED" });
    expect(() => assertTransition("ASSIGNMENT", "OFFERED", "ACCEPTED")).not.toThrow();
  });

  it.each([
    ["HELD", true],
    ["OFFERED", true],
    ["ACCEPTED", true],
    ["DECLINED", false],
    ["WITHDRAWN", false],
    ["EXPIRED", false],
    ["CANCELLED", false],
  ] as const)("isActiveAssignment(%s) is %s", (status, expected) => {
    expect(isActiveAssignment(status)).toBe(expected);
  });
});

const a = (associateId: string, role: AssignmentRole, status: AssignmentStatus, isEligible?: boolean): DeliveryAssignment => ({
  associateId,
  role,
  status,
  ...(isEligible === undefined ? {} : { isEligible }),
});
const pairOnly = { livedRequired: 1, professionalRequired: 1 };

describe("deriveDeliveryStatus: the co-facilitation invariant", () => {
  it.each<{ rule: string; current: DeliveryStatus; assignments: DeliveryAssignment[]; requirements?: typeof pairOnly; expected: DeliveryStatus }>([
    { rule: "accepted lived + accepted professional, different people → CONFIRMED", current: "AWAITING_ACCEPTANCE", assignments: [a("amy", "LIVED", "ACCEPTED"), a("ben", "PROFESSIONAL", "ACCEPTED")], expected: "CONFIRMED" },
    { rule: "one person accepted in both roles is not a pair → NEEDS_PAIRING", current: "AWAITING_ACCEPTANCE", assignments: [a("amy", "LIVED", "ACCEPTED"), a("amy", "PROFESSIONAL", "ACCEPTED")], expected: "NEEDS_PAIRING" },
    { rule: "a confirmed delivery whose professional withdraws → NEEDS_PAIRING", current: "CONFIRMED", assignments: [a("amy", "LIVED", "ACCEPTED"), a("ben", "PROFESSIONAL", "WITHDRAWN")], expected: "NEEDS_PAIRING" },
    { rule: "a confirmed delivery whose associate's DBS lapses → NEEDS_PAIRING", current: "CONFIRMED", assignments: [a("amy", "LIVED", "ACCEPTED", false), a("ben", "PROFESSIONAL", "ACCEPTED")], expected: "NEEDS_PAIRING" },
    { rule: "a lost member with a replacement already offered → AWAITING_ACCEPTANCE", current: "CONFIRMED", assignments: [a("amy", "LIVED", "ACCEPTED"), a("ben", "PROFESSIONAL", "WITHDRAWN"), a("cat", "PROFESSIONAL", "OFFERED")], expected: "AWAITING_ACCEPTANCE" },
    { rule: "one accepted and one offered → AWAITING_ACCEPTANCE", current: "NEEDS_PAIRING", assignments: [a("amy", "LIVED", "ACCEPTED"), a("ben", "PROFESSIONAL", "OFFERED")], expected: "AWAITING_ACCEPTANCE" },
    { rule: "offers out for one role only → NEEDS_PAIRING", current: "AWAITING_ACCEPTANCE", assignments: [a("amy", "LIVED", "OFFERED")], expected: "NEEDS_PAIRING" },
    { rule: "a declined offer leaves a gap → NEEDS_PAIRING", current: "AWAITING_ACCEPTANCE", assignments: [a("amy", "LIVED", "ACCEPTED"), a("ben", "PROFESSIONAL", "DECLINED")], expected: "NEEDS_PAIRING" },
    { rule: "a held booking stays HELD while its holds last", current: "HELD", assignments: [a("amy", "LIVED", "HELD"), a("ben", "PROFESSIONAL", "HELD")], expected: "HELD" },
    { rule: "a held booking whose holds expired → NEEDS_PAIRING", current: "HELD", assignments: [a("amy", "LIVED", "EXPIRED"), a("ben", "PROFESSIONAL", "EXPIRED")], expected: "NEEDS_PAIRING" },
    { rule: "holds are not offers: a non-HELD delivery with holds only → NEEDS_PAIRING", current: "NEEDS_PAIRING", assignments: [a("amy", "LIVED", "HELD"), a("ben", "PROFESSIONAL", "HELD")], expected: "NEEDS_PAIRING" },
    { rule: "two lived required, one accepted → not confirmed", current: "AWAITING_ACCEPTANCE", assignments: [a("amy", "LIVED", "ACCEPTED"), a("ben", "PROFESSIONAL", "ACCEPTED")], requirements: { livedRequired: 2, professionalRequired: 1 }, expected: "NEEDS_PAIRING" },
    { rule: "two lived required, both accepted → CONFIRMED", current: "AWAITING_ACCEPTANCE", assignments: [a("amy", "LIVED", "ACCEPTED"), a("cat", "LIVED", "ACCEPTED"), a("ben", "PROFESSIONAL", "ACCEPTED")], requirements: { livedRequired: 2, professionalRequired: 1 }, expected: "CONFIRMED" },
    { rule: "DELIVERED is final whatever happens to assignments", current: "DELIVERED", assignments: [], expected: "DELIVERED" },
    { rule: "CANCELLED is final even with a full pair", current: "CANCELLED", assignments: [a("amy", "LIVED", "ACCEPTED"), a("ben", "PROFESSIONAL", "ACCEPTED")], expected: "CANCELLED" },
  ])("$rule", ({ current, assignments, requirements = pairOnly, expected }) => {
    expect(deriveDeliveryStatus({ current, assignments, requirements })).toBe(expected);
  });

  it("assertTeamComplete throws PAIRING_INCOMPLETE without a distinct accepted pair", () => {
    expect(() => assertTeamComplete({ assignments: [a("amy", "LIVED", "ACCEPTED")], requirements: pairOnly })).toThrow(
      expect.objectContaining({ code: "PAIRING_INCOMPLETE" }),
    );
  });

  it.each([
    { rule: "one person active in both roles is refused", assignments: [a("amy", "LIVED", "OFFERED"), a("amy", "PROFESSIONAL", "HELD")], isRefused: true },
    { rule: "a declined role does not count", assignments: [a("amy", "LIVED", "ACCEPTED"), a("amy", "PROFESSIONAL", "DECLINED")], isRefused: false },
    { rule: "two people in two roles is fine", assignments: [a("amy", "LIVED", "ACCEPTED"), a("ben", "PROFESSIONAL", "ACCEPTED")], isRefused: false },
  ])("assertDistinctPeople: $rule", ({ assignments, isRefused }) => {
    const attempt = () => assertDistinctPeople(assignments);
    if (isRefused) expect(attempt).toThrow(expect.objectContaining({ code: "SAME_PERSON_BOTH_ROLES" }));
    else expect(attempt).not.toThrow();
  });

  /**
   * Brute force: is there a choice of distinct people, each with an accepted, eligible assignment in
   * the role they fill, covering every place?
   */
  function hasDistinctAcceptedTeam(assignments: readonly DeliveryAssignment[], lr: number, pr: number): boolean {
    const people = [...new Set(assignments.map((x) => x.associateId))];
    const rolesOf = (id: string) =>
      new Set(assignments.filter((x) => x.associateId === id && x.status === "ACCEPTED" && x.isEligible !== false).map((x) => x.role));
    const search = (i: number, lived: number, professional: number): boolean => {
      if (lived >= lr && professional >= pr) return true;
      if (i >= people.length) return false;
      const roles = rolesOf(people[i]!);
      return (
        (roles.has("LIVED") && search(i + 1, lived + 1, professional)) ||
        (roles.has("PROFESSIONAL") && search(i + 1, lived, professional + 1)) ||
        search(i + 1, lived, professional)
      );
    };
    return search(0, 0, 0);
  }

  it("random hold/offer/accept/decline/withdraw/expire interleavings never leave CONFIRMED without a distinct accepted pair (property)", () => {
    const action = fc.oneof(
      fc.record({ type: fc.constant("hold" as const), person: fc.constantFrom("amy", "ben", "cat", "dan"), role: fc.constantFrom<AssignmentRole>("LIVED", "PROFESSIONAL") }),
      fc.record({
        type: fc.constantFrom("offer", "accept", "decline", "withdraw", "expire", "cancel", "lapseCheck", "renewCheck"),
        target: fc.nat(),
      }),
    );
    const toStatus = { offer: "OFFERED", accept: "ACCEPTED", decline: "DECLINED", withdraw: "WITHDRAWN", expire: "EXPIRED", cancel: "CANCELLED" } as const;

    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.array(action, { maxLength: 40 }),
        (livedRequired, professionalRequired, actions) => {
          const requirements = { livedRequired, professionalRequired };
          const assignments: { associateId: string; role: AssignmentRole; status: AssignmentStatus; isEligible: boolean }[] = [];
          let delivery: DeliveryStatus = "HELD";
          for (const step of actions) {
            if (step.type === "hold") {
              // The use case refuses a second active role for the same person, as the domain requires.
              const candidate = { associateId: step.person, role: step.role, status: "HELD" as const, isEligible: true };
              try {
                assertDistinctPeople([...assignments, candidate]);
                assignments.push(candidate);
              } catch (error) {
                expect(isDomainError(error, "SAME_PERSON_BOTH_ROLES")).toBe(true);
              }
            } else if (assignments.length > 0) {
              const target = assignments[step.target % assignments.length]!;
              if (step.type === "lapseCheck") target.isEligible = false;
              else if (step.type === "renewCheck") target.isEligible = true;
              else {
                const to = toStatus[step.type];
                if (canTransition("ASSIGNMENT", target.status, to)) target.status = to;
                else expect(() => assertTransition("ASSIGNMENT", target.status, to)).toThrow();
              }
            }
            const next = deriveDeliveryStatus({ current: delivery, assignments, requirements });
            expect(next === delivery || canTransition("DELIVERY", delivery, next)).toBe(true);
            const isComplete = hasDistinctAcceptedTeam(assignments, livedRequired, professionalRequired);
            expect(next === "CONFIRMED").toBe(isComplete);
            delivery = next;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("holds and offers expire at their expiry instant", () => {
  const expiresAt = at("2026-03-29T01:00:00Z");
  it.each([
    { rule: "1 ms before expiry is still live", now: expiresAt - 1, expected: false },
    { rule: "at the expiry instant it has expired", now: expiresAt, expected: true },
    { rule: "after expiry it has expired", now: expiresAt + 60_000, expected: true },
  ])("$rule", ({ now, expected }) => {
    expect(isHoldExpired(now, expiresAt)).toBe(expected);
    expect(isOfferExpired(now, expiresAt)).toBe(expected);
  });

  it("no expiry set never expires", () => {
    expect(isHoldExpired(at("2099-01-01T00:00:00Z"), null)).toBe(false);
    expect(isOfferExpired(at("2099-01-01T00:00:00Z"), undefined)).toBe(false);
  });

  it("assertHoldActive throws HOLD_EXPIRED and assertOfferOpen throws OFFER_EXPIRED", () => {
    expect(() => assertHoldActive(expiresAt, expiresAt)).toThrow(expect.objectContaining({ code: "HOLD_EXPIRED" }));
    expect(() => assertOfferOpen(expiresAt, expiresAt)).toThrow(expect.objectContaining({ code: "OFFER_EXPIRED" }));
    expect(() => assertHoldActive(expiresAt - 1, expiresAt)).not.toThrow();
  });
});

describe("computeCancellationCharge", () => {
  const terms = [
    { noticeDaysAtLeast: 28, chargeBasisPoints: 0, associatePassThroughBasisPoints: 0 },
    { noticeDaysAtLeast: 14, chargeBasisPoints: 5000, associatePassThroughBasisPoints: 5000 },
    { noticeDaysAtLeast: 0, chargeBasisPoints: 10_000, associatePassThroughBasisPoints: 8000 },
  ];
  const priceNetPence = 100_001;
  // Sunday 2026-03-29 09:00 BST (spring-forward day).
  const startsAt = at("2026-03-29T08:00:00Z");

  it.each([
    { rule: "28 days' notice (1 March) hits the free term", cancelledAt: "2026-03-01T10:00:00Z", noticeDays: 28, charge: 0, passThrough: 0, term: 28 },
    { rule: "27 days' notice falls to the 14-day term: 50% of 100,001p = 50,000.5p → 50,001p; half of that passes through, 25,000.5p → 25,001p", cancelledAt: "2026-03-02T23:30:00Z", noticeDays: 27, charge: 50_001, passThrough: 25_001, term: 14 },
    { rule: "exactly 14 days' notice (15 March) still gets the 14-day term", cancelledAt: "2026-03-15T23:59:00Z", noticeDays: 14, charge: 50_001, passThrough: 25_001, term: 14 },
    { rule: "13 days' notice pays in full; 80% passes through (80,000.8p → 80,001p)", cancelledAt: "2026-03-16T00:00:00Z", noticeDays: 13, charge: 100_001, passThrough: 80_001, term: 0 },
    { rule: "cancelling on the day pays in full", cancelledAt: "2026-03-29T07:00:00Z", noticeDays: 0, charge: 100_001, passThrough: 80_001, term: 0 },
    { rule: "cancelling after the start counts as 0 days' notice", cancelledAt: "2026-03-29T12:00:00Z", noticeDays: 0, charge: 100_001, passThrough: 80_001, term: 0 },
  ])("$rule", ({ cancelledAt, noticeDays, charge, passThrough, term }) => {
    const result = computeCancellationCharge({ terms, priceNetPence, startsAt, cancelledAt: at(cancelledAt) });
    expect(result).toEqual({
      chargePence: charge,
      associatePassThroughPence: passThrough,
      termApplied: terms.find((t) => t.noticeDaysAtLeast === term),
      noticeDays,
    });
  });

  it("counts notice in UK calendar days: 23:30 UTC on 10 Oct 2026 is already 11 Oct in London (BST), so 14 days before 25 Oct", () => {
    const result = computeCancellationCharge({ terms, priceNetPence, startsAt: at("2026-10-25T10:00:00Z"), cancelledAt: at("2026-10-10T23:30:00Z") });
    expect(result.noticeDays).toBe(14);
    expect(result.chargePence).toBe(50_001);
  });

  it("no charge when no term covers the notice given", () => {
    const result = computeCancellationCharge({ terms: terms.slice(0, 2), priceNetPence, startsAt, cancelledAt: at("2026-03-26T09:00:00Z") });
    expect(result).toEqual({ chargePence: 0, associatePassThroughPence: 0, termApplied: null, noticeDays: 3 });
  });

  it.each([
    { rule: "two terms with the same notice", terms: [terms[2]!, terms[2]!], price: 100, code: "INVALID_INPUT" },
    { rule: "a charge over 100%", terms: [{ noticeDaysAtLeast: 0, chargeBasisPoints: 10_001, associatePassThroughBasisPoints: 0 }], price: 100, code: "INVALID_AMOUNT" },
    { rule: "a negative price", terms, price: -1, code: "INVALID_AMOUNT" },
    { rule: "a fractional price", terms, price: 10.5, code: "INVALID_AMOUNT" },
  ])("rejects $rule ($code)", ({ terms: badTerms, price, code }) => {
    expect(() => computeCancellationCharge({ terms: badTerms, priceNetPence: price, startsAt, cancelledAt: startsAt })).toThrow(
      expect.objectContaining({ code }),
    );
  });
});
