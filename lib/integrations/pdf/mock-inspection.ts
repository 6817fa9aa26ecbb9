import fontkit from "@pdf-lib/fontkit";
import { degrees, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { describeTimescale, GRADE_LABELS, type Grade, MOCK_MARK, type Recommendation } from "@/lib/domain/inspection";
import { wrapText } from "./associate-money";
import { loadFonts } from "./certificate";

export type MockInspectionPdfInput = {
  settingName: string;
  organisationName: string;
  settingTypeLabel: string;
  templateName: string;
  templateVersion: number;
  frameworkNote: string;
  visitDate: Date;
  isFinal: boolean;
  finalisedAt: Date | null;
  areas: { title: string; grade: Grade | null; evidence: string }[];
  childrensVoice: string;
  recommendations: Recommendation[];
};

const A4: [number, number] = [595.28, 841.89];
const LEFT = 50;
const RIGHT = 545;
const TOP = 760;
const BOTTOM = 60;
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

/**
 * A mock-inspection report on A4. Every page carries the mark "MOCK — NOT AN OFSTED JUDGEMENT" twice:
 * in the header and as a diagonal watermark across the page. The mark uses a standard PDF font
 * (Helvetica, WinAnsi text) so it stays real, searchable text that can't be mistaken for an image,
 * and can be checked page by page; the body uses Geist like our other documents.
 */
export async function renderMockInspectionPdf(report: MockInspectionPdfInput): Promise<Uint8Array> {
  const [regularBytes, boldBytes] = await loadFonts();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`Mock inspection report: ${report.settingName} (${MOCK_MARK.toLowerCase()})`);
  pdf.setAuthor("The Vision");
  pdf.setSubject(MOCK_MARK);
  pdf.setLanguage("en-GB");
  const regular = await pdf.embedFont(regularBytes, { subset: true });
  const bold = await pdf.embedFont(boldBytes, { subset: true });
  const markFont = await pdf.embedFont(StandardFonts.HelveticaBold);
  const ink = rgb(0.11, 0.13, 0.16);
  const muted = rgb(0.35, 0.37, 0.4);
  const brand = rgb(0.06, 0.4, 0.37);

  let page: PDFPage = pdf.addPage(A4);
  let y = TOP;
  const ensure = (height: number) => {
    if (y - height >= BOTTOM) return;
    page = pdf.addPage(A4);
    y = TOP;
  };
  const paragraph = (text: string, size: number, font: PDFFont, color = ink, lineHeight = size + 4) => {
    for (const block of text.split(/\n+/)) {
      for (const line of wrapText(block, font, size, RIGHT - LEFT)) {
        ensure(lineHeight);
        page.drawText(line, { x: LEFT, y, size, font, color });
        y -= lineHeight;
      }
      y -= 3;
    }
  };
  const heading = (text: string, size = 13) => {
    ensure(60);
    y -= 10;
    paragraph(text, size, bold, brand, size + 6);
  };

  paragraph("Mock inspection report", 22, bold, ink, 28);
  paragraph(report.settingName, 16, bold, ink, 22);
  paragraph(`${report.settingTypeLabel} run by ${report.organisationName}`, 11, regular);
  paragraph(`Visit date: ${dateFormat.format(report.visitDate)}`, 11, regular);
  paragraph(`Template: ${report.templateName}, version ${report.templateVersion}`, 10, regular, muted);
  paragraph(report.isFinal && report.finalisedAt ? `Final report, issued ${dateFormat.format(report.finalisedAt)}` : "DRAFT — this report may still change", 10, bold, report.isFinal ? muted : rgb(0.6, 0.1, 0.1));
  paragraph(report.frameworkNote, 10, regular, muted);

  heading("Judgements");
  for (const area of report.areas) {
    ensure(30);
    paragraph(area.title, 11, bold, ink, 15);
    paragraph(area.grade ? GRADE_LABELS[area.grade] : "Not judged yet", 11, regular, ink, 15);
    y -= 4;
  }

  for (const area of report.areas) {
    heading(area.title);
    paragraph(`Judgement: ${area.grade ? GRADE_LABELS[area.grade] : "Not judged yet"}`, 11, bold);
    paragraph(area.evidence.trim() || "No evidence recorded.", 10, regular, area.evidence.trim() ? ink : muted, 14);
  }

  heading("What children and young people told us");
  paragraph(report.childrensVoice.trim() || "Nothing recorded.", 10, regular, report.childrensVoice.trim() ? ink : muted, 14);

  heading("Recommendations");
  if (report.recommendations.length === 0) paragraph("No recommendations.", 10, regular, muted);
  report.recommendations.forEach((recommendation, index) => {
    paragraph(`${index + 1}. ${recommendation.text}`, 10, regular, ink, 14);
    paragraph(describeTimescale(recommendation.timescale), 10, bold, muted, 14);
    y -= 2;
  });

  heading("About this report", 11);
  paragraph("This is a mock inspection carried out by The Vision to help the setting prepare. It is not an Ofsted inspection, and its judgements are not Ofsted judgements. It must not be presented as one.", 10, regular, muted, 14);

  const pages = pdf.getPages();
  const red = rgb(0.62, 0.09, 0.09);
  pages.forEach((p, index) => {
    const { width, height } = p.getSize();
    // Header: the mark on the left, the page number on the right.
    p.drawText(MOCK_MARK, { x: LEFT, y: height - 40, size: 11, font: markFont, color: red });
    const label = `Page ${index + 1} of ${pages.length}`;
    p.drawText(label, { x: RIGHT - regular.widthOfTextAtSize(label, 9), y: height - 40, size: 9, font: regular, color: muted });
    p.drawLine({ start: { x: LEFT, y: height - 48 }, end: { x: RIGHT, y: height - 48 }, thickness: 0.75, color: red });
    // Watermark: corner to corner, light enough to read the text beneath.
    const size = 40;
    const textWidth = markFont.widthOfTextAtSize(MOCK_MARK, size);
    const angle = Math.atan2(height, width);
    p.drawText(MOCK_MARK, {
      x: width / 2 - (Math.cos(angle) * textWidth) / 2 + (Math.sin(angle) * size) / 3,
      y: height / 2 - (Math.sin(angle) * textWidth) / 2 - (Math.cos(angle) * size) / 3,
      size,
      font: markFont,
      color: red,
      opacity: 0.12,
      rotate: degrees((angle * 180) / Math.PI),
    });
  });
  return pdf.save();
}
