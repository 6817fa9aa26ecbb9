import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { listDevMailbox } from "@/lib/server/email/list-dev-mailbox";

export const metadata: Metadata = { title: "Dev mailbox" };
export const dynamic = "force-dynamic";

const linkPattern = /(https?:\/\/[^\s]+)/g;

/** Development only: the outbox as a mailbox, so magic links can be followed without real email. */
export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  const { to } = await searchParams;
  const messages = await listDevMailbox({ to });
  if (!messages) notFound();
  return (
    <>
      <PageHeader
        title="Dev mailbox"
        description="Emails the app would send. This page exists only in development; without RESEND_API_KEY nothing leaves this machine."
      />
      {messages.length === 0 ? (
        <EmptyState>No emails yet{to ? ` for ${to}` : ""}. Ask for a sign-in link and it will appear here.</EmptyState>
      ) : (
        <ul className="space-y-4">
          {messages.map((message) => {
            const text = (message.payload as { text?: string }).text ?? "";
            const attachments = (message.payload as { attachments?: { filename: string }[] }).attachments ?? [];
            return (
              <li key={message.id}>
                <article aria-label={`${message.subject} to ${message.to}`} className="rounded-xl border border-stone-200 bg-white p-4">
                  <header className="flex flex-wrap items-center justify-between gap-2">
                    <h2 className="font-semibold">{message.subject}</h2>
                    <Badge tone={message.status === "SENT" ? "good" : message.status === "FAILED" ? "danger" : "neutral"}>{message.status.toLowerCase()}</Badge>
                  </header>
                  <p className="text-sm text-stone-700">
                    To {message.to} · {formatDateTime(message.createdAt)}
                  </p>
                  <div className="mt-3 whitespace-pre-line break-words text-sm">
                    {text.split(linkPattern).map((part, index) =>
                      /^https?:\/\//.test(part) ? (
                        <a key={index} href={part} className="font-medium text-brand-800 underline">
                          {part}
                        </a>
                      ) : (
                        <span key={index}>{part}</span>
                      ),
                    )}
                  </div>
                  {attachments.length ? <p className="mt-2 text-sm text-stone-700">Attached: {attachments.map((a) => a.filename).join(", ")}</p> : null}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
