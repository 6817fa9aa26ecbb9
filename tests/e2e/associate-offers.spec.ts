import { expect, test } from "./support/fixtures";
import { withDb } from "./support/database";

/**
 * The associate portal's offers, end to end on the seeded data: accepting confirms the session for the
 * client; declining offers it to the next candidate; warnings and checks are shown before answering.
 * Each test uses seeded offers no other spec touches (Sam's Oak House consultancy, Kayla's council
 * training, Helen's group work).
 */
const HELEN = "helen@associates.thevision.example";

async function seededOffer(email: string, organisationSlug: string) {
  return withDb(async (client) => {
    const { rows } = await client.query<{ id: string; deliveryId: string; reference: string }>(
      `SELECT a.id, a."deliveryId", e.reference
         FROM "Assignment" a JOIN "Associate" s ON s.id = a."associateId" JOIN "User" u ON u.id = s."userId"
         JOIN "Delivery" d ON d.id = a."deliveryId" JOIN "Engagement" e ON e.id = d."engagementId" JOIN "Organisation" o ON o.id = e."organisationId"
        WHERE u.email = $1 AND o.slug = $2 AND a.status = 'OFFERED' ORDER BY d."startsAt" LIMIT 1`,
      [email, organisationSlug],
    );
    if (!rows[0]) throw new Error(`No seeded offer for ${email} at ${organisationSlug}`);
    return rows[0];
  });
}

test.describe("associate offers", () => {
  test("accepting an offer confirms the session, and the client sees it confirmed with both facilitators", async ({ page, loginAs, expectAccessible, context }) => {
    test.setTimeout(90_000);
    const offer = await seededOffer("sam@associates.thevision.example", "oak-house");
    await loginAs("professional-associate");
    await page.goto("/associate/offers");
    await expect(page.getByRole("heading", { name: "Offers", level: 1 })).toBeVisible();
    const card = page.locator(`section:has(input[name="assignmentId"][value="${offer.id}"])`);
    await expect(card.getByText("Chloe Evans (has accepted)")).toBeVisible();
    await expect(card.getByText(/mileage at 45p a mile/)).toBeVisible();
    await expect(card.getByText("Please reply by")).toBeVisible();
    await expectAccessible(page);
    await card.getByRole("button", { name: /^Accept/ }).click();
    await expect(page.getByRole("status")).toContainText("the session is confirmed and the client has been told");
    await expect(page.locator(`input[name="assignmentId"][value="${offer.id}"]`)).toHaveCount(0);

    // It is now one of Sam's sessions, with Chloe's contact details.
    await page.getByRole("navigation", { name: "Your work" }).getByRole("link", { name: "My sessions" }).click();
    await page.locator(`a[href="/associate/sessions/${offer.id}"]`).first().click();
    await expect(page.getByRole("heading", { name: "Your co-facilitator" })).toBeVisible();
    await expect(page.getByRole("link", { name: "chloe@associates.thevision.example" })).toBeVisible();
    await expectAccessible(page);

    // The client (Oak House) sees it confirmed, with both facilitators.
    await context.clearCookies();
    await loginAs("home-admin");
    await page.goto(`/org/oak-house/engagements/${offer.reference}`);
    await expect(page.getByText("Confirmed").first()).toBeVisible();
    await expect(page.getByText("Sam Patel").first()).toBeVisible();
    await expect(page.getByText("Chloe Evans").first()).toBeVisible();
  });

  test("the benefits warning shows before accepting; declining offers the session to the next candidate", async ({ page, loginAs, loginAsEmail, expectAccessible, context }) => {
    test.setTimeout(90_000);
    const offer = await seededOffer("kayla@associates.thevision.example", "northshire-council");
    // Kayla has told us she receives benefits and set her own weekly limit of £100 (below this £180 fee).
    await withDb((db) =>
      db.query(`UPDATE "Associate" SET "receivesBenefits" = true, "earningsCapPence" = 10000, "capPeriod" = 'WEEK' WHERE "userId" = (SELECT id FROM "User" WHERE email = 'kayla@associates.thevision.example')`),
    );
    await loginAs("lived-associate");
    await page.goto("/associate/offers");
    const card = page.locator(`section:has(input[name="assignmentId"][value="${offer.id}"])`);
    await expect(card.getByText("Before you accept")).toBeVisible();
    await expect(card.getByText(/over the £100.00 threshold you set/)).toBeVisible();
    await expectAccessible(page);

    await card.getByText("Add a reason if you're declining (optional)").click();
    await card.getByLabel("Reason").fill("I've reached my limit for that week.");
    await card.getByRole("button", { name: /^Decline/ }).click();
    await expect(page.getByRole("status")).toContainText("we've offered it to someone else");

    const next = await withDb(async (db) => {
      const declined = await db.query(`SELECT status, "declineReason" FROM "Assignment" WHERE id = $1`, [offer.id]);
      const { rows } = await db.query<{ id: string; email: string }>(
        `SELECT a.id, u.email FROM "Assignment" a JOIN "Associate" s ON s.id = a."associateId" JOIN "User" u ON u.id = s."userId"
          WHERE a."deliveryId" = $1 AND a.role = 'LIVED' AND a.status = 'OFFERED'`,
        [offer.deliveryId],
      );
      return { declined: declined.rows[0], offered: rows };
    });
    expect(next.declined).toEqual({ status: "DECLINED", declineReason: "I've reached my limit for that week." });
    expect(next.offered).toHaveLength(1);
    expect(next.offered[0]!.email).not.toBe("kayla@associates.thevision.example");

    // The next candidate finds it waiting in their offers.
    await context.clearCookies();
    await loginAsEmail(next.offered[0]!.email);
    await page.goto("/associate/offers");
    await expect(page.locator(`input[name="assignmentId"][value="${next.offered[0]!.id}"]`)).toHaveCount(1);
  });

  test("a lapsed DBS update check blocks accepting child-facing work and says why", async ({ page, loginAsEmail, expectAccessible }) => {
    const offer = await seededOffer(HELEN, "bright-futures-fostering");
    // Helen's last DBS Update Service check and her certificate are both more than a year old.
    await withDb((db) =>
      db.query(
        `UPDATE "ComplianceRecord" SET "checkedOn" = CASE WHEN kind = 'DBS_ENHANCED' THEN current_date - 1200 ELSE current_date - 400 END
          WHERE kind IN ('DBS_ENHANCED', 'DBS_UPDATE_SERVICE') AND "associateId" = (SELECT s.id FROM "Associate" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1)`,
        [HELEN],
      ),
    );
    await loginAsEmail(HELEN);
    await page.goto("/associate/offers");
    const card = page.locator(`section:has(input[name="assignmentId"][value="${offer.id}"])`);
    await expect(card.getByText("You can't accept this yet, because of your checks:")).toBeVisible();
    await expect(card.getByText(/The DBS Update Service was last checked on .*, more than 365 days before the session/)).toBeVisible();
    await expect(card.getByRole("button", { name: /^Accept/ })).toBeDisabled();
    await expect(card.getByRole("button", { name: /^Decline/ })).toBeEnabled();
    await expectAccessible(page);
  });

  test("an associate's private calendar feed serves their sessions, and a made-up link is not found", async ({ page, loginAs, request, expectAccessible }) => {
    await loginAs("lived-associate");
    await page.goto("/associate");
    await expectAccessible(page);
    await page.goto("/associate/sessions");
    await expect(page.getByRole("heading", { name: "Coming up" })).toBeVisible();
    await expectAccessible(page);
    const feedUrl = await page.getByLabel("Your private calendar link").inputValue();
    const path = new URL(feedUrl).pathname;
    const feed = await request.get(path);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toContain("text/calendar");
    expect(await feed.text()).toContain("BEGIN:VEVENT");
    expect((await request.get("/api/calendar/not-a-real-feed-token-at-all.ics")).status()).toBe(404);
  });
});
