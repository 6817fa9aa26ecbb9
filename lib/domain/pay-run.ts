/**
 * Pay-run gathering rules (pure): which fees and expense reimbursements a pay run for a period pays,
 * how each is paid, and how a cancellation pass-through is split. The use case
 * (lib/server/director/pay-runs.ts) loads candidates and writes the lines; the database's unique
 * assignmentId / expenseClaimId on AssociatePayment is the last line against paying anything twice.
 *
 * Rules:
 * - A **fee** is an ACCEPTED assignment on a DELIVERED session that started in the period, with a fee above £0.
 * - A **cancellation pass-through** is the associates' share (Delivery.cancellationPassThroughPence) of a
 *   session cancelled in the period (by session date). It is split equally between the associates who
 *   had accepted the session before it was cancelled (their cancelled assignment keeps its reply time;
 *   held slots and unanswered offers get nothing); leftover pennies go one each to the first assignments in id order, so the shares always
 *   add up to the pass-through exactly. It is paid like a fee.
 * - An **expense** is an APPROVED claim for a session that started in the period. Expenses are paid back
 *   even to associates who decline fees, because they are the associate's own money.
 * - Anything already in a pay run is never gathered again.
 * - Pay preference decides fees only: DECLINE and EXPENSES_ONLY get no fee line; VOUCHER and CHARITY fees are
 *   listed with that method; BANK_TRANSFER fees go in the bank file. Expenses are always reimbursed to the
 *   associate by bank transfer.
 */

export type PayPreference = "BANK_TRANSFER" | "VOUCHER" | "CHARITY" | "EXPENSES_ONLY" | "DECLINE";
export type PayMethod = "BANK_TRANSFER" | "VOUCHER" | "CHARITY";
export type PayLineKind = "FEE" | "CANCELLATION" | "EXPENSE";

export type FeeCandidate = {
  readonly assignmentId: string;
  readonly associateId: string;
  readonly payPreference: PayPreference;
  readonly feePence: number;
  readonly assignmentStatus: string;
  readonly deliveryStatus: string;
  readonly startsAt: Date;
  /** Already paid, or already in a pay run. */
  readonly isInPayRun: boolean;
};

export type CancelledAssignment = {
  readonly assignmentId: string;
  readonly associateId: string;
  readonly payPreference: PayPreference;
  readonly assignmentStatus: string;
  /** The associate had accepted before the session was cancelled (its assignment has a reply time). */
  readonly hadAccepted: boolean;
  readonly isInPayRun: boolean;
};

export type CancellationCandidate = {
  readonly deliveryId: string;
  readonly deliveryStatus: string;
  readonly startsAt: Date;
  readonly passThroughPence: number | null;
  readonly assignments: readonly CancelledAssignment[];
};

export type ExpenseCandidate = {
  readonly expenseClaimId: string;
  readonly associateId: string;
  readonly payPreference: PayPreference;
  readonly amountPence: number;
  readonly status: string;
  readonly startsAt: Date;
  readonly isInPayRun: boolean;
};

export type PayLine = {
  readonly kind: PayLineKind;
  readonly associateId: string;
  readonly amountPence: number;
  readonly method: PayMethod;
  readonly assignmentId: string | null;
  readonly expenseClaimId: string | null;
};

/** A period [start, end) in instants: from midnight UK time on the first day to midnight after the last. */
export type PayPeriod = { readonly start: Date; readonly end: Date };

const within = (period: PayPeriod, at: Date) => at >= period.start && at < period.end;

/** How a fee (or a cancellation share) is paid, or null when the associate takes no fees. */
export function feeMethodFor(preference: PayPreference): PayMethod | null {
  switch (preference) {
    case "DECLINE":
    case "EXPENSES_ONLY":
      return null;
    case "VOUCHER":
      return "VOUCHER";
    case "CHARITY":
      return "CHARITY";
    case "BANK_TRANSFER":
      return "BANK_TRANSFER";
  }
}

/**
 * Splits `totalPence` equally between `count` people; the first `total % count` shares get one penny
 * more, so the shares add up to the total exactly.
 */
export function splitEqually(totalPence: number, count: number): number[] {
  if (!Number.isInteger(totalPence) || totalPence < 0) throw new RangeError("The amount must be whole pence, not negative.");
  if (!Number.isInteger(count) || count < 0) throw new RangeError("The number of people must be a whole number.");
  if (count === 0) return [];
  const base = Math.floor(totalPence / count);
  const extra = totalPence % count;
  return Array.from({ length: count }, (_, index) => base + (index < extra ? 1 : 0));
}

/** The associates' share of one cancelled session, one line per associate who had accepted the work. */
export function cancellationShares(candidate: CancellationCandidate): { assignmentId: string; associateId: string; payPreference: PayPreference; amountPence: number; isInPayRun: boolean }[] {
  if (candidate.deliveryStatus !== "CANCELLED" || !candidate.passThroughPence || candidate.passThroughPence <= 0) return [];
  const sharing = [...candidate.assignments]
    .filter((a) => a.assignmentStatus === "CANCELLED" && a.hadAccepted)
    .sort((a, b) => (a.assignmentId < b.assignmentId ? -1 : a.assignmentId > b.assignmentId ? 1 : 0));
  const shares = splitEqually(candidate.passThroughPence, sharing.length);
  return sharing.map((a, index) => ({ assignmentId: a.assignmentId, associateId: a.associateId, payPreference: a.payPreference, amountPence: shares[index]!, isInPayRun: a.isInPayRun }));
}

/** Everything a pay run for `period` pays, fees and expenses as separate lines, each at most once. */
export function gatherPayLines({
  period,
  fees,
  cancellations,
  expenses,
}: {
  period: PayPeriod;
  fees: readonly FeeCandidate[];
  cancellations: readonly CancellationCandidate[];
  expenses: readonly ExpenseCandidate[];
}): PayLine[] {
  const lines: PayLine[] = [];
  const seenAssignments = new Set<string>();
  const seenClaims = new Set<string>();
  for (const fee of fees) {
    if (fee.isInPayRun || fee.assignmentStatus !== "ACCEPTED" || fee.deliveryStatus !== "DELIVERED" || fee.feePence <= 0) continue;
    if (!within(period, fee.startsAt) || seenAssignments.has(fee.assignmentId)) continue;
    const method = feeMethodFor(fee.payPreference);
    if (!method) continue;
    seenAssignments.add(fee.assignmentId);
    lines.push({ kind: "FEE", associateId: fee.associateId, amountPence: fee.feePence, method, assignmentId: fee.assignmentId, expenseClaimId: null });
  }
  for (const cancellation of cancellations) {
    if (!within(period, cancellation.startsAt)) continue;
    for (const share of cancellationShares(cancellation)) {
      const method = feeMethodFor(share.payPreference);
      if (share.isInPayRun || !method || share.amountPence <= 0 || seenAssignments.has(share.assignmentId)) continue;
      seenAssignments.add(share.assignmentId);
      lines.push({ kind: "CANCELLATION", associateId: share.associateId, amountPence: share.amountPence, method, assignmentId: share.assignmentId, expenseClaimId: null });
    }
  }
  for (const expense of expenses) {
    if (expense.isInPayRun || expense.status !== "APPROVED" || expense.amountPence <= 0) continue;
    if (!within(period, expense.startsAt) || seenClaims.has(expense.expenseClaimId)) continue;
    seenClaims.add(expense.expenseClaimId);
    lines.push({ kind: "EXPENSE", associateId: expense.associateId, amountPence: expense.amountPence, method: "BANK_TRANSFER", assignmentId: null, expenseClaimId: expense.expenseClaimId });
  }
  return lines;
}

/** The method a stored payment line is paid by: expenses always by bank transfer, fees by preference. */
export function methodForStoredLine({ isExpense, payPreference }: { isExpense: boolean; payPreference: PayPreference }): PayMethod | null {
  return isExpense ? "BANK_TRANSFER" : feeMethodFor(payPreference);
}

export type BankRow = { readonly associateId: string; readonly payeeName: string; readonly reference: string; readonly amountPence: number };

/** One bank-file row per associate: the total of their bank-transfer lines, by payee name. */
export function bankTransferTotals(
  lines: readonly { associateId: string; payeeName: string; amountPence: number; method: PayMethod | null }[],
  reference: string,
): BankRow[] {
  const totals = new Map<string, { payeeName: string; amountPence: number }>();
  for (const line of lines) {
    if (line.method !== "BANK_TRANSFER") continue;
    const current = totals.get(line.associateId) ?? { payeeName: line.payeeName, amountPence: 0 };
    current.amountPence += line.amountPence;
    totals.set(line.associateId, current);
  }
  return [...totals.entries()]
    .map(([associateId, t]) => ({ associateId, payeeName: t.payeeName, reference, amountPence: t.amountPence }))
    .filter((row) => row.amountPence > 0)
    .sort((a, b) => a.payeeName.localeCompare(b.payeeName, "en-GB"));
}

/** Pence as pounds with two decimals and no symbol, for bank files ("1234.50"). */
export function penceToPoundsText(pence: number): string {
  if (!Number.isInteger(pence)) throw new RangeError("Amounts are whole pence.");
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
