/**
 * Limits for the booking transactions. They wait for row locks on a delivery that racing requests also
 * want, so Prisma's defaults (2 s to start, 5 s to run) turn a busy moment into an error; these ride it out
 * while still ending a transaction that is truly stuck.
 */
export const BOOKING_TRANSACTION_LIMITS = { maxWait: 15_000, timeout: 20_000 };
