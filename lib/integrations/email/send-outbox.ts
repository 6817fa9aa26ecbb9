import type { Db } from "@/lib/db/create-client";
import type { EmailAttachment } from "./enqueue-email";

/** What the outbox needs from an email provider: send one message, or throw. */
export type EmailTransport = {
  send(message: { from: string; to: string; subject: string; text: string; html: string; attachments?: EmailAttachment[]; idempotencyKey: string }): Promise<{ providerId: string }>;
};

/** Retry schedule: 30 s, 1 min, 2 min … capped at 1 hour. Messages are never dropped: they wait for the provider. */
export function nextAttemptDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

/**
 * Sends due outbox messages. Each message is claimed with FOR UPDATE SKIP LOCKED inside its own
 * transaction, so any number of workers can run without sending a message twice; the provider's
 * idempotency key (the message id) covers a crash between sending and recording.
 */
export async function sendDueEmails({ db, transport, from, now = () => new Date(), batchSize = 20 }: {
  db: Db;
  transport: EmailTransport;
  from: string;
  now?: () => Date;
  batchSize?: number;
}): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < batchSize; i++) {
    const outcome = await db.$transaction(async (tx) => {
      const [message] = await tx.$queryRaw<{ id: string; to: string; subject: string; payload: { text: string; html: string; attachments?: EmailAttachment[] }; attempts: number }[]>`
        SELECT "id", "to", "subject", "payload", "attempts" FROM "OutboxMessage"
         WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now()}
         ORDER BY "nextAttemptAt" FOR UPDATE SKIP LOCKED LIMIT 1`;
      if (!message) return "empty" as const;
      try {
        const { providerId } = await transport.send({
          from,
          to: message.to,
          subject: message.subject,
          text: message.payload.text,
          html: message.payload.html,
          ...(message.payload.attachments ? { attachments: message.payload.attachments } : {}),
          idempotencyKey: message.id,
        });
        await tx.outboxMessage.update({
          where: { id: message.id },
          data: { status: "SENT", sentAt: now(), providerId, attempts: { increment: 1 }, lastError: null },
        });
        return "sent" as const;
      } catch (error) {
        const attempts = message.attempts + 1;
        await tx.outboxMessage.update({
          where: { id: message.id },
          data: {
            attempts,
            lastError: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
            nextAttemptAt: new Date(now().getTime() + nextAttemptDelayMs(attempts)),
          },
        });
        return "failed" as const;
      }
    });
    if (outcome === "empty") break;
    if (outcome === "sent") sent++;
    else failed++;
  }
  return { sent, failed };
}
