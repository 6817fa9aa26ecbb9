/**
 * A UBL 2.1 invoice (the e-invoice format UK public bodies accept, following the PEPPOL BIS Billing 3.0
 * profile where our data allows) for one issued invoice. Amounts come straight from the stored invoice:
 * line net and VAT are already rounded per line (see lib/domain/money.ts), and the VAT breakdown sums
 * those lines, so the XML always agrees with the PDF to the penny.
 *
 * Why no XML library: none is installed, and this is one fixed document shape with a known element
 * order (UBL's schema is a strict sequence). Every piece of text passes through `escapeXml`, which
 * escapes the five XML special characters and drops characters XML 1.0 forbids, so typed descriptions
 * ("Tea & biscuits <extra>") can't break or inject into the document. A builder would add a dependency
 * for no extra safety here.
 */

export type UblParty = {
  name: string;
  addressLine1?: string | null;
  addressLine2?: string | null;
  town?: string | null;
  postcode?: string | null;
  vatNumber?: string | null;
  email?: string | null;
};

export type UblInvoiceInput = {
  /** The invoice number as printed, e.g. "INV-00012". */
  number: string;
  /** 'YYYY-MM-DD' (UK dates). */
  issuedOn: string;
  dueOn: string;
  purchaseOrderNumber: string | null;
  paymentTermsDays: number | null;
  supplier: UblParty & { bank: { accountName: string; sortCode: string; accountNumber: string } };
  customer: UblParty;
  lines: { description: string; quantity: number; unitPricePence: number; vatRateBasisPoints: number; vatExemptionReason: string | null; netPence: number; vatPence: number }[];
  subtotalPence: number;
  vatPence: number;
  totalPence: number;
  /** Already paid against this invoice (shown as PrepaidAmount; PayableAmount is the rest). */
  paidPence: number;
};

const NAMESPACES =
  'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"';

// Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe inside an XML element or a double- or single-quoted attribute. */
export function escapeXml(value: string): string {
  return value
    .replace(FORBIDDEN_IN_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Pence as a UBL amount: 123456 → "1234.56", -5 → "-0.05". Integer arithmetic only. */
export function formatUblAmount(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new Error("UBL amounts must be whole pence.");
  const size = Math.abs(pence);
  return `${pence < 0 ? "-" : ""}${Math.floor(size / 100)}.${String(size % 100).padStart(2, "0")}`;
}

/** Basis points as a percentage: 2000 → "20", 1750 → "17.5", 0 → "0". */
function formatPercent(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const rest = basisPoints % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}

const el = (name: string, text: string | number, attributes = "") => `<${name}${attributes}>${typeof text === "number" ? text : escapeXml(text)}</${name}>`;
const money = (name: string, pence: number) => `<${name} currencyID="GBP">${formatUblAmount(pence)}</${name}>`;
const optional = (name: string, text: string | null | undefined) => (text && text.trim() ? el(name, text.trim()) : "");

/** UNCL5305 VAT category: S standard (any positive rate), E exempt (0%, with the recorded reason). */
function taxCategory(line: { vatRateBasisPoints: number; vatExemptionReason: string | null }) {
  return line.vatRateBasisPoints > 0 ? { id: "S", reason: null } : { id: "E", reason: line.vatExemptionReason?.trim() || "Exempt from VAT" };
}

const vatScheme = "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>";

function party(p: UblParty) {
  const vat = p.vatNumber?.replace(/\s+/g, "").toUpperCase() || null;
  return [
    "<cac:Party>",
    // 9932: the PEPPOL electronic address scheme for a UK VAT number.
    vat ? el("cbc:EndpointID", vat, ' schemeID="9932"') : "",
    `<cac:PartyName>${el("cbc:Name", p.name)}</cac:PartyName>`,
    "<cac:PostalAddress>",
    optional("cbc:StreetName", p.addressLine1),
    optional("cbc:AdditionalStreetName", p.addressLine2),
    optional("cbc:CityName", p.town),
    optional("cbc:PostalZone", p.postcode),
    "<cac:Country><cbc:IdentificationCode>GB</cbc:IdentificationCode></cac:Country>",
    "</cac:PostalAddress>",
    vat ? `<cac:PartyTaxScheme>${el("cbc:CompanyID", vat)}${vatScheme}</cac:PartyTaxScheme>` : "",
    `<cac:PartyLegalEntity>${el("cbc:RegistrationName", p.name)}</cac:PartyLegalEntity>`,
    p.email ? `<cac:Contact>${el("cbc:ElectronicMail", p.email)}</cac:Contact>` : "",
    "</cac:Party>",
  ].join("");
}

/** The UBL 2.1 invoice document for one issued invoice, as a UTF-8 XML string. */
export function renderUblInvoice(invoice: UblInvoiceInput): string {
  // VAT breakdown: one subtotal per category and rate, summing the already-rounded lines.
  const breakdown = new Map<string, { id: string; basisPoints: number; reason: string | null; taxablePence: number; taxPence: number }>();
  for (const line of invoice.lines) {
    const category = taxCategory(line);
    const key = `${category.id}:${line.vatRateBasisPoints}:${category.reason ?? ""}`;
    const entry = breakdown.get(key) ?? { id: category.id, basisPoints: line.vatRateBasisPoints, reason: category.reason, taxablePence: 0, taxPence: 0 };
    entry.taxablePence += line.netPence;
    entry.taxPence += line.vatPence;
    breakdown.set(key, entry);
  }
  const lineExtension = invoice.lines.reduce((sum, line) => sum + line.netPence, 0);
  const payable = invoice.totalPence - invoice.paidPence;
  const sortCode = invoice.supplier.bank.sortCode.replace(/\D/g, "");

  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Invoice ${NAMESPACES}>`,
    el("cbc:UBLVersionID", "2.1"),
    el("cbc:CustomizationID", "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"),
    el("cbc:ProfileID", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"),
    el("cbc:ID", invoice.number),
    el("cbc:IssueDate", invoice.issuedOn),
    el("cbc:DueDate", invoice.dueOn),
    el("cbc:InvoiceTypeCode", "380"),
    el("cbc:DocumentCurrencyCode", "GBP"),
    // PEPPOL needs a buyer reference or an order reference; the PO number is both when there is one.
    el("cbc:BuyerReference", invoice.purchaseOrderNumber ?? invoice.number),
    invoice.purchaseOrderNumber ? `<cac:OrderReference>${el("cbc:ID", invoice.purchaseOrderNumber)}</cac:OrderReference>` : "",
    `<cac:AccountingSupplierParty>${party(invoice.supplier)}</cac:AccountingSupplierParty>`,
    `<cac:AccountingCustomerParty>${party(invoice.customer)}</cac:AccountingCustomerParty>`,
    "<cac:PaymentMeans>",
    el("cbc:PaymentMeansCode", "30"),
    el("cbc:PaymentID", invoice.number),
    "<cac:PayeeFinancialAccount>",
    el("cbc:ID", `${sortCode}${invoice.supplier.bank.accountNumber}`),
    el("cbc:Name", invoice.supplier.bank.accountName),
    `<cac:FinancialInstitutionBranch>${el("cbc:ID", sortCode)}</cac:FinancialInstitutionBranch>`,
    "</cac:PayeeFinancialAccount>",
    "</cac:PaymentMeans>",
    invoice.paymentTermsDays !== null ? `<cac:PaymentTerms>${el("cbc:Note", `Payment within ${invoice.paymentTermsDays} days of the invoice date.`)}</cac:PaymentTerms>` : "",
    "<cac:TaxTotal>",
    money("cbc:TaxAmount", invoice.vatPence),
    ...[...breakdown.values()].map((entry) =>
      [
        "<cac:TaxSubtotal>",
        money("cbc:TaxableAmount", entry.taxablePence),
        money("cbc:TaxAmount", entry.taxPence),
        "<cac:TaxCategory>",
        el("cbc:ID", entry.id),
        el("cbc:Percent", formatPercent(entry.basisPoints)),
        entry.reason ? el("cbc:TaxExemptionReason", entry.reason) : "",
        vatScheme,
        "</cac:TaxCategory>",
        "</cac:TaxSubtotal>",
      ].join(""),
    ),
    "</cac:TaxTotal>",
    "<cac:LegalMonetaryTotal>",
    money("cbc:LineExtensionAmount", lineExtension),
    money("cbc:TaxExclusiveAmount", invoice.subtotalPence),
    money("cbc:TaxInclusiveAmount", invoice.totalPence),
    invoice.paidPence ? money("cbc:PrepaidAmount", invoice.paidPence) : "",
    money("cbc:PayableAmount", payable),
    "</cac:LegalMonetaryTotal>",
    ...invoice.lines.map((line, index) => {
      const category = taxCategory(line);
      return [
        "<cac:InvoiceLine>",
        el("cbc:ID", String(index + 1)),
        // C62: "one" (a unit: a session, a place, a day).
        el("cbc:InvoicedQuantity", String(line.quantity), ' unitCode="C62"'),
        money("cbc:LineExtensionAmount", line.netPence),
        "<cac:Item>",
        el("cbc:Name", line.description),
        "<cac:ClassifiedTaxCategory>",
        el("cbc:ID", category.id),
        el("cbc:Percent", formatPercent(line.vatRateBasisPoints)),
        vatScheme,
        "</cac:ClassifiedTaxCategory>",
        "</cac:Item>",
        `<cac:Price>${money("cbc:PriceAmount", line.unitPricePence)}</cac:Price>`,
        "</cac:InvoiceLine>",
      ].join("");
    }),
    "</Invoice>",
  ];
  return parts.filter(Boolean).join("\n");
}
