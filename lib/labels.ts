import type { DeliveryStatus, EngagementStatus, ComplianceKind, DeliveryMode, AlertKind, ExpenseCategory, ExpenseStatus, PayPreference, TaxStatus, InvoiceStatus, AssignmentStatus } from "@/lib/db/generated/prisma/enums";

/** Plain-English names for states and kinds, shared by every page. */
export const engagementStatusLabel: Record<EngagementStatus, string> = {
  REQUESTED: "Requested",
  QUOTED: "Quote sent",
  PENDING_PAYMENT: "Waiting for payment",
  AWAITING_FACILITATORS: "Awaiting facilitators",
  CONFIRMED: "Confirmed",
  DELIVERED: "Delivered",
  INVOICED: "Invoiced",
  PAID: "Paid",
  CANCELLED: "Cancelled",
};

export const engagementStatusOrder: EngagementStatus[] = [
  "REQUESTED",
  "QUOTED",
  "PENDING_PAYMENT",
  "AWAITING_FACILITATORS",
  "CONFIRMED",
  "DELIVERED",
  "INVOICED",
  "PAID",
  "CANCELLED",
];

export const deliveryStatusLabel: Record<DeliveryStatus, string> = {
  HELD: "Held for you",
  NEEDS_PAIRING: "Finding facilitators",
  AWAITING_ACCEPTANCE: "Awaiting facilitators",
  CONFIRMED: "Confirmed",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
};

/** An associate's place on a delivery, as the director reads it. */
export const assignmentStatusLabel: Record<AssignmentStatus, string> = {
  HELD: "Held while the client books",
  OFFERED: "Offered, waiting for a reply",
  ACCEPTED: "Accepted",
  DECLINED: "Declined",
  WITHDRAWN: "Withdrawn",
  EXPIRED: "Offer expired",
  CANCELLED: "Moved off this session",
};

export const complianceKindLabel: Record<ComplianceKind, string> = {
  DBS_ENHANCED: "Enhanced DBS check",
  DBS_UPDATE_SERVICE: "DBS Update Service check",
  SAFEGUARDING_TRAINING: "Safeguarding training",
  PROFESSIONAL_REGISTRATION: "Professional registration",
  INSURANCE: "Insurance",
  RIGHT_TO_WORK: "Right to work",
};

/** Invoice states as the director reads them (VOID: an unpaid invoice credited in full). */
export const invoiceStatusLabel: Record<InvoiceStatus, string> = { DRAFT: "Draft", ISSUED: "Waiting for payment", PAID: "Paid", VOID: "Credited in full" };

export const deliveryModeLabel: Record<DeliveryMode, string> = { IN_PERSON: "In person", ONLINE: "Online" };

export const alertKindLabel: Record<AlertKind, string> = {
  PAIRING_BROKEN: "Needs a new pair",
  OFFER_EXPIRING: "Offer about to expire",
  COMPLIANCE_LAPSING: "Checks lapsing",
  INVOICE_OVERDUE: "Invoice overdue",
  REQUEST_UNANSWERED: "Request waiting",
  PAYMENT_NEEDS_ATTENTION: "Payment to refund or rebook",
};

export const expenseCategoryLabel: Record<ExpenseCategory, string> = {
  MILEAGE: "Mileage",
  PUBLIC_TRANSPORT: "Public transport",
  SUBSISTENCE: "Food and drink",
  ACCOMMODATION: "Accommodation",
  OTHER: "Other",
};

/** Expense claim states, as the associate reads them. */
export const expenseStatusLabel: Record<ExpenseStatus, string> = {
  SUBMITTED: "Waiting for a decision",
  APPROVED: "Approved",
  QUERIED: "We have a question",
  REJECTED: "Not approved",
  PAID: "Paid",
};

/** How each expense claim state is coloured (the label always says it in words too). */
export const expenseStatusTone: Record<ExpenseStatus, "info" | "good" | "warning" | "danger"> = { SUBMITTED: "info", APPROVED: "good", QUERIED: "warning", REJECTED: "danger", PAID: "good" };

export const payPreferenceLabel: Record<PayPreference, string> = {
  BANK_TRANSFER: "Bank transfer",
  VOUCHER: "Vouchers",
  CHARITY: "Paid to a charity",
  EXPENSES_ONLY: "Expenses only",
  DECLINE: "I don't want paying",
};

export const taxStatusLabel: Record<TaxStatus, string> = {
  SELF_EMPLOYED: "Self-employed",
  EMPLOYED_ELSEWHERE: "Employed elsewhere as well",
  NOT_SURE: "Not sure",
};
