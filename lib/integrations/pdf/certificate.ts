import { readFile } from "node:fs/promises";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb } from "pdf-lib";

const FONT_DIR = path.join(process.cwd(), "node_modules", "geist", "dist", "fonts", "geist-sans");
let fonts: Promise<[Buffer, Buffer]> | undefined;
/** Geist regular and semibold, read once. */
export const loadFonts = () => (fonts ??= Promise.all([readFile(path.join(FONT_DIR, "Geist-Regular.ttf")), readFile(path.join(FONT_DIR, "Geist-SemiBold.ttf"))]));

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

/**
 * A one-page A4 landscape certificate of attendance. Embeds the Geist font (not a standard PDF font)
 * so names in any Latin, Greek or Cyrillic spelling print correctly.
 */
export async function renderCertificatePdf(o: { attendeeName: string; serviceName: string; deliveredOn: Date; hours: number; organisationName: string; facilitators: string[] }): Promise<Uint8Array> {
  const [regularBytes, boldBytes] = await loadFonts();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`Certificate of attendance: ${o.attendeeName}`);
  pdf.setAuthor("The Vision");
  pdf.setLanguage("en-GB");
  const regular = await pdf.embedFont(regularBytes, { subset: true });
  const bold = await pdf.embedFont(boldBytes, { subset: true });
  const page = pdf.addPage([841.89, 595.28]);
  const { width, height } = page.getSize();
  const ink = rgb(0.11, 0.13, 0.16);
  const brand = rgb(0.06, 0.4, 0.37);
  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: brand, borderWidth: 3 });
  const centre = (text: string, y: number, size: number, font = regular, color = ink) => {
    const fitted = fit(text, font, size, width - 120);
    page.drawText(fitted.text, { x: (width - font.widthOfTextAtSize(fitted.text, fitted.size)) / 2, y, size: fitted.size, font, color });
  };
  centre("Certificate of attendance", height - 120, 34, bold, brand);
  centre("This is to certify that", height - 185, 16);
  centre(o.attendeeName, height - 235, 32, bold);
  centre(`attended ${o.serviceName}`, height - 285, 18);
  centre(`on ${dateFormat.format(o.deliveredOn)} (${o.hours} hour${o.hours === 1 ? "" : "s"}), with ${o.organisationName}`, height - 315, 14);
  if (o.facilitators.length) centre(`Co-delivered by ${o.facilitators.join(" and ")}`, height - 365, 14);
  centre("The Vision · lived experience and professional expertise, together", 70, 11, regular, brand);
  return pdf.save();
}

/** Shrinks the size (down to 10pt) and then trims the text so it fits the width. */
export function fit(text: string, font: { widthOfTextAtSize(text: string, size: number): number }, size: number, maxWidth: number) {
  let current = size;
  while (current > 10 && font.widthOfTextAtSize(text, current) > maxWidth) current -= 1;
  let fitted = text;
  while (fitted.length > 1 && font.widthOfTextAtSize(fitted, current) > maxWidth) fitted = `${fitted.slice(0, -2)}…`;
  return { text: fitted, size: current };
}
