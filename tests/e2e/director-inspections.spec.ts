import { randomBytes } from "node:crypto";
import { expect, test } from "./support/fixtures";

/**
 * The director's mock inspections and catalogue, end to end: she writes a mock inspection for a
 * children's home (a uniquely named setting no other spec sees), a combination that breaks a limiting
 * rule is refused with the rule, she finalises it and downloads the watermarked PDF; then she changes
 * the price of mentoring (a service no other spec books or prices) and sees it on the public page.
 */

test.describe("director: mock inspections", () => {
  test("writes a children's home report, is refused a limiting-rule breach, finalises it and downloads the PDF", async ({ page, loginAs, expectAccessible }) => {
    test.setTimeout(90_000);
    const settingName = `Willow Lodge ${randomBytes(3).toString("hex")}`;
    await loginAs("director");
    await page.goto("/director/inspections");
    await expect(page.getByRole("heading", { level: 1, name: "Mock inspections" })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Start a new report" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Start a mock-inspection report" })).toBeVisible();
    await expectAccessible(page);
    // Refused first: no client chosen.
    await page.getByRole("button", { name: "Start the report" }).click();
    await expect(page.getByText("Choose the client organisation.").last()).toBeVisible();
    await page.getByLabel("Client organisation").selectOption({ label: "Oak House Children's Home" });
    await page.getByLabel("The setting's name").fill(settingName);
    await page.getByLabel(/Children's home/).check();
    await page.getByLabel("Visit date").fill("2026-11-10");
    await page.getByRole("button", { name: "Start the report" }).click();

    await expect(page.getByRole("heading", { level: 1, name: settingName })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Report started" })).toBeVisible();
    await expect(page.getByText("Mock inspection — not an Ofsted judgement.")).toBeVisible();
    await expectAccessible(page);

    const overall = page.getByRole("region", { name: "Overall experiences and progress of children" });
    const helped = page.getByRole("region", { name: "How well children are helped and protected" });
    const leaders = page.getByRole("region", { name: "The effectiveness of leaders and managers" });
    await overall.getByLabel("Good", { exact: true }).check();
    await helped.getByLabel("Inadequate", { exact: true }).check();
    await leaders.getByLabel("Good", { exact: true }).check();
    // The rule shows as soon as the grades are chosen.
    await expect(overall.getByText(/Limiting rule: this can be no better than Inadequate/)).toBeVisible();
    await overall.getByLabel("Evidence").fill("Children described trips, school and their key workers warmly.");
    await helped.getByLabel("Evidence").fill("Two return interviews after missing episodes were not offered.");
    await leaders.getByLabel("Evidence").fill("Supervision is monthly and recorded.");
    await page.getByLabel("Children's voice").fill("“They listen to me here.” (a young person, 15)");
    await page.getByLabel("What should change").first().fill("Offer every child a return interview within 72 hours.");
    await page.getByLabel("Weeks (if within weeks)").first().fill("4");
    await page.getByRole("button", { name: "Save draft" }).click();

    const refusal = page.getByRole("main").getByRole("alert");
    await expect(refusal).toContainText("These judgements break a limiting rule: When how well children are helped and protected is inadequate, the overall experiences and progress judgement must be inadequate too.");
    await expect(overall.getByText("(It is graded Good.)")).toBeVisible();
    await expect(helped.getByLabel("Inadequate", { exact: true })).toBeChecked();
    await expect(overall.getByLabel("Good", { exact: true })).toBeChecked();
    // What was typed is still there.
    await expect(helped.getByLabel("Evidence")).toHaveValue("Two return interviews after missing episodes were not offered.");
    await expect(page.getByLabel("What should change").first()).toHaveValue("Offer every child a return interview within 72 hours.");

    await overall.getByLabel("Inadequate", { exact: true }).check();
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Report saved." })).toBeVisible();
    // After saving, the form shows what was saved (and a blank row to add another).
    await expect(page.getByLabel("What should change").first()).toHaveValue("Offer every child a return interview within 72 hours.");
    await expect(page.getByLabel("What should change")).toHaveCount(2);
    await expect(overall.getByLabel("Inadequate", { exact: true })).toBeChecked();

    await page.getByText("Finalise the report", { exact: true }).click();
    await page.getByRole("button", { name: "Yes, finalise the report" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The report is final" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);
    await expect(page.getByText("Within 4 weeks")).toBeVisible();
    await expectAccessible(page);

    const href = await page.getByRole("link", { name: "Download the PDF" }).getAttribute("href");
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");

    await page.goto("/director/inspections");
    await expect(page.getByRole("row", { name: new RegExp(settingName) })).toContainText("Final");
  });

  test("a client gets not found for the inspections and catalogue pages", async ({ page, loginAs }) => {
    await loginAs("council-booker");
    for (const path of ["/director/inspections", "/director/inspections/new", "/director/services", "/director/clients"]) {
      expect((await page.goto(path))?.status()).toBe(404);
    }
  });
});

test.describe("director: catalogue", () => {
  test("changes mentoring's price (a refused amount first) and the public page shows it", async ({ page, loginAs, expectAccessible }) => {
    await loginAs("director");
    await page.goto("/director/services");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Mentoring for young people" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Mentoring for young people" })).toBeVisible();
    const price = page.getByLabel("Price per session or cohort, excluding VAT (£)");
    await price.fill("12.345");
    await page.getByRole("button", { name: "Save service" }).click();
    await expect(page.getByText("Enter the price in pounds, like 1200 or 1,200.50.")).toBeVisible();
    await expect(price).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await price.fill("512.34");
    await page.getByRole("button", { name: "Save service" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Service saved." })).toBeVisible();

    await page.goto("/services/mentoring");
    await expect(page.getByText("£512.34")).toBeVisible();
    // 20% VAT on £512.34 is £102.468, rounded to £102.47.
    await expect(page.getByText("£614.81")).toBeVisible();
  });
});

test.describe("director: clients", () => {
  test("lists clients with their work, and refuses a bad postcode without saving", async ({ page, loginAs, expectAccessible }) => {
    await loginAs("director");
    await page.goto("/director/clients");
    await expect(page.getByRole("row", { name: /Oak House Children's Home/ })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Oak House Children's Home" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Oak House Children's Home" })).toBeVisible();
    const postcode = page.getByLabel("Postcode");
    const saved = await postcode.inputValue();
    await postcode.fill("NOT A POSTCODE");
    await page.getByRole("button", { name: "Save client details" }).click();
    await expect(page.getByText("Enter a UK postcode, like NS1 4AB.")).toBeVisible();
    await expect(postcode).toHaveValue("NOT A POSTCODE");
    await expectAccessible(page);
    await page.reload();
    await expect(page.getByLabel("Postcode")).toHaveValue(saved);
  });
});
