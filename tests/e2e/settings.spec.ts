import { expect, test } from "./support/fixtures";
import { withDb } from "./support/database";

test.describe("organisation settings", () => {
  test("an admin updates billing details and invites a colleague; a booker can't open settings", async ({ page, loginAs, expectAccessible }) => {
    await loginAs("charity-admin");
    await page.goto("/org/bright-futures-fostering");
    await page.getByRole("link", { name: "Settings and colleagues" }).click();
    await expect(page.getByRole("heading", { name: "Organisation settings" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Postcode").fill("not a postcode");
    await page.getByRole("button", { name: "Save billing details" }).click();
    await expect(page.getByText("Enter a UK postcode, like NS1 4AB.")).toBeVisible();
    await page.getByLabel("Postcode").fill("bf1 2cd");
    await page.getByLabel("Payment terms (days)").fill("45");
    await page.getByRole("button", { name: "Save billing details" }).click();
    await expect(page.getByText("Billing details saved.")).toBeVisible();

    await page.getByLabel("Their email address").fill("new.colleague@brightfutures.example");
    await page.getByRole("button", { name: "Invite" }).click();
    await expect(page.getByText("We've emailed new.colleague@brightfutures.example a link to sign in.")).toBeVisible();
    await expect(page.getByText("new.colleague@brightfutures.example · Booker")).toBeVisible();
    const saved = await withDb(async (client) => ({
      org: (await client.query(`SELECT postcode, "paymentTermsDays" FROM "Organisation" WHERE slug = 'bright-futures-fostering'`)).rows[0],
      invites: (await client.query(`SELECT 1 FROM "OutboxMessage" WHERE kind = 'invite' AND "to" = 'new.colleague@brightfutures.example'`)).rowCount,
    }));
    expect(saved).toEqual({ org: { postcode: "BF1 2CD", paymentTermsDays: 45 }, invites: 1 });

    await loginAs("council-booker");
    expect((await page.goto("/org/northshire-council/settings"))?.status()).toBe(404);
  });
});

test.describe("invoices", () => {
  test("a council admin sees their invoices and downloads one as a PDF; another organisation's invoice is not found", async ({ page, loginAs, expectAccessible }) => {
    await loginAs("council-admin");
    await page.goto("/org/northshire-council");
    await page.getByRole("link", { name: "Invoices" }).click();
    await expect(page.getByRole("heading", { name: "Invoices" })).toBeVisible();
    await expectAccessible(page);
    const link = page.getByRole("link", { name: /Download INV-\d+ \(PDF\)/ }).first();
    const href = await link.getAttribute("href");
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const foreign = await withDb(async (client) => (await client.query<{ number: number }>(`SELECT i.number FROM "Invoice" i JOIN "Organisation" o ON o.id = i."organisationId" WHERE o.slug <> 'northshire-council' AND i.number IS NOT NULL LIMIT 1`)).rows[0]!.number);
    expect((await page.request.get(`/org/northshire-council/invoices/${foreign}/invoice.pdf`)).status()).toBe(404);
  });
});
