import { describe, expect, it } from "vitest";
import { escapeXml, formatUblAmount, renderUblInvoice, type UblInvoiceInput } from "@/lib/integrations/einvoice/ubl";

const invoice: UblInvoiceInput = {
  number: "INV-00042",
  issuedOn: "2026-11-23",
  dueOn: "2026-12-23",
  purchaseOrderNumber: "NCC-PO-<448>&\"1\"",
  paymentTermsDays: 30,
  supplier: {
    name: "The Vision",
    addressLine1: "1 Example Street",
    town: "Northshire",
    postcode: "NS1 1AA",
    vatNumber: "GB000000000",
    email: "accounts@thevision.example",
    bank: { accountName: "The Vision", sortCode: "12-34-56", accountNumber: "12345678" },
  },
  customer: { name: "Tea & Toast <Trust>", addressLine1: "County Hall", town: "Northbury", postcode: "NB1 4HQ", vatNumber: "GB 385 1274 62", email: "invoices@northshire.example" },
  lines: [
    { description: "Training: Understanding the care experience — 3 Nov 2026", quantity: 1, unitPricePence: 145_000, vatRateBasisPoints: 2000, vatExemptionReason: null, netPence: 145_000, vatPence: 29_000 },
    { description: "Workbooks & <handouts>", quantity: 3, unitPricePence: 333, vatRateBasisPoints: 2000, vatExemptionReason: null, netPence: 999, vatPence: 200 },
    { description: "Venue hire", quantity: 1, unitPricePence: 10_000, vatRateBasisPoints: 0, vatExemptionReason: "Exempt: letting of land & buildings", netPence: 10_000, vatPence: 0 },
  ],
  subtotalPence: 155_999,
  vatPence: 29_200,
  totalPence: 185_199,
  paidPence: 0,
};

/** Every element closes in order and every & starts an entity: the document is well formed. */
function expectWellFormed(xml: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of xml.replace(/^<\?xml[^>]*\?>/, "").matchAll(/<(\/?)([A-Za-z:]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  // No stray angle brackets in text: everything between tags is escaped.
  expect(xml.replace(/<[^<>]*>/g, "")).not.toMatch(/[<>]/);
}

const text = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, "g"))].map((m) => m[1]);

describe("UBL 2.1 invoice", () => {
  const xml = renderUblInvoice(invoice);

  it("is well formed UBL 2.1 with the invoice's number, dates, currency and PO", () => {
    expectWellFormed(xml);
    expect(xml).toContain('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"');
    expect(text(xml, "cbc:UBLVersionID")).toEqual(["2.1"]);
    expect(text(xml, "cbc:ID")[0]).toBe("INV-00042");
    expect(text(xml, "cbc:IssueDate")).toEqual(["2026-11-23"]);
    expect(text(xml, "cbc:DueDate")).toEqual(["2026-12-23"]);
    expect(text(xml, "cbc:InvoiceTypeCode")).toEqual(["380"]);
    expect(text(xml, "cbc:DocumentCurrencyCode")).toEqual(["GBP"]);
  });

  it("carries the right totals: net, VAT, gross and payable, to the penny", () => {
    expect(text(xml, "cbc:LineExtensionAmount")[0]).toBe("1559.99");
    expect(text(xml, "cbc:TaxExclusiveAmount")).toEqual(["1559.99"]);
    expect(text(xml, "cbc:TaxInclusiveAmount")).toEqual(["1851.99"]);
    expect(text(xml, "cbc:PayableAmount")).toEqual(["1851.99"]);
    expect(xml).toContain('<cbc:PayableAmount currencyID="GBP">1851.99</cbc:PayableAmount>');
  });

  it("breaks VAT down by category from the per-line amounts (standard 20%, exempt 0% with its reason)", () => {
    const tax = /<cac:TaxTotal>(.*?)<\/cac:TaxTotal>/s.exec(xml)![1]!;
    expect(text(tax, "cbc:TaxAmount")).toEqual(["292.00", "292.00", "0.00"]);
    expect(text(tax, "cbc:TaxableAmount")).toEqual(["1459.99", "100.00"]);
    expect(text(tax, "cbc:ID")).toEqual(["S", "VAT", "E", "VAT"]);
    expect(text(tax, "cbc:Percent")).toEqual(["20", "0"]);
    expect(text(tax, "cbc:TaxExemptionReason")).toEqual(["Exempt: letting of land &amp; buildings"]);
  });

  it("lists each line with quantity, unit price, net and its own VAT rate", () => {
    const lines = [...xml.matchAll(/<cac:InvoiceLine>(.*?)<\/cac:InvoiceLine>/gs)].map((m) => m[1]!);
    expect(lines).toHaveLength(3);
    expect(text(lines[1]!, "cbc:InvoicedQuantity")).toEqual(["3"]);
    expect(text(lines[1]!, "cbc:PriceAmount")).toEqual(["3.33"]);
    expect(text(lines[1]!, "cbc:LineExtensionAmount")).toEqual(["9.99"]);
    expect(text(lines[2]!, "cbc:Percent")).toEqual(["0"]);
  });

  it("escapes & < > and quotes in every typed value", () => {
    expect(xml).toContain("<cbc:Name>Tea &amp; Toast &lt;Trust&gt;</cbc:Name>");
    expect(xml).toContain("<cbc:Name>Workbooks &amp; &lt;handouts&gt;</cbc:Name>");
    expect(xml).toContain("<cbc:BuyerReference>NCC-PO-&lt;448&gt;&amp;&quot;1&quot;</cbc:BuyerReference>");
    expect(xml).not.toContain("<handouts>");
    expect(xml).not.toContain("<Trust>");
  });

  it("shows what was already paid and what is left to pay", () => {
    const paid = renderUblInvoice({ ...invoice, paidPence: invoice.totalPence });
    expect(text(paid, "cbc:PrepaidAmount")).toEqual(["1851.99"]);
    expect(text(paid, "cbc:PayableAmount")).toEqual(["0.00"]);
  });
});

describe("escapeXml and formatUblAmount", () => {
  it.each([
    ["a & b", "a &amp; b"],
    ["<script>", "&lt;script&gt;"],
    [`"quoted" 'single'`, "&quot;quoted&quot; &apos;single&apos;"],
    ["bell\u0007 and nul\u0000 dropped", "bell and nul dropped"],
    ["emoji 🙂 kept", "emoji 🙂 kept"],
  ])("escapes %j", (input, output) => {
    expect(escapeXml(input)).toBe(output);
  });

  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [123_456, "1234.56"],
    [-5, "-0.05"],
    [-100_000, "-1000.00"],
  ])("%i pence is %s", (pence, amount) => {
    expect(formatUblAmount(pence)).toBe(amount);
  });
});
