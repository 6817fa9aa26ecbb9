import "server-only";
import { z } from "zod";
import { isDirector } from "@/lib/auth/scope";

/**
 * Shared pieces of the subject access export (UK GDPR Art. 15) and erasure (Art. 17) use cases.
 * Only the director handles requests about someone else; an associate can download their own data.
 */

export const NOT_FOUND_MESSAGE = "We couldn't find that.";
export { isDirector };

export const emailInput = z
  .string({ message: "Enter the person's email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter the person's email address.")
  .max(254, "That email address is too long.")
  .email("Enter an email address like name@example.org.");

export const idInput = z.string({ message: "Choose a person." }).trim().min(1, "Choose a person.").max(60, "Choose a person.");

/** The replacement name and the non-routable placeholder address (RFC 2606 reserves .invalid). */
export const ERASED_ASSOCIATE_NAME = "Erased associate";
export const ERASED_ATTENDEE_NAME = "Erased attendee";
export const erasedEmail = (id: string) => `erased-${id}@erased.invalid`;
/** What a mention of the person becomes in free text that stays (alerts, notes, emails sent to others). */
export const ERASED_MENTION = "[erased]";

/** A safe file name part from an email address: letters, digits and dashes only. */
export function fileSafe(text: string): string {
  return text.replace(/[^a-z0-9]+/gi, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "person";
}
