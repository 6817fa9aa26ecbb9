import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { PayRunStatus } from "@/lib/db/generated/prisma/enums";
import type { PayLineKind, PayMethod } from "@/lib/domain/pay-run";

const statusText: Record<PayRunStatus, { label: string; tone: BadgeTone }> = {
  DRAFT: { label: "Draft — check it", tone: "warning" },
  APPROVED: { label: "Approved — to pay", tone: "info" },
  PAID: { label: "Paid", tone: "good" },
};

/** A pay run's state in words (never colour alone). */
export function PayRunStatusBadge({ status }: { status: PayRunStatus }) {
  return <Badge tone={statusText[status].tone}>{statusText[status].label}</Badge>;
}

export const payMethodLabel: Record<PayMethod, string> = {
  BANK_TRANSFER: "Bank transfer",
  VOUCHER: "Vouchers",
  CHARITY: "Paid to a charity",
};

export const payLineKindLabel: Record<PayLineKind, string> = {
  FEE: "Fee",
  CANCELLATION: "Cancellation share",
  EXPENSE: "Expenses",
};
