import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, rgb } from "pdf-lib";
import { formatPounds } from "@/lib/domain/money";
import { fit, loadFonts } from "./certificate";

export type InvoicePdfInput = {
  number: string;
  status: "ISSUED" | "PAID" | "VOID" | "DRAFT";
  issuedOn: Date | null;
  dueOn: Date | null;
  purchaseOrderNumber: string | null;
  billing: { name?: string | null; addressLine1?: string | null; addressLine2?: string | null; town?: string | null; postcode?: string | null; vatNumber?: string | null };
  lines: { description: string; quantity: number; unitPricePence: number; vatRateBasisPoints: number; vatExemptionReason: string | null; netPence: number; vatPence: number }[];
  subtotalPence: number;
  vatPence: number;
  totalPence: number;
  paidAt: Date | null;
  supplier: { name: string; address: string[]; vatNumber: string; email: string; bank: { accountName: string; sortCode: string; accountNumber: string } };
  /** Set for a credit note: `number` is the credit note's, and it names the invoice it credits and why. */
  creditNote?: { creditsInvoiceNumber: string; reason: string };
};

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

/**
 * An A4 VAT invoice: supplier and customer, number and dates, PO, lines with VAT per line, totals, how to pay.
 * With `creditNote`, the same layout as a credit note: the invoice it credits and the reason instead of payment details.
 */
export async function renderInvoicePdf(invoice: InvoicePdfInput): Promise<Uint8Array> {
  const [regularBytes, boldBytes] = await loadFonts();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const credit = invoice.creditNote;
  pdf.setTitle(credit ? `Credit note ${invoice.number}` : `Invoice ${invoice.number}`);
  pdf.setAuthor(invoice.supplier.name);
  pdf.setLanguage("en-GB");
  const regular = await pdf.embedFont(regularBytes, { subset: true });
  const bold = await pdf.embedFont(boldBytes, { subset: true });
  let page = pdf.addPage([595.28, 841.89]);
  const ink = rgb(0.11, 0.13, 0.16);
  const muted = rgb(0.35, 0.37, 0.4);
  const left = 50;
  const right = 545;
  let y = 790;
  const text = (value: string, x: number, size = 10, font: PDFFont = regular, color = ink, maxWidth = 250) => {
    const fitted = fit(value, font, size, maxWidth);
    page.drawText(fitted.text, { x, y, size: fitted.size, font, color });
  };
  const textRight = (value: string, xRight: number, size = 10, font: PDFFont = regular) => page.drawText(value, { x: xRight - font.widthOfTextAtSize(value, size), y, size, font, color: ink });

  text(credit ? "Credit note" : invoice.status === "VOID" ? "Invoice (void)" : "Invoice", left, 24, bold);
  textRight(invoice.number, right, 14, bold);
  y -= 30;
  for (const line of [invoice.supplier.name, ...invoice.supplier.address, `VAT number ${invoice.supplier.vatNumber}`, invoice.supplier.email]) {
    text(line, left, 9, regular, muted);
    y -= 12;
  }
  y -= 12;
  const customerTop = y;
  text("Bill to", left, 9, bold, muted);
  y -= 14;
  const b = invoice.billing;
  for (const line of [b.name, b.addressLine1, b.addressLine2, [b.town, b.postcode].filter(Boolean).join(" "), b.vatNumber ? `VAT number ${b.vatNumber}` : null].filter((l): l is string => !!l)) {
    text(line, left, 10);
    y -= 13;
  }
  const afterCustomer = y;
  y = customerTop;
  const facts: [string, string][] = [
    ["Issued", invoice.issuedOn ? day.format(invoice.issuedOn) : "Not issued"],
    credit ? ["Credits invoice", credit.creditsInvoiceNumber] : ["Due", invoice.dueOn ? day.format(invoice.dueOn) : "—"],
    ...(invoice.purchaseOrderNumber ? ([["PO number", invoice.purchaseOrderNumber]] as [string, string][]) : []),
    ...(invoice.paidAt ? ([["Paid", day.format(invoice.paidAt)]] as [string, string][]) : []),
  ];
  for (const [label, value] of facts) {
    text(label, 350, 9, bold, muted);
    textRight(value, right, 10);
    y -= 14;
  }
  y = Math.min(afterCustomer, y) - 20;

  const columns = { qty: 350, unit: 420, vat: 470, net: right };
  const header = () => {
    text("Description", left, 9, bold, muted);
    textRight("Qty", columns.qty, 9, bold);
    textRight("Unit price", columns.unit, 9, bold);
    textRight("VAT", columns.vat, 9, bold);
    textRight("Net", columns.net, 9, bold);
    y -= 6;
    page.drawLine({ start: { x: left, y }, end: { x: right, y }, thickness: 0.5, color: muted });
    y -= 14;
  };
  header();
  for (const line of invoice.lines) {
    if (y < 140) {
      page = pdf.addPage([595.28, 841.89]);
      y = 790;
      header();
    }
    text(line.description, left, 10, regular, ink, 260);
    textRight(String(line.quantity), columns.qty);
    textRight(formatPounds(line.unitPricePence), columns.unit);
    textRight(`${line.vatRateBasisPoints / 100}%`, columns.vat);
    textRight(formatPounds(line.netPence), columns.net);
    y -= 13;
    if (line.vatRateBasisPoints === 0 && line.vatExemptionReason) {
      text(`VAT: ${line.vatExemptionReason}`, left + 10, 8, regular, muted, 300);
      y -= 12;
    }
  }
  y -= 6;
  page.drawLine({ start: { x: 350, y }, end: { x: right, y }, thickness: 0.5, color: muted });
  y -= 16;
  for (const [label, pence, font] of [["Subtotal", invoice.subtotalPence, regular], ["VAT", invoice.vatPence, regular], ["Total", invoice.totalPence, bold]] as const) {
    text(label, 350, 10, font);
    textRight(formatPounds(pence), right, 10, font);
    y -= 15;
  }
  y -= 20;
  if (credit) {
    // Word-wrapped (a typed reason can be a few sentences long).
    const wrap = (value: string) => {
      const lines: string[] = [];
      for (const word of value.split(/\s+/)) {
        const last = lines.at(-1);
        if (last !== undefined && regular.widthOfTextAtSize(`${last} ${word}`, 10) <= 495) lines[lines.length - 1] = `${last} ${word}`;
        else lines.push(word);
      }
      return lines;
    };
    text("Reason", left, 10, bold);
    y -= 14;
    for (const line of [...wrap(credit.reason), "", ...wrap(`This credit note reduces what is owed on invoice ${credit.creditsInvoiceNumber}. If that invoice has already been paid, we will refund you.`)]) {
      if (line) text(line, left, 10, regular, ink, 495);
      y -= 13;
    }
  } else if (invoice.status === "PAID") {
    text("Paid — thank you.", left, 11, bold);
  } else if (invoice.status !== "VOID") {
    text("How to pay", left, 10, bold);
    y -= 14;
    text(`By bank transfer to ${invoice.supplier.bank.accountName}, sort code ${invoice.supplier.bank.sortCode}, account ${invoice.supplier.bank.accountNumber}.`, left, 10, regular, ink, 495);
    y -= 13;
    text(`Please use ${invoice.number} as the reference.`, left, 10, regular, ink, 495);
  }
  return pdf.save();
}
