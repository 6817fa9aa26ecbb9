import { expect, test } from "./support/fixtures";
import { withDb } from "./support/database";

test.describe("booking training online", () => {
  test("a council booker books training by invoice with a PO number; it shows as awaiting facilitators until both accept", async ({ page, loginAs, expectAccessible }) => {
    test.setTimeout(90_000); // one long journey: book, invite, attendees, move, cancel
    await loginAs("council-booker");
    await page.goto("/services/training");
    await page.getByRole("link", { name: "Choose a date" }).click();
    await expect(page).toHaveURL(/\/org\/northshire-council\/book\/training$/);
    await expect(page.getByRole("heading", { name: /Book / })).toBeVisible();
    await expectAccessible(page);

    // The last day offered (about six weeks ahead, outside the cancellation-charge period); online.
    await page.locator('input[name="day"]').last().check({ force: true });
    await page.getByRole("radio", { name: "Online (video call)" }).check();
    const chosenStart = await page.locator('input[name="startsAt"]:checked').getAttribute("value");
    await page.getByRole("button", { name: "Hold this time" }).click();
    await expect(page.getByRole("heading", { name: "Finish your booking" })).toBeVisible();
    await expect(page.getByText(/holding this time for you/)).toBeVisible();
    await expectAccessible(page);
    const reference = page.url().split("/").at(-1)!;

    // Northshire needs a PO number: without one nothing is sent.
    await page.getByLabel("How many people will attend?").fill("12");
    await page.getByLabel(/I have read the cancellation terms/).check();
    await page.getByRole("button", { name: "Send booking" }).click();
    await expect(page.getByText("Enter your PO number.")).toBeVisible();
    expect(await engagementStatus(reference)).toMatchObject({ status: "PENDING_PAYMENT", purchaseOrderNumber: null });

    // What was typed is still there after the refusal.
    await expect(page.getByLabel("How many people will attend?")).toHaveValue("12");
    await expect(page.getByLabel(/I have read the cancellation terms/)).toBeChecked();
    await page.getByLabel("Purchase-order (PO) number").fill("NSC-PO-7781");
    await page.getByRole("button", { name: "Send booking" }).click();
    await expect(page.getByText("Thank you — your booking has been sent.")).toBeVisible();
    await expect(page.getByText("Awaiting facilitators").first()).toBeVisible();
    await expectAccessible(page);

    const saved = await engagementStatus(reference);
    expect(saved).toMatchObject({ status: "AWAITING_FACILITATORS", purchaseOrderNumber: "NSC-PO-7781", attendeeCount: 12, startsAt: new Date(chosenStart!) });
    // Written offers to a distinct lived-experience + professional pair, not yet confirmed.
    expect(saved.offers.sort()).toEqual(["LIVED:OFFERED", "PROFESSIONAL:OFFERED"]);
    expect(saved.distinctPeople).toBe(2);

    // A calendar invite, tentative until both facilitators accept.
    const icsHref = await page.getByRole("link", { name: "Add to my calendar" }).getAttribute("href");
    const invite = await page.request.get(icsHref!);
    expect(invite.headers()["content-type"]).toContain("text/calendar");
    expect(await invite.text()).toContain("STATUS:TENTATIVE");

    // Attendees from a spreadsheet saved as CSV.
    await page.getByLabel("CSV file").setInputFiles({ name: "team.csv", mimeType: "text/csv", buffer: Buffer.from("Name,Email,Job title\nAsha Patel,asha@northshire.example,Social worker\nBen Okoro,ben@northshire.example,\n") });
    await page.getByRole("button", { name: "Upload and add" }).click();
    await expect(page.getByText("Added 2 people from the file.")).toBeVisible();
    await expect(page.getByText("Asha Patel", { exact: true })).toBeVisible();
    await expect(page.getByText("2 of up to")).toBeVisible();
    const attendees = await withDb(async (client) => (await client.query(`SELECT a.email FROM "Attendee" a JOIN "Engagement" e ON e.id = a."engagementId" WHERE e.reference = $1 ORDER BY a.email`, [reference])).rows.map((r) => r.email));
    expect(attendees).toEqual(["asha@northshire.example", "ben@northshire.example"]);
    await expectAccessible(page);

    // Moving it: only times both offered facilitators can do; the invite keeps its UID and updates.
    await page.getByRole("link", { name: "Move to another time" }).click();
    await expect(page.getByRole("heading", { name: "Move this session" })).toBeVisible();
    await expectAccessible(page);
    const newStart = await page.locator('select[name="startsAt"] option').last().getAttribute("value");
    await page.getByLabel("New time (UK time)").selectOption(newStart!);
    await page.getByRole("button", { name: "Move the session" }).click();
    await expect(page.getByText("The session has been moved.")).toBeVisible();
    expect((await engagementStatus(reference)).startsAt).toEqual(new Date(newStart!));
    const movedInvite = await (await page.request.get(icsHref!)).text();
    expect(movedInvite.replace(/\r\n[ \t]/g, "")).toContain(`DTSTART:${newStart!.replace(/[-:]/g, "").replace(/\.\d{3}/, "")}`);

    // Cancelling shows the charge worked out from the terms before anything happens.
    await page.getByRole("link", { name: "Cancel this session" }).click();
    await expect(page.getByRole("heading", { name: "Cancel this session?" })).toBeVisible();
    await expectAccessible(page);
    // Still more than four weeks ahead, so the agreed terms say no charge (charged cases: integration tests).
    await expect(page.getByText("There is no charge for cancelling now.")).toBeVisible();
    await page.getByRole("button", { name: "Cancel the session" }).click();
    await expect(page.getByText("Cancelled.", { exact: true })).toBeVisible();
    const cancelled = await withDb(async (client) =>
      (await client.query(`SELECT d.status, d."cancellationChargePence" AS charge, e.status AS engagement FROM "Delivery" d JOIN "Engagement" e ON e.id = d."engagementId" WHERE e.reference = $1`, [reference])).rows[0],
    );
    expect(cancelled).toEqual({ status: "CANCELLED", charge: 0, engagement: "CANCELLED" });
    // The same invite now cancels the event in the booker's calendar.
    expect(await (await page.request.get(icsHref!)).text()).toContain("METHOD:CANCEL");
  });

  test("a charity asks for consultancy (a too-short description is refused), the director quotes it and the charity accepts online", async ({ page, loginAs, expectAccessible }) => {
    test.setTimeout(90_000);
    await loginAs("charity-admin");
    await page.goto("/services/consultancy");
    await page.getByRole("link", { name: "Ask for this service" }).click();
    await expect(page).toHaveURL(/\/org\/bright-futures-fostering\/request\/consultancy$/);
    await expectAccessible(page);
    await page.getByLabel("What do you need?").fill("Help please");
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByText(/Tell us a little more about what you need/)).toBeVisible();

    await page.getByLabel("What do you need?").fill("We want to review how our foster carers are supported after a placement ends.");
    await page.getByLabel("Preferred dates (optional)").fill("Any Tuesday in January");
    await page.getByLabel("How many sessions?").fill("3");
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByText("Thank you — we've got your request.")).toBeVisible();
    const reference = page.url().split("/").at(-1)!.split("?")[0]!;
    const saved = await withDb(async (client) => {
      const { rows } = await client.query<{ status: string; sessionsRequested: number; preferredDates: string }>(
        `SELECT status, "sessionsRequested", "preferredDates" FROM "Engagement" WHERE reference = $1`,
        [reference],
      );
      const mail = await client.query(`SELECT 1 FROM "OutboxMessage" WHERE subject LIKE $1`, [`%(${reference})%`]);
      return { ...rows[0], emails: mail.rowCount };
    });
    expect(saved).toEqual({ status: "REQUESTED", sessionsRequested: 3, preferredDates: "Any Tuesday in January", emails: 1 });

    // The director quotes three Tuesdays in January…
    await loginAs("director");
    await page.goto("/director/requests");
    await page.getByRole("link", { name: /Consultancy.*Bright Futures/i }).click();
    await expect(page.getByText("We want to review how our foster carers are supported")).toBeVisible();
    for (const [i, day] of ["2027-01-12", "2027-01-19", "2027-01-26"].entries()) {
      await page.getByLabel(`Session ${i + 1} starts`).fill(`${day}T10:00`);
      await page.locator(`select[name="sessions.${i}.mode"]`).selectOption("ONLINE");
    }
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send quote to the client" }).click();
    await expect(page.getByText("Quote sent.")).toBeVisible();

    // …and the charity accepts it online.
    await loginAs("charity-admin");
    await page.goto(`/org/bright-futures-fostering/engagements/${reference}`);
    await expect(page.getByRole("heading", { name: "Your quote" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Accept the quote" }).click();
    await expect(page.getByText("Thank you — you've accepted the quote.")).toBeVisible();
    const after = await withDb(async (client) => {
      const engagement = (await client.query(`SELECT status FROM "Engagement" WHERE reference = $1`, [reference])).rows[0];
      const deliveries = (await client.query(`SELECT d."startsAt" FROM "Delivery" d JOIN "Engagement" e ON e.id = d."engagementId" WHERE e.reference = $1 ORDER BY d."startsAt"`, [reference])).rows;
      const quote = (await client.query(`SELECT q.status FROM "Quote" q JOIN "Engagement" e ON e.id = q."engagementId" WHERE e.reference = $1`, [reference])).rows;
      return { status: engagement.status, starts: deliveries.map((d) => d.startsAt.toISOString()), quotes: quote.map((q) => q.status) };
    });
    expect(after).toEqual({ status: "AWAITING_FACILITATORS", starts: ["2027-01-12T10:00:00.000Z", "2027-01-19T10:00:00.000Z", "2027-01-26T10:00:00.000Z"], quotes: ["ACCEPTED"] });

    // The whole booking moves together, keeping a week between sessions.
    await page.getByRole("link", { name: "Move the whole booking" }).click();
    await expect(page.getByRole("heading", { name: "Move the whole booking" })).toBeVisible();
    await expectAccessible(page);
    const firstNew = await page.locator('select[name="startsAt"] option').first().getAttribute("value");
    await page.getByLabel("New time for the first session (UK time)").selectOption(firstNew!);
    await page.getByRole("button", { name: "Move all 3 sessions" }).click();
    await expect(page.getByText("The session has been moved.")).toBeVisible();
    const shifted = await withDb(async (client) => (await client.query(`SELECT d."startsAt" FROM "Delivery" d JOIN "Engagement" e ON e.id = d."engagementId" WHERE e.reference = $1 ORDER BY d."startsAt"`, [reference])).rows.map((r) => r.startsAt.getTime()));
    expect(shifted[0]).toBe(Date.parse(firstNew!));
    expect([shifted[1]! - shifted[0]!, shifted[2]! - shifted[1]!]).toEqual([7 * 86_400_000, 7 * 86_400_000]);

    // Plans change: the whole booking is cancelled, each session charged by its notice. The moved
    // sessions' notice depends on today's date, so the charge shown first must be the charge recorded.
    await page.getByRole("link", { name: "Cancel the whole booking" }).click();
    await expect(page.getByRole("heading", { name: "Cancel the whole booking?" })).toBeVisible();
    const totalText = (await page.getByText(/^Total:/).first().innerText()).replace(/\s+/g, " ");
    const shownPence = /no charge/.test(totalText) ? 0 : Math.round(Number(/£([\d,]+\.\d{2})/.exec(totalText)![1]!.replace(/,/g, "")) * 100);
    await expectAccessible(page);
    await page.getByRole("button", { name: /^Cancel all 3 sessions/ }).click();
    await expect(page.getByText("Cancelled.", { exact: true })).toBeVisible();
    const cancelled = await withDb(async (client) => (await client.query(`SELECT d.status, d."cancellationChargePence" AS charge FROM "Delivery" d JOIN "Engagement" e ON e.id = d."engagementId" WHERE e.reference = $1`, [reference])).rows);
    expect(cancelled.map((d) => d.status)).toEqual(["CANCELLED", "CANCELLED", "CANCELLED"]);
    expect(cancelled.reduce((sum, d) => sum + d.charge, 0)).toBe(shownPence);
  });
});

async function engagementStatus(reference: string) {
  return withDb(async (client) => {
    const { rows } = await client.query<{ status: string; purchaseOrderNumber: string | null; attendeeCount: number | null; startsAt: Date; id: string }>(
      `SELECT e.status, e."purchaseOrderNumber", e."attendeeCount", d."startsAt", d.id FROM "Engagement" e JOIN "Delivery" d ON d."engagementId" = e.id WHERE e.reference = $1`,
      [reference],
    );
    const row = rows[0]!;
    const assignments = await client.query<{ role: string; status: string; associateId: string }>(`SELECT role, status, "associateId" FROM "Assignment" WHERE "deliveryId" = $1`, [row.id]);
    return {
      status: row.status,
      purchaseOrderNumber: row.purchaseOrderNumber,
      attendeeCount: row.attendeeCount,
      startsAt: row.startsAt,
      offers: assignments.rows.map((a) => `${a.role}:${a.status}`),
      distinctPeople: new Set(assignments.rows.map((a) => a.associateId)).size,
    };
  });
}

test.describe("paying by card", () => {
  test("a children's home pays by card: nothing is offered until the signed payment webhook arrives, then it awaits facilitators", async ({ page, loginAs }) => {
    await loginAs("home-admin");
    await page.goto("/org/oak-house/book/training");
    await page.locator('input[name="day"]').nth(1).check({ force: true });
    await page.getByRole("radio", { name: "Online (video call)" }).check();
    await page.getByRole("button", { name: "Hold this time" }).click();
    await expect(page.getByRole("heading", { name: "Finish your booking" })).toBeVisible();
    const reference = page.url().split("/").at(-1)!;
    await page.getByLabel("How many people will attend?").fill("6");
    await page.getByRole("radio", { name: /By card now/ }).check();
    await page.getByLabel(/I have read the cancellation terms/).check();
    await page.getByRole("button", { name: "Send booking" }).click();

    // Stripe's (stand-in) payment page: the price including VAT.
    await expect(page.getByRole("heading", { name: "Test payment page" })).toBeVisible();
    const before = await bookingState(reference);
    expect(before).toEqual({ engagement: "PENDING_PAYMENT", payment: "PENDING", assignments: ["HELD", "HELD"] });
    await page.getByRole("button", { name: /^Pay £/ }).click();

    await expect(page.getByText(/Payment received — thank you/)).toBeVisible();
    expect(await bookingState(reference)).toEqual({ engagement: "AWAITING_FACILITATORS", payment: "PAID", assignments: ["OFFERED", "OFFERED"] });
  });
});

async function bookingState(reference: string) {
  return withDb(async (client) => {
    const engagement = (await client.query(`SELECT id, status FROM "Engagement" WHERE reference = $1`, [reference])).rows[0];
    const payment = (await client.query(`SELECT status FROM "CardPayment" WHERE "engagementId" = $1`, [engagement.id])).rows[0];
    const assignments = (await client.query(`SELECT s.status FROM "Assignment" s JOIN "Delivery" d ON d.id = s."deliveryId" WHERE d."engagementId" = $1 ORDER BY s.status`, [engagement.id])).rows;
    return { engagement: engagement.status, payment: payment?.status, assignments: assignments.map((a) => a.status) };
  });
}

test.describe("holds", () => {
  test("a hold that runs out frees the facilitators: the booking can't be sent and the same time can be chosen again", async ({ page, loginAs }) => {
    test.setTimeout(90_000);
    await loginAs("home-admin");
    await page.goto("/org/oak-house/book/training");
    // A later day than other tests use, so they don't compete for it; remembered by date, because
    // the list of days can change while other tests book.
    const dayInput = page.locator('input[name="day"]').nth(3);
    const day = await dayInput.getAttribute("value");
    await dayInput.check({ force: true });
    const chosenStart = await page.locator('input[name="startsAt"]:checked').getAttribute("value");
    await page.getByRole("radio", { name: "Online (video call)" }).check();
    await page.getByRole("button", { name: "Hold this time" }).click();
    await expect(page.getByRole("heading", { name: "Finish your booking" })).toBeVisible();
    const reference = page.url().split("/").at(-1)!;

    // Time passes: the hold lapses and the background job (every 30 s) releases it.
    await withDb((client) => client.query(`UPDATE "Delivery" d SET "holdExpiresAt" = now() - interval '1 second' FROM "Engagement" e WHERE e.id = d."engagementId" AND e.reference = $1`, [reference]));
    await expect
      .poll(async () => withDb(async (client) => (await client.query(`SELECT e.status FROM "Engagement" e WHERE e.reference = $1`, [reference])).rows[0]!.status), { timeout: 60_000, intervals: [1000] })
      .toBe("CANCELLED");
    const assignments = await withDb(async (client) => (await client.query(`SELECT s.status FROM "Assignment" s JOIN "Delivery" d ON d.id = s."deliveryId" JOIN "Engagement" e ON e.id = d."engagementId" WHERE e.reference = $1`, [reference])).rows.map((r) => r.status));
    expect(assignments).toEqual(["EXPIRED", "EXPIRED"]);

    await page.reload();
    await expect(page.getByText("This hold has run out, so the time has been released.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Send booking" })).toHaveCount(0);
    await page.getByRole("link", { name: "Choose a time again" }).click();
    await page.locator(`input[name="day"][value="${day}"]`).check({ force: true });
    await expect(page.locator(`input[name="startsAt"][value="${chosenStart}"]`)).toHaveCount(1);
  });
});
