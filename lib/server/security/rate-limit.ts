import "server-only";
import { createHmac } from "node:crypto";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db/client";
import type { Db } from "@/lib/db/create-client";
import { env } from "@/lib/env";
import { AppErrorCode } from "@/lib/result";

/**
 * Rate limits on signing in, counted in PostgreSQL (table "RateLimiterFlexible") rather than in
 * process memory, so every app instance shares one count: a second server or a restart does not
 * hand out a fresh allowance.
 *
 * RateLimiterPrisma fits our Prisma 7 client as it is: it reaches the model as
 * `client.RateLimiterFlexible` (Prisma 7 exposes the model under its schema name as well as
 * camel case), starts a new window by deleting an expired row, and counts with an atomic
 * `upsert … points: { increment }` (INSERT … ON CONFLICT DO UPDATE), so simultaneous requests on
 * different instances are all counted (tests/integration/rate-limit.test.ts).
 */

/** One window for every sign-in limit: 15 minutes, the life of a magic link. */
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

export const SIGN_IN_LIMITS = {
  /** Magic links to one address per window: enough for a lost or slow email, too few to flood an inbox. */
  linksPerEmail: 5,
  /** Sign-in requests (magic links and demo sign-ins) from one client address per window; an office shares one address. */
  requestsPerAddress: 20,
} as const;

export type SignInLimiters = { perEmail: RateLimiterPrisma; perAddress: RateLimiterPrisma };

/**
 * Creates the sign-in limiters over a Prisma client. The app uses one set per process over its
 * shared client; tests create several over separate clients to play separate instances.
 */
export function createSignInLimiters(store: Db = db, options: { windowSeconds?: number } = {}): SignInLimiters {
  const duration = options.windowSeconds ?? SIGN_IN_WINDOW_SECONDS;
  return {
    perEmail: new RateLimiterPrisma({ storeClient: store, keyPrefix: "sign-in:email", points: SIGN_IN_LIMITS.linksPerEmail, duration }),
    perAddress: new RateLimiterPrisma({ storeClient: store, keyPrefix: "sign-in:address", points: SIGN_IN_LIMITS.requestsPerAddress, duration }),
  };
}

let processLimiters: SignInLimiters | undefined;
function appLimiters(): SignInLimiters {
  return (processLimiters ??= createSignInLimiters());
}

/**
 * Keys are keyed hashes, so the table never holds an email or IP address (personal data) in clear,
 * and a key cannot be reversed by hashing a list of addresses without the server's secret.
 */
function keyFor(value: string): string {
  return createHmac("sha256", env.authSecret).update(value.trim().toLowerCase()).digest("base64url");
}

export type RateLimitedFailure = { ok: false; code: typeof AppErrorCode.RATE_LIMITED; message: string; retryAfterSeconds: number };

function rateLimited(waitMs: number, message: string): RateLimitedFailure {
  return { ok: false, code: AppErrorCode.RATE_LIMITED, message, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

function minutesText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** Counts one attempt against each key; refused if any of them is over its limit. Store errors are thrown, not swallowed. */
async function consumeAll(attempts: { limiter: RateLimiterPrisma; key: string }[]): Promise<number | null> {
  const outcomes = await Promise.allSettled(attempts.map(({ limiter, key }) => limiter.consume(keyFor(key))));
  let waitMs: number | null = null;
  for (const outcome of outcomes) {
    if (outcome.status === "fulfilled") continue;
    if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
    waitMs = Math.max(waitMs ?? 0, outcome.reason.msBeforeNext);
  }
  return waitMs;
}

/**
 * Counts a request for a magic link against the address it goes to and the client address it
 * came from. Called before anything is sent; a refusal means no link and no email.
 */
export async function limitMagicLinkRequest(
  options: { email: string; clientAddress: string },
  limiters: SignInLimiters = appLimiters(),
): Promise<{ ok: true; data: null } | RateLimitedFailure> {
  const waitMs = await consumeAll([
    { limiter: limiters.perEmail, key: options.email },
    { limiter: limiters.perAddress, key: options.clientAddress },
  ]);
  return waitMs === null ? { ok: true, data: null } : rateLimited(waitMs, `Too many sign-in links were asked for. Please wait ${minutesText(waitMs)} and try again.`);
}

/**
 * Counts a one-click demo sign-in against the client address only: the demo accounts are shared
 * by every visitor, so a per-account limit would let one visitor lock everyone else out.
 */
export async function limitDemoSignIn(
  options: { clientAddress: string },
  limiters: SignInLimiters = appLimiters(),
): Promise<{ ok: true; data: null } | RateLimitedFailure> {
  const waitMs = await consumeAll([{ limiter: limiters.perAddress, key: options.clientAddress }]);
  return waitMs === null
    ? { ok: true, data: null }
    : rateLimited(waitMs, `Too many sign-in attempts came from your connection. Please wait ${minutesText(waitMs)} and try again.`);
}
