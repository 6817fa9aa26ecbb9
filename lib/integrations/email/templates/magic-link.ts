import type { EmailContent } from "../enqueue-email";
import { escapeHtml } from "./html";

/** The sign-in email: plain words, one button, and what to do if it wasn't you. */
export function renderMagicLinkEmail({ url, minutes }: { url: string; minutes: number }): EmailContent {
  const subject = "Your sign-in link for The Vision";
  const text = [
    "Hello,",
    "",
    "Use this link to sign in to The Vision:",
    url,
    "",
    `The link works once and stops working after ${minutes} minutes.`,
    "If you didn't ask for it, you can ignore this email — nobody can sign in without it.",
  ].join("\n");
  const html = `<!doctype html><html lang="en-GB"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">
<p>Hello,</p>
<p>Use this button to sign in to The Vision:</p>
<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#7c2d12;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none">Sign in</a></p>
<p>The link works once and stops working after ${minutes} minutes.</p>
<p>If you didn't ask for it, you can ignore this email — nobody can sign in without it.</p>
</body></html>`;
  return { subject, text, html };
}
