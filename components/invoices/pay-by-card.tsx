"use client";

import { useActionState } from "react";
import { payInvoiceByCardAction, type PayState } from "@/app/org/[slug]/invoices/actions";

export function PayByCardButton({ orgSlug, number, label }: { orgSlug: string; number: number; label: string }) {
  const [state, action, isPending] = useActionState<PayState, FormData>(payInvoiceByCardAction.bind(null, orgSlug, String(number)), null);
  return (
    <form action={action}>
      <button type="submit" disabled={isPending} className="min-h-11 font-semibold text-brand-800 underline disabled:opacity-60">
        {isPending ? "Opening…" : "Pay by card"}
        <span className="sr-only"> {label}</span>
      </button>
      {state ? (
        <p role="alert" className="text-sm text-red-900">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
