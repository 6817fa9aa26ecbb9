/**
 * Background worker (`npm run worker`; `npm run dev` and `npm start` run one beside Next):
 *   - every 30 s: expire lapsed holds and timed-out offers (offering the next candidate);
 *   - every hour: take associates off deliveries their checks no longer cover, and email each associate
 *     once about a verified check that runs out within 30 days;
 *   - every 5 minutes: send the 48-hour reminders with joining details;
 *   - every 6 hours: polite reminders for invoices 1, 14 and 30 days overdue (once each);
 *   - every 5 s, when RESEND_API_KEY is set: send the email outbox through Resend with retries.
 * Stateless and safe to run on any number of machines: each step locks the rows it works on.
 */
import { resolveDatabase } from "../lib/db/database-url";
import { createPrismaClient } from "../lib/db/create-client";
import { createResendTransport } from "../lib/integrations/email/resend-transport";
import { sendDueEmails } from "../lib/integrations/email/send-outbox";
import { expireHoldsAndOffers } from "../lib/server/booking/expire-holds-and-offers";
import { sendComplianceExpiryWarnings } from "../lib/server/associates/compliance-expiry";
import { repairAfterComplianceLapse } from "../lib/server/booking/repair-after-compliance-lapse";
import { sendDueReminders } from "../lib/server/booking/send-reminders";
import { sendOverdueInvoiceReminders } from "../lib/server/director/invoice-reminders";

const { url } = await resolveDatabase(process.env.WORKER_DATABASE ?? undefined);
const db = createPrismaClient(url, { max: 3 });
const apiKey = process.env.RESEND_API_KEY;
const transport = apiKey ? createResendTransport(apiKey) : null;
const from = process.env.EMAIL_FROM ?? "The Vision <hello@thevision.example>";
if (!transport) console.log("[worker] RESEND_API_KEY is not set: emails stay in the outbox (see /dev/mailbox).");

let isStopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void (isStopping = true));

function every(ms: number, name: string, job: () => Promise<unknown>) {
  let last = 0;
  return async () => {
    if (Date.now() - last < ms) return;
    last = Date.now();
    try {
      const result = await job();
      if (result && Object.values(result as Record<string, number>).some((n) => n > 0)) console.log(`[worker] ${name}: ${JSON.stringify(result)}`);
    } catch (error) {
      console.error(`[worker] ${name} failed:`, error instanceof Error ? error.message : error);
    }
  };
}

const jobs = [
  every(30_000, "expire holds and offers", () => expireHoldsAndOffers({ db })),
  every(60 * 60_000, "compliance re-check", async () => ({
    ...(await repairAfterComplianceLapse({ db })),
    ...(await sendComplianceExpiryWarnings({ db, appUrl: process.env.APP_URL ?? "http://localhost:3000" })),
  })),
  every(5 * 60_000, "48-hour reminders", () => sendDueReminders({ db, appUrl: process.env.APP_URL ?? "http://localhost:3000" })),
  every(6 * 60 * 60_000, "overdue invoice reminders", () => sendOverdueInvoiceReminders({ db, appUrl: process.env.APP_URL ?? "http://localhost:3000" })),
  ...(transport ? [every(5_000, "email", () => sendDueEmails({ db, transport, from }))] : []),
];
// Started beside the web server: if that process dies without stopping us, we are re-parented — stop too.
const parentPid = process.ppid;
while (!isStopping) {
  if (process.ppid !== parentPid) {
    console.log("[worker] The process that started the worker has gone: stopping.");
    break;
  }
  for (const job of jobs) await job();
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
await db.$disconnect();
