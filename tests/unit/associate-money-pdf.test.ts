import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import {
  buildJobcentreLetter,
  buildStatementDocument,
  documentText,
  type JobcentreLetterData,
  renderJobcentreLetterPdf,
  renderStatementPdf,
  type StatementData,
  wrapText,
} from "@/lib/integrations/pdf/associate-money";

const supplier = { name: "The Vision", address: ["1 Example Street", "Northshire", "NS1 1AA"], email: "accounts@thevision.example" };
const session = (iso: string, feePence: number, isDelivered = true) => ({ startsAt: new Date(iso), minutes: 180, feePence, service: "Co-delivered training", client: "Northshire County Council", isDelivered });

const statement: StatementData = {
  supplier,
  associateName: "Marcus Reid",
  periodLabel: "October 2026",
  generatedAt: new Date("2026-11-25T12:00:00Z"),
  sessions: [session("2026-10-05T09:00:00Z", 35_000), session("2026-10-28T10:00:00Z", 17_500, false)],
  expenses: [
    { on: new Date("2026-10-05T09:00:00Z"), category: "Mileage", description: "Drive to Halifax", claimedPence: 2_000, amountPence: 1_350, status: "Approved", isRejected: false },
    { on: new Date("2026-10-05T09:00:00Z"), category: "Other", description: "Parking", claimedPence: 900, amountPence: 900, status: "Not approved", isRejected: true },
  ],
  payments: [
    { paidAt: new Date("2026-10-07T10:00:00Z"), kind: "FEE", forWhat: "Team building, 16 Sep 2026", amountPence: 35_000 },
    { paidAt: new Date("2026-10-07T10:00:00Z"), kind: "EXPENSE", forWhat: "Public transport: Train", amountPence: 1_260 },
  ],
};

const letter: JobcentreLetterData = {
  supplier,
  associateName: "Marcus Reid",
  directorName: "Jade Thompson",
  periodLabel: "1 Oct 2026 – 31 Oct 2026",
  writtenAt: new Date("2026-11-25T12:00:00Z"),
  payPreference: "BANK_TRANSFER",
  charityName: null,
  sessions: [session("2026-10-05T09:00:00Z", 35_000), session("2026-10-29T10:00:00Z", 35_000)],
  feePayments: [{ paidAt: new Date("2026-10-07T10:00:00Z"), amountPence: 35_000 }],
  expensesPaidPence: 1_260,
};

describe("the monthly statement", () => {
  it("lists sessions with date, service, hours and fee; expenses apart (rejected ones not counted); payments and when; totals", () => {
    const text = documentText(buildStatementDocument(statement));
    for (const line of [
      "Statement for October 2026",
      "Mon 5 Oct 2026 10:00 | Co-delivered training for Northshire County Council | 3 hours | £350.00",
      "Total | 1 session | 3 hours | £350.00",
      "Sessions booked, not yet delivered",
      "Wed 28 Oct 2026 10:00 | Co-delivered training for Northshire County Council | 3 hours | £175.00",
      "Expenses (paying you back, not earnings)",
      "Mon 5 Oct 2026 | Mileage: Drive to Halifax | Approved | £20.00 | £13.50",
      "Total |  |  |  | £13.50",
      "Wed 7 Oct 2026 | Team building, 16 Sep 2026 | Fee | £350.00",
      "Wed 7 Oct 2026 | Public transport: Train | Expenses | £12.60",
      "Fees earned: £350.00 for 3 hours",
      "Fees booked, not yet delivered: £175.00",
      "Expenses claimed (payable): £13.50",
      "Fees paid to you: £350.00",
      "Expenses paid back to you: £12.60",
    ]) {
      expect(text).toContain(line);
    }
  });

  it("says so plainly when a month is empty", () => {
    const text = documentText(buildStatementDocument({ ...statement, sessions: [], expenses: [], payments: [] }));
    expect(text).toContain("No sessions delivered this month.");
    expect(text).toContain("No expenses claimed for sessions this month.");
    expect(text).toContain("No payments were made this month.");
    expect(text).not.toContain("Sessions booked, not yet delivered");
  });

  it("renders an A4 PDF titled with the month and the person, across pages when there are many sessions", async () => {
    const many = { ...statement, associateName: "Łucja Ó'Súilleabháin", sessions: Array.from({ length: 70 }, (_, i) => session(new Date(Date.UTC(2026, 9, 1, 9) + i * 3_600_000 * 9).toISOString(), 10_000)) };
    const pdf = await PDFDocument.load(await renderStatementPdf(many));
    expect(pdf.getTitle()).toBe("Statement for October 2026: Łucja Ó'Súilleabháin");
    expect(pdf.getPageCount()).toBeGreaterThan(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
  });
});

describe("the letter for the Jobcentre", () => {
  it("describes the work and self-employment, lists each session with date, hours and fee and the payments, says expenses aren't earnings, and is signed by the director", () => {
    const text = documentText(buildJobcentreLetter(letter));
    for (const line of [
      "The Vision",
      "1 Example Street",
      "25 November 2026",
      "To whom it may concern",
      "Marcus Reid: work with The Vision",
      "Marcus Reid works with us as a freelance co-facilitator. The Vision is a social care consultancy",
      "Marcus Reid is self-employed. We are one of their clients, not their employer",
      "This letter covers 1 Oct 2026 – 31 Oct 2026.",
      "Mon 5 Oct 2026 | Co-delivered training | 3 hours | £350.00",
      "Thu 29 Oct 2026 | Co-delivered training | 3 hours | £350.00",
      "Total | 2 sessions | 6 hours | £700.00",
      "7 October 2026 | £350.00",
      "We also paid back £12.60 of expenses (such as travel) in this period. Expense reimbursements pay back money spent to do the work; they are not earnings",
      "It does not assess entitlement to any benefit.",
      "Yours faithfully,\nJade Thompson\nDirector, The Vision",
    ]) {
      expect(text).toContain(line);
    }
  });

  it("says how they asked to be paid when it isn't to them by bank transfer, and that no expenses were paid when none were", () => {
    expect(documentText(buildJobcentreLetter({ ...letter, payPreference: "VOUCHER" }))).toContain("Marcus Reid has asked to be paid in vouchers; the amounts above are the value of the vouchers.");
    expect(documentText(buildJobcentreLetter({ ...letter, payPreference: "CHARITY", charityName: "Northshire Young People's Fund" }))).toContain("paid to a charity (Northshire Young People's Fund) instead of to them");
    const none = documentText(buildJobcentreLetter({ ...letter, sessions: [], feePayments: [], expensesPaidPence: 0 }));
    expect(none).toContain("No sessions were worked in this period.");
    expect(none).toContain("No fee payments were made in this period.");
    expect(none).toContain("We paid back no expenses in this period. Expense reimbursements pay back money spent to do the work; they are not earnings");
  });

  it("renders as a PDF with its title", async () => {
    const pdf = await PDFDocument.load(await renderJobcentreLetterPdf(letter));
    expect(pdf.getTitle()).toBe("Letter about work with The Vision: Marcus Reid");
    expect(pdf.getPageCount()).toBe(1);
  });
});

describe("wrapText", () => {
  const font = { widthOfTextAtSize: (text: string, size: number) => text.length * size * 0.5 };
  it("breaks between words to fit the width and never loses a word", () => {
    const lines = wrapText("Expenses pay you back for money you spent to do the work", font, 10, 100);
    expect(lines.every((line) => font.widthOfTextAtSize(line, 10) <= 100)).toBe(true);
    expect(lines.join(" ")).toBe("Expenses pay you back for money you spent to do the work");
  });
});
