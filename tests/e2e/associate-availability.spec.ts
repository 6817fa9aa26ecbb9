import { DateTime } from "luxon";
import { withDb } from "./support/database";
import { expect, test } from "./support/fixtures";

/**
 * The "done when": associates set weekly availability and a day off, and a client sees the
 * bookable times change. Team building is used (booking.spec books training), and Sundays: in the seed
 * nobody works on a Sunday, so a Sunday appears only when a lived-experience associate (Marcus) and a
 * professional associate (Rachel, who doesn't deliver training) both add Sunday hours — and goes again
 * when one of them takes it off. No other spec uses either of them.
 */
const MARCUS = "marcus@associates.thevision.example";
const RACHEL = "rachel@associates.thevision.example";
const BOOK_TEAM_BUILDING = "/org/oak-house/book/team-building";

/** The first Sunday that clears the 72-hour minimum notice with a day to spare (UK dates), and the one after. */
function nextSundays() {
  const earliest = DateTime.now().setZone("Europe/London").startOf("day").plus({ days: 4 });
  const first = earliest.plus({ days: (7 - earliest.weekday) % 7 });
  return [first.toISODate()!, first.plus({ days: 7 }).toISODate()!] as const;
}

async function resetSundays() {
  await withDb(async (db) => {
    await db.query(`DELETE FROM "AvailabilityRule" WHERE weekday = 7 AND "associateId" IN (SELECT a.id FROM "Associate" a JOIN "User" u ON u.id = a."userId" WHERE u.email = ANY($1))`, [[MARCUS, RACHEL]]);
    await db.query(`DELETE FROM "TimeOff" WHERE reason = 'E2E Sunday off' AND "associateId" IN (SELECT a.id FROM "Associate" a JOIN "User" u ON u.id = a."userId" WHERE u.email = $1)`, [MARCUS]);
  });
}

test.describe("associate availability", () => {
  // A fresh database has no Sunday hours; put things back afterwards for any later spec.
  test.beforeAll(resetSundays);
  test.afterAll(resetSundays);

  test("associates set weekly hours and a day off, and the client's booking calendar changes with them", async ({ page, context, loginAs, loginAsEmail, expectAccessible }) => {
    test.setTimeout(120_000);
    const [sunday, nextSunday] = nextSundays();
    const dayOption = (date: string) => page.locator(`input[name="day"][value="${date}"]`);

    // Before: no Sunday can be booked.
    await loginAs("home-admin");
    await page.goto(BOOK_TEAM_BUILDING);
    await expect(page.getByRole("heading", { name: "Book Team building" })).toBeVisible();
    await expect(dayOption(sunday)).toHaveCount(0);
    await expect(dayOption(nextSunday)).toHaveCount(0);

    // Rachel paints Sunday 09:00–17:00 on the week grid: with the keyboard (Space marks 09:00, Shift+Down stretches it)…
    await context.clearCookies();
    await loginAsEmail(RACHEL);
    await page.goto("/associate/availability");
    await expect(page.getByRole("heading", { name: "Availability", level: 1 })).toBeVisible();
    await expectAccessible(page);
    const grid = page.getByRole("grid", { name: "Your week" });
    const nine = grid.getByRole("gridcell", { name: "Sunday 09:00", exact: true });
    await expect(nine).toHaveAttribute("aria-selected", "false");
    await nine.focus();
    await page.keyboard.press("Space");
    await expect(nine).toHaveAttribute("aria-selected", "true");
    await expect(page.getByText("You have unsaved changes")).toBeVisible();
    for (let i = 0; i < 7; i++) await page.keyboard.press("Shift+ArrowDown");
    await expect(grid.getByRole("gridcell", { name: "Sunday 12:30", exact: true })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("button", { name: "Remove Sunday 09:00–13:00" })).toBeVisible();
    // …and drags the afternoon on with the mouse.
    await grid.getByRole("gridcell", { name: "Sunday 13:00", exact: true }).hover();
    await page.mouse.down();
    await grid.getByRole("gridcell", { name: "Sunday 15:00", exact: true }).hover();
    await grid.getByRole("gridcell", { name: "Sunday 16:30", exact: true }).hover();
    await page.mouse.up();
    await expect(grid.getByRole("gridcell", { name: "Sunday 16:30", exact: true })).toHaveAttribute("aria-selected", "true");
    await expect(grid.getByRole("gridcell", { name: "Sunday 17:00", exact: true })).toHaveAttribute("aria-selected", "false");
    await expect(page.getByRole("button", { name: "Remove Sunday 09:00–17:00" })).toBeVisible();
    await page.getByRole("button", { name: "Save weekly hours" }).click();
    await expect(page.getByText("Your weekly hours are saved.")).toBeVisible();
    await expect(page.getByText("You have unsaved changes")).toHaveCount(0);

    // Marcus uses the list and form instead of dragging; overlapping hours are joined and he is told.
    await context.clearCookies();
    await loginAsEmail(MARCUS);
    await page.goto("/associate/availability");
    const addHours = page.getByRole("region", { name: "Add hours" });
    await addHours.getByLabel("Day").selectOption({ label: "Sunday" });
    await addHours.getByLabel("From").selectOption({ label: "09:00" });
    await addHours.getByLabel("To").selectOption({ label: "13:00" });
    await addHours.getByRole("button", { name: "Add hours" }).click();
    await addHours.getByLabel("From").selectOption({ label: "12:00" });
    await addHours.getByLabel("To").selectOption({ label: "17:00" });
    await addHours.getByRole("button", { name: "Add hours" }).click();
    await expect(addHours.getByRole("status")).toContainText("On Sunday we joined 09:00–13:00 and 12:00–17:00 into 09:00–17:00.");
    await expect(page.getByRole("button", { name: "Remove Sunday 09:00–17:00" })).toBeVisible();
    await page.getByRole("button", { name: "Save weekly hours" }).click();
    await expect(page.getByText("Your weekly hours are saved.")).toBeVisible();

    // The client now sees both Sundays, with a pair free from 09:00.
    await context.clearCookies();
    await loginAs("home-admin");
    await page.goto(BOOK_TEAM_BUILDING);
    await expect(dayOption(sunday)).toHaveCount(1);
    await expect(dayOption(nextSunday)).toHaveCount(1);
    await dayOption(sunday).check({ force: true });
    await expect(page.getByRole("radio", { name: "09:00–14:00" })).toBeVisible();

    // Marcus takes the first Sunday off.
    await context.clearCookies();
    await loginAsEmail(MARCUS);
    await page.goto("/associate/availability");
    const timeOff = page.getByRole("region", { name: "Time off" });
    await timeOff.getByLabel("First day off").fill(sunday);
    await timeOff.getByLabel("Last day off").fill(sunday);
    await timeOff.getByLabel("Note (optional)").fill("E2E Sunday off");
    await timeOff.getByRole("button", { name: "Add time off" }).click();
    await expect(timeOff.getByText("Time off added.")).toBeVisible();
    await expect(timeOff.getByText("E2E Sunday off")).toBeVisible();
    await expectAccessible(page);

    // That Sunday has gone from the client's calendar; the next one is still there.
    await context.clearCookies();
    await loginAs("home-admin");
    await page.goto(BOOK_TEAM_BUILDING);
    await expect(dayOption(nextSunday)).toHaveCount(1);
    await expect(dayOption(sunday)).toHaveCount(0);

    // Plans change: removing time off asks first.
    await context.clearCookies();
    await loginAsEmail(MARCUS);
    await page.goto("/associate/availability");
    await timeOff.getByText(/^Remove time off /).click();
    await expect(timeOff.getByText("We may offer you work on these days again.")).toBeVisible();
    await timeOff.getByRole("button", { name: "Yes, remove it" }).click();
    await expect(timeOff.getByText("No time off booked.")).toBeVisible();
  });
});
