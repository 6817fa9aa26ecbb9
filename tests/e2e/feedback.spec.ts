import { expect, test } from "./support/fixtures";
import { withDb } from "./support/database";

test.describe("after a session", () => {
  test("the client corrects the register; an attendee gives feedback without an account and downloads a certificate", async ({ page, loginAs, expectAccessible }) => {
    // A delivered council session from the demo data, with its attendees.
    const session = await withDb(async (client) => {
      const { rows } = await client.query<{ reference: string; deliveryId: string }>(
        `SELECT e.reference, d.id AS "deliveryId" FROM "Delivery" d JOIN "Engagement" e ON e.id = d."engagementId" JOIN "Organisation" o ON o.id = e."organisationId"
          WHERE o.slug = 'northshire-council' AND d.status = 'DELIVERED' AND EXISTS (SELECT 1 FROM "Attendee" a WHERE a."engagementId" = e.id)
          AND NOT EXISTS (SELECT 1 FROM "Delivery" x WHERE x."engagementId" = e.id AND x.id <> d.id) ORDER BY d."startsAt" DESC LIMIT 1`,
      );
      return rows[0]!;
    });
    await loginAs("council-admin");
    await page.goto(`/org/northshire-council/engagements/${session.reference}`);
    await expect(page.getByRole("heading", { name: /^Register for / })).toBeVisible();
    await expectAccessible(page);
    const first = page.locator('input[name="present"]').first();
    const attendeeId = await first.getAttribute("value");
    await first.check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/^Saved: \d+ (person|people) came\./)).toBeVisible();
    const attendee = await withDb(async (client) => (await client.query<{ accessToken: string; attended: boolean; name: string }>(`SELECT "accessToken", attended, name FROM "Attendee" WHERE id = $1`, [attendeeId])).rows[0]!);
    expect(attendee.attended).toBe(true);
    await withDb((client) => client.query(`DELETE FROM "Feedback" WHERE "attendeeId" = $1`, [attendeeId]));

    // The attendee's own link: no sign-in.
    await page.context().clearCookies();
    await page.goto(`/feedback/${attendee.accessToken}`);
    await expect(page.getByRole("heading", { name: `Hello ${attendee.name.split(" ")[0]}` })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send feedback" }).click();
    await expect(page.getByText("Choose a score for the session overall.")).toBeVisible();
    for (const [legend, score] of [["Overall, how was the session?", "5"], ["How relevant was it to your work?", "4"], ["How were the facilitators?", "5"], ["Before the session, how confident did you feel about the topic?", "3"], ["And now, after it?", "8"]] as const) {
      await page.getByRole("group", { name: legend }).getByText(score, { exact: true }).click();
    }
    await page.getByLabel(/Anything else/).fill("Really useful to hear it from someone who has been there.");
    await page.getByRole("button", { name: "Send feedback" }).click();
    await expect(page.getByText("Your feedback has been sent.")).toBeVisible();
    const saved = await withDb(async (client) => (await client.query(`SELECT "overallScore", "confidenceBefore", "confidenceAfter" FROM "Feedback" WHERE "attendeeId" = $1`, [attendeeId])).rows);
    expect(saved).toEqual([{ overallScore: 5, confidenceBefore: 3, confidenceAfter: 8 }]);

    const certificate = await page.request.get(`/feedback/${attendee.accessToken}/certificate.pdf`);
    expect(certificate.status()).toBe(200);
    expect(certificate.headers()["content-type"]).toBe("application/pdf");
    expect((await certificate.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await page.request.get("/feedback/not-a-real-token-1234567890/certificate.pdf")).status()).toBe(404);
  });
});
