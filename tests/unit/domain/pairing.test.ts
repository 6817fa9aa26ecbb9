import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankPairs } from "@/lib/domain/pairing";
import type { PairingCandidate } from "@/lib/domain/pairing";
import type { Expertise } from "@/lib/domain/roles";

const candidate = (associateId: string, expertise: Expertise, patch: Partial<PairingCandidate> = {}): PairingCandidate => ({
  associateId,
  expertise,
  paidThisQuarterPence: 0,
  feePence: 15_000,
  ...patch,
});
const ids = (pairs: ReturnType<typeof rankPairs>) => pairs.map((p) => `${p.lived.associateId}+${p.professional.associateId}`);

describe("rankPairs", () => {
  it("continuity comes first: both returning > one returning > none, even over fairness", () => {
    const candidates = [
      candidate("lou", "LIVED", { paidThisQuarterPence: 50_000 }),
      candidate("lia", "LIVED", { paidThisQuarterPence: 0 }),
      candidate("pat", "PROFESSIONAL"),
      candidate("pip", "PROFESSIONAL"),
    ];
    const pairs = rankPairs({ candidates, previousAssociateIds: ["lou", "pat"] });
    expect(ids(pairs)).toEqual(["lou+pat", "lia+pat", "lou+pip", "lia+pip"]);
    expect(pairs.map((p) => p.continuity)).toEqual([2, 1, 1, 0]);
    expect(pairs[0]!.lived.reasons).toContain("Worked with this client before");
    expect(pairs[0]!.professional.reasons).toContain("Worked with this client before");
  });

  it("fairness: the lived-experience associate with the least paid work this quarter comes first, and says so", () => {
    const candidates = [
      candidate("lou", "LIVED", { paidThisQuarterPence: 12_000 }),
      candidate("lia", "LIVED", { paidThisQuarterPence: 5_000 }),
      candidate("pat", "PROFESSIONAL"),
    ];
    const pairs = rankPairs({ candidates });
    expect(ids(pairs)).toEqual(["lia+pat", "lou+pat"]);
    expect(pairs[0]!.lived.reasons).toEqual(["£50 paid this quarter — least so far"]);
    expect(pairs[1]!.lived.reasons).toEqual(["£120 paid this quarter"]);
  });

  it.each([
    { rule: "earnings reaching the limit exactly is not over it", earned: 15_000, isOver: false },
    { rule: "one penny over the limit is over it", earned: 15_001, isOver: true },
  ])("own earnings limit (£300 monthly, fee £150): $rule", ({ earned, isOver }) => {
    const candidates = [
      candidate("lia", "LIVED", { paidThisQuarterPence: 0, earningsCap: { capPence: 30_000, period: "MONTH", earnedThisPeriodPence: earned } }),
      candidate("lou", "LIVED", { paidThisQuarterPence: 90_000 }),
      candidate("pat", "PROFESSIONAL"),
    ];
    const pairs = rankPairs({ candidates });
    expect(ids(pairs)).toEqual(isOver ? ["lou+pat", "lia+pat"] : ["lia+pat", "lou+pat"]);
    const lia = pairs.find((p) => p.lived.associateId === "lia")!;
    expect(lia.lived.warnings).toEqual(isOver ? ["Would go over their own £300 monthly limit"] : []);
    expect(lia.hasWarnings).toBe(isOver);
  });

  it("a weekly limit is named as weekly", () => {
    const candidates = [
      candidate("lia", "LIVED", { earningsCap: { capPence: 10_000, period: "WEEK", earnedThisPeriodPence: 0 } }),
      candidate("pat", "PROFESSIONAL"),
    ];
    expect(rankPairs({ candidates })[0]!.lived.warnings).toEqual(["Would go over their own £100 weekly limit"]);
  });

  it.each([
    { rule: "16 hours exactly is not over", isOnBenefits: true, booked: 14 * 60, expected: [] },
    { rule: "one minute over 16 hours warns", isOnBenefits: true, booked: 14 * 60 + 1, expected: ["Would work more than 16 hours this week"] },
    { rule: "no warning for someone not on benefits", isOnBenefits: false, booked: 40 * 60, expected: [] },
  ])("weekly hours for an associate on benefits (2-hour session): $rule", ({ isOnBenefits, booked, expected }) => {
    const candidates = [candidate("lia", "LIVED", { isOnBenefits, minutesBookedThisWeek: booked }), candidate("pat", "PROFESSIONAL")];
    expect(rankPairs({ candidates, sessionMinutes: 120 })[0]!.lived.warnings).toEqual(expected);
  });

  it("travel: shorter combined distance first, unknown distances after known ones", () => {
    const candidates = [
      candidate("lia", "LIVED", { distanceMiles: 3 }),
      candidate("pat", "PROFESSIONAL", { distanceMiles: 12.34 }),
      candidate("pip", "PROFESSIONAL", { distanceMiles: 2 }),
      candidate("pam", "PROFESSIONAL"),
    ];
    const pairs = rankPairs({ candidates });
    expect(ids(pairs)).toEqual(["lia+pip", "lia+pat", "lia+pam"]);
    expect(pairs[1]!.professional.reasons).toEqual(["12.3 miles away"]);
  });

  it("ties fall back to associate ids, so the order is stable", () => {
    const candidates = [candidate("lb", "LIVED"), candidate("la", "LIVED"), candidate("pb", "PROFESSIONAL"), candidate("pa", "PROFESSIONAL")];
    expect(ids(rankPairs({ candidates }))).toEqual(["la+pa", "la+pb", "lb+pa", "lb+pb"]);
  });

  it.each([
    { rule: "one BOTH associate alone is never a pair", people: [["bo", "BOTH"]] as const, expected: [] },
    { rule: "two BOTH associates pair either way round", people: [["bo", "BOTH"], ["bi", "BOTH"]] as const, expected: ["bi+bo", "bo+bi"] },
    { rule: "a BOTH associate can take the professional role beside a LIVED one", people: [["bo", "BOTH"], ["lia", "LIVED"]] as const, expected: ["lia+bo"] },
    { rule: "two LIVED associates are never a pair", people: [["lia", "LIVED"], ["lou", "LIVED"]] as const, expected: [] },
  ])("$rule", ({ people, expected }) => {
    expect(ids(rankPairs({ candidates: people.map(([id, expertise]) => candidate(id, expertise)) }))).toEqual(expected);
  });

  it("returns at most `limit` pairs", () => {
    const candidates = ["a", "b", "c"].flatMap((x) => [candidate(`l${x}`, "LIVED"), candidate(`p${x}`, "PROFESSIONAL")]);
    expect(rankPairs({ candidates, limit: 4 })).toHaveLength(4);
    expect(rankPairs({ candidates, limit: 0 })).toEqual([]);
  });

  it.each([
    { rule: "an associate listed twice", candidates: [candidate("x", "LIVED"), candidate("x", "PROFESSIONAL")], code: "INVALID_INPUT" },
    { rule: "negative pay so far", candidates: [candidate("x", "LIVED", { paidThisQuarterPence: -1 })], code: "INVALID_AMOUNT" },
    { rule: "a fractional fee", candidates: [candidate("x", "LIVED", { feePence: 0.5 })], code: "INVALID_AMOUNT" },
  ])("rejects $rule ($code)", ({ candidates, code }) => {
    expect(() => rankPairs({ candidates })).toThrow(expect.objectContaining({ code }));
  });

  /** The documented order, applied to every pair: the reference the heap merge must match. */
  function rankByBruteForce(candidates: PairingCandidate[], previous: string[], limit: number): string[] {
    const returning = new Set(previous);
    const crosses = (c: PairingCandidate) => (c.earningsCap && c.earningsCap.earnedThisPeriodPence + c.feePence > c.earningsCap.capPence ? 1 : 0);
    const unknown = (c: PairingCandidate) => (typeof c.distanceMiles === "number" ? 0 : 1);
    const tenths = (c: PairingCandidate) => (typeof c.distanceMiles === "number" ? Math.round(c.distanceMiles * 10) : 0);
    const pairs: [PairingCandidate, PairingCandidate][] = [];
    for (const l of candidates) for (const p of candidates) if (l !== p && l.expertise !== "PROFESSIONAL" && p.expertise !== "LIVED") pairs.push([l, p]);
    const key = ([l, p]: [PairingCandidate, PairingCandidate]) => [
      -(Number(returning.has(l.associateId)) + Number(returning.has(p.associateId))),
      crosses(l) + crosses(p),
      l.paidThisQuarterPence,
      unknown(l) + unknown(p),
      tenths(l) + tenths(p),
    ];
    pairs.sort((x, y) => {
      const a = key(x);
      const b = key(y);
      for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return x[0].associateId.localeCompare(y[0].associateId) || x[1].associateId.localeCompare(y[1].associateId);
    });
    return pairs.slice(0, limit).map(([l, p]) => `${l.associateId}+${p.associateId}`);
  }

  it("the top-k merge matches sorting every pair by the documented order, whatever the input order (property)", () => {
    const arbitraryCandidate = fc.record({
      expertise: fc.constantFrom<Expertise>("LIVED", "PROFESSIONAL", "BOTH"),
      paidThisQuarterPence: fc.constantFrom(0, 5_000, 12_000),
      feePence: fc.constantFrom(0, 15_000),
      earningsCap: fc.option(fc.record({ capPence: fc.constantFrom(10_000, 30_000), period: fc.constantFrom<"WEEK" | "MONTH">("WEEK", "MONTH"), earnedThisPeriodPence: fc.constantFrom(0, 20_000) }), { nil: null }),
      distanceMiles: fc.option(fc.constantFrom(0, 1.5, 2, 3.5, 10), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(arbitraryCandidate, { maxLength: 9 }),
        fc.array(fc.nat({ max: 8 }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 30 }),
        fc.func(fc.integer()),
        (raw, previousIndexes, limit, shuffleKey) => {
          const candidates = raw.map((c, i) => ({ associateId: `a${i}`, ...c }));
          const previous = previousIndexes.map((i) => `a${i}`);
          const expected = rankByBruteForce(candidates, previous, limit);
          const shuffled = [...candidates].sort((x, y) => shuffleKey(x.associateId) - shuffleKey(y.associateId));
          expect(ids(rankPairs({ candidates: shuffled, previousAssociateIds: previous, limit }))).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });
});
