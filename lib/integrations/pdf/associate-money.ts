import fontkit from "@pdf-lib/fontkit";
import { DateTime } from "luxon";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { formatHours, type PayPreferenceKind } from "@/lib/domain/earnings";
import { formatPounds } from "@/lib/domain/money";
import { fit, loadFonts } from "./certificate";

/**
 * The two money documents an associate can download: a monthly statement, and a letter they can show
 * a Jobcentre. Each is first built as a plain document model (strings only, unit-tested), then drawn
 * by one small A4 layout routine, so what the tests read is exactly what the PDF prints.
 */

// ───────────────────────────── the document model ─────────────────────────────

export type TableColumn = { readonly label: string; readonly width: number; readonly align?: "left" | "right" };
export type DocumentBlock =
  | { readonly type: "title"; readonly text: string }
  | { readonly type: "heading"; readonly text: string }
  | { readonly type: "text"; readonly text: string; readonly isBold?: boolean; readonly isMuted?: boolean }
  | { readonly type: "lines"; readonly lines: readonly string[]; readonly isMuted?: boolean }
  | { readonly type: "table"; readonly columns: readonly TableColumn[]; readonly rows: readonly (readonly string[])[]; readonly total?: readonly string[]; readonly empty: string }
  | { readonly type: "gap" };

export type MoneyDocument = { readonly title: string; readonly author: string; readonly blocks: readonly DocumentBlock[] };

/** Every string the document prints, in order (for tests and for a plain-text fallback). */
export function documentText(document: MoneyDocument): string {
  const parts: string[] = [];
  for (const block of document.blocks) {
    switch (block.type) {
      case "title":
      case "heading":
      case "text":
        parts.push(block.text);
        break;
      case "lines":
        parts.push(...block.lines);
        break;
      case "table":
        parts.push(block.columns.map((c) => c.label).join(" | "));
        if (block.rows.length === 0) parts.push(block.empty);
        for (const row of block.rows) parts.push(row.join(" | "));
        if (block.total) parts.push(block.total.join(" | "));
        break;
      case "gap":
        break;
    }
  }
  return parts.join("\n");
}

// ───────────────────────────── shared data shapes ─────────────────────────────

export type Supplier = { readonly name: string; readonly address: readonly string[]; readonly email: string };
export type SessionLine = { readonly startsAt: Date; readonly minutes: number; readonly feePence: number; readonly service: string; readonly client: string; readonly isDelivered: boolean };
export type ExpenseLine = { readonly on: Date; readonly category: string; readonly description: string; readonly claimedPence: number; readonly amountPence: number; readonly status: string; readonly isRejected: boolean };
export type PaymentLine = { readonly paidAt: Date; readonly kind: "FEE" | "EXPENSE"; readonly forWhat: string; readonly amountPence: number };

const LONDON = "Europe/London";
const inLondon = (date: Date, format: string) => DateTime.fromJSDate(date, { zone: LONDON }).setLocale("en-GB").toFormat(format);
/** "Mon 5 Oct 2026". */
const day = (date: Date) => inLondon(date, "ccc d LLL yyyy");
const longDayFormat = { format: (date: Date) => inLondon(date, "d LLLL yyyy") };
const timeFormat = { format: (date: Date) => inLondon(date, "HH:mm") };
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

// ───────────────────────────── monthly statement ─────────────────────────────

export type StatementData = {
  readonly supplier: Supplier;
  readonly associateName: string;
  /** "November 2026". */
  readonly periodLabel: string;
  readonly generatedAt: Date;
  readonly sessions: readonly SessionLine[];
  readonly expenses: readonly ExpenseLine[];
  readonly payments: readonly PaymentLine[];
};

/** A month's activity: sessions (fees), expenses (kept apart), payments made, and totals. */
export function buildStatementDocument(data: StatementData): MoneyDocument {
  const delivered = data.sessions.filter((s) => s.isDelivered);
  const booked = data.sessions.filter((s) => !s.isDelivered);
  const payableExpenses = data.expenses.filter((e) => !e.isRejected);
  const feePayments = data.payments.filter((p) => p.kind === "FEE");
  const expensePayments = data.payments.filter((p) => p.kind === "EXPENSE");
  const sessionColumns: TableColumn[] = [
    { label: "Date", width: 115 },
    { label: "Session", width: 230 },
    { label: "Hours", width: 80, align: "right" },
    { label: "Fee", width: 70, align: "right" },
  ];
  const sessionRow = (s: SessionLine) => [`${day(s.startsAt)} ${timeFormat.format(s.startsAt)}`, `${s.service} for ${s.client}`, formatHours(s.minutes), formatPounds(s.feePence)];
  const blocks: DocumentBlock[] = [
    { type: "title", text: `Statement for ${data.periodLabel}` },
    { type: "lines", lines: [data.associateName, `From ${data.supplier.name}`, `Made on ${longDayFormat.format(data.generatedAt)}`], isMuted: true },
    { type: "gap" },
    { type: "heading", text: "Sessions delivered (fees earned)" },
    {
      type: "table",
      columns: sessionColumns,
      rows: delivered.map(sessionRow),
      total: ["Total", `${delivered.length} session${delivered.length === 1 ? "" : "s"}`, formatHours(sum(delivered.map((s) => s.minutes))), formatPounds(sum(delivered.map((s) => s.feePence)))],
      empty: "No sessions delivered this month.",
    },
  ];
  if (booked.length) {
    blocks.push(
      { type: "heading", text: "Sessions booked, not yet delivered" },
      { type: "table", columns: sessionColumns, rows: booked.map(sessionRow), total: ["Total", "", formatHours(sum(booked.map((s) => s.minutes))), formatPounds(sum(booked.map((s) => s.feePence)))], empty: "" },
    );
  }
  blocks.push(
    { type: "heading", text: "Expenses (paying you back, not earnings)" },
    {
      type: "table",
      columns: [
        { label: "Session date", width: 95 },
        { label: "Expense", width: 190 },
        { label: "Status", width: 70 },
        { label: "Claimed", width: 70, align: "right" },
        { label: "Payable", width: 70, align: "right" },
      ],
      rows: data.expenses.map((e) => [day(e.on), `${e.category}: ${e.description}`, e.status, formatPounds(e.claimedPence), formatPounds(e.amountPence)]),
      total: ["Total", "", "", "", formatPounds(sum(payableExpenses.map((e) => e.amountPence)))],
      empty: "No expenses claimed for sessions this month.",
    },
    { type: "heading", text: "Payments made to you this month" },
    {
      type: "table",
      columns: [
        { label: "Paid on", width: 95 },
        { label: "What for", width: 260 },
        { label: "Kind", width: 70 },
        { label: "Amount", width: 70, align: "right" },
      ],
      rows: data.payments.map((p) => [day(p.paidAt), p.forWhat, p.kind === "FEE" ? "Fee" : "Expenses", formatPounds(p.amountPence)]),
      empty: "No payments were made this month.",
    },
    { type: "heading", text: "Totals for the month" },
    {
      type: "lines",
      lines: [
        `Fees earned: ${formatPounds(sum(delivered.map((s) => s.feePence)))} for ${formatHours(sum(delivered.map((s) => s.minutes)))}`,
        ...(booked.length ? [`Fees booked, not yet delivered: ${formatPounds(sum(booked.map((s) => s.feePence)))}`] : []),
        `Expenses claimed (payable): ${formatPounds(sum(payableExpenses.map((e) => e.amountPence)))}`,
        `Fees paid to you: ${formatPounds(sum(feePayments.map((p) => p.amountPence)))}`,
        `Expenses paid back to you: ${formatPounds(sum(expensePayments.map((p) => p.amountPence)))}`,
      ],
    },
    { type: "gap" },
    {
      type: "text",
      text: "Expenses pay you back for money you spent to do the work, so they are not earnings. Fees are paid in the month's pay run, usually a week after the month ends.",
      isMuted: true,
    },
    { type: "text", text: `Questions about this statement: ${data.supplier.email}`, isMuted: true },
  );
  return { title: `Statement for ${data.periodLabel}: ${data.associateName}`, author: data.supplier.name, blocks };
}

// ───────────────────────────── Jobcentre letter ─────────────────────────────

export type JobcentreLetterData = {
  readonly supplier: Supplier;
  readonly associateName: string;
  readonly directorName: string;
  /** "1 Nov 2026 – 30 Nov 2026" or "November 2026". */
  readonly periodLabel: string;
  readonly writtenAt: Date;
  readonly payPreference: PayPreferenceKind;
  readonly charityName: string | null;
  readonly sessions: readonly SessionLine[];
  readonly feePayments: readonly { readonly paidAt: Date; readonly amountPence: number }[];
  readonly expensesPaidPence: number;
};

function payPreferenceSentence(name: string, preference: PayPreferenceKind, charityName: string | null): string | null {
  switch (preference) {
    case "VOUCHER":
      return `${name} has asked to be paid in vouchers; the amounts above are the value of the vouchers.`;
    case "CHARITY":
      return `${name} has asked for their fees to be paid to a charity${charityName ? ` (${charityName})` : ""} instead of to them.`;
    case "EXPENSES_ONLY":
    case "DECLINE":
      return `${name} has chosen not to be paid fees for this work.`;
    case "BANK_TRANSFER":
      return null;
  }
}

/**
 * A factual letter for the associate to show a Jobcentre: what the work is, that they are
 * self-employed, each session with its date, hours and fee, the fee payments and their dates, and
 * that expenses are reimbursements, not earnings. It never assesses benefits.
 */
export function buildJobcentreLetter(data: JobcentreLetterData): MoneyDocument {
  const delivered = data.sessions.filter((s) => s.isDelivered);
  const booked = data.sessions.filter((s) => !s.isDelivered);
  const name = data.associateName;
  const columns: TableColumn[] = [
    { label: "Date", width: 130 },
    { label: "Work", width: 205 },
    { label: "Hours", width: 90, align: "right" },
    { label: "Fee", width: 70, align: "right" },
  ];
  const row = (s: SessionLine) => [day(s.startsAt), s.service, formatHours(s.minutes), formatPounds(s.feePence)];
  const preference = payPreferenceSentence(name, data.payPreference, data.charityName);
  const blocks: DocumentBlock[] = [
    { type: "lines", lines: [data.supplier.name, ...data.supplier.address, data.supplier.email], isMuted: true },
    { type: "gap" },
    { type: "text", text: longDayFormat.format(data.writtenAt) },
    { type: "gap" },
    { type: "text", text: "To whom it may concern" },
    { type: "title", text: `${name}: work with ${data.supplier.name}` },
    {
      type: "text",
      text:
        `${name} works with us as a freelance co-facilitator. ${data.supplier.name} is a social care consultancy: we deliver training and other sessions for organisations that look after children and young people, ` +
        "each led by a facilitator with lived experience of care together with a professional colleague.",
    },
    {
      type: "text",
      text: `${name} is self-employed. We are one of their clients, not their employer, and we do not take off tax or National Insurance. Work is offered session by session, with no set or guaranteed hours.`,
    },
    { type: "text", text: `This letter covers ${data.periodLabel}.` },
    { type: "heading", text: "Sessions worked" },
    {
      type: "table",
      columns,
      rows: delivered.map(row),
      total: ["Total", `${delivered.length} session${delivered.length === 1 ? "" : "s"}`, formatHours(sum(delivered.map((s) => s.minutes))), formatPounds(sum(delivered.map((s) => s.feePence)))],
      empty: "No sessions were worked in this period.",
    },
  ];
  if (booked.length) {
    blocks.push(
      { type: "heading", text: "Sessions booked in this period but not yet worked" },
      { type: "table", columns, rows: booked.map(row), empty: "" },
    );
  }
  blocks.push(
    { type: "heading", text: "Fee payments made in this period" },
    {
      type: "table",
      columns: [
        { label: "Date paid", width: 425 },
        { label: "Amount", width: 70, align: "right" },
      ],
      rows: data.feePayments.map((p) => [longDayFormat.format(p.paidAt), formatPounds(p.amountPence)]),
      total: data.feePayments.length ? ["Total", formatPounds(sum(data.feePayments.map((p) => p.amountPence)))] : undefined,
      empty: "No fee payments were made in this period.",
    },
  );
  if (preference) blocks.push({ type: "text", text: preference });
  blocks.push(
    {
      type: "text",
      text:
        (data.expensesPaidPence > 0
          ? `We also paid back ${formatPounds(data.expensesPaidPence)} of expenses (such as travel) in this period. `
          : "We paid back no expenses in this period. ") +
        "Expense reimbursements pay back money spent to do the work; they are not earnings and are not included in the fees above.",
    },
    { type: "text", text: "This letter is a factual record of work and payments. It does not assess entitlement to any benefit." },
    { type: "text", text: `If you need to check anything, please contact us at ${data.supplier.email}.` },
    { type: "gap" },
    { type: "text", text: "Yours faithfully," },
    { type: "gap" },
    { type: "text", text: data.directorName, isBold: true },
    { type: "text", text: `Director, ${data.supplier.name}` },
  );
  return { title: `Letter about work with ${data.supplier.name}: ${name}`, author: data.supplier.name, blocks };
}

// ───────────────────────────── drawing ─────────────────────────────

const A4: [number, number] = [595.28, 841.89];
const LEFT = 50;
const RIGHT = 545;
const TOP = 790;
const BOTTOM = 60;

/** Splits text into lines that fit `maxWidth` (words longer than a line are trimmed to fit). */
export function wrapText(text: string, font: Pick<PDFFont, "widthOfTextAtSize">, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = font.widthOfTextAtSize(word, size) <= maxWidth ? word : fit(word, font, size, maxWidth).text;
  }
  if (current) lines.push(current);
  return lines;
}

/** Draws a document model on A4 pages, with a table header repeated on each new page and page numbers. */
export async function renderMoneyDocumentPdf(document: MoneyDocument): Promise<Uint8Array> {
  const [regularBytes, boldBytes] = await loadFonts();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(document.title);
  pdf.setAuthor(document.author);
  pdf.setLanguage("en-GB");
  const regular = await pdf.embedFont(regularBytes, { subset: true });
  const bold = await pdf.embedFont(boldBytes, { subset: true });
  const ink = rgb(0.11, 0.13, 0.16);
  const muted = rgb(0.35, 0.37, 0.4);
  let page: PDFPage = pdf.addPage(A4);
  let y = TOP;
  const ensure = (height: number, onNewPage?: () => void) => {
    if (y - height >= BOTTOM) return;
    page = pdf.addPage(A4);
    y = TOP;
    onNewPage?.();
  };
  const draw = (text: string, x: number, size: number, font: PDFFont, color = ink) => page.drawText(text, { x, y, size, font, color });
  const paragraph = (text: string, size: number, font: PDFFont, color = ink, lineHeight = size + 4) => {
    for (const line of wrapText(text, font, size, RIGHT - LEFT)) {
      ensure(lineHeight);
      draw(line, LEFT, size, font, color);
      y -= lineHeight;
    }
  };
  const cell = (text: string, x: number, width: number, align: "left" | "right" | undefined, font: PDFFont) => {
    const fitted = fit(text, font, 9, width - 6);
    const left = align === "right" ? x + width - font.widthOfTextAtSize(fitted.text, fitted.size) : x;
    page.drawText(fitted.text, { x: left, y, size: fitted.size, font, color: ink });
  };
  const row = (columns: readonly TableColumn[], values: readonly string[], font: PDFFont) => {
    let x = LEFT;
    columns.forEach((column, index) => {
      cell(values[index] ?? "", x, column.width, column.align, font);
      x += column.width;
    });
  };

  for (const block of document.blocks) {
    switch (block.type) {
      case "title":
        ensure(40);
        y -= 6;
        paragraph(block.text, 18, bold, ink, 24);
        y -= 4;
        break;
      case "heading":
        ensure(50);
        y -= 10;
        paragraph(block.text, 12, bold, ink, 18);
        break;
      case "text":
        paragraph(block.text, 10, block.isBold ? bold : regular, block.isMuted ? muted : ink, 14);
        y -= 4;
        break;
      case "lines":
        for (const line of block.lines) paragraph(line, 10, regular, block.isMuted ? muted : ink, 13);
        break;
      case "gap":
        y -= 12;
        break;
      case "table": {
        const header = () => {
          row(block.columns, block.columns.map((c) => c.label), bold);
          y -= 5;
          page.drawLine({ start: { x: LEFT, y }, end: { x: RIGHT, y }, thickness: 0.5, color: muted });
          y -= 12;
        };
        ensure(40);
        header();
        if (block.rows.length === 0) {
          page.drawText(block.empty, { x: LEFT, y, size: 9, font: regular, color: muted });
          y -= 14;
        }
        for (const values of block.rows) {
          ensure(14, header);
          row(block.columns, values, regular);
          y -= 13;
        }
        if (block.total && block.rows.length) {
          ensure(20, header);
          page.drawLine({ start: { x: LEFT, y: y + 9 }, end: { x: RIGHT, y: y + 9 }, thickness: 0.5, color: muted });
          y -= 2;
          row(block.columns, block.total, bold);
          y -= 14;
        }
        y -= 4;
        break;
      }
    }
  }
  const pages = pdf.getPages();
  if (pages.length > 1) {
    pages.forEach((p, index) => {
      const label = `Page ${index + 1} of ${pages.length}`;
      p.drawText(label, { x: RIGHT - regular.widthOfTextAtSize(label, 8), y: 30, size: 8, font: regular, color: muted });
    });
  }
  return pdf.save();
}

export const renderStatementPdf = (data: StatementData) => renderMoneyDocumentPdf(buildStatementDocument(data));
export const renderJobcentreLetterPdf = (data: JobcentreLetterData) => renderMoneyDocumentPdf(buildJobcentreLetter(data));
