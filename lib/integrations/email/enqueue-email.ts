import type { DbTx } from "@/lib/db/create-client";

/** `content` is text (e.g. a calendar invite), or base64 for binary files such as PDFs (`encoding: "base64"`). */
export type EmailAttachment = { filename: string; contentType: string; content: string; encoding?: "base64" };
export type EmailContent = { subject: string; text: string; html: string; attachments?: EmailAttachment[] };

/**
 * Every email goes through the outbox: written in the caller's transaction (so it exists exactly
 * when what caused it does), then sent by the worker with retries (send-outbox.ts).
 */
export async function enqueueEmail(tx: DbTx, message: { kind: string; to: string } & EmailContent) {
  return tx.outboxMessage.create({
    data: {
      kind: message.kind,
      to: message.to.trim().toLowerCase(),
      subject: message.subject,
      payload: { text: message.text, html: message.html, ...(message.attachments?.length ? { attachments: message.attachments } : {}) },
    },
    select: { id: true },
  });
}
