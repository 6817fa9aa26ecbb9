import { inflateSync } from "node:zlib";
import { PDFArray, PDFDocument, type PDFPage, PDFRawStream, PDFRef } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { MOCK_MARK } from "@/lib/domain/inspection";
import { type MockInspectionPdfInput, renderMockInspectionPdf } from "@/lib/integrations/pdf/mock-inspection";

/** The mark as Helvetica (WinAnsi) hex text in a content stream: ASCII as is, the em dash is 0x97. */
const markHex = [...MOCK_MARK].map((char) => (char === "—" ? "97" : char.charCodeAt(0).toString(16).padStart(2, "0"))).join("").toUpperCase();

function pageContent(pdf: PDFDocument, page: PDFPage): string {
  const contents = page.node.Contents();
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  return refs
    .map((ref) => {
      const stream = ref instanceof PDFRef ? pdf.context.lookup(ref) : ref;
      if (!(stream instanceof PDFRawStream)) throw new Error("Unexpected content stream");
      return inflateSync(Buffer.from(stream.contents)).toString("latin1");
    })
    .join("\n");
}

const countMarks = (content: string) => content.toUpperCase().split(`<${markHex}>`).length - 1;

const report = (paragraphs: number): MockInspectionPdfInput => ({
  settingName: "Oak House",
  organisationName: "Oak House Children's Homes Ltd",
  settingTypeLabel: "Children's home",
  templateName: "Children's home (SCCIF)",
  templateVersion: 1,
  frameworkNote: "Follows the judgement areas of the SCCIF. A mock inspection, not an Ofsted judgement.",
  visitDate: new Date("2026-11-10T00:00:00Z"),
  isFinal: true,
  finalisedAt: new Date("2026-11-20T10:00:00Z"),
  areas: [
    { title: "Overall experiences and progress of children", grade: "REQUIRES_IMPROVEMENT", evidence: Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1}: children spoke warmly about key workers and their routines, and records showed steady progress at school.`).join("\n") },
    { title: "How well children are helped and protected", grade: "REQUIRES_IMPROVEMENT", evidence: "Missing-from-care return interviews were not always offered within 72 hours." },
    { title: "The effectiveness of leaders and managers", grade: "GOOD", evidence: "" },
  ],
  childrensVoice: "“Staff here actually listen.” (a young person, 15)",
  recommendations: [
    { text: "Offer every child a return interview within 72 hours of coming back.", timescale: { kind: "WEEKS", weeks: 4 } },
    { text: "Review the supervision schedule.", timescale: { kind: "DATE", date: "2027-02-01" } },
  ],
});

describe("mock-inspection PDF", () => {
  it.each([
    ["a short report", 1],
    ["a long report over several pages", 70],
  ])("%s carries the mark in the header and as a watermark on every page", async (_name, paragraphs) => {
    const bytes = await renderMockInspectionPdf(report(paragraphs));
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    const pages = pdf.getPages();
    if (paragraphs > 1) expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) expect(countMarks(pageContent(pdf, page))).toBe(2);
    expect(pdf.getSubject()).toBe(MOCK_MARK);
    expect(pdf.getTitle()).toContain("not an ofsted judgement");
  }, 30_000);

  it("the mark check can fail: a page without the mark counts zero", async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage();
    page.drawText("MOCK", { x: 10, y: 10 });
    const reloaded = await PDFDocument.load(await pdf.save());
    expect(countMarks(pageContent(reloaded, reloaded.getPages()[0]!))).toBe(0);
  });
});
