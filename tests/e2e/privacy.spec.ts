import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "./support/fixtures";
import { withDb } from "./support/database";

/**
 * Privacy requests in a real browser: an associate downloads their own data; the director finds a
 * person by email, downloads the export, and erases an associate and an attendee after typing their
 * email to confirm. The people are created here (unique per run), so no other spec is affected.
 */

const run = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
const id = (prefix: string) => `${prefix}${run}`;
const ASSOCIATE = { userId: id("e2eprivu"), associateId: id("e2eprivx"), name: `Orla Privacy ${run}`, email: `orla.${run}@associates.privacy.example`, phone: `07700 9${run.slice(-5)}` };
const ATTENDEE = { id: id("e2epriva"), name: `Ned Attendee ${run}`, email: `ned.${run}@attendee.privacy.example` };
const STORY = `My private story for the privacy spec (${run}).`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await withDb(async (client) => {
    await client.query(`INSERT INTO "User" (id, name, email, "platformRole", phone, "updatedAt") VALUES ($1, $2, $3, 'ASSOCIATE', $4, now())`, [ASSOCIATE.userId, ASSOCIATE.name, ASSOCIATE.email, ASSOCIATE.phone]);
    await client.query(`INSERT INTO "Associate" (id, "userId", expertise, bio, "calendarFeedToken", "updatedAt") VALUES ($1, $2, 'LIVED', 'Youth worker.', $3, now())`, [
      ASSOCIATE.associateId,
      ASSOCIATE.userId,
      randomBytes(16).toString("hex"),
    ]);
    await client.query(`INSERT INTO "LivedExperienceStory" (id, "associateId", story, "updatedAt") VALUES ($1, $2, $3, now())`, [id("e2eprivs"), ASSOCIATE.associateId, STORY]);
    await client.query(`INSERT INTO "Consent" (id, "associateId", purpose) VALUES ($1, $2, 'MATCHING')`, [id("e2eprivc"), ASSOCIATE.associateId]);
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Engagement" ORDER BY "createdAt" LIMIT 1`);
    await client.query(`INSERT INTO "Attendee" (id, "engagementId", name, email, "jobTitle", "accessToken") VALUES ($1, $2, $3, $4, 'Support worker', $5)`, [
      ATTENDEE.id,
      rows[0]!.id,
      ATTENDEE.name,
      ATTENDEE.email,
      randomBytes(24).toString("base64url"),
    ]);
  });
});

test("an associate downloads their own data from their profile", async ({ page, loginAsEmail }) => {
  await loginAsEmail(ASSOCIATE.email);
  await page.goto("/associate/profile");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download my data" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^golden-thread-personal-data-orla-.+\.json$/);
  const document = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(document.records.User[0]).toMatchObject({ name: ASSOCIATE.name, email: ASSOCIATE.email, phone: ASSOCIATE.phone });
  expect(document.records.LivedExperienceStory[0].story).toBe(STORY);
  expect(document.records.Consent).toHaveLength(1);
});

test("the director finds people, downloads their data, and erases an associate and an attendee after confirming", async ({ page, loginAs, expectAccessible }) => {
  test.setTimeout(90_000);
  await loginAs("director");
  await page.goto("/director");
  await page.getByRole("link", { name: "Privacy requests" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Privacy requests" })).toBeVisible();
  await expectAccessible(page);

  // Empty and error states.
  const email = page.getByLabel("Email address");
  await email.fill("not an address");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("Enter an email address like name@example.org.")).toBeVisible();
  await email.fill(`nobody.${run}@example.org`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(`We don't hold anything under nobody.${run}@example.org.`)).toBeVisible();

  // The associate: counts, then the export.
  await email.fill(ASSOCIATE.email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: `What we hold under ${ASSOCIATE.email}` })).toBeVisible();
  const card = page.getByRole("region", { name: `${ASSOCIATE.name} · Associate` });
  await expect(card.getByRole("row", { name: "Private lived-experience story 1" })).toBeVisible();
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download export (JSON)" }).click()]);
  const document = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(document.records.LivedExperienceStory[0].story).toBe(STORY);
  expect(document.records.User[0].email).toBe(ASSOCIATE.email);

  // Erase: a wrong confirmation is refused, the right one erases.
  await card.getByText("Erase…").click();
  await expect(card.getByText("HMRC requires business records to be kept for 6 years", { exact: false })).toBeVisible();
  await card.getByLabel(`Type ${ASSOCIATE.email} to confirm`).fill("someone@else.example");
  await card.getByRole("button", { name: "Erase their personal data" }).click();
  await expect(card.getByText("Type the person's email address exactly as shown, to confirm.").first()).toBeVisible();
  await card.getByLabel(`Type ${ASSOCIATE.email} to confirm`).fill(ASSOCIATE.email);
  await card.getByRole("button", { name: "Erase their personal data" }).click();
  await expect(card.getByRole("status")).toContainText("Erased. Removed:");
  const erased = await withDb(async (client) => (await client.query(`SELECT name, email, phone, "erasedAt" FROM "User" WHERE id = $1`, [ASSOCIATE.userId])).rows[0]);
  expect(erased).toMatchObject({ name: "Erased associate", email: `erased-${ASSOCIATE.userId}@erased.invalid`, phone: null });
  expect(erased.erasedAt).not.toBeNull();
  expect(await withDb(async (client) => (await client.query(`SELECT count(*)::int AS n FROM "LivedExperienceStory" WHERE "associateId" = $1`, [ASSOCIATE.associateId])).rows[0].n)).toBe(0);

  // The attendee.
  await email.fill(ATTENDEE.email);
  await page.getByRole("button", { name: "Search" }).click();
  const attendeeCard = page.getByRole("region", { name: `Attendee: ${ATTENDEE.name}` });
  await expect(attendeeCard.getByRole("row", { name: /Places on bookings/ })).toContainText("1");
  await attendeeCard.getByText("Erase…").click();
  await attendeeCard.getByLabel(`Type ${ATTENDEE.email} to confirm`).fill(ATTENDEE.email);
  await attendeeCard.getByRole("button", { name: "Erase their personal data" }).click();
  await expect(attendeeCard.getByRole("status")).toContainText("Erased.");
  const attendee = await withDb(async (client) => (await client.query(`SELECT name, email, "jobTitle", "erasedAt" FROM "Attendee" WHERE id = $1`, [ATTENDEE.id])).rows[0]);
  expect(attendee).toMatchObject({ name: "Erased attendee", email: `erased-${ATTENDEE.id}@erased.invalid`, jobTitle: null });

  // Nothing is left under either address.
  await email.fill(ATTENDEE.email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(`We don't hold anything under ${ATTENDEE.email}.`)).toBeVisible();
});
