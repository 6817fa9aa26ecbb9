import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Check your email" />
      <Card className="space-y-3">
        <p>
          If {email ? <strong>{email}</strong> : "that address"} can use Golden Thread, a sign-in link is on its way. It works once and lasts 15 minutes.
        </p>
        <p className="text-stone-700">Nothing arrived after a few minutes? Check your spam folder, or <Link className="underline" href="/sign-in">ask for another link</Link>.</p>
        {env.hasDevMailbox ? (
          <p className="rounded-md bg-amber-50 p-3 text-amber-900">
            Development: emails are not sent from this machine. Read the link in the{" "}
            <Link className="font-semibold underline" href={`/dev/mailbox${email ? `?to=${encodeURIComponent(email)}` : ""}`}>
              dev mailbox
            </Link>
            .
          </p>
        ) : null}
      </Card>
    </div>
  );
}
