import { describe, expect, it } from "vitest";
import { renderFeedbackInviteEmail, renderOfferEmail } from "@/lib/integrations/email/templates/booking";
import { renderMagicLinkEmail } from "@/lib/integrations/email/templates/magic-link";

describe("email templates (React Email)", () => {
  it("the sign-in email has a button in HTML and the bare link on its own in the text part", async () => {
    const url = "https://app.example/api/auth/callback/email?token=abc&email=a%40b.org";
    const email = await renderMagicLinkEmail({ url, minutes: 15 });
    expect(email.subject).toBe("Your sign-in link for The Vision");
    expect(email.html).toContain('lang="en-GB"');
    expect(email.html).toContain(`href="${url.replaceAll("&", "&amp;")}"`);
    expect(email.text).toContain(`Sign in: ${url}`);
    expect(email.text.match(/https?:\/\/\S+/)?.[0]).toBe(url);
    expect(email.text).toContain("stops working after 15 minutes");
  });

  it("escapes what people type (names) in the HTML part", async () => {
    const email = await renderOfferEmail({ name: "<script>alert(1)</script>", serviceName: "Training", organisationName: "Oak & Ash", startsAt: new Date("2026-12-01T10:00:00Z"), feePence: 25_000, expiresAt: new Date("2026-11-20T10:00:00Z") });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;");
    expect(email.text).toContain("Fee: £250.00");
  });

  it("a certificate is only mentioned to people who came", async () => {
    const came = await renderFeedbackInviteEmail({ name: "Asha", serviceName: "Training", link: "https://app.example/feedback/t", attended: true });
    const missed = await renderFeedbackInviteEmail({ name: "Ben", serviceName: "Training", link: "https://app.example/feedback/t", attended: false });
    expect(came.text).toContain("certificate");
    expect(missed.text).not.toContain("certificate");
    expect(came.text).toContain("Give feedback: https://app.example/feedback/t");
  });
});
