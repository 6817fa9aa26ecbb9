import { Resend } from "resend";
import type { EmailTransport } from "./send-outbox";

/** The real provider: Resend, used only when RESEND_API_KEY is set. */
export function createResendTransport(apiKey: string): EmailTransport {
  const resend = new Resend(apiKey);
  return {
    async send(message) {
      const { data, error } = await resend.emails.send(
        {
          from: message.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          ...(message.attachments ? { attachments: message.attachments.map((a) => ({ filename: a.filename, content: Buffer.from(a.content, a.encoding ?? "utf8"), contentType: a.contentType })) } : {}),
        },
        { idempotencyKey: message.idempotencyKey },
      );
      if (error || !data) throw new Error(error?.message ?? "Resend returned no id");
      return { providerId: data.id };
    },
  };
}
