"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { demoSignInAction, requestMagicLinkAction, type SignInState } from "@/app/sign-in/actions";

export function MagicLinkForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, isPending] = useActionState<SignInState, FormData>(requestMagicLinkAction, null);
  const emailError = state && !state.ok ? state.fieldErrors?.email?.[0] : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <div className="space-y-1">
        <label htmlFor="email" className="block font-medium">
          Email address
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : "email-hint"}
          className="block min-h-11 w-full rounded-lg border border-stone-400 px-3 py-2"
        />
        <p id="email-hint" className="text-sm text-stone-700">
          We&apos;ll email you a link that signs you in. No password needed.
        </p>
        {emailError ? (
          <p id="email-error" className="text-sm font-medium text-red-800">
            {emailError}
          </p>
        ) : null}
      </div>
      {state && !state.ok && !emailError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          {state.message}
        </p>
      ) : null}
      <Button type="submit" disabled={isPending}>
        {isPending ? "Sending…" : "Email me a sign-in link"}
      </Button>
    </form>
  );
}

export function DemoSignInForm({ accounts }: { accounts: readonly { key: string; label: string; description: string }[] }) {
  const [state, action, isPending] = useActionState<SignInState, FormData>(demoSignInAction, null);
  return (
    <form action={action} className="space-y-3">
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          {state.message}
        </p>
      ) : null}
      <ul className="grid gap-2 sm:grid-cols-2">
        {accounts.map((account) => (
          <li key={account.key}>
            <button
              type="submit"
              name="account"
              value={account.key}
              disabled={isPending}
              className="flex min-h-11 w-full flex-col items-start rounded-lg border border-stone-300 bg-white p-3 text-left hover:border-brand-700 hover:bg-brand-50 disabled:opacity-60"
            >
              <span className="font-semibold">Sign in as {account.label}</span>
              <span className="text-sm text-stone-700">{account.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </form>
  );
}
