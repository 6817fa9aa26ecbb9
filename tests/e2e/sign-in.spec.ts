import { expect, test } from "./support/fixtures";
import { withDb } from "./support/database";

test.describe("signing in", () => {
  test("the director signs in with one click (demo mode) and sees the business overview from the database", async ({ page, expectAccessible }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: /Sign in as Jade, the director/ }).click();
    await expect(page).toHaveURL(/\/director$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Jade");
    await expect(page.getByRole("heading", { name: "Engagements by stage" })).toBeVisible();
    // Other specs confirm and cancel engagements in parallel: the page must agree with the database
    // as it is when the page is drawn, so compare again after a reload if it moved in between.
    await expect(async () => {
      const before = await confirmedCount();
      await page.reload();
      const shown = await page.getByTestId("count-CONFIRMED").innerText();
      expect(shown === before || shown === (await confirmedCount())).toBe(true);
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole("heading", { name: "Needs your attention" })).toBeVisible();
    await expectAccessible(page);
  });

  test("a lived-experience associate signs in and sees their own offers and sessions", async ({ page, expectAccessible }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: /Sign in as Kayla/ }).click();
    await expect(page).toHaveURL(/\/associate$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Kayla");
    // Other specs answer Kayla's offers in parallel, so the list must match her open offers as they are now.
    const offers = page.getByRole("region", { name: "Offers waiting for you" });
    await expect(async () => {
      await page.reload();
      const open = await withDb(async (client) => {
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM "Assignment" a JOIN "Associate" s ON s.id = a."associateId" JOIN "User" u ON u.id = s."userId" JOIN "Delivery" d ON d.id = a."deliveryId"
            WHERE u.email = 'kayla@associates.thevision.example' AND a.status = 'OFFERED' AND d."startsAt" >= now()`,
        );
        return Number(rows[0]!.n);
      });
      if (open > 0) await expect(offers.getByRole("listitem").first()).toContainText(/ for /, { timeout: 1_000 });
      else await expect(offers.getByText("No offers right now.")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole("region", { name: "Your next sessions" }).getByRole("listitem").first()).toBeVisible();
    await expectAccessible(page);
  });

  test("a client admin signs in and sees their organisation's sessions and invoices", async ({ page, expectAccessible }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: /Sign in as Priya, Northshire Council/ }).click();
    await expect(page).toHaveURL(/\/org\/northshire-council$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Northshire County Council");
    await expect(page.getByRole("region", { name: "Upcoming sessions" }).getByRole("listitem").first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Invoices to pay" }).getByText(/INV-\d{5}/).first()).toBeVisible();
    await expectAccessible(page);
  });

  test("anyone can sign in with an emailed magic link, which works once", async ({ page }) => {
    const email = "admin@oakhouse.example";
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const link = await withDb(async (client) => {
      const { rows } = await client.query<{ payload: { text: string } }>(
        `SELECT payload FROM "OutboxMessage" WHERE "to" = $1 AND kind = 'magic-link' ORDER BY "createdAt" DESC LIMIT 1`,
        [email],
      );
      return rows[0]?.payload.text.match(/https?:\/\/\S+/)?.[0];
    });
    expect(link).toBeTruthy();
    await page.goto(link!);
    await expect(page).toHaveURL(/\/org\/oak-house$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Oak House Children's Home");
    // The same link a second time is refused.
    await page.context().clearCookies();
    await page.goto(link!);
    await expect(page.getByRole("alert").filter({ hasText: "expired or has already been used" })).toBeVisible();
  });

  test("an invalid email address gets a plain-English message and sends nothing", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill("not-an-email");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText("Enter an email address like name@example.org.")).toBeVisible();
    const count = await withDb(async (client) => {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "OutboxMessage" WHERE "to" = 'not-an-email'`);
      return Number(rows[0]!.n);
    });
    expect(count).toBe(0);
  });
});

async function confirmedCount() {
  return withDb(async (client) => {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Engagement" WHERE status = 'CONFIRMED'`);
    return rows[0]!.n;
  });
}
