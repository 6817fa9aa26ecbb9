import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, type DemoAccountKey } from "../../../lib/demo-accounts";
import { withDb } from "./database";

/**
 * Fixtures: `loginAs` signs in by writing a database session and its cookie (as Auth.js would after
 * a magic link), so journeys start signed in without clicking through; sign-in itself has its own spec.
 * `expectAccessible` runs axe and fails on serious or critical violations.
 */
export const test = base.extend<{
  loginAs: (account: DemoAccountKey) => Promise<void>;
  /** Signs in as any seeded user by email (e.g. an associate without a demo button), so specs can use people no other spec touches. */
  loginAsEmail: (email: string) => Promise<void>;
  expectAccessible: (page: Page) => Promise<void>;
}>({
  loginAs: async ({ loginAsEmail }, use) => {
    await use(async (account) => loginAsEmail(DEMO_ACCOUNTS.find((a) => a.key === account)!.email));
  },
  loginAsEmail: async ({ context, baseURL }, use) => {
    await use(async (email) => {
      const token = randomBytes(32).toString("hex");
      await withDb(async (client) => {
        const { rows } = await client.query<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [email]);
        if (!rows[0]) throw new Error(`Seeded user ${email} is missing`);
        await client.query(
          `INSERT INTO "Session" ("sessionToken", "userId", "expires", "updatedAt") VALUES ($1, $2, now() + interval '1 day', now())`,
          [token, rows[0].id],
        );
      });
      await context.addCookies([{ name: "authjs.session-token", value: token, url: baseURL!, httpOnly: true, sameSite: "Lax" }]);
    });
  },
  expectAccessible: async ({}, use) => {
    await use(async (page) => {
      // Next streams metadata after a client-side navigation; scan once the title has arrived.
      await expect(page).toHaveTitle(/\S/);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
    });
  },
});

export { expect };
