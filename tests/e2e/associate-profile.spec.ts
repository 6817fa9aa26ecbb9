import { expect, test } from "./support/fixtures";
import { withDb } from "./support/database";

// Leah Morgan: a seeded associate (lived experience and professional) no other spec uses. She has no
// public note and hasn't agreed to show her profile, and she delivers therapeutic support, whose page
// shows nobody else (none of its other associates has agreed to be shown).
const LEAH = "leah@associates.thevision.example";

/** A calendar date in the UK, 'YYYY-MM-DD', `days` from today. */
function ukDate(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() + days * 86_400_000));
}

test.describe("associate profile and checks", () => {
  test("an associate publishes a public note and sees the preview; enters insurance; the director verifies it and the associate sees it verified", async ({ page, loginAs, loginAsEmail, expectAccessible }) => {
    test.setTimeout(90_000);
    const note = `Spent my teenage years in residential care; art helped me be heard (${Date.now().toString(36)}).`;
    const policyNumber = `PI-E2E-${Date.now().toString(36).toUpperCase()}`;

    await loginAsEmail(LEAH);
    await page.goto("/associate");
    await page.getByRole("navigation", { name: "Your work" }).getByRole("link", { name: "Profile" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
    await expectAccessible(page);

    const preview = page.getByRole("region", { name: "How clients see you" });
    await expect(preview.getByText("Not published", { exact: true })).toBeVisible();
    await expect(preview.getByText("Clients can't see this, because you haven't agreed to show your profile.", { exact: false })).toBeVisible();

    const noteField = page.getByLabel("Public note about your lived experience (optional)");
    await noteField.fill(note);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved. The preview shows how clients will see it." })).toBeVisible();
    await expect(preview.getByText(note)).toBeVisible();

    await page.getByRole("button", { name: "I agree: show my profile to clients" }).click();
    await expect(preview.getByText("Published", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Withdraw: show my profile to clients" })).toBeVisible();

    // Exactly what clients now see on a service she delivers.
    await page.goto("/services/therapeutic-support");
    await expect(page.getByText(note)).toBeVisible();

    // Insurance: a bad date is refused (what was typed stays), then the entry waits for the director.
    await page.goto("/associate/checks");
    await expect(page.getByRole("heading", { level: 1, name: "Your checks" })).toBeVisible();
    await expect(page.getByText("No certificate images — we only record the details.", { exact: false })).toBeVisible();
    await expectAccessible(page);
    const insurance = page.getByRole("region", { name: "Insurance", exact: true });
    await insurance.getByText("Add new insurance details").click();
    await insurance.getByLabel("Insurer").fill("Meadow Mutual");
    await insurance.getByLabel("Policy number").fill(policyNumber);
    await insurance.getByLabel("Cover starts").fill(ukDate(0));
    await insurance.getByLabel("Cover ends").fill(ukDate(-10));
    await insurance.getByRole("button", { name: "Send insurance details" }).click();
    await expect(insurance.getByText("The end date must be after the start date.")).toBeVisible();
    await expect(insurance.getByLabel("Cover ends")).toHaveAttribute("aria-invalid", "true");
    await expect(insurance.getByLabel("Policy number")).toHaveValue(policyNumber);
    await insurance.getByLabel("Cover ends").fill(ukDate(365));
    await insurance.getByRole("button", { name: "Send insurance details" }).click();
    await expect(insurance.getByRole("status")).toContainText("The director will check these details");
    const entry = insurance.getByRole("listitem").filter({ hasText: policyNumber });
    await expect(entry.getByText("Waiting for the director")).toBeVisible();

    // The director verifies it from their queue.
    await loginAs("director");
    await page.goto("/director");
    await page.getByRole("navigation", { name: "Director console" }).getByRole("link", { name: "Checks" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Associates' checks" })).toBeVisible();
    await expectAccessible(page);
    const waiting = page.getByRole("listitem").filter({ hasText: policyNumber });
    await expect(waiting.getByRole("heading", { name: "Leah Morgan · Insurance" })).toBeVisible();
    await waiting.getByRole("button", { name: "Verify Leah Morgan's insurance" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Verified Leah Morgan's insurance." })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: policyNumber })).toHaveCount(0);

    const audit = await withDb(async (client) => {
      const { rows } = await client.query<{ verified: boolean; audits: string }>(
        `SELECT c."verifiedAt" IS NOT NULL AS verified,
                (SELECT count(*) FROM "AuditEvent" a WHERE a.action = 'compliance.verify' AND a."subjectId" = c.id) AS audits
           FROM "ComplianceRecord" c WHERE c.reference = $1`,
        [policyNumber],
      );
      return rows[0];
    });
    expect(audit).toEqual({ verified: true, audits: "1" });

    // Back as Leah: verified.
    await loginAsEmail(LEAH);
    await page.goto("/associate/checks");
    const verified = page.getByRole("region", { name: "Insurance", exact: true }).getByRole("listitem").filter({ hasText: policyNumber });
    await expect(verified.getByText("Verified", { exact: true })).toBeVisible();
    await expect(verified.getByText("Waiting for the director")).toHaveCount(0);
  });
});
