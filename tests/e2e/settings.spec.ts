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
    await page.getByRole("button", { name: "Save billing details" }).click();
    await expect(page.getByText("Billing details saved.")).toBeVisible();

    await page.getByLabel("Their email address").fill("new.colleague@brightfutures.example");
    await page.getByRole("button", { name: "Invite" }).click();
    await expect(page.getByText("We've emailed new.colleague@brightfutures.example a link to sign in.")).toBeVisible();
    await expect(page.getByText("new.colleague@brightfutures.example · Booker")).toBeVisible();
    const saved = await withDb(async (client) => ({
      org: (await client.query(`SELECT postcode FROM "Organisation" WHERE slug = 'bright-futures-fostering'`)).rows[0],
      invites: (await client.query(`SELECT 1 FROM "OutboxMessage" WHERE kind = 'invite' AND "to" = 'new.colleague@brightfutures.example'`)).rowCount,
    }));
    expect(saved).toEqual({ org: { postcode: "BF1 2CD" }, invites: 1 });

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

  test("an invoice paid by card (through Stripe's stand-in and its signed webhook) shows as paid", async ({ page, loginAs }) => {
    await loginAs("home-admin");
    await page.goto("/org/oak-house/invoices");
    const payButton = page.getByRole("button", { name: /^Pay by card INV-\d+/ }).first();
    const label = (await payButton.textContent())!;
    const number = Number(/INV-0*(\d+)/.exec(label)![1]);
    await payButton.click();
    await expect(page.getByRole("heading", { name: "Test payment page" })).toBeVisible();
    await page.getByRole("button", { name: /^Pay £/ }).click();
    await expect(page.getByText("Your card payment is being confirmed")).toBeVisible();
    await expect
      .poll(async () => withDb(async (client) => (await client.query(`SELECT status FROM "Invoice" WHERE number = $1`, [number])).rows[0]!.status), { timeout: 10_000 })
      .toBe("PAID");
  });
});

test.describe("a new client", () => {
  test("someone without an organisation sets one up on the way to booking and lands on the booking calendar", async ({ page, context, baseURL, expectAccessible }) => {
    const email = `coordinator-${Date.now()}@willowbrook.example`;
    const token = `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await withDb(async (client) => {
      const { rows } = await client.query<{ id: string }>(`INSERT INTO "User" (id, email, "platformRole", "updatedAt") VALUES ($1, $2, 'CLIENT', now()) RETURNING id`, [`u-${token}`, email]);
      await client.query(`INSERT INTO "Session" ("sessionToken", "userId", "expires", "updatedAt") VALUES ($1, $2, now() + interval '1 day', now())`, [token, rows[0]!.id]);
    });
    await context.addCookies([{ name: "authjs.session-token", value: token, url: baseURL!, httpOnly: true, sameSite: "Lax" }]);

    await page.goto("/services/training/book");
    await page.getByRole("link", { name: "Set up your organisation" }).click();
    await expect(page.getByRole("heading", { name: "Set up your organisation" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Organisation name").fill("Willow Brook Children's Home");
    await page.getByLabel("What kind of organisation is it?").selectOption("CHILDRENS_HOME");
    await page.getByLabel("Address line 1").fill("1 Willow Lane");
    await page.getByLabel("Town or city").fill("Northshire");
    await page.getByLabel("Postcode").fill("NS2 3CD");
    await page.getByLabel("Email for invoices").fill("office@willowbrook.example");
    await page.getByRole("button", { name: "Set up and continue" }).click();
    await expect(page).toHaveURL(/\/org\/willow-brook-children-s-home(-\d+)?\/book\/training$/);
    await expect(page.getByRole("button", { name: "Hold this time" })).toBeVisible();
  });
});
