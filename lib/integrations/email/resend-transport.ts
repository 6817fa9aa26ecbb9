import { Resend } from "resend";
import type { EmailTransport } from "./send-outbox";

/**
 * The real provider: Resend, used only when RESEND_API_KEY is set. Each message carries its outbox id
 * as Resend's Idempotency-Key, so a retry after a lost answer is not delivered twice. The SDK reads
 * RESEND_BASE_URL (tests point it at a local stand-in for api.resend.com).
 */
export function createResendTransport(apiKey: string): EmailTransport {
  const resend = new Resend(apiKey);
  return {
    async send(message, { signal } = {}) {
      const { data, error } = await resend.emails.send(
        {
          from: message.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          ...(message.attachments ? { attachments: message.attachments.map((a) => ({ filename: a.filename, content: Buffer.from(a.content, a.encoding ?? "utf8"), contentType: a.contentType })) } : {}),
        },
        { idempotencyKey: message.idempotencyKey, ...(signal ? { signal } : {}) },
      );
      if (error || !data?.id) {
        const status = error?.statusCode ? ` ${error.statusCode}` : "";
        throw new Error(error ? `Resend${status} ${error.name}: ${error.message}` : "Resend returned no id");
      }
      return { providerId: data.id };
    },
  };
}
