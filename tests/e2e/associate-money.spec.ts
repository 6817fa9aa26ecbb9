import { withDb } from "./support/database";
import { expect, test } from "./support/fixtures";

/**
 * The associate's money page, as Marcus (a care-experienced associate on benefits, with delivered
 * sessions in the last 90 days and a confirmed one in the coming weeks). No other spec uses him.
 */
const MARCUS = "marcus@associates.thevision.example";
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082", "hex");

test.describe("associate money", () => {
  test("claim mileage and see it capped at HMRC's rate; download the receipt; delete the claim after confirming", async ({ page, loginAs, loginAsEmail, expectAccessible }) => {
    test.setTimeout(90_000);
    await loginAsEmail(MARCUS);
    await page.goto("/associate/money");
    await expect(page.getByRole("heading", { name: "Money", level: 1 })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Claim an expense" }).first().click();
    await expect(page.getByRole("heading", { name: "Claim an expense" })).toBeVisible();
    // Any of his own sessions from the last 90 days.
    await page.getByLabel("Which session was it for?").selectOption({ index: 1 });
    await page.getByRole("radio", { name: /^Mileage/ }).check();
    const description = `Drove Leeds to Halifax and back ${Date.now()}`;
    await page.getByLabel("What was it?").fill(description);
    await page.getByLabel("How many miles?").fill("30");
    await page.getByLabel(/Amount you'd like to claim/).fill("20");
    await expect(page.getByText("30 miles at 45p a mile comes to £13.50.")).toBeVisible();
    await expect(page.getByText("HMRC's approved rate is 45p a mile, so we can pay £13.50; mileage above that would count as earnings.")).toBeVisible();
    await page.getByLabel("Receipt (optional)").setInputFiles({ name: "fuel receipt.png", mimeType: "image/png", buffer: PNG });
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send my claim" }).click();

    await expect(page).toHaveURL(/\/associate\/money\?claimed=/);
    const thanks = page.getByRole("status").filter({ hasText: "we've got your claim" });
    await expect(thanks).toContainText("Thanks — we've got your claim for £13.50.");
    await expect(thanks).toContainText("HMRC's approved rate is 45p a mile, so we can pay £13.50; mileage above that would count as earnings.");
    const item = page.getByRole("listitem").filter({ hasText: description });
    await expect(item).toContainText("Waiting for a decision");
    await expect(item).toContainText("30 miles · Claimed £20.00 · We pay £13.50");
    const stored = await withDb(async (client) => (await client.query(`SELECT "claimedPence", "amountPence", miles FROM "ExpenseClaim" WHERE description = $1`, [description])).rows[0]);
    expect(stored).toEqual({ claimedPence: 2000, amountPence: 1350, miles: 30 });

    const receiptUrl = (await item.getByRole("link", { name: /Download receipt/ }).getAttribute("href"))!;
    const receipt = await page.request.get(receiptUrl);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()["content-type"]).toBe("image/png");
    expect(Buffer.from(await receipt.body()).equals(PNG)).toBe(true);

    // The director may see it; another associate and a client get "not found", also for statements.
    await loginAs("director");
    expect((await page.request.get(receiptUrl)).status()).toBe(200);
    await loginAsEmail("chloe@associates.thevision.example");
    expect((await page.request.get(receiptUrl)).status()).toBe(404);
    await loginAs("council-booker");
    expect((await page.request.get(receiptUrl)).status()).toBe(404);
    expect((await page.request.get("/associate/money/statement.pdf?month=2026-10", { maxRedirects: 0 })).status()).toBe(404);
    await loginAsEmail(MARCUS);
    await page.reload();

    await item.getByText("Delete this claim").click();
    await item.getByRole("button", { name: "Yes, delete it" }).click();
    await expect(page.getByText("Your claim has been deleted.")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: description })).toHaveCount(0);
  });

  test("the benefits warning appears before booked work crosses their own weekly threshold", async ({ page, loginAsEmail, expectAccessible }) => {
    test.setTimeout(90_000);
    await loginAsEmail(MARCUS);
    await page.goto("/associate/money");
    const benefits = page.getByRole("region", { name: "Benefits (optional)" });
    const warnings = page.getByRole("region", { name: "Worth knowing before you take more work" });

    // A refusal keeps what was typed and says what to change.
    await benefits.getByLabel("I receive benefits").check();
    await benefits.getByLabel(/Your own earnings threshold/).fill("-5");
    await benefits.getByRole("radio", { name: /A week/ }).check();
    await benefits.getByRole("button", { name: "Save benefits details" }).click();
    await expect(benefits.getByText("Your threshold can't be a negative amount.")).toBeVisible();
    await expect(benefits.getByLabel(/Your own earnings threshold/)).toHaveValue("-5");

    // A high threshold: nothing to warn about.
    await benefits.getByLabel(/Your own earnings threshold/).fill("5000");
    await benefits.getByRole("button", { name: "Save benefits details" }).click();
    await expect(benefits.getByText("Saved. Only you and the director can see this.")).toBeVisible();
    await expect(page.getByText(/threshold you set/)).toHaveCount(0);
    await expect(page.getByText(/of your £5,000.00 threshold/)).toBeVisible();

    // A low one: his confirmed session in the coming weeks would take him over it, and he's told now.
    await benefits.getByLabel(/Your own earnings threshold/).fill("50");
    await benefits.getByRole("radio", { name: /A week/ }).check();
    await benefits.getByRole("button", { name: "Save benefits details" }).click();
    await expect(benefits.getByText("Saved. Only you and the director can see this.")).toBeVisible();
    await expect(warnings.getByText(/Your earned and booked fees for the week of .+ over the £50\.00 threshold you set\./).first()).toBeVisible();
    await expect(warnings).toContainText("We never work out your benefits.");
    const saved = await withDb(async (client) => (await client.query(`SELECT a."receivesBenefits", a."earningsCapPence", a."capPeriod" FROM "Associate" a JOIN "User" u ON u.id = a."userId" WHERE u.email = $1`, [MARCUS])).rows[0]);
    expect(saved).toEqual({ receivesBenefits: true, earningsCapPence: 5000, capPeriod: "WEEK" });
    await expectAccessible(page);
  });

  test("vouchers come with a warning for someone on benefits; statements and the Jobcentre letter download as PDFs; bad letter dates are explained", async ({ page, loginAsEmail }) => {
    test.setTimeout(90_000);
    await loginAsEmail(MARCUS);
    await page.goto("/associate/money");
    const pay = page.getByRole("region", { name: "How you're paid" });
    await pay.getByRole("radio", { name: /^Vouchers/ }).check();
    await expect(pay.getByText(/Vouchers for paid work can still count as earnings for benefits/)).toBeVisible();
    await pay.getByRole("radio", { name: /^Bank transfer/ }).check();
    await expect(pay.getByText(/Vouchers for paid work can still count as earnings/)).toHaveCount(0);
    await pay.getByRole("radio", { name: /^To a charity/ }).check();
    await pay.getByRole("button", { name: "Save how I'm paid" }).click();
    await expect(pay.getByText("Tell us which charity to pay.")).toBeVisible();
    await pay.getByRole("radio", { name: /^Bank transfer/ }).check();
    await pay.getByRole("button", { name: "Save how I'm paid" }).click();
    await expect(pay.getByText("Saved. Thank you.")).toBeVisible();

    const statements = page.getByRole("region", { name: "Statements and letters" });
    const statementDownload = page.waitForEvent("download");
    await statements.getByRole("button", { name: "Download statement (PDF)" }).click();
    expect((await statementDownload).suggestedFilename()).toMatch(/^statement-\d{4}-\d{2}\.pdf$/);
    const letterDownload = page.waitForEvent("download");
    await statements.getByRole("button", { name: "Download letter (PDF)" }).click();
    expect((await letterDownload).suggestedFilename()).toMatch(/^letter-about-work-\d{4}-\d{2}\.pdf$/);

    await statements.getByLabel("Which month?").selectOption({ label: "Other dates" });
    await statements.getByLabel("First day (for other dates)").fill("2026-11-10");
    await statements.getByLabel("Last day (for other dates)").fill("2026-11-01");
    await statements.getByRole("button", { name: "Download letter (PDF)" }).click();
    await expect(page.getByText("The last day must be on or after the first day.")).toBeVisible();
    await expect(page.getByLabel("First day (for other dates)")).toHaveValue("2026-11-10");
  });
});
