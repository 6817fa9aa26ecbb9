const DIGIT_BITS = 12;
const BUCKETS = 1 << DIGIT_BITS;
const MASK = BUCKETS - 1;
const TWO_TO_32 = 2 ** 32;

/**
 * Sorts whole numbers in [0, 2^53) ascending, in place, in linear time: a least-significant-digit
 * radix sort on 12-bit digits of the numbers split into 32-bit halves (integer shifts, not division),
 * with only as many passes as the largest value needs (three for the slot sweep's edges over a 90-day
 * window). Keeps the sweep's cost growing in step with the number of associates, where a comparison
 * sort adds a log factor. Returns `values`.
 */
export function radixSortWholeNumbers(values: Float64Array): Float64Array {
  const length = values.length;
  if (length < 2) return values;
  let high = new Uint32Array(length);
  let low = new Uint32Array(length);
  let maxHigh = 0;
  let maxLow = 0;
  for (let i = 0; i < length; i += 1) {
    const value = values[i]!;
    if (!(value >= 0 && value <= Number.MAX_SAFE_INTEGER && Number.isInteger(value))) {
      throw new RangeError(`radixSortWholeNumbers: ${value} is not a whole number in [0, 2^53).`);
    }
    const h = Math.floor(value / TWO_TO_32);
    high[i] = h;
    low[i] = value - h * TWO_TO_32;
    if (h > maxHigh) maxHigh = h;
    if (h === 0 && low[i]! > maxLow) maxLow = low[i]!;
  }
  const bits = maxHigh > 0 ? 32 + (32 - Math.clz32(maxHigh)) : 32 - Math.clz32(maxLow);
  let nextHigh = new Uint32Array(length);
  let nextLow = new Uint32Array(length);
  const counts = new Int32Array(BUCKETS);
  const digits = new Uint16Array(length);
  for (let shift = 0; shift < bits; shift += DIGIT_BITS) {
    // This pass's digit of every number, with integer shifts only.
    if (shift + DIGIT_BITS <= 32) for (let i = 0; i < length; i += 1) digits[i] = (low[i]! >>> shift) & MASK;
    else if (shift < 32) for (let i = 0; i < length; i += 1) digits[i] = ((low[i]! >>> shift) | (high[i]! << (32 - shift))) & MASK;
    else for (let i = 0; i < length; i += 1) digits[i] = (high[i]! >>> (shift - 32)) & MASK;
    counts.fill(0);
    for (let i = 0; i < length; i += 1) counts[digits[i]!]! += 1;
    let total = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket += 1) {
      const count = counts[bucket]!;
      counts[bucket] = total;
      total += count;
    }
    for (let i = 0; i < length; i += 1) {
      const at = counts[digits[i]!]!++;
      nextHigh[at] = high[i]!;
      nextLow[at] = low[i]!;
    }
    [high, nextHigh] = [nextHigh, high];
    [low, nextLow] = [nextLow, low];
  }
  for (let i = 0; i < length; i += 1) values[i] = high[i]! * TWO_TO_32 + low[i]!;
  return values;
}
