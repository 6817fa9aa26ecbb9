/**
 * How evenly paid work is spread among people: pure measures over amounts (integer pence, or any
 * non-negative whole-number quantity). No I/O; used by the impact report and, later, by pairing.
 */

/**
 * The Gini coefficient of `amounts`: 0 when everyone has the same, rising to (n − 1)/n when one person
 * has everything. Uses the mean absolute difference over all ordered pairs, G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄),
 * computed in O(n log n) from the sorted values. Empty lists and all-zero lists give 0 (nothing to share
 * is not "unequal"). Negative or non-finite amounts are a programming error and throw.
 */
export function calculateGini(amounts: readonly number[]): number {
  assertAmounts(amounts);
  const n = amounts.length;
  const total = amounts.reduce((sum, x) => sum + x, 0);
  if (n === 0 || total === 0) return 0;
  const sorted = [...amounts].sort((a, b) => a - b);
  // Σᵢ (2i − n − 1) xᵢ with i from 1 over ascending values equals half the sum of all |xᵢ − xⱼ|.
  let weighted = 0;
  sorted.forEach((x, index) => {
    weighted += (2 * (index + 1) - n - 1) * x;
  });
  return weighted / (n * total);
}

/**
 * The share (0–1) of the total held by the top `fraction` of people (default the top 20%). The number of
 * people counted is ⌈fraction × n⌉ (at least one), so with 3 people "the top 20%" is the one person with
 * most. Empty or all-zero lists give 0.
 */
export function calculateTopShare(amounts: readonly number[], fraction = 0.2): number {
  assertAmounts(amounts);
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError("fraction must be more than 0 and at most 1");
  const total = amounts.reduce((sum, x) => sum + x, 0);
  if (amounts.length === 0 || total === 0) return 0;
  const count = Math.max(1, Math.ceil(fraction * amounts.length - 1e-9));
  const top = [...amounts].sort((a, b) => b - a).slice(0, count);
  return top.reduce((sum, x) => sum + x, 0) / total;
}

export type SpreadSummary = {
  /** How many people were counted (including those with nothing). */
  people: number;
  /** How many of them received anything. */
  peopleWithSome: number;
  gini: number;
  /** Share held by the top 20% of people. */
  topFifthShare: number;
  /** How many people the "top 20%" is. */
  topFifthCount: number;
};

/** Both measures together, with the counts a reader needs to interpret them. */
export function summariseSpread(amounts: readonly number[]): SpreadSummary {
  return {
    people: amounts.length,
    peopleWithSome: amounts.filter((x) => x > 0).length,
    gini: calculateGini(amounts),
    topFifthShare: calculateTopShare(amounts, 0.2),
    topFifthCount: amounts.length === 0 ? 0 : Math.max(1, Math.ceil(0.2 * amounts.length - 1e-9)),
  };
}

/**
 * A plain-English reading of a Gini coefficient, for people who don't know the measure. The bands are
 * a judgement for this report (documented on the page), not a statistical standard.
 */
export function describeGini(gini: number): string {
  if (gini < 0.1) return "Very even: paid work is shared almost equally.";
  if (gini < 0.25) return "Fairly even: some people had more work than others, but not much more.";
  if (gini < 0.4) return "Uneven: a few people had noticeably more paid work than others.";
  return "Very uneven: most of the paid work went to a few people.";
}

function assertAmounts(amounts: readonly number[]): void {
  for (const x of amounts) {
    if (!Number.isFinite(x) || x < 0) throw new RangeError(`amounts must be finite and not negative (got ${x})`);
  }
}
