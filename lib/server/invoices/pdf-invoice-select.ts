import type { Prisma } from "@/lib/db/generated/prisma/client";

/** What an invoice PDF needs, for the client's and the director's downloads alike. */
export const pdfInvoiceSelect = {
  id: true,
  number: true,
  status: true,
  issuedOn: true,
  dueOn: true,
  purchaseOrderNumber: true,
  billingSnapshot: true,
  subtotalPence: true,
  vatPence: true,
  totalPence: true,
  paidAt: true,
  organisation: { select: { name: true, addressLine1: true, addressLine2: true, town: true, postcode: true, vatNumber: true } },
  lines: { orderBy: { position: "asc" }, select: { description: true, quantity: true, unitPricePence: true, vatRateBasisPoints: true, vatExemptionReason: true, netPence: true, vatPence: true } },
} as const satisfies Prisma.InvoiceSelect;
