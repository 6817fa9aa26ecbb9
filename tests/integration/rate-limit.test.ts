import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { clientAddress } from "@/lib/server/security/client-address";
import { createSignInLimiters, limitDemoSignIn, limitMagicLinkRequest, SIGN_IN_LIMITS } from "@/lib/server/security/rate-limit";

/**
 * Two Prisma clients (separate connection pools) with their own limiter objects play two app
 * instances behind a load balancer; the only thing they share is the database.
 */
const instanceA = createPrismaClient(process.env.DATABASE_URL, { max: 4 });
const instanceB = createPrismaClient(process.env.DATABASE_URL, { max: 4 });
afterAll(() => Promise.all([instanceA.$disconnect(), instanceB.$disconnect()]));

const uniqueEmail = () => `rate-${randomUUID()}@test.example`;
const uniqueAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("sign-in rate limits in the shared store", () => {
  it("allows 5 magic links to one address across two instances and refuses the 6th on either, with a plain-English wait", async () => {
    const [a, b] = [createSignInLimiters(instanceA), createSignInLimiters(instanceB)];
    const email = uniqueEmail();
    const outcomes = [];
    // Alternate instances, and a different client address each time, so only the per-email count can refuse.
    for (let i = 0; i < SIGN_IN_LIMITS.linksPerEmail + 2; i++) {
      outcomes.push(await limitMagicLinkRequest({ email, clientAddress: uniqueAddress() }, i % 2 === 0 ? a : b));
    }
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, true, true, false, false]);
    const refused = outcomes[5]!;
    expect(refused).toMatchObject({ ok: false, code: "RATE_LIMITED", message: "Too many sign-in links were asked for. Please wait 15 minutes and try again." });
    // The same address in other letter case and spacing is the same inbox.
    expect((await limitMagicLinkRequest({ email: `  ${email.toUpperCase()} `, clientAddress: uniqueAddress() }, a)).ok).toBe(false);
    // Another address is unaffected.
    expect((await limitMagicLinkRequest({ email: uniqueEmail(), clientAddress: uniqueAddress() }, b)).ok).toBe(true);
  });

  it("counts simultaneous requests on both instances exactly: 12 at once for one address, 5 allowed", async () => {
    const [a, b] = [createSignInLimiters(instanceA), createSignInLimiters(instanceB)];
    const email = uniqueEmail();
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => limitMagicLinkRequest({ email, clientAddress: uniqueAddress() }, i % 2 === 0 ? a : b)),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(SIGN_IN_LIMITS.linksPerEmail);
    expect(outcomes.filter((o) => !o.ok && o.code === "RATE_LIMITED")).toHaveLength(12 - SIGN_IN_LIMITS.linksPerEmail);
  });

  it("allows 20 sign-in requests from one client address across both instances (links and demo sign-ins together), then refuses", async () => {
    const [a, b] = [createSignInLimiters(instanceA), createSignInLimiters(instanceB)];
    const address = uniqueAddress();
    const allowed = [];
    for (let i = 0; i < SIGN_IN_LIMITS.requestsPerAddress; i++) {
      const limiters = i % 2 === 0 ? a : b;
      allowed.push(i % 4 === 3 ? await limitDemoSignIn({ clientAddress: address }, limiters) : await limitMagicLinkRequest({ email: uniqueEmail(), clientAddress: address }, limiters));
    }
    expect(allowed.every((o) => o.ok)).toBe(true);
    expect(await limitMagicLinkRequest({ email: uniqueEmail(), clientAddress: address }, b)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(await limitDemoSignIn({ clientAddress: address }, a)).toMatchObject({
      ok: false,
      code: "RATE_LIMITED",
      message: "Too many sign-in attempts came from your connection. Please wait 15 minutes and try again.",
    });
    expect((await limitDemoSignIn({ clientAddress: uniqueAddress() }, a)).ok).toBe(true);
  });

  it("starts a new allowance once the window has passed, on either instance", async () => {
    const [a, b] = [createSignInLimiters(instanceA, { windowSeconds: 2 }), createSignInLimiters(instanceB, { windowSeconds: 2 })];
    const email = uniqueEmail();
    const started = Date.now();
    for (let i = 0; i < SIGN_IN_LIMITS.linksPerEmail; i++) {
      expect((await limitMagicLinkRequest({ email, clientAddress: uniqueAddress() }, i % 2 === 0 ? a : b)).ok).toBe(true);
    }
    const refused = await limitMagicLinkRequest({ email, clientAddress: uniqueAddress() }, b);
    expect(refused).toMatchObject({ ok: false, message: "Too many sign-in links were asked for. Please wait 1 minute and try again." });
    // Still refused while the window lasts (only meaningful if we are still inside it).
    if (Date.now() - started < 1500) expect((await limitMagicLinkRequest({ email, clientAddress: uniqueAddress() }, a)).ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 2_300 - Date.now())));
    expect((await limitMagicLinkRequest({ email, clientAddress: uniqueAddress() }, a)).ok).toBe(true);
    expect((await limitMagicLinkRequest({ email, clientAddress: uniqueAddress() }, b)).ok).toBe(true);
  });

  it("keeps no email or IP address in clear in the store", async () => {
    const email = uniqueEmail();
    const address = uniqueAddress();
    await limitMagicLinkRequest({ email, clientAddress: address }, createSignInLimiters(instanceA));
    const rows = await instanceA.rateLimiterFlexible.findMany({ select: { key: true } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.key.includes(email) || row.key.includes(address) || row.key.includes("@"))).toEqual([]);
  });
});

describe("the client address", () => {
  it("is the right-most X-Forwarded-For entry, or the one that many proxies from the right when TRUST_PROXY says so", () => {
    const headers = (value: string) => new Headers({ "x-forwarded-for": value });
    expect(clientAddress(headers("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    // A client-written list gains nothing: the entry next to us is used.
    expect(clientAddress(headers("1.1.1.1, 2.2.2.2, 203.0.113.9"), 0)).toBe("203.0.113.9");
    expect(clientAddress(headers("1.1.1.1, 203.0.113.9, 198.51.100.2"), 2)).toBe("203.0.113.9");
    expect(clientAddress(headers("not-an-ip"), 0)).toBe("unknown");
    expect(clientAddress(new Headers(), 1)).toBe("unknown");
  });
});
