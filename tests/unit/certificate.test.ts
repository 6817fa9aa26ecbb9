import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderCertificatePdf } from "@/lib/integrations/pdf/certificate";

describe("renderCertificatePdf", () => {
  it("makes a one-page A4 landscape PDF titled with the attendee's name, including non-English letters", async () => {
    const bytes = await renderCertificatePdf({
      attendeeName: "Łucja Ó'Súilleabháin-Kowalczyk",
      serviceName: "Trauma-informed practice",
      deliveredOn: new Date("2026-12-01T10:00:00Z"),
      hours: 3,
      organisationName: "Northshire County Council",
      facilitators: ["Kayla Brooks", "Sam Adeyemi"],
    });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    expect(pdf.getTitle()).toBe("Certificate of attendance: Łucja Ó'Súilleabháin-Kowalczyk");
  });

  it("a very long name still fits on the page (shrunk, then shortened) rather than failing", async () => {
    const bytes = await renderCertificatePdf({ attendeeName: "A".repeat(300), serviceName: "S", deliveredOn: new Date(), hours: 1, organisationName: "O", facilitators: [] });
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
  });
});
