import { randomInt, randomUUID } from "node:crypto";
import { expect, test } from "./support/fixtures";
import { withDb } from "./support/database";

/**
 * Sign-in rate limits against the real server and database. Other specs share this database and
 * the e2e server's one client address (127.0.0.1), so each test uses an email address of its own
 * and its own client address: the server runs without TRUST_PROXY and so reads the right-most
 * X-Forwarded-For entry (lib/server/security/client-address.ts), keeping these requests out of the
 * 20-per-15-minutes budget the other specs' sign-ins share.
 */
const ownAddress = () => `198.18.${randomInt(0, 255)}.${randomInt(1, 255)}`;

async function magicLinksSentTo(email: string): Promise<number> {
  return withDb(async (client) => {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "OutboxMessage" WHERE "to" = $1 AND kind = 'magic-link'`, [email]);
    return Number(rows[0]!.n);
  });
}

test.describe("sign-in rate limits", () => {
  test("the 6th magic link asked for one address within 15 minutes is refused in plain English, and not sent", async ({ page }) => {
    test.setTimeout(90_000);
    await page.setExtraHTTPHeaders({ "x-forwarded-for": ownAddress() });
    const email = `limit-${randomUUID()}@test.example`;
    for (let i = 1; i <= 5; i++) {
      await page.goto("/sign-in");
      await page.getByLabel("Email address").fill(email);
      await page.getByRole("button", { name: "Email me a sign-in link" }).click();
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    }
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Too many" })).toHaveText("Too many sign-in links were asked for. Please wait 15 minutes and try again.");
    await expect(page).toHaveURL(/\/sign-in$/);
    expect(await magicLinksSentTo(email)).toBe(5);
  });

  test("Auth.js's own endpoint (POST /api/auth/signin/email) answers 429 after 5 links to one address, and sends nothing more", async ({ request }) => {
    const email = `limit-api-${randomUUID()}@test.example`;
    const headers = { "x-forwarded-for": ownAddress() };
    const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers })).json()) as { csrfToken: string };
    const post = () => request.post("/api/auth/signin/email", { headers, form: { email, csrfToken, callbackUrl: "/dashboard" }, maxRedirects: 0 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post()).status());
    // Auth.js redirects to "check your email" after sending each link.
    expect(statuses).toEqual([302, 302, 302, 302, 302]);
    const refused = await post();
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(14 * 60);
    expect(await refused.json()).toEqual({ code: "RATE_LIMITED", message: "Too many sign-in links were asked for. Please wait 15 minutes and try again." });
    expect(await magicLinksSentTo(email)).toBe(5);
  });
});
