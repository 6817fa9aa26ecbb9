import { formatPounds } from "@/lib/domain/money";

/** Display formatting: UK English, pounds, and times in Europe/London unless a zone is given. */
const LONDON = "Europe/London";

/** Pence as pounds ("£1,234.50"): the domain's one formatter, so screens and emails agree. */
export const formatPence = (pence: number): string => formatPounds(pence);

export function formatDateTime(date: Date, timeZone = LONDON): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(date);
}

export function formatDate(date: Date, timeZone = LONDON): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone }).format(date);
}

export function formatTimeRange(start: Date, end: Date, timeZone = LONDON): string {
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone });
  return `${formatDateTime(start, timeZone)}–${time.format(end)}`;
}

export function formatInvoiceNumber(number: number | null): string {
  return number === null ? "Draft" : `INV-${String(number).padStart(5, "0")}`;
}

export function formatCreditNoteNumber(number: number): string {
  return `CN-${String(number).padStart(5, "0")}`;
}

export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} minutes`;
  return rest ? `${hours} h ${rest} min` : `${hours} hour${hours === 1 ? "" : "s"}`;
}
