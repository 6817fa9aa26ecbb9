import { DomainError } from "@/lib/domain/errors";

/**
 * Money is integer pence everywhere (`…Pence`); rates are integer basis points (2000 = 20%).
 * Amounts are checked to stay within Number.MAX_SAFE_INTEGER so integer arithmetic stays exact.
 */
export const BASIS_POINTS_PER_WHOLE = 10_000;

function assertSafeInteger(value: number, label: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new DomainError("INVALID_AMOUNT", `${label} must be a whole number.`, { [label]: value });
  }
}

/** Throws INVALID_AMOUNT unless `basisPoints` is a whole number from 0 to 10,000 (0%–100%). */
export function assertBasisPoints(basisPoints: number, label = "rate"): void {
  assertSafeInteger(basisPoints, label);
  if (basisPoints < 0 || basisPoints > BASIS_POINTS_PER_WHOLE) {
    throw new DomainError("INVALID_AMOUNT", `The ${label} must be between 0% and 100%.`, { [label]: basisPoints });
  }
}

/**
 * `numerator / denominator` rounded to the nearest whole number, halves rounded away from zero
 * ("round half up" on the size of the amount), so a credit note mirrors its invoice to the penny.
 * Exact integer arithmetic; `denominator` must be positive.
 */
export function divideRoundingHalfUp(numerator: number, denominator: number): number {
  assertSafeInteger(numerator, "numerator");
  if (!Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new DomainError("INVALID_AMOUNT", "The divisor must be a positive whole number.", { denominator });
  }
  const size = Math.abs(numerator);
  const quotient = Math.floor(size / denominator);
  const remainder = size - quotient * denominator;
  const rounded = remainder * 2 >= denominator ? quotient + 1 : quotient;
  return numerator < 0 ? -rounded : rounded;
}

/** `amountPence × basisPoints / 10,000`, rounded half up on pence (see `divideRoundingHalfUp`). */
export function applyBasisPoints(amountPence: number, basisPoints: number): number {
  assertSafeInteger(amountPence, "amountPence");
  assertBasisPoints(basisPoints);
  const product = amountPence * basisPoints;
  if (!Number.isSafeInteger(product)) {
    throw new DomainError("INVALID_AMOUNT", "The amount is too large.", { amountPence, basisPoints });
  }
  return divideRoundingHalfUp(product, BASIS_POINTS_PER_WHOLE);
}

export type InvoiceLineInput = {
  /** Whole units (sessions, places, days); at least 1. */
  readonly quantity: number;
  /** Price of one unit excluding VAT. May be negative for a discount or credit line. */
  readonly unitPricePence: number;
  /** VAT rate in basis points: 2000 = 20% standard, 0 for zero-rated or exempt (record why elsewhere). */
  readonly vatRateBasisPoints: number;
};

export type InvoiceLineAmounts = { readonly netPence: number; readonly vatPence: number; readonly grossPence: number };

/**
 * One invoice line: net = quantity × unit price; VAT is worked out per line on the line's net and
 * rounded half up to the penny (HMRC allows per-line rounding provided it is applied consistently);
 * gross = net + VAT. Throws INVALID_AMOUNT for fractional or out-of-range inputs.
 */
export function computeLine({ quantity, unitPricePence, vatRateBasisPoints }: InvoiceLineInput): InvoiceLineAmounts {
  assertSafeInteger(quantity, "quantity");
  if (quantity < 1) throw new DomainError("INVALID_AMOUNT", "The quantity must be at least 1.", { quantity });
  assertSafeInteger(unitPricePence, "unitPricePence");
  const netPence = quantity * unitPricePence;
  if (!Number.isSafeInteger(netPence)) {
    throw new DomainError("INVALID_AMOUNT", "The amount is too large.", { quantity, unitPricePence });
  }
  const vatPence = applyBasisPoints(netPence, vatRateBasisPoints);
  return { netPence, vatPence, grossPence: netPence + vatPence };
}

export type InvoiceTotals = { readonly subtotalPence: number; readonly vatPence: number; readonly totalPence: number };

/** Invoice totals as the sums of the already-rounded lines (never re-rounded at invoice level). */
export function sumInvoice(lines: readonly Pick<InvoiceLineAmounts, "netPence" | "vatPence">[]): InvoiceTotals {
  let subtotalPence = 0;
  let vatPence = 0;
  for (const line of lines) {
    assertSafeInteger(line.netPence, "netPence");
    assertSafeInteger(line.vatPence, "vatPence");
    subtotalPence += line.netPence;
    vatPence += line.vatPence;
  }
  const totalPence = subtotalPence + vatPence;
  if (!Number.isSafeInteger(totalPence)) throw new DomainError("INVALID_AMOUNT", "The invoice total is too large.");
  return { subtotalPence, vatPence, totalPence };
}

/**
 * Pence as pounds for people: 123450 → "£1,234.50", -500 → "-£5.00"; with `hideZeroPence`, 30000 →
 * "£300" (but 30050 → "£300.50"). Built from integers: no floating point, no dependence on the
 * runtime's locale data.
 */
export function formatPounds(pence: number, { hideZeroPence = false }: { hideZeroPence?: boolean } = {}): string {
  assertSafeInteger(pence, "pence");
  const size = Math.abs(pence);
  const pounds = Math.floor(size / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const rest = size % 100;
  const fraction = hideZeroPence && rest === 0 ? "" : `.${rest.toString().padStart(2, "0")}`;
  return `${pence < 0 ? "-" : ""}£${pounds}${fraction}`;
}
