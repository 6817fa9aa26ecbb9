import type { Db } from "@/lib/db/create-client";
import type { EmailAttachment } from "./enqueue-email";

/** What the outbox needs from an email provider: send one message, or throw. `signal` aborts a send that takes too long. */
export type EmailTransport = {
  send(
    message: { from: string; to: string; subject: string; text: string; html: string; attachments?: EmailAttachment[]; idempotencyKey: string },
    options?: { signal?: AbortSignal },
  ): Promise<{ providerId: string }>;
};

/** A provider that doesn't answer within this is a failed attempt (retried with backoff), never a stuck worker. */
export const SEND_TIMEOUT_MS = 15_000;

/** Retry schedule: 30 s, 1 min, 2 min … capped at 1 hour. Messages are never dropped: they wait for the provider. */
export function nextAttemptDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

/**
 * Sends due outbox messages. Each message is claimed with FOR UPDATE SKIP LOCKED inside its own
 * transaction, so any number of workers can run without sending a message twice; the provider's
 * idempotency key (the message id) covers a crash between sending and recording. The row stays
 * locked while the provider answers, so a send has a deadline (sendTimeoutMs) shorter than the
 * transaction's: a provider that never answers is a failed attempt with backoff, not a stuck worker.
 */
export async function sendDueEmails({ db, transport, from, now = () => new Date(), batchSize = 20, sendTimeoutMs = SEND_TIMEOUT_MS }: {
  db: Db;
  transport: EmailTransport;
  from: string;
  now?: () => Date;
  batchSize?: number;
  sendTimeoutMs?: number;
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
        const signal = AbortSignal.timeout(sendTimeoutMs);
        const { providerId } = await withDeadline(signal, sendTimeoutMs, transport.send({
          from,
          to: message.to,
          subject: message.subject,
          text: message.payload.text,
          html: message.payload.html,
          ...(message.payload.attachments ? { attachments: message.payload.attachments } : {}),
          idempotencyKey: message.id,
        }, { signal }));
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
    }, { maxWait: 10_000, timeout: sendTimeoutMs + 15_000 });
    if (outcome === "empty") break;
    if (outcome === "sent") sent++;
    else failed++;
  }
  return { sent, failed };
}

/** Settles when the send does, or rejects at the deadline even if the transport ignores its signal. */
function withDeadline<T>(signal: AbortSignal, ms: number, send: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error(`The email provider did not answer within ${ms / 1000} s.`));
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    send.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
