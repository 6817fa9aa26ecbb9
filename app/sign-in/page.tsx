import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DemoSignInForm, MagicLinkForm } from "@/components/auth/sign-in-forms";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getActor, homePathFor } from "@/lib/auth/actor";
import { DEMO_ACCOUNTS } from "@/lib/demo-accounts";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

const errorMessages: Record<string, string> = {
  Verification: "That sign-in link has expired or has already been used. Ask for a new one below.",
  Default: "Something went wrong signing you in. Please try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const actor = await getActor();
  if (actor) redirect(homePathFor(actor));
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Sign in" description="For client organisations, associates and the director." />
      {error ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-red-900">
          {errorMessages[error] ?? errorMessages.Default}
        </p>
      ) : null}
      <div className="grid gap-6">
        <Card>
          <CardTitle className="mb-4">Sign in with your email</CardTitle>
          <MagicLinkForm callbackUrl={callbackUrl} />
        </Card>
        {env.isDemoMode ? (
          <Card>
            <CardTitle>Try the demo</CardTitle>
            <p className="mb-4 mt-1 text-sm text-stone-700">
              Demo mode is on, so you can sign in as one of the made-up people below with one click. This is never available on the live service.
            </p>
            <DemoSignInForm accounts={DEMO_ACCOUNTS} />
          </Card>
        ) : null}
      </div>
    </div>
  );
}
