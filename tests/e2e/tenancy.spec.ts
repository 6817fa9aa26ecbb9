import { expect, test } from "./support/fixtures";
import { withDb } from "./support/database";

async function engagementReferenceOf(orgSlug: string) {
  return withDb(async (client) => {
    const { rows } = await client.query<{ reference: string }>(
      `SELECT e.reference FROM "Engagement" e JOIN "Organisation" o ON o.id = e."organisationId" WHERE o.slug = $1 ORDER BY e.reference LIMIT 1`,
      [orgSlug],
    );
    return rows[0]!.reference;
  });
}

test.describe("who can see what", () => {
  test("a council admin gets 'not found' for another organisation's home and booking", async ({ page, loginAs }) => {
    await loginAs("council-admin");
    const response = await page.goto("/org/oak-house");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Oak House Children's Home")).toHaveCount(0);

    const reference = await engagementReferenceOf("oak-house");
    const detail = await page.goto(`/org/oak-house/engagements/${reference}`);
    expect(detail?.status()).toBe(404);
    // Even under their own organisation's URL, another organisation's booking is not found.
    const smuggled = await page.goto(`/org/northshire-council/engagements/${reference}`);
    expect(smuggled?.status()).toBe(404);
    // Nor its calendar invites, its attendees' page or its cancellation page.
    const deliveryId = await withDb(async (client) => (await client.query<{ id: string }>(`SELECT d.id FROM "Delivery" d JOIN "Engagement" e ON e.id = d."engagementId" WHERE e.reference = $1 LIMIT 1`, [reference])).rows[0]!.id);
    for (const path of [`/org/oak-house/engagements/${reference}/sessions/${deliveryId}/calendar.ics`, `/org/northshire-council/engagements/${reference}/sessions/${deliveryId}/calendar.ics`]) {
      expect((await page.request.get(path)).status()).toBe(404);
    }
    expect((await page.goto(`/org/northshire-council/engagements/${reference}/cancel/${deliveryId}`))?.status()).toBe(404);
  });

  test("a client can open their own booking", async ({ page, loginAs }) => {
    await loginAs("council-booker");
    const reference = await engagementReferenceOf("northshire-council");
    const response = await page.goto(`/org/northshire-council/engagements/${reference}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByText(`Reference ${reference}`)).toBeVisible();
  });

  test("an associate gets 'not found' for the director's overview and for client pages", async ({ page, loginAs }) => {
    await loginAs("lived-associate");
    expect((await page.goto("/director"))?.status()).toBe(404);
    expect((await page.goto("/org/northshire-council"))?.status()).toBe(404);
    // Every client page added for booking, with a real booking reference: still not found.
    const reference = await engagementReferenceOf("northshire-council");
    for (const path of ["book/training", "invoices", "settings", `engagements/${reference}/cancel-all`, `engagements/${reference}/reschedule-all`, `bookings/${reference}`, "request/consultancy"]) {
      expect((await page.goto(`/org/northshire-council/${path}`))?.status(), path).toBe(404);
    }
    expect((await page.goto(`/director/requests/${reference}`))?.status()).toBe(404);
  });

  test("a client gets 'not found' for the director's and associates' pages", async ({ page, loginAs }) => {
    await loginAs("home-admin");
    expect((await page.goto("/director"))?.status()).toBe(404);
    expect((await page.goto("/associate"))?.status()).toBe(404);
    expect((await page.goto("/director/requests"))?.status()).toBe(404);
    // Another organisation's booking under each new page of the client's own organisation: not found.
    const reference = await engagementReferenceOf("northshire-council");
    for (const path of [`engagements/${reference}/cancel-all`, `engagements/${reference}/reschedule-all`, `bookings/${reference}`]) {
      expect((await page.goto(`/org/oak-house/${path}`))?.status(), path).toBe(404);
    }
  });

  test("a visitor who is not signed in is sent to sign in, then back", async ({ page }) => {
    await page.goto("/director");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdirector/);
    await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  });
});
