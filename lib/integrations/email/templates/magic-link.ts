import type { EmailContent } from "../enqueue-email";
import { composeEmail } from "./layout";

/** The sign-in email: plain words, one button, and what to do if it wasn't you. */
export function renderMagicLinkEmail({ url, minutes }: { url: string; minutes: number }): Promise<EmailContent> {
  return composeEmail("Your sign-in link for The Vision", [
    "Hello,",
    "Use this link to sign in to The Vision:",
    { button: { href: url, label: "Sign in" } },
    `The link works once and stops working after ${minutes} minutes.`,
    "If you didn't ask for it, you can ignore this email — nobody can sign in without it.",
  ]);
}
