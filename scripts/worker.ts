/**
 * Background worker: sends the email outbox through Resend (when RESEND_API_KEY is set) every few
 * seconds. Without a key it does nothing and messages stay readable on the dev mailbox page.
 * Stateless: run as many as you like against the same database.
 */
import { resolveDatabase } from "../lib/db/database-url";
import { createPrismaClient } from "../lib/db/create-client";
import { createResendTransport } from "../lib/integrations/email/resend-transport";
import { sendDueEmails } from "../lib/integrations/email/send-outbox";

const apiKey = process.env.RESEND_API_KEY;
if (!apiKey) {
  console.log("RESEND_API_KEY is not set: emails stay in the outbox (see /dev/mailbox). Nothing to do.");
  process.exit(0);
}
const { url } = await resolveDatabase();
const db = createPrismaClient(url, { max: 2 });
const transport = createResendTransport(apiKey);
const from = process.env.EMAIL_FROM ?? "The Vision <hello@thevision.example>";
let isStopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void (isStopping = true));
while (!isStopping) {
  const { sent, failed } = await sendDueEmails({ db, transport, from });
  if (sent || failed) console.log(`[worker] sent ${sent}, will retry ${failed}`);
  await new Promise((resolve) => setTimeout(resolve, 5000));
}
await db.$disconnect();
