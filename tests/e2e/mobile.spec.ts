import { expect, test } from "./support/fixtures";

test("on a phone, a client's home fits the screen and the navigation is reachable", async ({ page, loginAs, expectAccessible }) => {
  await loginAs("council-admin");
  await page.goto("/org/northshire-council");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Northshire County Council");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" })).toBeVisible();
  await expectAccessible(page);
});
