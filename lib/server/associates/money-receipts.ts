/**
 * Receipts for expense claims: photos (JPEG, PNG, WebP, HEIC) or PDFs up to 5 MB. The type is read
 * from the file's first bytes (its "magic number"), never from its name or the browser's say-so, and
 * that detected type is what we store and serve back.
 */
export const MAX_RECEIPT_BYTES = 5 * 1024 * 1024;

export type ReceiptType = { readonly contentType: "image/jpeg" | "image/png" | "image/webp" | "image/heic" | "application/pdf"; readonly extension: string };

const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));
const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) => signature.every((byte, index) => bytes[offset + index] === byte);

/** HEIF brands used by phones for HEIC photos (ISO/IEC 23008-12). */
const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

export function detectReceiptType(bytes: Uint8Array): ReceiptType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { contentType: "image/jpeg", extension: "jpg" };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: "image/png", extension: "png" };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return { contentType: "image/webp", extension: "webp" };
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === "ftyp" && HEIC_BRANDS.has(ascii(bytes, 8, 4))) return { contentType: "image/heic", extension: "heic" };
  if (ascii(bytes, 0, 5) === "%PDF-") return { contentType: "application/pdf", extension: "pdf" };
  return null;
}

/** What a browser form or a test hands us: a File, or anything shaped like one. */
export type UploadedFile = { readonly name: string; readonly size: number; arrayBuffer(): Promise<ArrayBuffer> };

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && typeof (value as UploadedFile).size === "number" && typeof (value as UploadedFile).arrayBuffer === "function";
}

/** An upload field left empty arrives as a nameless, empty file. */
export function isEmptyUpload(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (isUploadedFile(value) && value.size === 0);
}

export type CheckedReceipt = { readonly filename: string; readonly contentType: ReceiptType["contentType"]; readonly sizeBytes: number; readonly bytes: Uint8Array<ArrayBuffer> };

/** A safe file name to offer back on download: no folders, no odd characters, the detected extension. */
export function cleanFilename(name: string, type: ReceiptType): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/\.[^.]*$/, "")
    .replace(/[^A-Za-z0-9 _-]+/g, "")
    .trim()
    .slice(0, 80);
  return `${base || "receipt"}.${type.extension}`;
}

/**
 * Checks an uploaded receipt: size first (without reading a huge file), then its first bytes.
 * Returns the receipt to store, or a plain-English reason.
 */
export async function checkReceipt(file: UploadedFile): Promise<{ ok: true; receipt: CheckedReceipt } | { ok: false; message: string }> {
  if (file.size > MAX_RECEIPT_BYTES) return { ok: false, message: "That file is bigger than 5 MB. Please upload a smaller photo or a PDF." };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > MAX_RECEIPT_BYTES) return { ok: false, message: "That file is bigger than 5 MB. Please upload a smaller photo or a PDF." };
  const type = detectReceiptType(bytes);
  if (!type) return { ok: false, message: "Upload a photo (JPEG, PNG, WebP or HEIC) or a PDF. That file doesn't look like one of those." };
  return { ok: true, receipt: { filename: cleanFilename(file.name, type), contentType: type.contentType, sizeBytes: bytes.byteLength, bytes } };
}
