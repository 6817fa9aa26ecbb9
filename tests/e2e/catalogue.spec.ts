import { expect, test } from "./support/fixtures";

test.describe("public pages", () => {
  test("the home page explains the service and links to the catalogue", async ({ page, expectAccessible }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("care-experienced");
    await page.getByRole("link", { name: "See our services" }).click();
    await expect(page).toHaveURL(/\/services$/);
    await expectAccessible(page);
  });

  test("the catalogue lists all eight services with prices, and training can be booked online", async ({ page, expectAccessible }) => {
    await page.goto("/services");
    const items = page.getByRole("main").getByRole("listitem");
    await expect(items).toHaveCount(8);
    for (const name of ["Training", "Consultancy", "Mock inspection", "Reflective supervision", "Group work", "Team building", "Mentoring", "Therapeutic support"]) {
      await expect(page.getByRole("heading", { level: 2, name: new RegExp(name, "i") })).toBeVisible();
    }
    await expectAccessible(page);
  });

  test("a service page shows the price with and without VAT and who delivers it", async ({ page, expectAccessible }) => {
    await page.goto("/services/training");
    await expect(page.getByText(/Price \(excluding VAT\)/)).toBeVisible();
    await expect(page.getByText(/Price \(including 20% VAT\)/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Who delivers it" })).toBeVisible();
    await expectAccessible(page);
  });

  test("an unknown service is 'not found'", async ({ page }) => {
    expect((await page.goto("/services/does-not-exist"))?.status()).toBe(404);
  });
});
