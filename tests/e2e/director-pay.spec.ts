import { withDb } from "./support/database";
import { expect, test } from "./support/fixtures";

/**
 * The director approves an expense claim and pays it in a pay run exactly once. The claim is made for
 * an associate no other spec uses (Aisha, Fiona, Nathan or Gareth), on one of their delivered sessions
 * on a day where everything else is already paid — so the run covers just that one day and pays
 * nothing any other spec relies on.
 */
const AISHA = "aisha@associates.thevision.example";
const UNTOUCHED = [AISHA, "fiona@associates.thevision.example", "nathan@associates.thevision.example", "gareth@associates.thevision.example"];

/** A delivered session of hers on a UK day with nothing else waiting to be paid (fees, shares or approved expenses). */
const CLEAN_DAY_SQL = `
  SELECT d.id, to_char(d."startsAt" AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS day, s.id AS "associateId"
  FROM "Delivery" d
  JOIN "Assignment" a ON a."deliveryId" = d.id
  JOIN "Associate" s ON s.id = a."associateId"
  JOIN "User" u ON u.id = s."userId"
  WHERE u.email = ANY($1) AND d.status = 'DELIVERED' AND a.status = 'ACCEPTED' AND d."startsAt" < now() - interval '2 days'
    AND NOT EXISTS (
      SELECT 1 FROM "Delivery" d2
      WHERE (d2."startsAt" AT TIME ZONE 'Europe/London')::date = (d."startsAt" AT TIME ZONE 'Europe/London')::date
        AND (
          (d2.status = 'CANCELLED' AND COALESCE(d2."cancellationPassThroughPence", 0) > 0)
          OR EXISTS (
            SELECT 1 FROM "Assignment" a2 LEFT JOIN "AssociatePayment" p ON p."assignmentId" = a2.id
            WHERE a2."deliveryId" = d2.id AND d2.status = 'DELIVERED' AND a2.status = 'ACCEPTED' AND a2."feePence" > 0
              AND (p.id IS NULL OR (p."payRunId" IS NULL AND p.status <> 'PAID'))
          )
          OR EXISTS (
            SELECT 1 FROM "ExpenseClaim" e LEFT JOIN "AssociatePayment" p ON p."expenseClaimId" = e.id
            WHERE e."deliveryId" = d2.id AND e.status = 'APPROVED' AND (p.id IS NULL OR (p."payRunId" IS NULL AND p.status <> 'PAID'))
          )
        )
    )
  ORDER BY d."startsAt" DESC
  LIMIT 1`;

test.describe("director pay", () => {
  test("approve a submitted expense, pay it in a pay run exactly once, approve and mark the run paid", async ({ page, loginAs, expectAccessible }) => {
    test.setTimeout(90_000);
    const description = `Bus to the session and back ${Date.now()}`;
    const { claimId, day } = await withDb(async (client) => {
      const found = (await client.query<{ id: string; day: string; associateId: string }>(CLEAN_DAY_SQL, [UNTOUCHED])).rows[0];
      if (!found) throw new Error("No delivered session of an untouched associate on a fully paid day");
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO "ExpenseClaim" (id, "associateId", "deliveryId", category, description, "claimedPence", "amountPence", status)
         VALUES ('e2e-pay-' || md5(random()::text), $1, $2, 'PUBLIC_TRANSPORT', $3, 1840, 1840, 'SUBMITTED') RETURNING id`,
        [found.associateId, found.id, description],
      );
      return { claimId: inserted.rows[0]!.id, day: found.day };
    });

    await loginAs("director");
    await page.goto("/director/expenses");
    await expect(page.getByRole("heading", { name: "Expense claims", level: 1 })).toBeVisible();
    await expectAccessible(page);
    const claim = page.getByTestId("expense-claim").filter({ hasText: description });
    await expect(claim).toContainText("Public transport");
    await expect(claim).toContainText("£18.40 payable");
    // Asking a question needs a note: refused next to the field, nothing changes.
    await claim.getByRole("button", { name: "Ask a question" }).click();
    await expect(claim.getByText("Write your question for the associate.")).toBeVisible();
    await expect(claim.getByLabel("Note to the associate")).toHaveAttribute("aria-invalid", "true");
    await claim.getByRole("button", { name: "Approve" }).click();
    await expect(claim.getByRole("status")).toContainText("Approved. It will be paid in the next pay run");
    expect(await withDb(async (client) => (await client.query(`SELECT status FROM "ExpenseClaim" WHERE id = $1`, [claimId])).rows[0]?.status)).toBe("APPROVED");

    await page.goto("/director/pay");
    await expect(page.getByRole("heading", { name: "Associate pay", level: 1 })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("First day").fill(day);
    await page.getByLabel("Last day").fill(day);
    await page.getByRole("button", { name: "Create draft pay run" }).click();
    await expect(page).toHaveURL(/\/director\/pay\/[^/?]+\?created=1/);
    const payRunId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByRole("status").filter({ hasText: "Draft pay run created" })).toContainText("Draft pay run created with 1 payment.");
    await expect(page.getByTestId("pay-line").filter({ hasText: description })).toHaveCount(1);
    await expect(page.getByTestId("pay-line")).toHaveCount(1);
    await expect(page.getByTestId("pay-run-total")).toHaveText("£18.40");
    await expect(page.getByText("Draft — check it")).toBeVisible();
    await expectAccessible(page);
    const stored = await withDb(async (client) => (await client.query(`SELECT "payRunId", "amountPence", status FROM "AssociatePayment" WHERE "expenseClaimId" = $1`, [claimId])).rows);
    expect(stored).toEqual([{ payRunId, amountPence: 1840, status: "PENDING" }]);

    await page.getByRole("button", { name: "Approve pay run" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Pay run approved" })).toBeVisible();
    await expect(page.getByText("Approved — to pay")).toBeVisible();
    const bankFile = await page.request.get(`/director/pay/${payRunId}/bank-file.csv`);
    expect(bankFile.status()).toBe(200);
    const rows = (await bankFile.text()).trim().split("\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^[^,]+,,,18\.40,GT PAY \w+,Bank transfer$/);

    await page.getByText("Mark as paid…").click();
    await page.getByRole("button", { name: "Yes, everything has been paid" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Marked as paid" })).toContainText("1 payment now shows");
    await expect(page.getByText("Everything in this run has been paid")).toBeVisible();
    const paid = await withDb(async (client) =>
      (await client.query(`SELECT c.status AS "claimStatus", p.status AS "paymentStatus", r.status AS "runStatus", r."paidAt" IS NOT NULL AS "hasPaidAt" FROM "ExpenseClaim" c JOIN "AssociatePayment" p ON p."expenseClaimId" = c.id JOIN "PayRun" r ON r.id = p."payRunId" WHERE c.id = $1`, [claimId])).rows,
    );
    expect(paid).toEqual([{ claimStatus: "PAID", paymentStatus: "PAID", runStatus: "PAID", hasPaidAt: true }]);

    // A second run for the same day has nothing left to pay: refused, and no run is created.
    await page.goto("/director/pay");
    await page.getByLabel("First day").fill(day);
    await page.getByLabel("Last day").fill(day);
    await page.getByRole("button", { name: "Create draft pay run" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "nothing to pay" })).toBeVisible();
    await expect(page.getByText("Nothing waiting to be paid in this period.")).toBeVisible();
    expect(await withDb(async (client) => Number((await client.query(`SELECT count(*) FROM "AssociatePayment" WHERE "expenseClaimId" = $1`, [claimId])).rows[0].count))).toBe(1);
  });

  test("the associates list shows checks, bookings and pay; clients and associates get not found", async ({ page, loginAs, loginAsEmail, expectAccessible }) => {
    test.setTimeout(90_000);
    await loginAs("director");
    await page.goto("/director/associates");
    await expect(page.getByRole("heading", { name: "Associates", level: 1 })).toBeVisible();
    const aisha = page.getByTestId("associate-row").filter({ hasText: "Aisha" });
    await expect(aisha).toContainText("Bank transfer");
    await expect(aisha).toContainText(/booked of/);
    await expectAccessible(page);
    await aisha.getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: "Pay", level: 2, exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Checks", level: 2 })).toBeVisible();
    await expectAccessible(page);

    for (const signIn of [() => loginAs("council-booker"), () => loginAsEmail(AISHA)]) {
      await signIn();
      for (const path of ["/director/pay", "/director/expenses", "/director/associates"]) {
        expect((await page.request.get(path, { maxRedirects: 0 })).status()).toBe(404);
      }
    }
  });
});
