import { createPrismaClient } from "../../lib/db/create-client";
import { e2eDatabaseUrl, withDb } from "./support/database";
import { expect, test } from "./support/fixtures";

/**
 * A withdrawal appears as an alert and is re-paired from the board. The spec brings its own small
 * world (a client, a service only these associates deliver, four associates and one confirmed
 * session) so no other spec's people or sessions are touched, and the ranking has only these to choose from.
 */
const suffix = Math.random().toString(36).slice(2, 8);
const SERVICE = `Life story circle ${suffix}`;
const CLIENT = `Riverside Young People's Trust ${suffix}`;
const WREN = `wren.${suffix}@associates.thevision.example`;

/** One world per test: `suffix` keeps names, emails and slugs apart. */
async function createWorld(suffix: string) {
  const SERVICE = `Life story circle ${suffix}`;
  const CLIENT = `Riverside Young People's Trust ${suffix}`;
  const WREN = `wren.${suffix}@associates.thevision.example`;
  const db = createPrismaClient(e2eDatabaseUrl(), { max: 2 });
  try {
    const director = await db.user.findFirstOrThrow({ where: { email: "director@thevision.example" }, select: { id: true } });
    const service = await db.service.create({
      data: {
        slug: `life-story-circle-${suffix}`,
        name: SERVICE,
        category: "GROUP_WORK",
        summary: "A small group on life story work.",
        description: "A small group on life story work, co-delivered.",
        durationMinutes: 120,
        deliveryModes: ["ONLINE"],
        capacity: 8,
        pricePence: 60_000,
        bookableOnline: false,
        active: false,
        childFacing: false,
      },
    });
    const organisation = await db.organisation.create({ data: { slug: `riverside-${suffix}`, name: CLIENT } });
    const booker = await db.user.create({ data: { email: `booker.${suffix}@riverside.example`, name: "Bea Booker", platformRole: "CLIENT" } });
    await db.membership.create({ data: { userId: booker.id, organisationId: organisation.id, role: "ORG_ADMIN" } });
    const people = [
      { email: WREN, name: `Wren ${suffix}`, expertise: "LIVED" as const },
      { email: `ivy.${suffix}@associates.thevision.example`, name: `Ivy ${suffix}`, expertise: "LIVED" as const },
      { email: `juno.${suffix}@associates.thevision.example`, name: `Juno ${suffix}`, expertise: "LIVED" as const },
      { email: `otis.${suffix}@associates.thevision.example`, name: `Otis ${suffix}`, expertise: "PROFESSIONAL" as const },
    ];
    const ids: string[] = [];
    for (const person of people) {
      const user = await db.user.create({ data: { email: person.email, name: person.name, platformRole: "ASSOCIATE" } });
      const associate = await db.associate.create({ data: { userId: user.id, expertise: person.expertise, feePerHalfDayPence: 15_000 } });
      await db.consent.create({ data: { associateId: associate.id, purpose: "MATCHING" } });
      await db.qualification.create({ data: { associateId: associate.id, serviceId: service.id, status: "APPROVED", approvedById: director.id } });
      await db.availabilityRule.createMany({ data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ associateId: associate.id, weekday, startMinute: 8 * 60, endMinute: 20 * 60 })) });
      const verified = { associateId: associate.id, verifiedById: director.id, verifiedAt: new Date() };
      await db.complianceRecord.createMany({
        data: [
          { kind: "DBS_ENHANCED", reference: "E2E-1", checkedOn: new Date("2026-01-10"), details: { level: "ENHANCED", workforce: "CHILD_AND_ADULT", barredListChecked: true }, ...verified },
          { kind: "DBS_UPDATE_SERVICE", reference: "E2E-U", checkedOn: new Date(), expiresOn: new Date(Date.now() + 300 * 86_400_000), ...verified },
          { kind: "INSURANCE", reference: "E2E-I", checkedOn: new Date("2026-01-01"), expiresOn: new Date("2029-01-01"), ...verified },
          { kind: "SAFEGUARDING_TRAINING", reference: "E2E-S", checkedOn: new Date("2026-01-01"), expiresOn: new Date("2029-01-01"), ...verified },
        ],
      });
      ids.push(associate.id);
    }
    // Four weeks ahead at 10:00 UTC (11:00 or 10:00 in London): a CONFIRMED session with Wren and Otis.
    const startsAt = new Date(Date.now() + 28 * 86_400_000);
    startsAt.setUTCHours(10, 0, 0, 0);
    const endsAt = new Date(startsAt.getTime() + 120 * 60_000);
    const engagement = await db.engagement.create({
      data: {
        reference: `GT-E2E-${suffix.toUpperCase()}`,
        organisationId: organisation.id,
        serviceId: service.id,
        requestedById: booker.id,
        status: "AWAITING_FACILITATORS",
        unitPricePenceSnapshot: 60_000,
        vatRateBasisPointsSnapshot: 2000,
      },
    });
    const delivery = await db.delivery.create({ data: { engagementId: engagement.id, startsAt, endsAt, mode: "ONLINE", status: "AWAITING_ACCEPTANCE" } });
    const blocked = { blockedFrom: new Date(startsAt.getTime() - 30 * 60_000), blockedUntil: new Date(endsAt.getTime() + 30 * 60_000), bufferMinutes: 30 };
    const wrenAssignment = await db.assignment.create({ data: { deliveryId: delivery.id, associateId: ids[0]!, role: "LIVED", status: "ACCEPTED", feePence: 15_000, offeredAt: new Date(), respondedAt: new Date(), ...blocked } });
    await db.assignment.create({ data: { deliveryId: delivery.id, associateId: ids[3]!, role: "PROFESSIONAL", status: "ACCEPTED", feePence: 15_000, offeredAt: new Date(), respondedAt: new Date(), ...blocked } });
    await db.delivery.update({ where: { id: delivery.id }, data: { status: "CONFIRMED" } });
    await db.engagement.update({ where: { id: engagement.id }, data: { status: "CONFIRMED" } });
    return { deliveryId: delivery.id, wrenAssignmentId: wrenAssignment.id };
  } finally {
    await db.$disconnect();
  }
}

test.describe("re-pairing from the board", () => {
  test("an associate withdraws; the director sees the alert, opens the board, offers to a pair, and the alert is gone", async ({ page, loginAsEmail, loginAs, expectAccessible, context }) => {
    test.setTimeout(90_000);
    const world = await createWorld(suffix);

    // Wren withdraws through the associate portal.
    await loginAsEmail(WREN);
    await page.goto(`/associate/sessions/${world.wrenAssignmentId}`);
    await page.getByRole("button", { name: "I can no longer do this session" }).click();
    await page.getByLabel(/What.s happened/).fill("A family emergency.");
    await page.getByRole("button", { name: "Yes, withdraw" }).click();
    await expect(page).toHaveURL(/\/associate\/sessions\?withdrawn=1/);

    // The director sees the alert on the overview and follows it to the board.
    await context.clearCookies();
    await loginAs("director");
    await page.goto("/director");
    const attention = page.getByRole("region", { name: "Needs your attention" });
    const alert = attention.getByRole("listitem").filter({ hasText: SERVICE });
    await expect(alert).toContainText("An associate withdrew");
    await alert.getByRole("link", { name: "Re-pair this session" }).click();
    await expect(page).toHaveURL(new RegExp(`/director/deliveries/${world.deliveryId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${SERVICE} for ${CLIENT}`);
    await expect(page.getByRole("region", { name: "Why this session needs you" })).toContainText("An associate withdrew");
    await expectAccessible(page);

    // The board: Wren isn't suggested again; Otis (who accepted) stays; each pair says why.
    const pairs = page.getByRole("region", { name: "Suggested pairs" }).getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
    await expect(pairs).toHaveCount(2);
    await expect(pairs.filter({ hasText: `Wren ${suffix}` })).toHaveCount(0);
    await expect(pairs.first()).toContainText("£0 paid this quarter — least so far");
    await expect(pairs.first()).toContainText(`Otis ${suffix}`);

    // The automatic replacement offer went to one of Ivy and Juno; the director offers the other.
    const offerable = pairs.filter({ has: page.getByRole("button", { name: /Offer to this pair/ }) });
    await expect(offerable).toHaveCount(1);
    const chosen = (await offerable.getByRole("heading", { level: 3 }).textContent())!;
    const chosenName = chosen.includes(`Ivy ${suffix}`) ? `Ivy ${suffix}` : `Juno ${suffix}`;
    const card = pairs.filter({ hasText: chosenName });
    // Effect on fairness before deciding: the chosen lived associate goes from £0 to £150 this quarter (if the session falls in it).
    await card.getByText("Effect on fairness").click();
    await expect(card.getByRole("table")).toContainText(chosenName);
    await card.getByRole("button", { name: /Offer to this pair/ }).click();
    // It moves the other person's unanswered offer off the session, so the director confirms first.
    await expect(card).toContainText("offered, not yet answered");
    await card.getByRole("button", { name: /Yes, offer to this pair/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 offer sent; 1 person moved off and told kindly." })).toBeVisible();
    await expect(page.getByRole("region", { name: "Why this session needs you" })).toHaveCount(0);
    const team = page.getByRole("region", { name: "Who's on this session" });
    await expect(team.getByRole("listitem").filter({ hasText: chosenName })).toContainText("Offered, waiting for a reply");
    await expect(team.getByRole("listitem").filter({ hasText: `Otis ${suffix}` })).toContainText("Accepted");
    await expectAccessible(page);

    // The alert is gone from the overview and from the pipeline's panel.
    await page.goto("/director");
    await expect(page.getByRole("region", { name: "Needs your attention" }).getByRole("listitem").filter({ hasText: SERVICE })).toHaveCount(0);
    await page.goto("/director/engagements");
    await expect(page.getByRole("region", { name: "Needs your attention" })).not.toContainText(SERVICE);
    await expectAccessible(page);

    const offers = await withDb(async (client) => {
      const { rows } = await client.query<{ status: string; name: string }>(
        `SELECT a.status, u.name FROM "Assignment" a JOIN "Associate" s ON s.id = a."associateId" JOIN "User" u ON u.id = s."userId" WHERE a."deliveryId" = $1 ORDER BY u.name, a.status`,
        [world.deliveryId],
      );
      return rows.map((r) => `${r.name.split(" ")[0]}:${r.status}`).sort();
    });
    expect(offers).toEqual(
      [`${chosenName.split(" ")[0]}:OFFERED`, "Otis:ACCEPTED", "Wren:WITHDRAWN", `${chosenName.startsWith("Ivy") ? "Juno" : "Ivy"}:WITHDRAWN`].sort(),
    );
  });

  test("swapping one facilitator asks first, moves them off kindly, and the session is no longer shown as confirmed", async ({ page, loginAs, expectAccessible }) => {
    test.setTimeout(60_000);
    const other = `${suffix}s`;
    const world = await createWorld(other);
    await loginAs("director");
    await page.goto(`/director/deliveries/${world.deliveryId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Life story circle ${other} for Riverside Young People's Trust ${other}`);
    await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
    const swap = page.getByRole("region", { name: "Swap one facilitator" });
    await swap.getByRole("radio", { name: /The lived-experience associate \(now Wren/ }).check();
    // Nobody chosen: refused in plain English, next to the field.
    await swap.getByRole("button", { name: "Swap this facilitator" }).click();
    await expect(swap.getByText("Choose who should take their place.").last()).toBeVisible();
    await expect(swap.getByLabel("Who should take their place?")).toHaveAttribute("aria-invalid", "true");
    await swap.getByLabel("Who should take their place?").selectOption({ label: `Ivy ${other} — £0.00 paid this quarter` });
    await swap.getByRole("button", { name: "Swap this facilitator" }).click();
    await expect(swap).toContainText(`Wren ${other}, who had accepted, will be moved off this session and emailed kindly`);
    await expectAccessible(page);
    await swap.getByRole("button", { name: "Yes, swap and send the offer" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 offer sent; 1 person moved off and told kindly." })).toBeVisible();
    // Never left looking confirmed without a pair: Ivy hasn't said yes yet.
    await expect(page.getByText("Awaiting facilitators", { exact: true })).toBeVisible();
    const team = page.getByRole("region", { name: "Who's on this session" });
    await expect(team.getByRole("listitem").filter({ hasText: `Ivy ${other}` })).toContainText("Offered, waiting for a reply");
    await team.getByText("Earlier offers (1)").click();
    await expect(team).toContainText(`Wren ${other}, lived-experience associate: Moved off this session`);
    const outbox = await withDb(async (client) => {
      const { rows } = await client.query<{ kind: string }>(`SELECT kind FROM "OutboxMessage" WHERE "to" = $1 ORDER BY "createdAt"`, [`wren.${other}@associates.thevision.example`]);
      return rows.map((r) => r.kind);
    });
    expect(outbox).toEqual(["assignment-released"]);
  });

  test("the pipeline filters by client and links each session to its board; an associate gets not found", async ({ page, loginAs, expectAccessible, context }) => {
    test.setTimeout(60_000);
    await loginAs("director");
    await page.goto("/director/engagements");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Engagements");
    await page.getByLabel("Client").selectOption({ label: "Northshire County Council" });
    await page.getByRole("button", { name: "Show engagements" }).click();
    await expect(page).toHaveURL(/client=/);
    await page.getByRole("navigation", { name: "Stages" }).getByRole("link", { name: /^Confirmed/ }).click();
    await expect(page.getByRole("navigation", { name: "Stages" }).getByRole("link", { name: /^Confirmed/ })).toHaveAttribute("aria-current", "page");
    const rows = page.getByRole("region", { name: /Confirmed/ }).getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
    await expect(rows.first()).toContainText("Northshire County Council");
    await expectAccessible(page);
    await rows.first().getByRole("link").first().click();
    await expect(page).toHaveURL(/\/director\/deliveries\//);
    await expect(page.getByRole("heading", { name: "Suggested pairs" })).toBeVisible();

    await context.clearCookies();
    await loginAs("professional-associate");
    const response = await page.goto("/director/engagements");
    expect(response?.status()).toBe(404);
  });
});
