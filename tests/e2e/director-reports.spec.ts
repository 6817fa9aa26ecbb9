import type pg from "pg";
import { expect, test } from "./support/fixtures";
import { withDb } from "./support/database";

/**
 * The director's impact and evaluation reports and the audit log. The expected figures are worked out
 * here, independently, with SQL against the e2e database at the moment of the assertion (the seed places
 * its delivered sessions in the weeks before today, and other specs running in parallel may add
 * delivered sessions), and compared with what the page shows; if another spec changes the data between
 * the query and the page, the check is repeated. Only reads: this spec changes nothing but audit events.
 */

const INTERVALS = { month: "1 month", quarter: "3 months", year: "1 year" } as const;
type Period = keyof typeof INTERVALS;

const BOUNDS = `bounds AS (
  SELECT (date_trunc($1, now() AT TIME ZONE 'Europe/London') AT TIME ZONE 'Europe/London') AS s,
         ((date_trunc($1, now() AT TIME ZONE 'Europe/London') + $2::interval) AT TIME ZONE 'Europe/London') AS e)`;

const pounds = (pence: number) => `£${Math.floor(pence / 100).toLocaleString("en-GB")}.${String(pence % 100).padStart(2, "0")}`;
const hours = (minutes: number) => {
  const h = Math.round((minutes / 60) * 10) / 10;
  return `${h.toLocaleString("en-GB", { maximumFractionDigits: 1 })} hour${h === 1 ? "" : "s"}`;
};

/** The textbook Gini: mean absolute difference over all ordered pairs ÷ (2 × mean). */
function giniByPairs(xs: number[]): number {
  const total = xs.reduce((a, b) => a + b, 0);
  if (xs.length === 0 || total === 0) return 0;
  let sum = 0;
  for (const a of xs) for (const b of xs) sum += Math.abs(a - b);
  return sum / (2 * xs.length * total);
}

async function expectedImpact(client: pg.Client, period: Period) {
  const args = [period, INTERVALS[period]];
  const lived = await client.query<{ pence: number; minutes: number; people: number }>(
    `WITH ${BOUNDS}
     SELECT COALESCE(SUM(a."feePence"), 0)::int AS pence,
            COALESCE(SUM(EXTRACT(EPOCH FROM d."endsAt" - d."startsAt") / 60), 0)::int AS minutes,
            COUNT(DISTINCT a."associateId")::int AS people
     FROM "Assignment" a JOIN "Delivery" d ON d.id = a."deliveryId", bounds b
     WHERE d.status = 'DELIVERED' AND a.status = 'ACCEPTED' AND a.role = 'LIVED' AND a."feePence" > 0 AND d."startsAt" >= b.s AND d."startsAt" < b.e`,
    args,
  );
  const anyRole = await client.query<{ people: number }>(
    `WITH ${BOUNDS}
     SELECT COUNT(DISTINCT a."associateId")::int AS people
     FROM "Assignment" a JOIN "Delivery" d ON d.id = a."deliveryId", bounds b
     WHERE d.status = 'DELIVERED' AND a.status = 'ACCEPTED' AND a."feePence" > 0 AND d."startsAt" >= b.s AND d."startsAt" < b.e`,
    args,
  );
  const delivery = await client.query<{ delivered: number; codelivered: number }>(
    `WITH ${BOUNDS}
     SELECT COUNT(*)::int AS delivered,
            COUNT(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM "Assignment" l JOIN "Assignment" p ON p."deliveryId" = l."deliveryId"
              WHERE l."deliveryId" = d.id AND l.role = 'LIVED' AND l.status = 'ACCEPTED' AND p.role = 'PROFESSIONAL' AND p.status = 'ACCEPTED' AND l."associateId" <> p."associateId"))::int AS codelivered
     FROM "Delivery" d, bounds b WHERE d.status = 'DELIVERED' AND d."startsAt" >= b.s AND d."startsAt" < b.e`,
    args,
  );
  const perPerson = await client.query<{ name: string; pence: number }>(
    `WITH ${BOUNDS}, earned AS (
       SELECT a."associateId", SUM(a."feePence")::int AS pence
       FROM "Assignment" a JOIN "Delivery" d ON d.id = a."deliveryId", bounds b
       WHERE d.status = 'DELIVERED' AND a.status = 'ACCEPTED' AND a.role = 'LIVED' AND a."feePence" > 0 AND d."startsAt" >= b.s AND d."startsAt" < b.e
       GROUP BY a."associateId")
     SELECT COALESCE(u.name, u.email) AS name, COALESCE(e.pence, 0)::int AS pence
     FROM "Associate" s JOIN "User" u ON u.id = s."userId" LEFT JOIN earned e ON e."associateId" = s.id
     WHERE (s.active AND s.expertise IN ('LIVED', 'BOTH')) OR e."associateId" IS NOT NULL`,
    args,
  );
  const row = lived.rows[0]!;
  const { delivered, codelivered } = delivery.rows[0]!;
  return {
    hours: hours(row.minutes),
    pounds: pounds(row.pence),
    livedPeople: String(row.people),
    allPeople: String(anyRole.rows[0]!.people),
    delivered,
    codelivered,
    share: delivered === 0 ? "No sessions" : `${Math.round((codelivered / delivered) * 100)}%`,
    gini: row.pence === 0 ? "No paid work yet" : `Gini ${giniByPairs(perPerson.rows.map((p) => p.pence)).toFixed(2)}`,
    earners: perPerson.rows.filter((p) => p.pence > 0),
  };
}

test.describe("director reports", () => {
  test("the impact report shows figures that match the seed, for this quarter and this year", async ({ page, loginAs, expectAccessible }) => {
    test.setTimeout(90_000);
    await loginAs("director");
    // The seed's delivered, paid, co-delivered work in the last fourteen weeks is there to be counted.
    const seeded = await withDb((client) => expectedImpact(client, "year"));
    expect(seeded.earners.length).toBeGreaterThan(0);

    for (const period of ["quarter", "year"] as const) {
      await expect(async () => {
        const expected = await withDb((client) => expectedImpact(client, period));
        await page.goto(`/director/reports?period=${period}`);
        await expect(page.getByTestId("impact-hours")).toHaveText(expected.hours, { timeout: 2_000 });
        await expect(page.getByTestId("impact-pounds")).toHaveText(expected.pounds, { timeout: 2_000 });
        await expect(page.getByTestId("impact-lived-people")).toHaveText(expected.livedPeople, { timeout: 2_000 });
        await expect(page.getByTestId("impact-all-people")).toHaveText(expected.allPeople, { timeout: 2_000 });
        await expect(page.getByTestId("impact-codelivered")).toHaveText(expected.share, { timeout: 2_000 });
        await expect(page.getByTestId("impact-gini")).toHaveText(expected.gini, { timeout: 2_000 });
        if (expected.delivered > 0) await expect(page.getByText(`${expected.codelivered} of ${expected.delivered} delivered sessions`)).toBeVisible({ timeout: 2_000 });
        const chart = page.getByTestId("chart-fees-by-associate");
        for (const person of expected.earners) await expect(chart.getByText(`${pounds(person.pence)} ·`).first()).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 40_000 });
    }
    // The seed's work is all co-delivered.
    const year = await withDb((client) => expectedImpact(client, "year"));
    if (year.codelivered === year.delivered) await expect(page.getByText("All co-delivered")).toBeVisible();

    // The chart's figures are also a table, and the period switch marks where you are in words.
    await page.getByText("Show these figures as a table").first().click();
    await expect(page.getByRole("table", { name: "Fees for lived-experience work, by associate" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "This year (showing)" })).toHaveAttribute("aria-current", "true");
    await expectAccessible(page);

    // An unknown period is refused kindly, showing this quarter instead.
    await page.goto("/director/reports?period=decade");
    await expect(page.getByText("Choose this month, this quarter or this year. Showing this quarter instead.")).toBeVisible();
  });

  test("the evaluation report counts the feedback on this year's sessions, with charts and tables", async ({ page, loginAs, expectAccessible }) => {
    await loginAs("director");
    await expect(async () => {
      const { rows } = await withDb((client) =>
        client.query<{ responses: number; followups: number }>(
          `WITH ${BOUNDS}
           SELECT COUNT(*)::int AS responses, COUNT(f."followUpComment")::int AS followups
           FROM "Feedback" f JOIN "Delivery" d ON d.id = f."deliveryId", bounds b WHERE d."startsAt" >= b.s AND d."startsAt" < b.e`,
          ["year", INTERVALS.year],
        ),
      );
      await page.goto("/director/reports/evaluation?period=year");
      await expect(page.getByTestId("evaluation-responses")).toHaveText(String(rows[0]!.responses), { timeout: 2_000 });
      await expect(page.getByTestId("evaluation-follow-ups")).toHaveText(String(rows[0]!.followups), { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole("figure", { name: "How attendees rated the session overall" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Feedback by facilitator pair" })).toBeVisible();
    await expectAccessible(page);
  });

  test("the audit log shows who looked at the impact report, filtered, refuses a backwards date range, and records its own viewing", async ({ page, loginAs, expectAccessible }) => {
    await loginAs("director");
    await page.goto("/director/reports?period=month");
    await expect(page.getByTestId("impact-pounds")).toBeVisible();
    await page.goto("/director/audit");
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await page.getByLabel("What they did").selectOption({ label: "Looked at the impact report" });
    await page.getByRole("button", { name: "Show entries" }).click();
    await expect(page).toHaveURL(/action=report\.impact\.read/);
    const table = page.getByTestId("audit-table");
    await expect(table.getByRole("row").nth(1)).toContainText("Looked at the impact report");
    await expect(table.getByRole("row").nth(1)).toContainText("(director)");
    await expect(table.getByRole("row").nth(1).getByRole("link", { name: "Report" })).toHaveAttribute("href", "/director/reports");
    await expect(page.getByLabel("What they did")).toHaveValue("report.impact.read");
    await expectAccessible(page);

    // A backwards date range is refused field by field, keeping what was typed.
    await page.goto("/director/audit?from=2026-06-12&to=2026-06-01");
    await expect(page.getByText("The end date must be on or after the start date.")).toBeVisible();
    await expect(page.getByLabel("To (UK date)")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("From (UK date)")).toHaveValue("2026-06-12");

    // Looking at the log was itself recorded.
    await page.goto("/director/audit?action=audit.read");
    await expect(page.getByTestId("audit-table").getByRole("row").nth(1)).toContainText("Looked at the audit log");
  });

  test("a client and an associate get not found for the reports and the audit log", async ({ page, loginAs }) => {
    for (const who of ["council-admin", "lived-associate"] as const) {
      await loginAs(who);
      for (const path of ["/director/reports", "/director/reports/evaluation", "/director/audit"]) {
        const response = await page.goto(path);
        expect(response?.status(), `${who} at ${path}`).toBe(404);
        await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      }
    }
  });
});
